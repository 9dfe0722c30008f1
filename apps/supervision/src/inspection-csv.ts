import type { ColumnSpec, ImportRow } from "@hsa/reporting";
import type { DispositionRow, InspectionRow } from "./db/schema";
import type { NewInspection } from "./db/writes";
import type { DispositionInput } from "./resolvers/validation";
import { fenToYuan } from "./resolvers/validation";

export type InspectionKindValue = InspectionRow["kind"];
export type DispositionKindValue = DispositionRow["kind"];

/** Column headers (Chinese) used in row errors. */
export const COL = {
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

export const INSPECTION_FIELDS = ["institutionId", "inspectedOn", "kind", "findings"] as const;
export const FIELD_COLUMN: Record<(typeof INSPECTION_FIELDS)[number], string> = {
  institutionId: COL.institutionId,
  inspectedOn: COL.inspectedOn,
  kind: COL.kind,
  findings: COL.findings,
};

/** The CSV column of a validateInspection problem field (dispositions[i].amountYuan → 金额（元）). */
export function columnOf(field: string): string {
  if (field === "inspectedOn") return COL.inspectedOn;
  if (field === "findings") return COL.findings;
  if (field === "requestId") return COL.reference;
  if (field.endsWith(".amountYuan")) return COL.amountYuan;
  if (field.endsWith(".note")) return COL.note;
  return COL.dispositionKind;
}

/** A validateInspection message without the "dispositions[0]: " prefix (one disposition per row). */
export const rowMessage = (m: string) => m.replace(/^dispositions\[\d+\]: /, "");

export function dispositionInput(d: NonNullable<InspectionFact["disposition"]>): DispositionInput {
  return { kind: d.kind, amountYuan: d.amountFen === null ? null : fenToYuan(d.amountFen), note: d.note };
}

/** One inspection of a file: its rows in file order. */
export interface Group {
  reference: string;
  rows: ImportRow<InspectionFact>[];
}

export function groupByReference(rows: readonly ImportRow<InspectionFact>[]): Group[] {
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
export function inspectionOf(g: Group): NewInspection {
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
export function sameInspection(
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
