import { randomUUID } from "node:crypto";
import type { RowError } from "./csv-reader";
import {
  type ImportActor,
  type ImportKind,
  type ImportProgress,
  type ImportResult,
  type ImportRow,
  MAX_REPORTED_ERRORS,
  type RowErrors,
  type RunImportOptions,
} from "./import-kind";
import { keyOf, type ReportKey } from "./report-period";

/** What an import's result says of the import itself: kind, file, encoding, dry run. */
export type ImportBase = Pick<ImportResult, "kind" | "fileName" | "encoding" | "dryRun">;

/** The result of an import that wrote nothing: its first MAX_REPORTED_ERRORS row errors, all counted. */
export function failedImport(
  base: ImportBase,
  rows: number,
  list: RowError[],
  count = list.length,
): ImportResult {
  return {
    ...base,
    ok: false,
    rows,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    importId: null,
    errors: list.slice(0, MAX_REPORTED_ERRORS),
    errorCount: count,
  };
}

/** What reading and validating an import's file (runImport, import-run.ts) leaves for the write. */
export interface ReadImport<F> {
  base: ImportBase;
  /** the valid rows' facts (only these are kept of the file) */
  rows: ImportRow<F>[];
  /** the county-quarters of the valid rows, with their lines */
  reports: Map<string, { key: ReportKey; lines: number[] }>;
  /** the row errors found while reading */
  errors: RowErrors;
  /** data rows in the file */
  total: number;
  sha256: string;
}

/**
 * The phases of an import after its file is read: rows of approved county-quarters and the kind's
 * own checks (kind.check) add row errors; any row error (or a dry run) → nothing is written.
 * Otherwise every fact is written in one transaction that first checks the approval state again
 * with the state rows locked (approved meanwhile → ImportConflict, nothing written); kind.write
 * audits each change with `import <id> (<file>)` as its source, and a report_import row records
 * the import when anything changed (a file written twice changes nothing the second time).
 */
export async function checkAndWrite<F>(
  kind: ImportKind<F>,
  read: ReadImport<F>,
  o: RunImportOptions,
  progress: (p: ImportProgress) => void,
): Promise<ImportResult> {
  const { base, rows, reports, errors, total, sha256 } = read;
  const p = o.principal;
  const fail = (list: RowError[], count = list.length): ImportResult =>
    failedImport(base, total, list, count);
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
  const actor: ImportActor = {
    sub: p.sub,
    name: p.name,
    source: "",
    authorization: o.authorization,
    principal: p,
  };
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
  actor.importId = importId;
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
        encoding: base.encoding,
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
