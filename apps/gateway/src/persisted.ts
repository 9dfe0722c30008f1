import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { forbidden, hasRole, type Principal } from "@hsa/subgraph-kit";

/**
 * The persisted-operation allow-list (`HSA_PERSISTED_OPERATIONS`, default in production:
 * `apps/gateway/persisted-operations.json`, written by `scripts/extract-operations.ts`):
 *
 * ```json
 * { "format": "hsa-persisted-operations/1",
 *   "operations": [ { "name": "Dashboard_enrollment", "sha256": "<hex SHA-256 of the query text>" } ] }
 * ```
 *
 * The hash is of the exact `query` string a client sends (UTF-8); `name` is informational (the
 * operation name the dashboard sends with it). An operation whose hash is listed is allowed for
 * every authenticated token; any other only for tokens with the `analyst` (or `admin`) role.
 */
export interface PersistedOperationsFile {
  format: "hsa-persisted-operations/1";
  operations: { name: string; sha256: string }[];
}

export const PERSISTED_OPERATIONS_PATH = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "persisted-operations.json",
);

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function readPersistedOperations(path: string): Set<string> {
  const file = JSON.parse(readFileSync(path, "utf8")) as PersistedOperationsFile;
  if (file.format !== "hsa-persisted-operations/1" || !Array.isArray(file.operations))
    throw new Error(`${path}: not an hsa-persisted-operations/1 file`);
  const hashes = new Set<string>();
  for (const op of file.operations) {
    if (typeof op.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(op.sha256))
      throw new Error(`${path}: ${op.name}: sha256 must be 64 lowercase hex digits`);
    hashes.add(op.sha256);
  }
  return hashes;
}

/** `extensions.reason` of the refusal: clients (the dashboard's 数据查询) explain it in their own words. */
export const PERSISTED_ONLY = "PERSISTED_OPERATIONS_ONLY";

/** Rejects, with FORBIDDEN (HTTP 403), operations not on the list unless the token is an analyst's. */
export function persistedOperationsPlugin<C extends BaseContext & { principal: Principal }>(
  allowed: ReadonlySet<string>,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, contextValue }) {
          if (allowed.has(sha256(source))) return;
          if (hasRole(contextValue.principal, "analyst")) return;
          throw forbidden(
            "this operation is not on the persisted-operation allow-list: only tokens with the 'analyst' role may send ad-hoc queries",
            { reason: PERSISTED_ONLY, requiredRole: "analyst", http: { status: 403 } },
          );
        },
      };
    },
  };
}
