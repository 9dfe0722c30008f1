import type { Database } from "@hsa/db";
import {
  ImportConflict,
  type ImportKind,
  type ImportRow,
  keyOf,
  type ReportKey,
  type RowError,
  type Tx,
  type Workflow,
  type WriteCounts,
} from "@hsa/reporting";
import { and, eq, inArray, or } from "drizzle-orm";
import { getInstitutions } from "./db/queries";
import { auditLog, type DispositionRow, disposition, type InspectionRow, inspection } from "./db/schema";
import { inspectionJson, type NewInspection } from "./db/writes";
import {
  COL,
  columnOf,
  type DispositionKindValue,
  dispositionInput,
  FIELD_COLUMN,
  groupByReference,
  INSPECTION_FIELDS,
  type InspectionFact,
  type InspectionKindValue,
  inspectionColumns,
  inspectionOf,
  rowMessage,
  sameInspection,
} from "./inspection-csv";
import {
  MAX_DISPOSITIONS,
  quarterOfDate,
  type RecordInspectionInput,
  validateInspection,
} from "./resolvers/validation";

const CHUNK = 1_000;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** A file's reference in the county of its inspection: the key of a stored inspection. */
interface CountyReference {
  regionCode: string;
  reference: string;
}

/**
 * Stored inspections by reference (with their dispositions), optionally locked for update. A
 * reference names an inspection of one county (request_id is unique per county): only the
 * county of the file's inspection is searched, so a reference stored elsewhere is never read, and
 * can neither be changed nor be told apart from an unused one.
 */
async function storedByReference(
  db: Database | Tx,
  keys: readonly CountyReference[],
  lock: boolean,
): Promise<Map<string, InspectionRow & { dispositions: DispositionRow[] }>> {
  const out = new Map<string, InspectionRow & { dispositions: DispositionRow[] }>();
  for (const part of chunks(keys)) {
    const byCounty = new Map<string, string[]>();
    for (const k of part) byCounty.set(k.regionCode, [...(byCounty.get(k.regionCode) ?? []), k.reference]);
    const q = db
      .select()
      .from(inspection)
      .where(
        or(
          ...[...byCounty].map(([code, refs]) =>
            and(eq(inspection.regionCode, code), inArray(inspection.requestId, refs)),
          ),
        ),
      );
    const rows = lock ? await q.for("update") : await q;
    const byId = new Map<number, InspectionRow & { dispositions: DispositionRow[] }>();
    for (const r of rows) {
      const withD = { ...r, dispositions: [] as DispositionRow[] };
      byId.set(r.id, withD);
      out.set(r.requestId as string, withD);
    }
    if (byId.size) {
      const ds = await db
        .select()
        .from(disposition)
        .where(inArray(disposition.inspectionId, [...byId.keys()]))
        .orderBy(disposition.id);
      for (const d of ds) byId.get(d.inspectionId)?.dispositions.push(d);
    }
  }
  return out;
}

/**
 * CSV import of inspections with their dispositions: POST /import/inspections,
 * `npm run import -- inspections <file>`. Counts (inserted / updated / unchanged) are inspections.
 *
 * Idempotency: the reference (检查编号) is the inspection's requestId. A reference already stored
 * with the same content (institution, date, kind, findings, the same dispositions in any order)
 * changes nothing; with different content the stored inspection is corrected (fields updated,
 * dispositions replaced) and audited old → new, provided it is the same institution and neither
 * its old nor its new county-quarter is approved. A reference used for another institution's
 * inspection is a row error. Inspections missing from a file are not deleted.
 */
export function inspectionsImport(db: Database, workflow: Workflow): ImportKind<InspectionFact> {
  return {
    kind: "inspections",
    // the county is the institution id's first six digits: scope errors point at that column
    regionColumn: COL.institutionId,
    title: {
      zh: "监督检查及处理（每行一项处理）",
      en: "Inspections with their dispositions (one row per disposition)",
    },
    columns: inspectionColumns,

    toFact(v) {
      const problems: { column: string | null; reason: string }[] = [];
      const reference = v.reference as string;
      const institutionId = v.institutionId as string;
      const inspectedOn = v.inspectedOn as string;
      const m = /^(\d{6})-/.exec(institutionId);
      if (!m) {
        problems.push({
          column: COL.institutionId,
          reason: `"${institutionId}" 不是机构编码 / not an institution id like 150724-H-001`,
        });
      }
      const regionCode = m?.[1] ?? "";
      if (m && v.regionCode !== null && v.regionCode !== regionCode) {
        problems.push({
          column: COL.regionCode,
          reason: `机构 ${institutionId} 属于 ${regionCode}，不是 ${v.regionCode} / the institution belongs to ${regionCode}`,
        });
      }
      const dKind = v.dispositionKind as DispositionKindValue | null;
      const amountFen = v.amountYuan as bigint | null;
      const note = ((v.note as string | null) ?? "").trim();
      if (dKind === null && (amountFen !== null || note !== "")) {
        problems.push({
          column: COL.dispositionKind,
          reason: "有金额或处理说明但没有处理方式 / an amount or note needs a disposition kind",
        });
      }
      const dispositionFact = dKind === null ? null : { kind: dKind, amountFen, note };
      const input: RecordInspectionInput = {
        institutionId,
        inspectedOn,
        kind: v.kind as InspectionKindValue,
        findings: v.findings as string,
        dispositions: dispositionFact ? [dispositionInput(dispositionFact)] : [],
        requestId: reference,
      };
      // The rules of recordInspection; the agreement start is checked with the institution (check()).
      for (const p of validateInspection(input, { agreementStart: "0000-01-01" }))
        problems.push({ column: columnOf(p.field), reason: rowMessage(p.message) });
      if (problems.length) return { problems };
      const fact: InspectionFact = {
        reference,
        institutionId,
        regionCode,
        inspectedOn,
        quarter: quarterOfDate(inspectedOn),
        kind: input.kind,
        findings: input.findings.trim(),
        disposition: dispositionFact,
      };
      return {
        fact,
        report: { regionCode, quarter: fact.quarter },
        // One row per disposition: the same disposition twice in one inspection is a duplicate row.
        key: JSON.stringify([reference, dKind, amountFen === null ? null : amountFen.toString(), note]),
      };
    },

    async check(rows) {
      const errors: RowError[] = [];
      const groups = groupByReference(rows);
      const insts = await getInstitutions(
        db,
        rows.map((r) => r.fact.institutionId),
      );
      const stored = await storedByReference(
        db,
        groups.map((g) => ({
          regionCode: (g.rows[0] as ImportRow<InspectionFact>).fact.regionCode,
          reference: g.reference,
        })),
        false,
      );
      const movedFrom: (ReportKey & { line: number })[] = [];
      for (const g of groups) {
        const first = g.rows[0] as ImportRow<InspectionFact>;
        // Rows of one inspection must agree on its fields.
        let consistent = true;
        for (const r of g.rows.slice(1)) {
          for (const f of INSPECTION_FIELDS) {
            if (r.fact[f] !== first.fact[f]) {
              consistent = false;
              errors.push({
                line: r.line,
                column: FIELD_COLUMN[f],
                value: r.fact[f],
                reason: `与第 ${first.line} 行同一检查编号 ${g.reference} 的 ${FIELD_COLUMN[f]} 不一致 ("${first.fact[f]}") / differs from line ${first.line} of the same inspection`,
              });
            }
          }
        }
        // The engine has checked the id's county against the caller's scope; an institution
        // registered in another county than its id names answers like an unknown one (it may lie
        // outside the scope, and must not be told apart from one that does not exist).
        const found = insts.get(first.fact.institutionId);
        const inst = found && found.regionCode === first.fact.regionCode ? found : undefined;
        if (!inst) {
          for (const r of g.rows) {
            if (r.fact.institutionId === first.fact.institutionId)
              errors.push({
                line: r.line,
                column: COL.institutionId,
                value: r.fact.institutionId,
                reason: `您的权限范围内没有编码为 ${r.fact.institutionId} 的定点医药机构 / no institution with this id in your scope`,
              });
          }
          continue;
        }
        if (!consistent) continue;
        const whole = inspectionOf(g);
        const dispositionRows = g.rows.filter((r) => r.fact.disposition !== null);
        for (const p of validateInspection(
          {
            ...whole,
            dispositions: whole.dispositions.map(dispositionInput),
          },
          inst,
        )) {
          const i = /^dispositions\[(\d+)\]/.exec(p.field);
          const line =
            p.field === "dispositions"
              ? (dispositionRows[MAX_DISPOSITIONS]?.line ?? first.line)
              : i
                ? (dispositionRows[Number(i[1])]?.line ?? first.line)
                : first.line;
          errors.push({ line, column: columnOf(p.field), reason: rowMessage(p.message) });
        }
        const old = stored.get(g.reference);
        if (old && old.institutionId !== inst.id) {
          errors.push({
            line: first.line,
            column: COL.reference,
            value: g.reference,
            reason: `检查编号 ${g.reference} 已用于本县另一机构的检查 / the reference is already used for an inspection of another institution of ${inst.regionCode}`,
          });
        } else if (old && old.quarter !== whole.quarter && !sameInspection(whole, old)) {
          movedFrom.push({ regionCode: old.regionCode, quarter: old.quarter, line: first.line });
        }
      }
      // A correction that moves an inspection to another quarter also changes the old quarter's report.
      const approved = new Set((await workflow.approvedAmong(db, movedFrom)).map(keyOf));
      for (const k of movedFrom) {
        if (approved.has(keyOf(k)))
          errors.push({
            line: k.line,
            column: COL.inspectedOn,
            reason: `该检查原属 ${k.regionCode} ${k.quarter}，该季度报表已审核，须先由审核人退回 / the inspection belongs to an approved report (${k.quarter}): an approver must reopen it first`,
          });
      }
      return errors;
    },

    write: (tx, rows, actor, progress) => writeInspections(tx, workflow, rows, actor, progress),
  };
}

const BATCH = 500;

/** Inserts new inspections, corrects changed ones, leaves identical ones alone; one audit row per change. */
async function writeInspections(
  tx: Tx,
  workflow: Workflow,
  rows: readonly ImportRow<InspectionFact>[],
  actor: { sub: string; name: string; source: string },
  progress: (done: number) => void,
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const groups = groupByReference(rows);
  let done = 0;
  for (const batch of chunks(groups, BATCH)) {
    const wanted = batch.map(inspectionOf);
    const stored = await storedByReference(
      tx,
      wanted.map((w) => ({ regionCode: w.regionCode, reference: w.requestId as string })),
      true,
    );
    const inserts: NewInspection[] = [];
    const updates: { id: number; old: NewInspection; next: NewInspection }[] = [];
    for (const w of wanted) {
      const old = stored.get(w.requestId as string);
      if (!old) inserts.push(w);
      else if (sameInspection(w, old)) counts.unchanged++;
      else {
        if (old.institutionId !== w.institutionId)
          throw new ImportConflict(`the reference ${w.requestId} was used for another institution meanwhile`);
        updates.push({ id: old.id, old: { ...old, dispositions: old.dispositions }, next: w });
      }
    }
    // The quarters corrected inspections leave must not be approved either (locked until commit).
    const left = updates
      .filter((u) => u.old.quarter !== u.next.quarter)
      .map((u) => ({ regionCode: u.old.regionCode, quarter: u.old.quarter }));
    const approved = await workflow.approvedAmong(tx, left);
    if (approved.length) {
      const k = approved[0] as ReportKey;
      throw new ImportConflict(`${k.regionCode} ${k.quarter} is approved; nothing was written`);
    }

    const ids = new Map<string, number>();
    if (inserts.length) {
      const res = await tx
        .insert(inspection)
        .values(
          inserts.map((w) => ({
            institutionId: w.institutionId,
            regionCode: w.regionCode,
            inspectedOn: w.inspectedOn,
            quarter: w.quarter,
            kind: w.kind,
            findings: w.findings,
            recordedBy: actor.sub,
            requestId: w.requestId,
          })),
        )
        .onConflictDoNothing({ target: [inspection.regionCode, inspection.requestId] })
        .returning({ id: inspection.id, requestId: inspection.requestId });
      if (res.length !== inserts.length)
        throw new ImportConflict("an inspection reference of the file was recorded meanwhile: import again");
      for (const r of res) ids.set(r.requestId as string, r.id);
      counts.inserted += inserts.length;
    }
    for (const u of updates) {
      await tx
        .update(inspection)
        .set({
          inspectedOn: u.next.inspectedOn,
          quarter: u.next.quarter,
          kind: u.next.kind,
          findings: u.next.findings,
        })
        .where(inArray(inspection.id, [u.id]));
      ids.set(u.next.requestId as string, u.id);
    }
    if (updates.length) {
      await tx.delete(disposition).where(
        inArray(
          disposition.inspectionId,
          updates.map((u) => u.id),
        ),
      );
      counts.updated += updates.length;
    }
    const changed = [...inserts.map((next) => ({ old: null, next })), ...updates];
    const dispositions = changed.flatMap(({ next }) =>
      next.dispositions.map((d) => ({ ...d, inspectionId: ids.get(next.requestId as string) as number })),
    );
    for (const part of chunks(dispositions, 5_000)) await tx.insert(disposition).values(part);
    const audits = changed.map(({ old, next }) => ({
      actorSub: actor.sub,
      actorName: actor.name,
      action: "importInspections",
      source: actor.source,
      entity: "inspection",
      entityId: String(ids.get(next.requestId as string)),
      regionCode: next.regionCode,
      oldValue: old ? inspectionJson(old) : null,
      newValue: inspectionJson(next),
    }));
    for (const part of chunks(audits)) await tx.insert(auditLog).values(part);
    done += batch.reduce((n, g) => n + g.rows.length, 0);
    progress(done);
  }
  return counts;
}
