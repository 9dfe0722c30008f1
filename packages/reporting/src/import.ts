import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import type { Database } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { getRegion, isReportingUnit, retiredRegion } from "@hsa/regions";
import {
  canSee,
  hasRole,
  isDatabaseUnavailable,
  type Principal,
  type UploadContext,
  type UploadHandler,
} from "@hsa/subgraph-kit";
import busboy from "busboy";
import type { CellValue, ColumnSpec } from "./csv-layout";
import { CsvReader, type ParsedRow, type RowError } from "./csv-reader";
import {
  IMPORT_RETRY_AFTER_S,
  ImportGate,
  importLimitOf,
  maxImportBytes,
  tooLargeMessage,
  tooManyImportsMessage,
} from "./limits";
import { keyOf, type ReportKey, type Workflow } from "./workflow";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** One fact of an import with where it came from. */
export interface ImportRow<F> {
  line: number;
  fact: F;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportActor {
  sub: string;
  name: string;
  /** what audit rows record as the origin of a change, e.g. "import 3f2a… (purchases-2024Q1.csv)" */
  source: string;
  authorization: string;
}

/** One kind of CSV a domain accepts (enrollment figures, purchases, inspections, …). */
export interface ImportKind<F> {
  /** URL segment and CLI name: /import/<kind> */
  kind: string;
  /**
   * The column named in errors about the row's county (scope, not a county), when the county is
   * not a column of its own (e.g. derived from an institution id). Default: the regionCode column.
   */
  regionColumn?: string;
  title: { zh: string; en: string };
  columns: readonly ColumnSpec[];
  /**
   * The largest file of this kind, bytes (HTTP 413 above). Default: IMPORT_KIND_MAX_BYTES[kind]
   * (limits.ts), else HSA_IMPORT_MAX_BYTES; HSA_IMPORT_MAX_BYTES_<KIND> overrides both, and
   * HSA_IMPORT_MAX_BYTES is the ceiling.
   */
  maxBytes?: number;
  /**
   * From a row's cell values to a fact: the county-quarter it belongs to (scope, approval), a key
   * that must be unique within the file, and problems a single row shows (e.g. network > total).
   */
  toFact(
    values: Record<string, CellValue>,
  ): { fact: F; report: ReportKey; key: string } | { problems: { column: string | null; reason: string }[] };
  /** Checks needing the database or another subgraph, for all rows at once (e.g. unknown institutions). */
  check?(rows: readonly ImportRow<F>[], actor: ImportActor): Promise<RowError[]>;
  /**
   * Writes every fact inside the given transaction: compares with what is stored, writes only what
   * changed (idempotent) and audits each change (old → new) with actor.source.
   */
  write(
    tx: Tx,
    rows: readonly ImportRow<F>[],
    actor: ImportActor,
    progress: (done: number) => void,
  ): Promise<WriteCounts>;
}

export type ImportPhase = "upload" | "parse" | "validate" | "write";

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportResult {
  ok: boolean;
  kind: string;
  fileName: string;
  encoding: string;
  dryRun: boolean;
  /** data rows in the file */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** the id audit rows point to; null when nothing was written */
  importId: string | null;
  /** every bad row (up to MAX_REPORTED_ERRORS), by line */
  errors: RowError[];
  errorCount: number;
}

/** At most this many row errors are listed (all are counted). */
export const MAX_REPORTED_ERRORS = 2_000;

export interface RunImportOptions {
  db: Database;
  workflow: Workflow;
  principal: Principal;
  authorization: string;
  fileName: string;
  dryRun?: boolean;
  onProgress?: (p: ImportProgress) => void;
  now?: Date;
  /**
   * Runs the phases after reading (approval state, the kind's checks, the write), e.g. one import
   * of a subgraph at a time (ImportGate.serial). Default: at once.
   */
  serial?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** The file of an import: all of it, or its bytes as they arrive (an upload). */
export type ImportSource = Uint8Array | AsyncIterable<Uint8Array>;

/** Slices of at most 64 KiB; a whole file in memory is cut (without copying) the same way. */
const SLICE = 64 * 1024;

async function* slicesOf(source: ImportSource): AsyncGenerator<Uint8Array> {
  let sinceYield = 0;
  const chunks = source instanceof Uint8Array ? [source] : source;
  for await (const chunk of chunks) {
    for (let i = 0; i < chunk.length; i += SLICE) {
      yield chunk.subarray(i, i + SLICE);
      // let other requests run between slices of a large file (one process serves them all)
      sinceYield += SLICE;
      if (sinceYield >= 1024 * 1024) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

/**
 * Row errors of an import: all are counted, only the first `keep` by line are kept (a file of
 * 600,000 bad rows does not hold 600,000 error objects).
 */
export class RowErrors {
  private list: RowError[] = [];
  count = 0;
  constructor(private readonly keep: number = MAX_REPORTED_ERRORS) {}

  add(e: RowError): void {
    this.count++;
    this.list.push(e);
    if (this.list.length >= 4 * this.keep + 1_000) this.trim();
  }

  addAll(es: readonly RowError[]): void {
    for (const e of es) this.add(e);
  }

  /** The kept errors by line (stable: a line's errors in the order found). */
  sorted(): RowError[] {
    this.trim();
    return this.list;
  }

  private trim(): void {
    this.list.sort((a, b) => a.line - b.line);
    if (this.list.length > this.keep) this.list.length = this.keep;
  }
}

/**
 * Imports one CSV: decodes, parses and validates every row as the file arrives (cells, scope,
 * county, quarter, duplicates), then the approval state and the kind's own checks; any bad row →
 * nothing is written and every bad row is reported. Otherwise everything is written in one
 * transaction; unchanged rows write nothing, so the same file twice changes nothing. Of the file,
 * only the valid rows' facts are kept (not its bytes, text or records).
 */
export async function runImport<F>(
  kind: ImportKind<F>,
  source: ImportSource,
  o: RunImportOptions,
): Promise<ImportResult> {
  const progress = o.onProgress ?? (() => {});
  const errors = new RowErrors();
  const rows: ImportRow<F>[] = [];
  /** the county-quarters of the valid rows, with their lines */
  const reports = new Map<string, { key: ReportKey; lines: number[] }>();
  const firstLineOfKey = new Map<string, number>();
  const current = currentQuarter(o.now);
  const currentIndex = quarterIndex(current);
  const p = o.principal;
  const label = (key: string) => kind.columns.find((c) => c.key === key)?.zh ?? key;
  const regionColumn = kind.regionColumn ?? label("regionCode");
  const quarterColumn = label("quarter");
  const duplicateColumn = kind.columns[0]?.zh ?? "key";

  // What depends only on a row's county or quarter is worked out once per county or quarter.
  const regionProblems = new Map<string, string | null>();
  const regionProblem = (code: string): string | null => {
    let problem = regionProblems.get(code);
    if (problem === undefined) {
      const region = getRegion(code);
      const retired = region ? undefined : retiredRegion(code);
      problem = retired
        ? `${code} ${retired.name} 已撤销，请使用 ${retired.successorCode} ${getRegion(retired.successorCode)?.name ?? ""} / retired region code: use its successor ${retired.successorCode}`
        : !region
          ? `未知的行政区划代码 / unknown region code ${code}`
          : !isReportingUnit(code)
            ? `${code} ${region.name} 不是县级报告单位 / not a county (reporting unit)`
            : !canSee(p, code)
              ? `${code} ${region.name} 不在您的权限范围 (${p.scope ?? "无"}) / outside your scope`
              : null;
      regionProblems.set(code, problem);
    }
    return problem;
  };
  const futureQuarters = new Map<string, boolean>();
  const inFuture = (q: string): boolean => {
    let future = futureQuarters.get(q);
    if (future === undefined) {
      future = quarterIndex(q) > currentIndex;
      futureQuarters.set(q, future);
    }
    return future;
  };
  let lastReport: { key: ReportKey; lines: number[] } | null = null;

  const validate = (r: ParsedRow) => {
    const res = kind.toFact(r.values);
    if ("problems" in res) {
      for (const pr of res.problems) errors.add({ line: r.line, column: pr.column, reason: pr.reason });
      return;
    }
    const { regionCode, quarter } = res.report;
    let bad = false;
    const problem = regionProblem(regionCode);
    if (problem !== null) {
      errors.add({ line: r.line, column: regionColumn, reason: problem, value: regionCode });
      bad = true;
    }
    if (inFuture(quarter)) {
      errors.add({
        line: r.line,
        column: quarterColumn,
        reason: `${quarter} 是未来的季度 / in the future (current quarter ${current})`,
        value: quarter,
      });
      bad = true;
    }
    const first = firstLineOfKey.get(res.key);
    if (first !== undefined) {
      errors.add({
        line: r.line,
        column: duplicateColumn,
        reason: `与第 ${first} 行重复 / the same record as line ${first}`,
      });
      bad = true;
    } else firstLineOfKey.set(res.key, r.line);
    if (bad) return;
    rows.push({ line: r.line, fact: res.fact });
    // rows of one county-quarter usually follow each other
    if (lastReport?.key.regionCode === regionCode && lastReport.key.quarter === quarter) {
      lastReport.lines.push(r.line);
      return;
    }
    const k = keyOf(res.report);
    let report = reports.get(k);
    if (!report) {
      report = { key: { regionCode, quarter }, lines: [] };
      reports.set(k, report);
    }
    report.lines.push(r.line);
    lastReport = report;
  };

  const hash = createHash("sha256");
  const reader = new CsvReader(kind.columns, validate, (e) => errors.add(e));
  progress({ phase: "parse", done: 0, total: 0 });
  for await (const slice of slicesOf(source)) {
    hash.update(slice);
    reader.write(slice);
  }
  const read = reader.end();
  firstLineOfKey.clear();
  const sha256 = hash.digest("hex");
  const total = read.rowCount;
  const base = { kind: kind.kind, fileName: o.fileName, encoding: read.encoding, dryRun: Boolean(o.dryRun) };
  const fail = (list: RowError[], count = list.length): ImportResult => ({
    ...base,
    ok: false,
    rows: total,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    importId: null,
    errors: list.slice(0, MAX_REPORTED_ERRORS),
    errorCount: count,
  });
  progress({ phase: "parse", done: total, total });
  if (read.fatal) return fail([read.fatal]);
  if (read.headerErrors.length) return fail(read.headerErrors);
  if (total === 0)
    return fail([{ line: 2, column: null, reason: "没有数据行 / the file has a header but no rows" }]);
  progress({ phase: "validate", done: total, total });
  const serial = o.serial ?? ((fn) => fn());
  return serial(() => checkAndWrite());

  async function checkAndWrite(): Promise<ImportResult> {
    const reportKeys = [...reports.values()].map((r) => r.key);
    const approved = new Set((await o.workflow.approvedAmong(o.db, reportKeys)).map(keyOf));
    for (const k of approved) {
      const r = reports.get(k);
      if (!r) continue;
      for (const line of r.lines)
        errors.add({
          line,
          column: null,
          reason: `${r.key.regionCode} ${r.key.quarter} 的报表已审核，须先由审核人退回 / the report is approved: an approver must reopen it first`,
        });
    }
    reports.clear();
    const actor: ImportActor = { sub: p.sub, name: p.name, source: "", authorization: o.authorization };
    if (kind.check && rows.length) errors.addAll(await kind.check(rows, actor));
    if (errors.count) return fail(errors.sorted(), errors.count);
    if (o.dryRun) {
      return {
        ...base,
        ok: true,
        rows: total,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        importId: null,
        errors: [],
        errorCount: 0,
      };
    }

    const importId = randomUUID();
    actor.source = `import ${importId} (${o.fileName})`;
    const counts = await o.db.transaction(async (tx) => {
      // Approval may have happened since the check above: check again with the rows locked.
      const nowApproved = await o.workflow.approvedAmong(tx, reportKeys);
      if (nowApproved.length) {
        const k = nowApproved[0] as ReportKey;
        throw new ImportConflict(
          `${k.regionCode} ${k.quarter} was approved during the import; nothing was written`,
        );
      }
      progress({ phase: "write", done: 0, total });
      const c = await kind.write(tx, rows, actor, (done) => progress({ phase: "write", done, total }));
      if (c.inserted + c.updated > 0) {
        await tx.insert(o.workflow.tables.reportImport).values({
          id: importId,
          kind: kind.kind,
          fileName: o.fileName,
          sha256,
          encoding: read.encoding,
          rows: total,
          ...c,
          actorSub: p.sub,
          actorName: p.name,
        });
      }
      return c;
    });
    progress({ phase: "write", done: total, total });
    return {
      ...base,
      ok: true,
      rows: total,
      ...counts,
      importId: counts.inserted + counts.updated > 0 ? importId : null,
      errors: [],
      errorCount: 0,
    };
  }
}

export class ImportConflict extends Error {}

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
