import { randomBytes } from "node:crypto";
import { type DbHandle, openDatabase } from "@hsa/db";
import { demoEnrollment, type EnrollmentFacts } from "@hsa/demo-data";
import { insertMissing, startEnrollmentSubgraph } from "@hsa/enrollment";
import { mintToken, type RunningService, type TokenClaims } from "@hsa/subgraph-kit";
import { createDatabaseAt } from "@hsa/test-kit";
import { startGateway } from "../src";

export const SECRET = "integration-test-secret-0123456789-abcdefghij";
export type DbKind = "pglite" | "postgres";

export interface Stack {
  handle: DbHandle;
  enrollment: RunningService;
  gateway: RunningService;
  /** The demo facts loaded, so tests can compute expected figures independently. */
  facts: EnrollmentFacts[];
  stop(): Promise<void>;
}

/** Real enrollment subgraph + real gateway on free ports, over PGlite or a real PostgreSQL database. */
export async function startStack(
  kind: DbKind,
  pgUrl?: string,
  scopes = ["430000", "150000"],
): Promise<Stack> {
  let handle: DbHandle;
  if (kind === "pglite") {
    handle = await openDatabase({ subgraph: "enrollment", pgliteDataDir: "memory://" });
  } else {
    if (!pgUrl) throw new Error("no PostgreSQL server: the vitest global setup should provide pgUrl");
    const url = await createDatabaseAt(pgUrl, `hsa_${randomBytes(6).toString("hex")}`);
    handle = await openDatabase({ subgraph: "enrollment", databaseUrl: url, poolSize: 4 });
  }
  const enrollment = await startEnrollmentSubgraph({ handle, port: 0, jwtSecret: SECRET });
  const facts = scopes.flatMap((scope) => demoEnrollment({ scope }));
  await insertMissing(
    handle.db,
    facts.map((f) => ({ ...f, reportedBy: "test" })),
  );
  const gateway = await startGateway({
    port: 0,
    jwtSecret: SECRET,
    subgraphUrls: { enrollment: enrollment.url },
  });
  return {
    handle,
    enrollment,
    gateway,
    facts,
    async stop() {
      await gateway.stop();
      await enrollment.stop();
      await handle.close();
    },
  };
}

export function token(claims: TokenClaims, secret = SECRET, ttl: string | number = "1h"): Promise<string> {
  return mintToken(claims, secret, ttl);
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** POSTs a GraphQL operation as a client would. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string | null,
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<GqlResult<T>, "status">;
  return { status: res.status, ...body };
}
