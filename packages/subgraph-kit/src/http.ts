import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApolloServer, type BaseContext, HeaderMap } from "@apollo/server";
import type { Logger } from "pino";
import type { RequestAttempt } from "./outage";

export interface RequestInfo {
  req: IncomingMessage;
  requestId: string;
  /** The parsed request body (POST), for checks that depend on the operation. */
  body: unknown;
  /** This execution of the request; the plugin marks it retryable (see `retry`). */
  attempt: RequestAttempt;
}

/** A whole GraphQL HTTP answer (what a response cache keeps). */
export interface CompleteResponse {
  status: number;
  /** Apollo's headers (content type, …); the handler adds its own per request (request id, CORS). */
  headers: Record<string, string>;
  body: string;
}

/** What `around` sees of one request: a single operation, POSTed as a JSON object. */
export interface OperationRequest {
  req: IncomingMessage;
  requestId: string;
  body: Record<string, unknown>;
}

/**
 * Wraps the execution of one operation (e.g. a response cache): `run` executes it as usual; the
 * result is sent as returned, `cache` (e.g. "hit", "miss") goes into the request's log line.
 */
export type AroundExecution = (
  request: OperationRequest,
  run: () => Promise<CompleteResponse>,
) => Promise<CompleteResponse & { cache?: string }>;

export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  context: (info: RequestInfo) => Promise<C>;
  log: Logger;
  /**
   * Called when an execution was marked retryable (a query that lost its database connection):
   * resolves true when it is worth running once more (the database answers again).
   */
  retry?: () => Promise<boolean>;
  /** Readiness probe for GET /ready: resolves when dependencies (database, subgraphs) answer. */
  ready?: () => Promise<Record<string, unknown> | undefined>;
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Extra GET endpoints by path (e.g. "/demo/users"), answered with JSON. */
  routes?: Record<string, () => Promise<unknown>>;
  /** Extra headers on every response (e.g. CORS). */
  headers?: (req: IncomingMessage) => Record<string, string>;
  /** Whether a CORS preflight (OPTIONS) is allowed (default: yes); refused ones get 403. */
  preflight?: (req: IncomingMessage) => boolean;
  /**
   * Batched requests (a JSON array body): 0 (default) refuses them with BATCHING_DISABLED; n > 0
   * allows up to n operations per request (more: BATCH_TOO_LARGE). Apollo must allow them too.
   */
  maxBatch?: number;
  /**
   * Extra POST endpoints by path (e.g. "/import/enrollment") that read the request body
   * themselves (uploads). The handler writes the whole response and returns its status.
   */
  postRoutes?: Record<
    string,
    (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<number>
  >;
  /**
   * Endpoints by "METHOD /path" (e.g. "GET /auth/tokens") that need the request (its token): the
   * handler writes the whole response and returns its status.
   */
  requestRoutes?: Record<
    string,
    (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<number>
  >;
  /** Wraps single operations POSTed as JSON (see AroundExecution); others run as usual. */
  around?: AroundExecution;
}

/** A readiness failure whose message is safe to show on GET /ready (others are replaced). */
export class ReadinessError extends Error {}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = "BAD_REQUEST",
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const tooLarge = () => new HttpError(413, `request body larger than ${max} bytes`, "PAYLOAD_TOO_LARGE");
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) throw tooLarge();
    chunks.push(buf);
  }
  try {
    return utf8.decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "request body is not valid UTF-8");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...extra });
  res.end(JSON.stringify(body));
}

/**
 * A node:http request handler serving Apollo Server at /graphql plus GET /health (liveness) and
 * GET /ready (dependencies). One JSON log line per request with operation name and duration.
 */
export function graphqlHttpHandler<C extends BaseContext>(opts: GraphQLHttpOptions<C>) {
  const max = opts.maxBodyBytes ?? 1024 * 1024;
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const requestId = (req.headers["x-request-id"] as string | undefined) ?? randomUUID();
    const url = new URL(req.url ?? "/", "http://localhost");
    const extra = { "x-request-id": requestId, ...(opts.headers?.(req) ?? {}) };
    let operationName: string | undefined;
    let cache: string | undefined;
    let status = 200;
    try {
      if (req.method === "OPTIONS") {
        status = opts.preflight && !opts.preflight(req) ? 403 : 204;
        res.writeHead(status, extra);
        res.end();
        return;
      }
      if (url.pathname === "/health") {
        sendJson(res, 200, { status: "ok" }, extra);
        return;
      }
      if (url.pathname === "/ready") {
        try {
          const details = (await opts.ready?.()) ?? {};
          sendJson(res, 200, { status: "ready", ...details }, extra);
        } catch (err) {
          status = 503;
          // No driver or database text to the outside (it names hosts, users, versions): the log has it.
          opts.log.warn({ err, requestId }, "not ready");
          const error =
            err instanceof ReadinessError
              ? err.message
              : "a dependency (the database) does not answer; the details are in the service log";
          sendJson(res, 503, { status: "unavailable", error }, extra);
        }
        return;
      }
      const route = req.method === "GET" ? opts.routes?.[url.pathname] : undefined;
      if (route) {
        sendJson(res, 200, await route(), { ...extra, "cache-control": "no-store" });
        return;
      }
      const requestRoute = opts.requestRoutes?.[`${req.method} ${url.pathname}`];
      if (requestRoute) {
        for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
        res.setHeader("cache-control", "no-store");
        status = await requestRoute(req, res, requestId);
        return;
      }
      const postRoute = req.method === "POST" ? opts.postRoutes?.[url.pathname] : undefined;
      if (postRoute) {
        for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
        status = await postRoute(req, res, requestId);
        return;
      }
      if (url.pathname !== "/graphql") {
        status = 404;
        sendJson(res, 404, { error: "not found: the GraphQL endpoint is /graphql" }, extra);
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      let body: unknown;
      if (req.method === "POST") {
        const text = await readBody(req, max);
        const type = headers.get("content-type") ?? "";
        if (type.includes("application/json")) {
          try {
            body = text.length ? JSON.parse(text) : undefined;
          } catch {
            throw new HttpError(400, "request body is not valid JSON");
          }
        } else {
          body = text;
        }
        if (Array.isArray(body)) {
          const maxBatch = opts.maxBatch ?? 0;
          if (maxBatch <= 0)
            throw new HttpError(
              400,
              "batched requests (a JSON array body) are not accepted: send one operation per request",
              "BATCHING_DISABLED",
            );
          if (body.length > maxBatch)
            throw new HttpError(
              400,
              `a batch of ${body.length} operations; at most ${maxBatch} per request`,
              "BATCH_TOO_LARGE",
            );
        }
        if (body && typeof body === "object" && "operationName" in body) {
          const name = (body as { operationName?: unknown }).operationName;
          if (typeof name === "string") operationName = name;
        }
      } else {
        operationName = url.searchParams.get("operationName") ?? undefined;
      }
      const execute = (attempt: RequestAttempt) =>
        opts.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
          context: () => opts.context({ req, requestId, body, attempt }),
        });
      const runOnce = async () => {
        const first: RequestAttempt = { number: 1, retryable: false };
        let result = await execute(first);
        if (first.retryable && opts.retry && (await opts.retry())) {
          opts.log.info({ requestId, operationName }, "database back: running the query once more");
          result = await execute({ number: 2, retryable: false });
        }
        return result;
      };
      const isOperation =
        opts.around &&
        req.method === "POST" &&
        body !== null &&
        typeof body === "object" &&
        !Array.isArray(body) &&
        (headers.get("content-type") ?? "").includes("application/json");
      if (opts.around && isOperation) {
        const answer = await opts.around(
          { req, requestId, body: body as Record<string, unknown> },
          async () => {
            const result = await runOnce();
            let text = "";
            if (result.body.kind === "complete") text = result.body.string;
            else for await (const chunk of result.body.asyncIterator) text += chunk;
            return { status: result.status ?? 200, headers: Object.fromEntries(result.headers), body: text };
          },
        );
        status = answer.status;
        cache = answer.cache;
        res.writeHead(status, { ...extra, ...answer.headers });
        res.end(answer.body);
        return;
      }
      const result = await runOnce();
      status = result.status ?? 200;
      const outHeaders: Record<string, string> = { ...extra };
      for (const [k, v] of result.headers) outHeaders[k] = v;
      res.writeHead(status, outHeaders);
      if (result.body.kind === "complete") {
        res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (err) {
      status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof HttpError ? err.message : "internal server error";
      const code = err instanceof HttpError ? err.code : "INTERNAL_SERVER_ERROR";
      if (!(err instanceof HttpError)) opts.log.error({ err, requestId }, "request failed");
      if (!res.headersSent) {
        // An oversized body is not read further: answer, close the connection, discard the rest.
        const close: Record<string, string> = status === 413 ? { connection: "close" } : {};
        sendJson(res, status, { errors: [{ message, extensions: { code } }] }, { ...extra, ...close });
        if (status === 413) req.resume();
      } else res.end();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      opts.log.info(
        {
          requestId,
          method: req.method,
          path: url.pathname,
          operationName,
          status,
          cache,
          ms: Math.round(ms * 10) / 10,
        },
        "request",
      );
    }
  };
}

export interface Listening {
  server: Server;
  port: number;
  url: string;
}

/** Listens on host:port (port 0 = a free port) and resolves once bound. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  port: number,
  host = "127.0.0.1",
): Promise<Listening> {
  const server = createServer((req, res) => {
    handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return { server, port: bound, url: `http://${shownHost}:${bound}/graphql` };
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}
