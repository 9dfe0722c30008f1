import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { Database } from "@hsa/db";
import { hasRole, isDatabaseUnavailable, type UploadContext, type UploadHandler } from "@hsa/subgraph-kit";
import busboy from "busboy";
import type { ImportKind } from "./import-kind";
import { runImport } from "./import-run";
import { ImportConflict } from "./import-write";
import {
  IMPORT_RETRY_AFTER_S,
  ImportGate,
  importLimitOf,
  maxImportBytes,
  tooLargeMessage,
  tooManyImportsMessage,
} from "./limits";
import type { Workflow } from "./workflow";

const UNAVAILABLE = new Set(["SERVICE_UNAVAILABLE", "SUBGRAPH_UNAVAILABLE", "DATABASE_UNAVAILABLE"]);

/** The HTTP answer for an error thrown during an import (nothing was written in any case). */
function uploadErrorOf(err: unknown): UploadError {
  if (err instanceof UploadError) return err;
  if (err instanceof ImportConflict) return new UploadError(409, "CONFLICT", err.message);
  const code = (err as { extensions?: { code?: unknown } }).extensions?.code;
  if (typeof code === "string" && UNAVAILABLE.has(code))
    return new UploadError(503, code, `${(err as Error).message}: nothing was written; try again shortly`);
  if (isDatabaseUnavailable(err))
    return new UploadError(
      503,
      "DATABASE_UNAVAILABLE",
      "the database is unavailable: nothing was written; try again shortly",
    );
  if (code === "BAD_USER_INPUT") return new UploadError(400, code, (err as Error).message);
  if (code === "FORBIDDEN") return new UploadError(403, code, (err as Error).message);
  return new UploadError(
    500,
    "INTERNAL_SERVER_ERROR",
    "the import failed: nothing was written; the details are in the service log",
  );
}

class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads and drops what is left of a refused upload's body, so that clients still sending it get
 * the answer (closing the connection under a client that is still writing loses it to EPIPE);
 * at most `max` more bytes (default twice HSA_IMPORT_MAX_BYTES): a larger body is cut off.
 */
export function discardBody(req: IncomingMessage, res: ServerResponse, max = 2 * maxImportBytes()): void {
  if (req.complete) return;
  const announced = Number(req.headers["content-length"] ?? 0);
  if (announced > max) {
    if (!res.headersSent) res.setHeader("connection", "close");
  } else {
    let dropped = 0;
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > max) req.socket?.destroy();
    });
  }
  req.resume();
}

/**
 * The file of an upload as it arrives: a raw body (text/csv, application/octet-stream) or the
 * first file of a multipart form. More than `max` bytes → the iteration throws 413; the request is
 * then left open (not destroyed) so that the answer can still be sent.
 */
async function openUpload(
  req: IncomingMessage,
  max: number,
  tooLarge: () => UploadError,
  onBytes: (n: number) => void,
): Promise<{ chunks: AsyncIterable<Uint8Array>; fileName: string | null }> {
  const type = req.headers["content-type"] ?? "";
  async function* counted(source: AsyncIterable<Buffer>): AsyncGenerator<Uint8Array> {
    let size = 0;
    for await (const chunk of source) {
      size += chunk.length;
      if (size > max) throw tooLarge();
      onBytes(size);
      yield chunk;
    }
  }
  if (!type.startsWith("multipart/form-data"))
    return { chunks: counted(req.iterator({ destroyOnReturn: false })), fileName: null };
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      // one byte over the limit is enough to know it is too large
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: max + 1 }, defParamCharset: "utf8" });
    } catch (err) {
      reject(new UploadError(400, "BAD_REQUEST", `malformed multipart body: ${(err as Error).message}`));
      return;
    }
    let file: Readable | null = null;
    bb.on("file", (_name, stream, info) => {
      file = stream;
      resolve({ chunks: counted(stream), fileName: info.filename ?? null });
    });
    bb.on("error", (err) => {
      const e = new UploadError(400, "BAD_REQUEST", `malformed multipart body: ${(err as Error).message}`);
      if (file) file.destroy(e);
      else reject(e);
    });
    bb.on("close", () => {
      if (!file) reject(new UploadError(400, "BAD_USER_INPUT", "the form has no file field"));
    });
    req.pipe(bb);
  });
}

function headerFileName(req: IncomingMessage, url: URL): string | null {
  const q = url.searchParams.get("fileName");
  if (q) return q;
  const h = req.headers["x-file-name"];
  if (typeof h === "string" && h) {
    try {
      return decodeURIComponent(h);
    } catch {
      return h;
    }
  }
  return null;
}

/**
 * The HTTP endpoint of one import kind: POST /import/<kind>[?dryRun=1&fileName=…] with the CSV as
 * the body (or a multipart form with one file). With `Accept: application/x-ndjson` the answer is a
 * stream of progress lines ({"type":"progress",…}) ending with {"type":"result",…}; otherwise one
 * JSON result (200 when imported, 422 with the row errors when nothing was written). Before any
 * byte of the body is read: 403 without the reporter role or a scope, 413 when Content-Length is
 * above the kind's limit, 429 (with Retry-After) when `gate` has no room.
 */
export function importUpload<F>(
  db: Database,
  workflow: Workflow,
  kind: ImportKind<F>,
  gate: ImportGate = new ImportGate(),
): UploadHandler {
  return async (req: IncomingMessage, res: ServerResponse, ctx: UploadContext) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const stream = (req.headers.accept ?? "").includes("application/x-ndjson");
    const sendJson = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
        ...headers,
      });
      res.end(JSON.stringify(body));
      return status;
    };
    const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) => {
      discardBody(req, res);
      return sendJson(status, { errors: [{ message, extensions: { code } }] }, headers);
    };
    if (!hasRole(ctx.principal, "reporter")) {
      return error(
        403,
        "FORBIDDEN",
        `importing needs the role "reporter"; your roles: ${ctx.principal.roles.join(", ") || "none"}`,
      );
    }
    if (ctx.principal.scope === null) return error(403, "FORBIDDEN", "your token has no region scope");
    const limit = importLimitOf(kind);
    const tooLarge = () =>
      new UploadError(413, "PAYLOAD_TOO_LARGE", tooLargeMessage(kind.kind, limit.maxBytes, limit.variable));
    // Content-Length counts a multipart form's boundaries and headers too: allow for them.
    if (Number(req.headers["content-length"] ?? 0) > limit.maxBytes + 64 * 1024) {
      const e = tooLarge();
      return error(e.status, e.code, e.message);
    }
    const release = gate.enter();
    if (!release) {
      ctx.log.warn({ kind: kind.kind, running: gate.active }, "csv import refused: too many at once");
      return error(429, "TOO_MANY_REQUESTS", tooManyImportsMessage(gate.limit, workflow.domain), {
        "retry-after": String(IMPORT_RETRY_AFTER_S),
      });
    }
    try {
      return await handle();
    } finally {
      release();
    }

    async function handle(): Promise<number> {
      const dryRun = ["1", "true", "yes"].includes(url.searchParams.get("dryRun") ?? "");
      let lastBytes = 0;
      let bytes = 0;
      const emit = (line: unknown) => {
        if (stream) res.write(`${JSON.stringify(line)}\n`);
      };
      if (stream) {
        res.writeHead(200, {
          "content-type": "application/x-ndjson; charset=utf-8",
          "cache-control": "no-store",
          "x-accel-buffering": "no",
        });
      }
      const total = Number(req.headers["content-length"] ?? 0);
      try {
        const upload = await openUpload(req, limit.maxBytes, tooLarge, (n) => {
          bytes = n;
          if (n - lastBytes >= 1 << 20) {
            lastBytes = n;
            emit({ type: "progress", phase: "upload", done: n, total });
          }
        });
        const fileName = headerFileName(req, url) ?? upload.fileName ?? `${kind.kind}.csv`;
        let last = 0;
        const result = await runImport(kind, upload.chunks, {
          db,
          workflow,
          principal: ctx.principal,
          authorization: ctx.authorization,
          fileName,
          dryRun,
          serial: (fn) => gate.serial(fn),
          onProgress: (p) => {
            // the file is read (parsed and validated row by row) while it arrives
            if (p.phase === "parse" && p.done === 0) return;
            if (p.phase === "parse" && p.total > 0)
              emit({ type: "progress", phase: "upload", done: bytes, total: bytes });
            const t = Date.now();
            if (t - last >= 200 || p.done === p.total) {
              last = t;
              emit({ type: "progress", ...p });
            }
          },
        });
        ctx.log.info(
          {
            kind: kind.kind,
            fileName,
            bytes,
            rows: result.rows,
            ok: result.ok,
            errorCount: result.errorCount,
            importId: result.importId,
            dryRun,
          },
          "csv import",
        );
        if (stream) {
          emit({ type: "result", ...result });
          res.end();
          return 200;
        }
        return sendJson(result.ok ? 200 : 422, result);
      } catch (err) {
        const e = uploadErrorOf(err);
        if (e.status >= 500) ctx.log.error({ err }, "csv import failed");
        if (stream) {
          emit({ type: "error", message: e.message, code: e.code });
          discardBody(req, res);
          res.end();
          return 200;
        }
        if (res.headersSent) {
          res.end();
          return e.status;
        }
        return error(e.status, e.code, e.message);
      }
    }
  };
}

/**
 * The upload routes of a subgraph's import kinds: { "/import/<kind>": handler }, sharing one gate:
 * at most HSA_IMPORT_CONCURRENCY imports of the subgraph at once.
 */
export function importRoutes(
  db: Database,
  workflow: Workflow,
  kinds: readonly ImportKind<never>[],
  gate: ImportGate = new ImportGate(),
) {
  return Object.fromEntries(kinds.map((k) => [`/import/${k.kind}`, importUpload(db, workflow, k, gate)]));
}
