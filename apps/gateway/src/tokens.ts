import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { type DbHandle, rowsOf } from "@hsa/db";
import { getRegion, isInSubtree } from "@hsa/regions";
import {
  bearerToken,
  hasRole,
  mintToken,
  type Principal,
  type Revocations,
  type Role,
  type TokenVerifier,
} from "@hsa/subgraph-kit";
import { sql } from "drizzle-orm";
import type { Logger } from "pino";

/**
 * API tokens for scripts (issue 20 item 4): an administrator of a region issues a named token for
 * its own subtree with roles and an expiry, lists the tokens of its subtree and revokes them. A
 * token is an HS256 JWT signed with the gateway's secret whose `jti` is the row id; it is shown
 * once and never stored. A revoked token is refused by the gateway at once and by every subgraph
 * within one poll of GET /auth/revoked (HSA_REVOCATION_POLL_MS, default 30 s).
 *
 * Endpoints (JSON; errors as `{ errors: [{ message, extensions: { code } }] }`):
 * - `POST /auth/tokens` `{ name, scope?, roles, expiresInDays? }` → 201 with the token (admin)
 * - `GET /auth/tokens` → the tokens of the caller's subtree, newest first (admin)
 * - `POST /auth/tokens/revoke` `{ id }` → the revoked token (admin of a region covering its scope)
 * - `GET /auth/revoked` → `{ revoked: [ids] }` of unexpired revoked tokens (for the subgraphs)
 */
export const TOKEN_MIGRATIONS = fileURLToPath(new URL("../drizzle", import.meta.url));

/** Roles an API token may carry: never `admin` (tokens are for scripts, not for issuing tokens). */
export const API_TOKEN_ROLES: readonly Role[] = ["viewer", "reporter", "approver", "analyst"];
export const MAX_TOKEN_DAYS = 366;
export const DEFAULT_TOKEN_DAYS = 90;
const REFRESH_MS = 30_000;

export interface ApiTokenView {
  id: string;
  name: string;
  scope: string;
  scopeName: string;
  roles: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  status: "ACTIVE" | "EXPIRED" | "REVOKED";
}

interface Row {
  id: string;
  name: string;
  scope: string;
  roles: string[] | string;
  created_by: string;
  created_by_name: string;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  revoked_by: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const rolesOf = (r: string[] | string) =>
  Array.isArray(r)
    ? r
    : r
        .replace(/^\{|\}$/g, "")
        .split(",")
        .filter(Boolean);

function view(r: Row, now = Date.now()): ApiTokenView {
  const expiresAt = iso(r.expires_at) as string;
  return {
    id: r.id,
    name: r.name,
    scope: r.scope,
    scopeName: getRegion(r.scope)?.name ?? r.scope,
    roles: rolesOf(r.roles),
    createdBy: r.created_by_name,
    createdAt: iso(r.created_at) as string,
    expiresAt,
    revokedAt: iso(r.revoked_at),
    revokedBy: r.revoked_by,
    status: r.revoked_at ? "REVOKED" : Date.parse(expiresAt) <= now ? "EXPIRED" : "ACTIVE",
  };
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
const bad = (message: string) => new HttpFailure(400, "BAD_USER_INPUT", message);

function send(res: ServerResponse, status: number, body: unknown): number {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
  return status;
}

async function readJson(req: IncomingMessage, max = 16 * 1024): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  // Read to the end even when too large (bounded: the gateway's body limit applies), so that the
  // client gets the 400 rather than a reset connection.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= max) chunks.push(chunk as Buffer);
    if (size > 64 * max) break;
  }
  if (size > max) throw bad(`request body larger than ${max} bytes`);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const v = text ? (JSON.parse(text) as unknown) : {};
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {}
  throw bad("the body must be a JSON object");
}

export interface TokenStore extends Revocations {
  /** The gateway's request routes ("METHOD /path" → handler). */
  routes: Record<string, (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<number>>;
  stop(): void;
}

/**
 * Migrates the `gateway` schema and returns the store. `sign`: whether this gateway may issue
 * tokens (it verifies HS256 tokens with its secret); with an OIDC issuer it may not (issuance is
 * the issuer's, by client credentials) but still lists and revokes what was issued before.
 */
export async function createTokenStore(opts: {
  handle: DbHandle;
  secret: string;
  verify: TokenVerifier;
  sign: boolean;
  log: Logger;
}): Promise<TokenStore> {
  const { handle, log } = opts;
  await handle.migrate(TOKEN_MIGRATIONS, "gateway");
  const db = handle.db;
  let revoked = new Set<string>();
  // Ids revoked by this gateway that a refresh may not see yet (its SELECT can start before the
  // revoke's UPDATE commits): kept in the list until the database shows them.
  const revokedHere = new Set<string>();
  const refresh = async () => {
    // Kept 5 minutes past expiry: a service whose clock runs behind still refuses them.
    const rows = rowsOf<{ id: string }>(
      await db.execute(
        sql`select id from gateway.api_token where revoked_at is not null and expires_at > now() - interval '5 minutes'`,
      ),
    );
    const fromDb = new Set(rows.map((r) => r.id));
    for (const id of revokedHere) if (fromDb.has(id)) revokedHere.delete(id);
    revoked = new Set([...fromDb, ...revokedHere]);
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((err) => log.warn({ err }, "could not refresh the revoked-token list"));
  }, REFRESH_MS);
  timer.unref();

  const admin = async (req: IncomingMessage): Promise<Principal & { scope: string }> => {
    let token: string | null;
    try {
      token = bearerToken(req.headers.authorization);
    } catch (err) {
      throw new HttpFailure(401, "UNAUTHENTICATED", (err as Error).message);
    }
    if (!token)
      throw new HttpFailure(401, "UNAUTHENTICATED", "sign in: an Authorization: Bearer token is required");
    let p: Principal;
    try {
      p = await opts.verify(token);
    } catch (err) {
      throw new HttpFailure(401, "UNAUTHENTICATED", (err as Error).message);
    }
    if (!hasRole(p, "admin") || !p.scope || p.tokenId) {
      throw new HttpFailure(
        403,
        "FORBIDDEN",
        "API tokens are managed by an administrator of the region (role admin, signed in; not with an API token) / 需由本地区管理员登录后管理",
      );
    }
    return p as Principal & { scope: string };
  };

  const handle401 = (fn: (req: IncomingMessage, res: ServerResponse) => Promise<number>) => {
    return async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
      try {
        return await fn(req, res);
      } catch (err) {
        if (err instanceof HttpFailure)
          return send(res, err.status, {
            errors: [{ message: err.message, extensions: { code: err.code } }],
          });
        log.error({ err, requestId }, "api token request failed");
        return send(res, 500, {
          errors: [
            {
              message: "internal server error: the details are in the gateway log",
              extensions: { code: "INTERNAL_SERVER_ERROR" },
            },
          ],
        });
      }
    };
  };

  const issue = async (req: IncomingMessage, res: ServerResponse) => {
    const p = await admin(req);
    if (!opts.sign)
      throw new HttpFailure(
        501,
        "NOT_IMPLEMENTED",
        "this gateway verifies tokens of an OIDC issuer: create a client (client credentials) there for scripts",
      );
    const body = await readJson(req);
    const name = typeof body.name === "string" ? body.name.trim() : "";
    if (name.length < 1 || name.length > 80) throw bad("name: 1–80 characters, e.g. “统计科 Python 脚本”");
    const scope = body.scope === undefined ? p.scope : body.scope;
    if (typeof scope !== "string" || !getRegion(scope)) throw bad(`scope: a region code, e.g. ${p.scope}`);
    if (!isInSubtree(scope, p.scope))
      throw new HttpFailure(403, "FORBIDDEN", `scope ${scope} is outside your region ${p.scope}`);
    const roles = body.roles;
    if (
      !Array.isArray(roles) ||
      roles.length === 0 ||
      roles.some((r) => typeof r !== "string" || !API_TOKEN_ROLES.includes(r as Role))
    )
      throw bad(`roles: one or more of ${API_TOKEN_ROLES.join(", ")}`);
    const days = body.expiresInDays === undefined ? DEFAULT_TOKEN_DAYS : body.expiresInDays;
    if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)
      throw bad(`expiresInDays: a whole number of days 1–${MAX_TOKEN_DAYS}`);
    const id = `tok_${randomBytes(12).toString("base64url")}`;
    const unique = [...new Set(roles as string[])];
    const rows = rowsOf<Row>(
      await db.execute(sql`insert into gateway.api_token (id, name, scope, roles, created_by, created_by_name, expires_at)
        values (${id}, ${name}, ${scope}, ${`{${unique.join(",")}}`}::text[], ${p.sub}, ${p.name}, now() + ${days} * interval '1 day')
        returning *`),
    );
    const row = rows[0] as Row;
    const seconds = Math.floor((Date.parse(iso(row.expires_at) as string) - Date.now()) / 1000);
    const token = await mintToken(
      { sub: `api-token:${id}`, name: `${name}（${p.name}）`, scope, roles: unique, jti: id },
      opts.secret,
      `${seconds}s`,
    );
    log.info({ id, scope, roles: unique, by: p.sub }, "api token issued");
    return send(res, 201, { ...view(row), token });
  };

  const list = async (req: IncomingMessage, res: ServerResponse) => {
    const p = await admin(req);
    const rows = rowsOf<Row>(
      await db.execute(sql`select * from gateway.api_token order by created_at desc, id`),
    );
    return send(res, 200, { tokens: rows.filter((r) => isInSubtree(r.scope, p.scope)).map((r) => view(r)) });
  };

  const revoke = async (req: IncomingMessage, res: ServerResponse) => {
    const p = await admin(req);
    const body = await readJson(req);
    const id = typeof body.id === "string" ? body.id : "";
    const rows = rowsOf<Row>(await db.execute(sql`select * from gateway.api_token where id = ${id}`));
    const row = rows[0];
    // Unknown and out-of-scope ids answer alike: no oracle of other regions' tokens.
    if (!row || !isInSubtree(row.scope, p.scope))
      throw new HttpFailure(404, "NOT_FOUND", `no API token ${id || "(no id)"} in your region`);
    const updated = rowsOf<Row>(
      await db.execute(sql`update gateway.api_token set revoked_at = coalesce(revoked_at, now()),
        revoked_by = coalesce(revoked_by, ${p.name}) where id = ${id} returning *`),
    );
    revokedHere.add(id);
    revoked.add(id);
    log.info({ id, by: p.sub }, "api token revoked");
    return send(res, 200, view(updated[0] as Row));
  };

  return {
    has: (id) => revoked.has(id),
    stop: () => clearInterval(timer),
    routes: {
      "POST /auth/tokens": handle401(issue),
      "GET /auth/tokens": handle401(list),
      "POST /auth/tokens/revoke": handle401(revoke),
      "GET /auth/revoked": handle401(async (_req, res) =>
        send(res, 200, { revoked: [...revoked].sort(), asOf: new Date().toISOString() }),
      ),
    },
  };
}

/** Without a token database: /auth/tokens says why, /auth/revoked lists nothing. */
export function tokensUnavailableRoutes(): TokenStore["routes"] {
  const unavailable = async (_req: IncomingMessage, res: ServerResponse) =>
    send(res, 503, {
      errors: [
        {
          message: "API tokens are not configured on this gateway (it was started without a token database)",
          extensions: { code: "SERVICE_UNAVAILABLE" },
        },
      ],
    });
  return {
    "POST /auth/tokens": unavailable,
    "GET /auth/tokens": unavailable,
    "POST /auth/tokens/revoke": unavailable,
    // 503, not an empty list: a subgraph polling a misconfigured gateway keeps the list it had.
    "GET /auth/revoked": unavailable,
  };
}
