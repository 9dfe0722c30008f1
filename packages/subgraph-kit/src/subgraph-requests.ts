/**
 * How a subgraph takes a request: signed by the gateway (when a secret is set), the token verified
 * (federation's SDL fetch may come without one), the database breaker, the data version read for
 * the gateway's cache — for GraphQL requests (the context) and for authenticated uploads alike.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { bearerToken, type Principal } from "./auth";
import { unauthenticated } from "./errors";
import { INTERNAL_HEADER, verifyInternal } from "./internal";
import { DATABASE_UNAVAILABLE_MESSAGE, type DatabaseBreaker, type RequestAttempt } from "./outage";
import type { SubgraphContext } from "./subgraph-schema";

/** Request header: read the data version before executing, answer it in DATA_VERSION_HEADER. */
export const WANT_DATA_VERSION_HEADER = "x-hsa-want-data-version";
/** Response header: the subgraph's data version read before the request was executed. */
export const DATA_VERSION_HEADER = "x-hsa-data-version";
/** GET endpoint of a subgraph answering `{ "version": "…" }` (no token: a count of writes, nothing more). */
export const DATA_VERSION_PATH = "/data-version";

/** Sends the data version read for this request back to the caller. */
export function dataVersionPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue?.dataVersion)
            response.http.headers.set(DATA_VERSION_HEADER, contextValue.dataVersion);
        },
      };
    },
  };
}

export interface UploadContext {
  principal: Principal;
  authorization: string;
  requestId: string;
  log: Logger;
}

/** Reads the request body itself and writes the whole response; returns the HTTP status. */
export type UploadHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: UploadContext,
) => Promise<number>;

function notThroughGateway(): GraphQLError {
  return unauthenticated(
    "this service answers only requests that come through the gateway: send them to the gateway's /graphql",
  );
}

/** Federation's own schema fetch (IntrospectAndCompose) carries no user token; its SDL is not secret. */
function isServiceSdlQuery(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const q = (body as { query?: unknown }).query;
  return typeof q === "string" && /^\s*(query\s*\w*\s*)?\{\s*_service\s*\{\s*sdl\s*\}\s*\}\s*$/.test(q);
}

/** What a request is checked with. */
export interface RequestChecks {
  name: string;
  log: Logger;
  /** the gateway's signing secret (undefined: direct requests accepted) */
  internalSecret: string | undefined;
  verify(token: string): Promise<Principal>;
}

/** Whether a request comes through the gateway (always, when no secret is set). */
async function viaGateway(c: RequestChecks, req: IncomingMessage): Promise<boolean> {
  if (!c.internalSecret) return true;
  const header = req.headers[INTERNAL_HEADER];
  return verifyInternal(
    c.internalSecret,
    c.name,
    typeof header === "string" ? header : undefined,
    req.headers.authorization,
  );
}

/** The context of a GraphQL request (throws the typed error a refused request gets). */
export function requestContext(
  c: RequestChecks,
  breaker: DatabaseBreaker,
  dataVersion: (() => Promise<string>) | undefined,
) {
  const { log, verify } = c;
  return async ({
    req,
    requestId,
    body,
    attempt,
  }: {
    req: IncomingMessage;
    requestId: string;
    body: unknown;
    attempt?: RequestAttempt;
  }): Promise<SubgraphContext> => {
    if (!(await viaGateway(c, req))) throw notThroughGateway();
    if (breaker.isOpen()) {
      // HTTP 200 so that the gateway passes the code on instead of reporting the subgraph down.
      throw new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
        extensions: { code: "DATABASE_UNAVAILABLE", http: { status: 200 } },
      });
    }
    const token = bearerToken(req.headers.authorization);
    if (!token) {
      // Only federation's SDL fetch may come without a token; everything else is denied.
      const anonymous: Principal = { sub: "anonymous", name: "anonymous", scope: null, roles: [] };
      if (req.method === "POST" && isServiceSdlQuery(body)) {
        return { principal: anonymous, requestId, log, attempt };
      }
      throw unauthenticated();
    }
    // Read before anything is executed: a write committed meanwhile makes the entry look older
    // than its data, never newer (the cache then recomputes; it never serves stale figures).
    const version =
      dataVersion && req.headers[WANT_DATA_VERSION_HEADER]
        ? dataVersion().catch((err: unknown) => {
            log.warn({ err, requestId }, "data version not read: the answer will not be cached");
            return undefined;
          })
        : undefined;
    const principal = await verify(token);
    return {
      principal,
      authorization: req.headers.authorization,
      requestId,
      log: log.child({ sub: principal.sub }),
      attempt,
      dataVersion: await version,
    };
  };
}

/** The upload endpoints by path: the token checked as for GraphQL, 401 before the handler runs. */
export function uploadRoutes(c: RequestChecks, uploads: Record<string, UploadHandler> = {}) {
  const { log, verify } = c;
  return Object.fromEntries(
    Object.entries(uploads).map(([path, upload]) => [
      path,
      async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
        const fail = (status: number, code: string, message: string) => {
          res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
          res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
          req.resume();
          return status;
        };
        if (!(await viaGateway(c, req))) return fail(401, "UNAUTHENTICATED", notThroughGateway().message);
        const token = bearerToken(req.headers.authorization);
        if (!token) return fail(401, "UNAUTHENTICATED", unauthenticated().message);
        let principal: Principal;
        try {
          principal = await verify(token);
        } catch (err) {
          return fail(401, "UNAUTHENTICATED", (err as Error).message);
        }
        return upload(req, res, {
          principal,
          authorization: req.headers.authorization as string,
          requestId,
          log: log.child({ sub: principal.sub }),
        });
      },
    ]),
  );
}
