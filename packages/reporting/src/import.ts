import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
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
import { type CellValue, type ColumnSpec, decodeCsv, parseCsv, type RowError } from "./csv";
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
}

/**
 * Imports one CSV: decodes, parses and validates every row first (cells, scope, county, quarter,
 * duplicates, approval state, the kind's own checks); any bad row → nothing is written and every
 * bad row is reported. Otherwise everything is written in one transaction; unchanged rows write
 * nothing, so the same file twice changes nothing.
 */
export async function runImport<F>(
  kind: ImportKind<F>,
  bytes: Uint8Array,
  o: RunImportOptions,
): Promise<ImportResult> {
  const progress = o.onProgress ?? (() => {});
  const { text, encoding } = decodeCsv(bytes);
  const base = { kind: kind.kind, fileName: o.fileName, encoding, dryRun: Boolean(o.dryRun) };
  const fail = (rows: number, errors: RowError[]): ImportResult => {
    errors.sort((a, b) => a.line - b.line);
    return {
      ...base,
      ok: false,
      rows,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      importId: null,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
    };
  };
  progress({ phase: "parse", done: 0, total: 0 });
  const parsed = parseCsv(text, kind.columns, (n) => progress({ phase: "parse", done: n, total: 0 }));
  const total = parsed.rowCount;
  progress({ phase: "parse", done: total, total });
  if (parsed.errors.some((e) => e.line === 1)) return fail(total, parsed.errors);
  if (total === 0)
    return fail(0, [{ line: 2, column: null, reason: "没有数据行 / the file has a header but no rows" }]);

  const errors = [...parsed.errors];
  const rows: ImportRow<F>[] = [];
  const reportKeys: (ReportKey & { line: number })[] = [];
  const firstLineOfKey = new Map<string, number>();
  const current = currentQuarter(o.now);
  const p = o.principal;
  const label = (key: string) => kind.columns.find((c) => c.key === key)?.zh ?? key;
  const regionColumn = kind.regionColumn ?? label("regionCode");
  const quarterColumn = label("quarter");
  for (const [i, r] of parsed.rows.entries()) {
    // let other requests run between slices of a large file (one process serves them all)
    if (i > 0 && i % 5_000 === 0) await new Promise((resolve) => setImmediate(resolve));
    if (i % 10_000 === 0) progress({ phase: "validate", done: i, total });
    const res = kind.toFact(r.values);
    if ("problems" in res) {
      for (const pr of res.problems) errors.push({ line: r.line, column: pr.column, reason: pr.reason });
      continue;
    }
    const { regionCode, quarter } = res.report;
    const region = getRegion(regionCode);
    let bad = false;
    const err = (column: string, reason: string, value?: string) => {
      errors.push({ line: r.line, column, reason, value });
      bad = true;
    };
    const retired = region ? undefined : retiredRegion(regionCode);
    if (retired)
      err(
        regionColumn,
        `${regionCode} ${retired.name} 已撤销，请使用 ${retired.successorCode} ${getRegion(retired.successorCode)?.name ?? ""} / retired region code: use its successor ${retired.successorCode}`,
        regionCode,
      );
    else if (!region) err(regionColumn, `未知的行政区划代码 / unknown region code ${regionCode}`, regionCode);
    else if (!isReportingUnit(regionCode))
      err(
        regionColumn,
        `${regionCode} ${region.name} 不是县级报告单位 / not a county (reporting unit)`,
        regionCode,
      );
    else if (!canSee(p, regionCode))
      err(
        regionColumn,
        `${regionCode} ${region.name} 不在您的权限范围 (${p.scope ?? "无"}) / outside your scope`,
        regionCode,
      );
    if (quarterIndex(quarter) > quarterIndex(current))
      err(quarterColumn, `${quarter} 是未来的季度 / in the future (current quarter ${current})`, quarter);
    const first = firstLineOfKey.get(res.key);
    if (first !== undefined)
      err(kind.columns[0]?.zh ?? "key", `与第 ${first} 行重复 / the same record as line ${first}`);
    else firstLineOfKey.set(res.key, r.line);
    if (bad) continue;
    rows.push({ line: r.line, fact: res.fact });
    reportKeys.push({ ...res.report, line: r.line });
  }
  progress({ phase: "validate", done: total, total });

  const approved = new Set((await o.workflow.approvedAmong(o.db, reportKeys)).map(keyOf));
  for (const k of reportKeys) {
    if (approved.has(keyOf(k)))
      errors.push({
        line: k.line,
        column: null,
        reason: `${k.regionCode} ${k.quarter} 的报表已审核，须先由审核人退回 / the report is approved: an approver must reopen it first`,
      });
  }
  const actor: ImportActor = { sub: p.sub, name: p.name, source: "", authorization: o.authorization };
  if (kind.check && rows.length) errors.push(...(await kind.check(rows, actor)));
  if (errors.length) return fail(total, errors);
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
        sha256: createHash("sha256").update(bytes).digest("hex"),
        encoding,
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

export class ImportConflict extends Error {}

/** Largest accepted upload (HSA_IMPORT_MAX_BYTES, default 64 MiB ≈ 600,000 purchase rows). */
export function maxImportBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.HSA_IMPORT_MAX_BYTES);
  return Number.isInteger(v) && v > 0 ? v : 64 * 1024 * 1024;
}

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

/** The file of an upload: a raw body (text/csv, application/octet-stream) or the first file of a multipart form. */
async function readUpload(
  req: IncomingMessage,
  max: number,
  onBytes: (n: number) => void,
): Promise<{ bytes: Uint8Array; fileName: string | null }> {
  const type = req.headers["content-type"] ?? "";
  const tooLarge = () =>
    new UploadError(413, "PAYLOAD_TOO_LARGE", `the file is larger than ${max} bytes (HSA_IMPORT_MAX_BYTES)`);
  if (Number(req.headers["content-length"] ?? 0) > max + 64 * 1024) throw tooLarge();
  if (type.startsWith("multipart/form-data")) {
    return new Promise((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: max }, defParamCharset: "utf8" });
      } catch (err) {
        reject(new UploadError(400, "BAD_REQUEST", `malformed multipart body: ${(err as Error).message}`));
        return;
      }
      let found = false;
      bb.on("file", (_name, stream, info) => {
        found = true;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (c: Buffer) => {
          size += c.length;
          chunks.push(c);
          onBytes(size);
        });
        stream.on("limit", () => reject(tooLarge()));
        stream.on("end", () => resolve({ bytes: Buffer.concat(chunks), fileName: info.filename ?? null }));
      });
      bb.on("error", (err) =>
        reject(new UploadError(400, "BAD_REQUEST", `malformed multipart body: ${(err as Error).message}`)),
      );
      bb.on("close", () => {
        if (!found) reject(new UploadError(400, "BAD_USER_INPUT", "the form has no file field"));
      });
      req.pipe(bb);
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) throw tooLarge();
    chunks.push(b);
    onBytes(size);
  }
  return { bytes: Buffer.concat(chunks), fileName: null };
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
 * JSON result (200 when imported, 422 with the row errors when nothing was written).
 */
export function importUpload<F>(db: Database, workflow: Workflow, kind: ImportKind<F>): UploadHandler {
  return async (req: IncomingMessage, res: ServerResponse, ctx: UploadContext) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const stream = (req.headers.accept ?? "").includes("application/x-ndjson");
    const sendJson = (status: number, body: unknown) => {
      res.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end(JSON.stringify(body));
      return status;
    };
    const error = (status: number, code: string, message: string) => {
      req.resume();
      return sendJson(status, { errors: [{ message, extensions: { code } }] });
    };
    if (!hasRole(ctx.principal, "reporter")) {
      return error(
        403,
        "FORBIDDEN",
        `importing needs the role "reporter"; your roles: ${ctx.principal.roles.join(", ") || "none"}`,
      );
    }
    if (ctx.principal.scope === null) return error(403, "FORBIDDEN", "your token has no region scope");
    const dryRun = ["1", "true", "yes"].includes(url.searchParams.get("dryRun") ?? "");
    let lastBytes = 0;
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
      const upload = await readUpload(req, maxImportBytes(), (n) => {
        if (n - lastBytes >= 1 << 20) {
          lastBytes = n;
          emit({ type: "progress", phase: "upload", done: n, total });
        }
      });
      const fileName = headerFileName(req, url) ?? upload.fileName ?? `${kind.kind}.csv`;
      emit({ type: "progress", phase: "upload", done: upload.bytes.length, total: upload.bytes.length });
      let last = 0;
      const result = await runImport(kind, upload.bytes, {
        db,
        workflow,
        principal: ctx.principal,
        authorization: ctx.authorization,
        fileName,
        dryRun,
        onProgress: (p) => {
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
        res.end();
        return 200;
      }
      if (res.headersSent) {
        res.end();
        return e.status;
      }
      if (e.status === 413) res.setHeader("connection", "close");
      return error(e.status, e.code, e.message);
    }
  };
}

/** The upload routes of a subgraph's import kinds: { "/import/<kind>": handler }. */
export function importRoutes(db: Database, workflow: Workflow, kinds: readonly ImportKind<never>[]) {
  return Object.fromEntries(kinds.map((k) => [`/import/${k.kind}`, importUpload(db, workflow, k)]));
}
