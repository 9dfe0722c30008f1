import { createHash } from "node:crypto";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { getRegion, isReportingUnit, retiredRegion } from "@hsa/regions";
import { canSee } from "@hsa/subgraph-kit";
import { CsvReader, type ParsedRow, type RowError } from "./csv-reader";
import {
  type ImportKind,
  type ImportResult,
  type ImportRow,
  type ImportSource,
  RowErrors,
  type RunImportOptions,
} from "./import-kind";
import { checkAndWrite, failedImport } from "./import-write";
import { keyOf, type ReportKey } from "./report-period";

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
  const fail = (list: RowError[], count = list.length) => failedImport(base, total, list, count);
  progress({ phase: "parse", done: total, total });
  if (read.fatal) return fail([read.fatal]);
  if (read.headerErrors.length) return fail(read.headerErrors);
  if (total === 0)
    return fail([{ line: 2, column: null, reason: "没有数据行 / the file has a header but no rows" }]);
  progress({ phase: "validate", done: total, total });
  const serial = o.serial ?? ((fn) => fn());
  return serial(() => checkAndWrite(kind, { base, rows, reports, errors, total, sha256 }, o, progress));
}
