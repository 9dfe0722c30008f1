import type { IncomingMessage, ServerResponse } from "node:http";
import { PassThrough, Readable } from "node:stream";
import {
  bearerToken,
  INTERNAL_HEADER,
  importKindOwners,
  readRegistry,
  signInternal,
  type TokenVerifier,
} from "@hsa/subgraph-kit";
import type { Logger } from "pino";

/**
 * The CSV import kinds and the subgraph that owns each (its facts, its approval states), from the
 * registry (supergraph.yaml, `hsa.imports`). The gateway's POST /import/<kind> streams the upload to that subgraph's own /import/<kind>.
 */
export const IMPORT_KINDS: Readonly<Record<string, string>> = importKindOwners(readRegistry());

function sendError(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  discardBody(req, res);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  return status;
}

/** Twice the largest import (HSA_IMPORT_MAX_BYTES, default 64 MiB): more of a refused body is not read. */
const DRAIN_MAX_BYTES = 2 * (Number(process.env.HSA_IMPORT_MAX_BYTES) || 64 * 1024 * 1024);

/**
 * Reads and drops what is left of a refused upload's body, so that clients still sending it get
 * the answer (closing the connection under a client that is still writing loses it to EPIPE);
 * a larger body than DRAIN_MAX_BYTES is cut off.
 */
function discardBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  if (Number(req.headers["content-length"] ?? 0) > DRAIN_MAX_BYTES) {
    if (!res.headersSent) res.setHeader("connection", "close");
  } else {
    let dropped = 0;
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > DRAIN_MAX_BYTES) req.socket?.destroy();
    });
  }
  req.resume();
}

/** Imports one subgraph runs at once (HSA_IMPORT_CONCURRENCY, default 2, as in @hsa/reporting). */
export function importConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.HSA_IMPORT_CONCURRENCY);
  return env.HSA_IMPORT_CONCURRENCY && Number.isInteger(n) && n > 0 ? n : 2;
}

/** What a refused upload is told to wait, seconds (HTTP Retry-After). */
const RETRY_AFTER_S = 30;

const FORWARDED = ["content-type", "content-length", "accept", "x-file-name"] as const;

/**
 * POST /import/<kind> at the gateway: checks the token (401 before any byte is forwarded) and the
 * imports under way to the owning subgraph (429 with Retry-After beyond HSA_IMPORT_CONCURRENCY,
 * before any byte is read), then streams the request to that subgraph and its answer (JSON, or
 * NDJSON progress) back unchanged. The subgraph verifies the token again and does every other
 * check itself (its own limits too: requests may reach it directly or through other gateways).
 */
export function importProxyRoutes(
  urls: Record<string, string>,
  verify: TokenVerifier,
  log: Logger,
  timeoutMs = 15 * 60_000,
  internalSecret?: string,
  concurrency = importConcurrency(),
) {
  const running = new Map<string, number>();
  const routes: Record<
    string,
    (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<number>
  > = {};
  for (const [kind, subgraph] of Object.entries(IMPORT_KINDS)) {
    routes[`/import/${kind}`] = async (req, res, requestId) => {
      const token = bearerToken(req.headers.authorization);
      if (!token)
        return sendError(
          res,
          req,
          401,
          "UNAUTHENTICATED",
          "authentication required: send 'Authorization: Bearer <token>'",
        );
      try {
        await verify(token);
      } catch (err) {
        return sendError(res, req, 401, "UNAUTHENTICATED", (err as Error).message);
      }
      const base = urls[subgraph];
      if (!base)
        return sendError(res, req, 503, "SUBGRAPH_UNAVAILABLE", `the ${subgraph} subgraph is not configured`);
      const busy = running.get(subgraph) ?? 0;
      if (busy >= concurrency) {
        log.warn({ kind, subgraph, running: busy }, "import refused: too many at once");
        return sendError(
          res,
          req,
          429,
          "TOO_MANY_REQUESTS",
          `${subgraph} 子图已有 ${concurrency} 个导入正在进行（上限 HSA_IMPORT_CONCURRENCY=${concurrency}），本次导入未读取、未写入，请 ${RETRY_AFTER_S} 秒后重试 / ${concurrency} imports are already running in the ${subgraph} subgraph (limit HSA_IMPORT_CONCURRENCY=${concurrency}): this one was neither read nor written; try again in ${RETRY_AFTER_S} s`,
          { "retry-after": String(RETRY_AFTER_S) },
        );
      }
      running.set(subgraph, busy + 1);
      try {
        return await forward(req, res, requestId, kind, subgraph, base);
      } finally {
        running.set(subgraph, (running.get(subgraph) ?? 1) - 1);
      }
    };
  }
  return routes;

  async function forward(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    kind: string,
    subgraph: string,
    base: string,
  ): Promise<number> {
    const target = new URL(`/import/${kind}`, base);
    target.search = new URL(req.url ?? "/", "http://localhost").search;
    const headers: Record<string, string> = {
      authorization: req.headers.authorization as string,
      "x-request-id": requestId,
    };
    if (internalSecret)
      headers[INTERNAL_HEADER] = await signInternal(
        internalSecret,
        "gateway",
        subgraph,
        req.headers.authorization,
      );
    for (const h of FORWARDED) {
      const v = req.headers[h];
      if (typeof v === "string") headers[h] = v;
    }
    // The body goes through a stream of its own: when the subgraph answers before reading it all
    // (413, 429) and the upload is cancelled, the client's connection stays open for the answer.
    const body = new PassThrough();
    req.pipe(body);
    let upstream: Response;
    try {
      upstream = await fetch(target, {
        method: "POST",
        headers,
        body: Readable.toWeb(body) as ReadableStream<Uint8Array>,
        duplex: "half",
        signal: AbortSignal.timeout(timeoutMs),
      } as RequestInit);
    } catch (err) {
      log.warn({ err, kind, subgraph }, "import: subgraph unreachable");
      req.unpipe(body);
      body.destroy();
      if (res.headersSent) {
        res.end();
        return 502;
      }
      return sendError(
        res,
        req,
        502,
        "SUBGRAPH_UNAVAILABLE",
        `the ${subgraph} subgraph is unavailable: nothing was imported; try again shortly`,
      );
    }
    const out: Record<string, string> = {};
    // (not `connection`: hop-by-hop, this connection is the gateway's own)
    for (const h of ["content-type", "cache-control", "x-accel-buffering", "retry-after"]) {
      const v = upstream.headers.get(h);
      if (v) out[h] = v;
    }
    res.writeHead(upstream.status, out);
    if (upstream.body) {
      for await (const chunk of Readable.fromWeb(upstream.body as never)) res.write(chunk);
    }
    if (!req.complete) {
      // answered before the upload ended (413, 429, …): the rest is not needed
      req.unpipe(body);
      body.destroy();
      discardBody(req, res);
    }
    res.end();
    return upstream.status;
  }
}
