import type { Database } from "@hsa/db";
import {
  type ColumnSpec,
  createWorkflow,
  ImportConflict,
  type ImportKind,
  type ImportRow,
  importRoutes,
  keyOf,
  type ReportKey,
  type RowError,
  reportedKeysIn,
  reportingSharedSDL,
  type Tx,
  type Workflow,
  type WriteCounts,
  workflowResolvers,
  workflowSDL,
} from "@hsa/reporting";
import { inArray } from "drizzle-orm";
import { getInstitutions, inspectionJson, type NewInspection } from "./db/queries";
import {
  auditLog,
  type DispositionRow,
  disposition,
  type InspectionRow,
  inspection,
  reportEvent,
  reportImport,
  reportState,
} from "./db/schema";
import {
  type DispositionInput,
  fenToYuan,
  MAX_DISPOSITIONS,
  quarterOfDate,
  type RecordInspectionInput,
  validateInspection,
} from "./resolvers/validation";

/** The approval workflow of supervision reports: one per county (the inspected institution's) and quarter. */
export function supervisionWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "supervision",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn({
      table: inspection,
      regionCode: inspection.regionCode,
      quarter: inspection.quarter,
    }),
  });
}

type InspectionKindValue = InspectionRow["kind"];
type DispositionKindValue = DispositionRow["kind"];

/** Column headers (Chinese) used in row errors. */
const COL = {
  reference: "检查编号",
  institutionId: "机构编码",
  regionCode: "行政区划代码",
  inspectedOn: "检查日期",
  kind: "检查类型",
  findings: "检查发现",
  dispositionKind: "处理方式",
  amountYuan: "金额（元）",
  note: "处理说明",
} as const;

/**
 * The documented CSV layout of inspections: one row per disposition; the rows sharing a 检查编号
 * (reference) form one inspection and repeat its fields. An inspection without dispositions is one
 * row with empty 处理方式 / 金额 / 处理说明.
 */
export const inspectionColumns: readonly ColumnSpec[] = [
  {
    key: "reference",
    zh: COL.reference,
    aliases: ["reference", "inspection_reference", "requestId", "request_id", "case_number", "案件编号"],
    type: { kind: "text", maxLength: 100 },
    help: "the inspection's reference, e.g. the county's case number; 1–100 of A–Z a–z 0–9 _ . : - (recommended: prefixed with the county code, e.g. 150724-2025-017). Stored as the inspection's requestId: unique across the nation, it identifies the inspection on every re-import. Rows with the same reference are one inspection",
  },
  {
    key: "institutionId",
    zh: COL.institutionId,
    aliases: ["institution_id", "institution", "机构编号", "定点机构编码"],
    type: { kind: "text", maxLength: 40 },
    help: "the inspected institution's id (Institution.id), e.g. 150724-H-001; it must exist and be in your scope",
  },
  {
    key: "institutionName",
    zh: "机构名称",
    aliases: ["institution_name"],
    type: { kind: "text", maxLength: 200 },
    optional: true,
    help: "name, for people reading the file (not checked)",
  },
  {
    key: "regionCode",
    zh: COL.regionCode,
    aliases: ["region_code", "county_code", "区划代码"],
    type: { kind: "region" },
    optional: true,
    help: "the institution's county (GB/T 2260); empty: taken from the institution id; given: must match it",
  },
  {
    key: "inspectedOn",
    zh: COL.inspectedOn,
    aliases: ["inspected_on", "date", "inspection_date"],
    type: { kind: "date" },
    help: "YYYY-MM-DD, not in the future (China time), not before the institution's agreement start; its quarter is the report's quarter",
  },
  {
    key: "kind",
    zh: COL.kind,
    aliases: ["inspection_kind", "inspectionKind"],
    type: {
      kind: "enum",
      values: {
        日常检查: "ROUTINE",
        专项检查: "SPECIAL",
        飞行检查: "FLYING",
        交叉检查: "CROSS",
        ROUTINE: "ROUTINE",
        SPECIAL: "SPECIAL",
        FLYING: "FLYING",
        CROSS: "CROSS",
      },
    },
    help: "日常检查 ROUTINE, 专项检查 SPECIAL, 飞行检查 FLYING or 交叉检查 CROSS",
  },
  {
    key: "findings",
    zh: COL.findings,
    aliases: ["发现问题", "检查结果"],
    type: { kind: "text", maxLength: 2000 },
    help: "what the inspection found (1–2,000 characters); the same on every row of the inspection",
  },
  {
    key: "dispositionKind",
    zh: COL.dispositionKind,
    aliases: ["disposition_kind", "disposition", "处理类型"],
    type: {
      kind: "enum",
      values: {
        约谈整改: "INTERVIEW",
        追回违规基金: "RECOVERY",
        行政处罚: "PENALTY",
        审核拒付: "REFUSAL",
        预留金考核扣付: "DEDUCTION",
        自查自纠退回: "SELF_CORRECTION",
        INTERVIEW: "INTERVIEW",
        RECOVERY: "RECOVERY",
        PENALTY: "PENALTY",
        REFUSAL: "REFUSAL",
        DEDUCTION: "DEDUCTION",
        SELF_CORRECTION: "SELF_CORRECTION",
      },
    },
    optional: true,
    help: "约谈整改 INTERVIEW, 追回违规基金 RECOVERY, 行政处罚 PENALTY, 审核拒付 REFUSAL, 预留金考核扣付 DEDUCTION or 自查自纠退回 SELF_CORRECTION; empty: a row of an inspection without a disposition",
  },
  {
    key: "amountYuan",
    zh: COL.amountYuan,
    aliases: ["amount_yuan", "amount", "金额"],
    type: { kind: "yuan" },
    optional: true,
    help: "yuan, at most two decimals, > 0; required for every kind except 约谈整改 INTERVIEW, which has none",
  },
  {
    key: "note",
    zh: COL.note,
    aliases: ["disposition_note", "备注"],
    type: { kind: "text", maxLength: 2000 },
    optional: true,
    help: "a note on the disposition (optional)",
  },
];

/** One row of an inspections CSV: the inspection it belongs to and (at most) one disposition. */
export interface InspectionFact {
  reference: string;
  institutionId: string;
  /** the institution's county, from its id */
  regionCode: string;
  inspectedOn: string;
  quarter: string;
  kind: InspectionKindValue;
  findings: string;
  disposition: { kind: DispositionKindValue; amountFen: bigint | null; note: string } | null;
}

const INSPECTION_FIELDS = ["institutionId", "inspectedOn", "kind", "findings"] as const;
const FIELD_COLUMN: Record<(typeof INSPECTION_FIELDS)[number], string> = {
  institutionId: COL.institutionId,
  inspectedOn: COL.inspectedOn,
  kind: COL.kind,
  findings: COL.findings,
};

/** The CSV column of a validateInspection problem field (dispositions[i].amountYuan → 金额（元）). */
function columnOf(field: string): string {
  if (field === "inspectedOn") return COL.inspectedOn;
  if (field === "findings") return COL.findings;
  if (field === "requestId") return COL.reference;
  if (field.endsWith(".amountYuan")) return COL.amountYuan;
  if (field.endsWith(".note")) return COL.note;
  return COL.dispositionKind;
}

/** A validateInspection message without the "dispositions[0]: " prefix (one disposition per row). */
const rowMessage = (m: string) => m.replace(/^dispositions\[\d+\]: /, "");

function dispositionInput(d: NonNullable<InspectionFact["disposition"]>): DispositionInput {
  return { kind: d.kind, amountYuan: d.amountFen === null ? null : fenToYuan(d.amountFen), note: d.note };
}

/** One inspection of a file: its rows in file order. */
interface Group {
  reference: string;
  rows: ImportRow<InspectionFact>[];
}

function groupByReference(rows: readonly ImportRow<InspectionFact>[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    let g = groups.get(r.fact.reference);
    if (!g) {
      g = { reference: r.fact.reference, rows: [] };
      groups.set(r.fact.reference, g);
    }
    g.rows.push(r);
  }
  return [...groups.values()];
}

/** The inspection a group of rows describes (the fields of its first row, the dispositions of all). */
function inspectionOf(g: Group): NewInspection {
  const f = (g.rows[0] as ImportRow<InspectionFact>).fact;
  return {
    institutionId: f.institutionId,
    regionCode: f.regionCode,
    inspectedOn: f.inspectedOn,
    quarter: f.quarter,
    kind: f.kind,
    findings: f.findings,
    requestId: f.reference,
    dispositions: g.rows.flatMap((r) => (r.fact.disposition ? [r.fact.disposition] : [])),
  };
}

/** Same inspection content: fields and the dispositions as a multiset (their order in the file does not matter). */
function sameInspection(
  a: NewInspection,
  b: Pick<NewInspection, "institutionId" | "inspectedOn" | "kind" | "findings" | "dispositions">,
): boolean {
  const disp = (x: Pick<NewInspection, "dispositions">) =>
    x.dispositions
      .map((d) => JSON.stringify([d.kind, d.amountFen === null ? null : d.amountFen.toString(), d.note]))
      .sort()
      .join("\n");
  return (
    a.institutionId === b.institutionId &&
    a.inspectedOn === b.inspectedOn &&
    a.kind === b.kind &&
    a.findings === b.findings &&
    disp(a) === disp(b)
  );
}

const CHUNK = 1_000;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Stored inspections by request_id (with their dispositions), optionally locked for update. */
async function storedByReference(
  db: Database | Tx,
  refs: readonly string[],
  lock: boolean,
): Promise<Map<string, InspectionRow & { dispositions: DispositionRow[] }>> {
  const out = new Map<string, InspectionRow & { dispositions: DispositionRow[] }>();
  for (const part of chunks(refs)) {
    const q = db.select().from(inspection).where(inArray(inspection.requestId, part));
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
        groups.map((g) => g.reference),
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
        const inst = insts.get(first.fact.institutionId);
        if (!inst) {
          for (const r of g.rows) {
            if (r.fact.institutionId === first.fact.institutionId)
              errors.push({
                line: r.line,
                column: COL.institutionId,
                value: r.fact.institutionId,
                reason: `没有编码为 ${r.fact.institutionId} 的定点医药机构 / unknown institution`,
              });
          }
          continue;
        }
        if (inst.regionCode !== first.fact.regionCode) {
          errors.push({
            line: first.line,
            column: COL.institutionId,
            value: inst.id,
            reason: `机构 ${inst.id} 登记在 ${inst.regionCode} / the institution is registered in ${inst.regionCode}`,
          });
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
            reason: `检查编号 ${g.reference} 已用于另一机构的检查 / the reference is already used for an inspection of another institution`,
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
      wanted.map((w) => w.requestId as string),
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
        .onConflictDoNothing({ target: inspection.requestId })
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

/** Everything the reporting workflow adds to the supervision subgraph. */
export function supervisionReporting(db: Database) {
  const workflow = supervisionWorkflow(db);
  const kind = inspectionsImport(db, workflow);
  return {
    workflow,
    kind,
    resolvers: workflowResolvers(workflow),
    uploads: importRoutes(db, workflow, [kind as never]),
  };
}

export const supervisionReportingSDL = [reportingSharedSDL, workflowSDL("supervision")];
