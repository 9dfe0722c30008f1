import {
  defineFact,
  type FactLock,
  type FactValues,
  field,
  type ImportCheck,
  type Problem,
  type RowError,
} from "@hsa/reporting";
import { and, eq, inArray, or } from "drizzle-orm";
import { getInstitutions } from "../db/queries";
import { disposition, type InstitutionRow, inspection } from "../db/schema";
import { countyOfId } from "../resolvers/access";
import { chinaToday, fenToYuan, quarterOfDate } from "../resolvers/validation";
import { date, trimmed } from "./fields";

const MAX_TEXT = 2000;

const INSPECTION_KINDS = {
  日常检查: "ROUTINE",
  专项检查: "SPECIAL",
  飞行检查: "FLYING",
  交叉检查: "CROSS",
  ROUTINE: "ROUTINE",
  SPECIAL: "SPECIAL",
  FLYING: "FLYING",
  CROSS: "CROSS",
};
const DISPOSITION_KINDS = {
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
};

/**
 * A requestId / reference names an inspection of one county (unique per county): one already used
 * for another institution's inspection there cannot be reused (checked on the stored rows).
 */
const referenceLock: FactLock = {
  field: "requestId",
  async locked(db, values) {
    const keyed = values.flatMap((v, index) => (v.requestId == null ? [] : [{ v, index }]));
    const stored = new Map<string, string>();
    for (let i = 0; i < keyed.length; i += 1_000) {
      const byCounty = new Map<string, string[]>();
      for (const { v } of keyed.slice(i, i + 1_000)) {
        const code = String(v.regionCode);
        byCounty.set(code, [...(byCounty.get(code) ?? []), String(v.requestId)]);
      }
      const rows = await db
        .select({ r: inspection.regionCode, q: inspection.requestId, i: inspection.institutionId })
        .from(inspection)
        .where(
          or(
            ...[...byCounty].map(([code, refs]) =>
              and(eq(inspection.regionCode, code), inArray(inspection.requestId, refs)),
            ),
          ),
        );
      for (const r of rows) stored.set(`${r.r}|${r.q}`, r.i);
    }
    return keyed.flatMap(({ v, index }) => {
      const other = stored.get(`${v.regionCode}|${v.requestId}`);
      return other === undefined || other === v.institutionId
        ? []
        : [
            {
              index,
              reason: `检查编号 ${v.requestId} 已用于本县另一机构的检查 / requestId "${v.requestId}" was already used for another inspection of ${v.regionCode}`,
            },
          ];
    });
  },
};

/** The problem of an inspection dated before its institution's agreement started, if it is. */
export function agreementProblem(
  inspectedOn: string,
  inst: Pick<InstitutionRow, "agreementStart">,
): Problem | null {
  return inspectedOn < inst.agreementStart
    ? {
        field: "inspectedOn",
        message: `inspectedOn ${inspectedOn} is before the institution's agreement start ${inst.agreementStart}`,
      }
    : null;
}

/** The imported rows' institutions: registered in the county their id names, agreement started by the date. */
const institutionCheck: ImportCheck = async (db, rows) => {
  const insts = await getInstitutions(db, [...new Set(rows.map((r) => String(r.fact.institutionId)))]);
  const errors: RowError[] = [];
  for (const { line, fact } of rows) {
    const id = String(fact.institutionId);
    // one registered in another county than its id names answers like an unknown one (no oracle)
    const inst = insts.get(id);
    if (!inst || inst.regionCode !== fact.regionCode) {
      errors.push({
        line,
        column: "机构编码",
        value: id,
        reason: `您的权限范围内没有编码为 ${id} 的定点医药机构 / no institution with this id in your scope`,
      });
      continue;
    }
    const late = agreementProblem(String(fact.inspectedOn), inst);
    if (late)
      errors.push({ line, column: "检查日期", reason: `检查日期早于该机构的协议开始日期 / ${late.message}` });
  }
  return errors;
};

/**
 * One inspection of an institution with its dispositions (a child collection): recordInspection and
 * the CSV import (POST /import/inspections, one row per disposition), declared once. Keyed by the
 * county and the requestId (the CSV's 检查编号): a retried mutation writes nothing, a re-imported
 * reference corrects the stored inspection (dispositions replaced), both audited old → new.
 */
export const inspectionFact = defineFact({
  kind: "inspections",
  noun: "inspection",
  title: {
    zh: "监督检查及处理（每行一项处理）",
    en: "Inspections with their dispositions (one row per disposition)",
  },
  table: inspection,
  fields: {
    requestId: field.text({
      zh: "检查编号",
      csvKey: "reference",
      aliases: ["reference", "inspection_reference", "requestId", "request_id", "case_number", "案件编号"],
      maxLength: 100,
      optional: true,
      fallback: null,
      csvRequired: true,
      clientKey: true,
      help: "the inspection's reference, e.g. the county's case number; 1–100 of A–Z a–z 0–9 _ . : - (recommended: prefixed with the county code, e.g. 150724-2025-017). Stored as the inspection's requestId: unique across the nation, it identifies the inspection on every re-import. Rows with the same reference are one inspection",
      doc: "客户端选择的幂等键（如每次表单提交一个 UUID）：相同键重试不会重复创建。Idempotency key chosen by the client (e.g. a UUID per form submission): a retry with the same key creates nothing.",
    }),
    institutionId: field.text({
      zh: "机构编码",
      aliases: ["institution_id", "institution", "机构编号", "定点机构编码"],
      maxLength: 40,
      graphqlType: "ID",
      en: "Institution",
      labelZh: "定点医药机构",
      refersTo: "Institution",
      help: "the inspected institution's id (Institution.id), e.g. 150724-H-001; it must exist and be in your scope",
      doc: "被检查机构编号，须在你的权限范围内。Institution id, in your scope.",
    }),
    institutionName: field.text({
      zh: "机构名称",
      aliases: ["institution_name"],
      maxLength: 200,
      optional: true,
      csvOnly: true,
      help: "name, for people reading the file (not checked)",
    }),
    regionGiven: field.region({
      zh: "行政区划代码",
      csvKey: "regionCode",
      aliases: ["region_code", "county_code", "区划代码"],
      optional: true,
      csvOnly: true,
      help: "the institution's county (GB/T 2260); empty: taken from the institution id; given: must match it",
    }),
    inspectedOn: date({
      zh: "检查日期",
      aliases: ["inspected_on", "date", "inspection_date"],
      maxLength: 10,
      en: "Inspected on",
      helpZh: "YYYY-MM-DD，不晚于今天，不早于机构协议开始日期；其所在季度即上报季度",
      help: "YYYY-MM-DD, not in the future (China time), not before the institution's agreement start; its quarter is the report's quarter",
      doc: "检查日期（YYYY-MM-DD），不晚于今天（北京时间），不早于协议开始日期。YYYY-MM-DD, not in the future (China time), not before the agreement start.",
    }),
    kind: field.oneOf({
      zh: "检查类型",
      aliases: ["inspection_kind", "inspectionKind"],
      graphqlType: "InspectionKind",
      labels: INSPECTION_KINDS,
      en: "Kind",
      names: {
        ROUTINE: { zh: "日常检查", en: "Routine" },
        SPECIAL: { zh: "专项检查", en: "Special" },
        FLYING: { zh: "飞行检查", en: "Unannounced (flying)" },
        CROSS: { zh: "交叉检查", en: "Cross-check" },
      },
      help: "日常检查 ROUTINE, 专项检查 SPECIAL, 飞行检查 FLYING or 交叉检查 CROSS",
      doc: "检查类别。Inspection kind.",
    }),
    findings: trimmed({
      zh: "检查发现",
      aliases: ["发现问题", "检查结果"],
      maxLength: MAX_TEXT,
      en: "Findings",
      helpZh: "检查发现的问题（1–2000 字）",
      help: "what the inspection found (1–2,000 characters); the same on every row of the inspection",
      doc: "检查发现的问题。Findings.",
    }),
  },
  key: ["regionCode", "requestId"],
  region: "regionCode",
  quarter: "quarter",
  regionFrom: {
    field: "institutionId",
    of: (f) => countyOfId(String(f.institutionId)),
    problem: (f) => `"${f.institutionId}" 不是机构编码 / not an institution id like 150724-H-001`,
  },
  quarterFrom: { field: "inspectedOn", of: (f) => quarterOfDate(String(f.inspectedOn)) },
  rules: [
    {
      field: "inspectedOn",
      notAfterToday: "inspectedOn",
      message: (f) => ({
        zh: `检查日期 ${f.inspectedOn} 晚于今天（${chinaToday()}）`,
        en: `inspectedOn ${f.inspectedOn} is in the future (today: ${chinaToday()})`,
      }),
    },
    {
      uses: ["findings"],
      field: "findings",
      holds: (f) => String(f.findings).trim() !== "",
      message: () => ({ zh: "检查发现不能为空", en: "findings must not be empty" }),
    },
    {
      uses: ["requestId"],
      field: "requestId",
      holds: (f) => f.requestId === null || /^[\w.:-]{1,100}$/.test(String(f.requestId)),
      message: () => ({
        zh: "检查编号应为 1–100 个字母、数字或 . _ : -",
        en: "requestId must be 1–100 letters, digits or . _ : - (e.g. a UUID)",
      }),
    },
    {
      uses: ["institutionId"],
      field: "regionGiven",
      holds: (f) => f.regionGiven == null || f.regionCode == null || f.regionGiven === f.regionCode,
      message: (f) => ({
        zh: `机构 ${f.institutionId} 属于 ${f.regionCode}，不是 ${f.regionGiven}`,
        en: `the institution belongs to ${f.regionCode}`,
      }),
    },
  ],
  locks: [referenceLock],
  children: {
    name: "dispositions",
    noun: "disposition",
    title: { zh: "处理处罚", en: "dispositions" },
    table: disposition,
    parentRef: "inspectionId",
    parentId: "id",
    order: "id",
    max: 50,
    inputType: "DispositionInput",
    inputDoc: "一项处理结果。A disposition to record.",
    doc: "处理结果（可为空）。Dispositions (may be empty).",
    fields: {
      kind: field.oneOf({
        zh: "处理方式",
        csvKey: "dispositionKind",
        aliases: ["disposition_kind", "disposition", "处理类型"],
        graphqlType: "DispositionKind",
        labels: DISPOSITION_KINDS,
        en: "Disposition",
        names: {
          INTERVIEW: { zh: "约谈整改", en: "Interview" },
          RECOVERY: { zh: "追回违规基金", en: "Recovery of funds" },
          PENALTY: { zh: "行政处罚", en: "Administrative penalty" },
          REFUSAL: { zh: "审核拒付", en: "Refused payment" },
          DEDUCTION: { zh: "预留金考核扣付", en: "Deduction from the reserve" },
          SELF_CORRECTION: { zh: "自查自纠退回", en: "Self-correction refund" },
        },
        help: "约谈整改 INTERVIEW, 追回违规基金 RECOVERY, 行政处罚 PENALTY, 审核拒付 REFUSAL, 预留金考核扣付 DEDUCTION or 自查自纠退回 SELF_CORRECTION; empty: a row of an inspection without a disposition",
        doc: "处理类别。Kind.",
      }),
      amountYuan: field.yuan({
        zh: "金额（元）",
        aliases: ["amount_yuan", "amount", "金额"],
        optional: true,
        fallback: null,
        en: "Amount",
        labelZh: "金额",
        helpZh: "元，最多两位小数，大于 0；约谈整改不填",
        help: "yuan, at most two decimals, > 0; required for every kind except 约谈整改 INTERVIEW, which has none",
        doc: '金额（元，最多两位小数），如 "433000.00"；除约谈整改（无金额）外必填且大于 0。Yuan, at most two decimals, e.g. "433000.00"; required (> 0) except for INTERVIEW, which has none.',
      }),
      note: trimmed({
        zh: "处理说明",
        aliases: ["disposition_note", "备注"],
        maxLength: MAX_TEXT,
        optional: true,
        fallback: "",
        en: "Note",
        labelZh: "说明",
        helpZh: "可选",
        help: "a note on the disposition (optional)",
        doc: "说明（可选）。Note (optional).",
      }),
    },
    rules: [
      {
        field: "amountYuan",
        // an interview has no amount; every other kind a positive one
        emptyWhen: { field: "kind", values: ["INTERVIEW"] },
        message: (d) =>
          d.kind === "INTERVIEW"
            ? { zh: "约谈整改没有金额", en: "an INTERVIEW has no amount" }
            : {
                zh: `${d.kind} 须填写大于 0 的金额（元）`,
                en: `a ${d.kind} needs amountYuan, a positive amount in yuan with at most two decimals (got ${d.amountFen === null ? "none" : `"${fenToYuan(d.amountFen as bigint)}"`})`,
              },
      },
    ],
  },
  stamp: (actor) => ({ recordedBy: actor.sub }),
  // audit_event rows of kind "inspection" keyed by the inspection's id, generated on insert
  // (supervisionAudit(entityId:) finds it; rows moved from audit_log are keyed alike, migration 0008)
  audit: {
    kind: "inspection",
    key: (row: FactValues) => ({ id: String(row.id) }),
    entityKey: (f: FactValues) => String(f.id),
    values: ["institutionId", "regionCode", "inspectedOn", "quarter", "kind", "findings", "requestId"],
  },
  mutation: {
    name: "recordInspection",
    inputType: "RecordInspectionInput",
    inputDoc: "要记录的检查。An inspection to record.",
    doc: [
      "在一个事务中记录一次检查及其全部处理结果：要么全部成功，要么全部不写（需 reporter 角色，机构在权限范围内）。所有无效字段一次报出（处理结果按序号）。",
      "requestId 已记录过时不写入，返回已保存的检查（created: false）。",
      "Records an inspection with all its dispositions in one transaction: all or nothing (role reporter,",
      "institution in scope). Every invalid field is reported at once (dispositions by index). With a",
      "requestId already recorded, nothing is written and the stored inspection is returned (created: false).",
    ].join("\n"),
    argDoc: "检查及其处理结果。The inspection and its dispositions.",
    payloadType: "RecordInspectionPayload",
    // the resolver is supervision's own (resolvers/mutations.ts): the institution decides the county
    payload: (row, changed) => ({ row, created: changed }),
  },
  import: { action: "importInspections", check: institutionCheck },
});

export const inspectionColumns = inspectionFact.columns;

/**
 * Every problem of a recordInspection input for `inst` (dispositions by index): the declared
 * fields and rules, then the agreement start.
 */
export function validateInspection(
  input: Record<string, unknown>,
  inst: Pick<InstitutionRow, "agreementStart">,
  now: Date = new Date(),
): Problem[] {
  const { problems } = inspectionFact.check(input, now);
  const on = input.inspectedOn;
  if (typeof on === "string" && !problems.some((p) => p.field === "inspectedOn")) {
    const late = agreementProblem(on, inst);
    if (late) problems.push(late);
  }
  return problems;
}
