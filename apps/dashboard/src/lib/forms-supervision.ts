/** The supervision form: an inspection with its dispositions (基金监管). */
import { RecordInspectionDocument } from "../gql/graphql";
import { textOf } from "./documents";
import { type FormSpec, INSTITUTION, type Problem, parseYuan, yuan, yuanToFen } from "./form-core";

const INSPECTION_KINDS = [
  { value: "ROUTINE", zh: "日常检查", en: "Routine" },
  { value: "SPECIAL", zh: "专项检查", en: "Special" },
  { value: "FLYING", zh: "飞行检查", en: "Unannounced (flying)" },
  { value: "CROSS", zh: "交叉检查", en: "Cross-check" },
];

const DISPOSITION_KINDS = [
  { value: "INTERVIEW", zh: "约谈整改", en: "Interview" },
  { value: "RECOVERY", zh: "追回违规基金", en: "Recovery of funds" },
  { value: "PENALTY", zh: "行政处罚", en: "Administrative penalty" },
  { value: "REFUSAL", zh: "审核拒付", en: "Refused payment" },
  { value: "DEDUCTION", zh: "预留金考核扣付", en: "Deduction from the reserve" },
  { value: "SELF_CORRECTION", zh: "自查自纠退回", en: "Self-correction refund" },
];

/** The quarter ("2025Q1") a date ("2025-02-03") falls in. */
export function quarterOfDate(date: string): string {
  const [y, m] = date.split("-");
  return `${y}Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

export const inspectionForm: FormSpec = {
  id: "inspection",
  fact: "inspections",
  domain: "supervision",
  zh: "监督检查及处理",
  en: "Inspection with dispositions",
  fields: [
    INSTITUTION,
    { key: "inspectedOn", zh: "检查日期", en: "Inspected on", kind: "date" },
    { key: "kind", zh: "检查类型", en: "Kind", kind: "select", options: INSPECTION_KINDS },
    { key: "findings", zh: "检查发现", en: "Findings", kind: "text", maxLength: 2000 },
  ],
  rows: {
    zh: "处理处罚",
    en: "dispositions",
    min: 0,
    addZh: "添加处理处罚",
    addEn: "Add a disposition",
    fields: [
      { key: "kind", zh: "处理方式", en: "Disposition", kind: "select", options: DISPOSITION_KINDS },
      yuan("amountYuan", "金额", "Amount", true),
      { key: "note", zh: "说明", en: "Note", kind: "text", optional: true, maxLength: 500 },
    ],
  },
  check(v, rows, ctx) {
    const problems: Problem[] = [];
    const date = v.inspectedOn ?? "";
    if (quarterOfDate(date) !== ctx.quarter)
      problems.push({
        field: "inspectedOn",
        zh: `检查日期须在所选季度（${ctx.quarter}）内`,
        en: `The date must lie in the chosen quarter (${ctx.quarter})`,
      });
    else if (date > ctx.today)
      problems.push({ field: "inspectedOn", zh: "检查日期不能晚于今天", en: "The date is in the future" });
    rows.forEach((r, i) => {
      const hasAmount = (r.amountYuan ?? "").trim() !== "";
      if (r.kind === "INTERVIEW" && hasAmount)
        problems.push({
          field: `rows.${i}.amountYuan`,
          zh: "约谈整改不填金额",
          en: "An interview has no amount",
        });
      if (r.kind !== "INTERVIEW" && (!hasAmount || yuanToFen(parseYuan(r.amountYuan ?? "") ?? "0") === 0n))
        problems.push({
          field: `rows.${i}.amountYuan`,
          zh: "请填写大于 0 的金额（元）",
          en: "Enter an amount in yuan greater than 0",
        });
    });
    return problems;
  },
  load: null,
  save: {
    doc: textOf(RecordInspectionDocument),
    variables: (v, rows, ctx) => ({
      input: {
        institutionId: v.institutionId?.trim(),
        inspectedOn: v.inspectedOn,
        kind: v.kind,
        findings: v.findings?.trim(),
        requestId: ctx.requestId,
        dispositions: rows.map((r) => ({
          kind: r.kind,
          amountYuan: r.kind === "INTERVIEW" ? null : parseYuan(r.amountYuan ?? ""),
          note: r.note?.trim() ?? "",
        })),
      },
    }),
  },
};
