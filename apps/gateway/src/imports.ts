import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { bearerToken, INTERNAL_HEADER, signInternal, type TokenVerifier } from "@hsa/subgraph-kit";
import type { Logger } from "pino";

/**
 * The CSV import kinds and the subgraph that owns each (its facts, its approval states). The
 * gateway's POST /import/<kind> streams the upload to that subgraph's own /import/<kind>.
 */
export const IMPORT_KINDS: Readonly<Record<string, string>> = {
  enrollment: "enrollment",
  purchases: "procurement",
  "vbp-progress": "procurement",
  inspections: "supervision",
  "dip-cases": "payment",
};

function sendError(res: ServerResponse, req: IncomingMessage, status: number, code: string, message: string) {
  req.resume();
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  return status;
}

const FORWARDED = ["content-type", "content-length", "accept", "x-file-name"] as const;

/**
 * POST /import/<kind> at the gateway: checks the token (401 before any byte is forwarded), then
 * streams the request to the owning subgraph and its answer (JSON, or NDJSON progress) back
 * unchanged. The subgraph verifies the token again and does every other check itself.
 */
export function importProxyRoutes(
  urls: Record<string, string>,
  verify: TokenVerifier,
  log: Logger,
  timeoutMs = 15 * 60_000,
  internalSecret?: string,
) {
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
      let upstream: Response;
      try {
        upstream = await fetch(target, {
          method: "POST",
          headers,
          body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
          duplex: "half",
          signal: AbortSignal.timeout(timeoutMs),
        } as RequestInit);
      } catch (err) {
        log.warn({ err, kind, subgraph }, "import: subgraph unreachable");
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
      for (const h of ["content-type", "cache-control", "x-accel-buffering", "connection"]) {
        const v = upstream.headers.get(h);
        if (v) out[h] = v;
      }
      res.writeHead(upstream.status, out);
      if (upstream.body) {
        for await (const chunk of Readable.fromWeb(upstream.body as never)) res.write(chunk);
      }
      res.end();
      return upstream.status;
    };
  }
  return routes;
}
