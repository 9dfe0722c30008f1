/**
 * The data-entry forms, one per kind of report (enrollment figures, purchases, VBP progress, an
 * inspection with its dispositions, DIP cases): labelled fields with units, client-side validation
 * with Chinese (and English) messages, how stored figures are loaded and how the form is saved.
 * The server validates again; its problems ({field, message}) are shown next to the fields too.
 */
import {
  EnrollmentReportDocument,
  EntryDipGroupsDocument,
  EntryInstitutionsDocument,
  EntryVbpProductsDocument,
  InstitutionPurchasesDocument,
  RecordInspectionDocument,
  ReportDipCasesDocument,
  ReportEnrollmentDocument,
  ReportPurchasesDocument,
  ReportVbpProgressDocument,
} from "../gql/graphql";
import { textOf } from "./documents";
import type { Lang } from "./format";

export type FieldKind = "int" | "yuan" | "text" | "date" | "select";

/** Where a select's options come from when they are not fixed: a lookup in the graph. */
export type OptionSource = "institutions" | "vbpProducts" | "dipGroups";

export interface FieldSpec {
  key: string;
  zh: string;
  en: string;
  /** unit shown after the label: 人, 笔, 人次, 元 */
  unit?: { zh: string; en: string };
  kind: FieldKind;
  optional?: boolean;
  options?: { value: string; zh: string; en: string }[];
  source?: OptionSource;
  maxLength?: number;
  /** a hint under the field */
  hint?: { zh: string; en: string };
  /** fields of one group (e.g. a purchase category) are shown together under its title */
  group?: { zh: string; en: string };
  /** the label within its group (messages keep the full name) */
  short?: { zh: string; en: string };
}

export type Values = Record<string, string>;

export interface Problem {
  /** a field key; `rows.2.amountYuan` for a field of a repeated row; null: the whole form */
  field: string | null;
  zh: string;
  en: string;
}

export interface SaveContext {
  unit: string;
  quarter: string;
  /** a fresh idempotency key per submission (inspections) */
  requestId: string;
}

export interface FormSpec {
  id: string;
  /** the reporting domain whose workflow (status, submit) the form belongs to */
  domain: string;
  zh: string;
  en: string;
  fields: FieldSpec[];
  /** repeated rows (dispositions, DIP disease groups) */
  rows?: { zh: string; en: string; fields: FieldSpec[]; min: number; addZh: string; addEn: string };
  /** checks across fields, after every field passed on its own */
  check?(values: Values, rows: Values[], ctx: { quarter: string; today: string }): Problem[];
  /** how stored figures are read (null: each entry is a new record, nothing to pre-fill) */
  load: {
    doc: string;
    /** null when the form lacks what the lookup needs (e.g. no institution chosen yet) */
    variables(ctx: { unit: string; quarter: string; values: Values }): Record<string, unknown> | null;
    pick(data: unknown): { values: Values; rows: Values[] } | null;
  } | null;
  save: {
    doc: string;
    variables(values: Values, rows: Values[], ctx: SaveContext): Record<string, unknown>;
  };
}

const INT_MAX = 2_147_483_647;
const YUAN = /^\d{1,13}(\.\d{1,2})?$/;

/** "1,234" → 1234; null when not a whole number ≥ 0. */
export function parseCount(raw: string): number | null {
  const s = raw.trim().replace(/[,，\s]/g, "");
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= INT_MAX ? n : null;
}

/** "1,234.5" → "1234.50"; null when not an amount ≥ 0 with at most two decimals. */
export function parseYuan(raw: string): string | null {
  const s = raw.trim().replace(/[,，\s]/g, "");
  if (!YUAN.test(s)) return null;
  const [i = "0", f = ""] = s.split(".");
  return `${BigInt(i).toString()}.${f.padEnd(2, "0")}`;
}

/** Yuan string → fen (bigint) for comparisons without floating point. */
export function yuanToFen(yuan: string): bigint {
  const [i = "0", f = ""] = yuan.split(".");
  return BigInt(i) * 100n + BigInt(f.padEnd(2, "0").slice(0, 2) || "0");
}

const label = (f: FieldSpec, lang: Lang) => (lang === "en" ? (f.short?.en ?? f.en) : (f.short?.zh ?? f.zh));

/** Problems of one field's value on its own (required, whole number ≥ 0, yuan with ≤ 2 decimals, date). */
export function checkField(f: FieldSpec, raw: string | undefined, prefix = ""): Problem | null {
  const v = (raw ?? "").trim();
  const field = prefix + f.key;
  if (v === "") {
    if (f.optional) return null;
    return { field, zh: `请填写${f.zh}`, en: `${f.en} is required` };
  }
  switch (f.kind) {
    case "int":
      return parseCount(v) === null
        ? { field, zh: `${f.zh}须为不小于 0 的整数`, en: `${f.en} must be a whole number ≥ 0` }
        : null;
    case "yuan":
      return parseYuan(v) === null
        ? {
            field,
            zh: `${f.zh}须为不小于 0 的金额（元），最多两位小数`,
            en: `${f.en} must be an amount in yuan ≥ 0 with at most two decimals`,
          }
        : null;
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
        ? null
        : { field, zh: `${f.zh}须为日期（年-月-日）`, en: `${f.en} must be a date (YYYY-MM-DD)` };
    case "select":
      return f.options && !f.options.some((o) => o.value === v)
        ? { field, zh: `请选择${f.zh}`, en: `Choose ${f.en}` }
        : null;
    case "text":
      return f.maxLength && v.length > f.maxLength
        ? {
            field,
            zh: `${f.zh}最多 ${f.maxLength} 个字`,
            en: `${f.en}: at most ${f.maxLength} characters`,
          }
        : null;
  }
}

/** Every problem of the form, so the reporter can fix them all at once. */
export function validateForm(
  spec: FormSpec,
  values: Values,
  rows: Values[],
  ctx: { quarter: string; today: string },
): Problem[] {
  const problems: Problem[] = [];
  for (const f of spec.fields) {
    const p = checkField(f, values[f.key]);
    if (p) problems.push(p);
  }
  if (spec.rows) {
    if (rows.length < spec.rows.min)
      problems.push({
        field: null,
        zh: `至少填写 ${spec.rows.min} 行${spec.rows.zh}`,
        en: `Enter at least ${spec.rows.min} ${spec.rows.en}`,
      });
    rows.forEach((r, i) => {
      for (const f of spec.rows?.fields ?? []) {
        const p = checkField(f, r[f.key], `rows.${i}.`);
        if (p) problems.push(p);
      }
    });
  }
  if (problems.length === 0 && spec.check) problems.push(...spec.check(values, rows, ctx));
  return problems;
}

/** A message for a field in the page's language. */
export function problemText(p: Problem, lang: Lang): string {
  return lang === "en" ? p.en : p.zh;
}

/**
 * The server's problems ({field, message}, e.g. reportEnrollment's extensions.problems) as form
 * problems: `input.x` / `x` → field x; `input.items.1.networkYuan` and the like stay on the form.
 */
export function serverProblems(spec: FormSpec, raw: unknown): Problem[] {
  if (!Array.isArray(raw)) return [];
  const keys = new Set(spec.fields.map((f) => f.key));
  return raw.flatMap((p) => {
    if (!p || typeof p !== "object") return [];
    const { field, message } = p as { field?: unknown; message?: unknown };
    const text = typeof message === "string" ? message : JSON.stringify(p);
    const name = typeof field === "string" ? field.replace(/^input\./, "") : "";
    return [{ field: keys.has(name) ? name : null, zh: text, en: text }];
  });
}

const u = (zh: string, en: string) => ({ zh, en });
const PERSONS = u("人", "persons");
const CASES = u("人次", "cases");
const SETTLEMENTS = u("笔", "settlements");
const YUAN_UNIT = u("元", "yuan");

const count = (key: string, zh: string, en: string, unit = PERSONS, hint?: FieldSpec["hint"]): FieldSpec => ({
  key,
  zh,
  en,
  unit,
  kind: "int",
  hint,
});
const yuan = (key: string, zh: string, en: string, optional = false): FieldSpec => ({
  key,
  zh,
  en,
  unit: YUAN_UNIT,
  kind: "yuan",
  optional,
});

const ENROLLMENT_FIELDS: FieldSpec[] = [
  count(
    "insuredEmployee",
    "职工医保参保人数",
    "Insured, employee scheme",
    PERSONS,
    u("季末数", "end of quarter"),
  ),
  count(
    "insuredResident",
    "居民医保参保人数",
    "Insured, resident scheme",
    PERSONS,
    u("季末数", "end of quarter"),
  ),
  count("registeredPopulation", "户籍人口", "Registered population", PERSONS, u("季末数", "end of quarter")),
  count(
    "evoucherActivated",
    "医保电子凭证激活人数",
    "Activated e-vouchers",
    PERSONS,
    u("季末数", "end of quarter"),
  ),
  count("settlementsTotal", "结算笔数", "All settlements", SETTLEMENTS, u("本季度", "in the quarter")),
  count(
    "settlementsEvoucher",
    "医保电子凭证结算笔数",
    "Settlements with the e-voucher",
    SETTLEMENTS,
    u("不超过结算笔数", "at most all settlements"),
  ),
  count("remoteRegistrations", "异地就医备案人次", "Remote-care registrations", CASES),
  count("remoteHospitalisations", "统筹区外住院人次", "Hospitalisations outside the pool", CASES),
  count("subsidisedPersons", "资助参保人数", "Subsidised persons"),
  yuan("subsidyAmountYuan", "资助参保金额", "Subsidy amount"),
];

const enrollmentForm: FormSpec = {
  id: "enrollment",
  domain: "enrollment",
  zh: "参保数据（县级季度报表）",
  en: "Enrollment figures (county quarterly report)",
  fields: ENROLLMENT_FIELDS,
  check(v) {
    const total = parseCount(v.settlementsTotal ?? "") ?? 0;
    const ev = parseCount(v.settlementsEvoucher ?? "") ?? 0;
    return ev > total
      ? [
          {
            field: "settlementsEvoucher",
            zh: `医保电子凭证结算笔数（${ev}）不能大于结算笔数（${total}）`,
            en: `E-voucher settlements (${ev}) cannot exceed all settlements (${total})`,
          },
        ]
      : [];
  },
  load: {
    doc: textOf(EnrollmentReportDocument),
    variables: ({ unit, quarter }) => ({ regionCode: unit, quarter }),
    pick(data) {
      const r = (data as { report: Record<string, unknown> | null }).report;
      if (!r) return null;
      const values: Values = {};
      for (const f of ENROLLMENT_FIELDS) values[f.key] = String(r[f.key] ?? "");
      return { values, rows: [] };
    },
  },
  save: {
    doc: textOf(ReportEnrollmentDocument),
    variables(v, _rows, ctx) {
      const input: Record<string, unknown> = { regionCode: ctx.unit, quarter: ctx.quarter };
      for (const f of ENROLLMENT_FIELDS)
        input[f.key] = f.kind === "int" ? parseCount(v[f.key] ?? "") : parseYuan(v[f.key] ?? "");
      return { input };
    },
  },
};

const INSTITUTION: FieldSpec = {
  key: "institutionId",
  zh: "定点医药机构",
  en: "Institution",
  kind: "text",
  source: "institutions",
  hint: u("机构编码，如 150724-H-001", "institution id, e.g. 150724-H-001"),
};

const CATEGORIES = [
  { value: "DRUG", zh: "药品", en: "Drugs" },
  { value: "CONSUMABLE_SEPARATE", zh: "可单独收费医用耗材", en: "Separately chargeable consumables" },
  {
    value: "CONSUMABLE_NON_SEPARATE",
    zh: "不可单独收费医用耗材",
    en: "Non-separately chargeable consumables",
  },
];

const PURCHASE_FIELDS: FieldSpec[] = CATEGORIES.flatMap((c) => {
  const group = { zh: c.zh, en: c.en };
  return [
    {
      ...yuan(`${c.value}.totalYuan`, `${c.zh}采购总金额`, `${c.en}: total purchases`, true),
      group,
      short: u("采购总金额", "Total purchases"),
    },
    {
      ...yuan(`${c.value}.networkYuan`, `${c.zh}网采金额`, `${c.en}: through the platform`, true),
      group,
      short: u("网采金额", "Through the platform"),
    },
    {
      ...yuan(
        `${c.value}.reportedOffNetworkYuan`,
        `${c.zh}报备网外采购金额`,
        `${c.en}: reported off-platform`,
        true,
      ),
      group,
      short: u("报备网外采购金额", "Reported off-platform"),
    },
  ];
});

const filled = (v: Values, key: string) => (v[key] ?? "").trim() !== "";

const purchasesForm: FormSpec = {
  id: "purchases",
  domain: "procurement",
  zh: "药品耗材采购（机构 × 季度）",
  en: "Purchases (institution × quarter)",
  fields: [INSTITUTION, ...PURCHASE_FIELDS],
  check(v) {
    const problems: Problem[] = [];
    let any = false;
    for (const c of CATEGORIES) {
      const k = (f: string) => `${c.value}.${f}`;
      if (!["totalYuan", "networkYuan", "reportedOffNetworkYuan"].some((f) => filled(v, k(f)))) continue;
      any = true;
      for (const f of ["totalYuan", "networkYuan"])
        if (!filled(v, k(f)))
          problems.push({
            field: k(f),
            zh: `填写了${c.zh}，请同时填写${f === "totalYuan" ? "采购总金额" : "网采金额"}`,
            en: `${c.en}: ${f === "totalYuan" ? "the total" : "the platform amount"} is required`,
          });
      if (problems.length) continue;
      const total = yuanToFen(parseYuan(v[k("totalYuan")] ?? "") ?? "0");
      const net = yuanToFen(parseYuan(v[k("networkYuan")] ?? "") ?? "0");
      const off = yuanToFen(parseYuan(v[k("reportedOffNetworkYuan")] ?? "0") ?? "0");
      if (net > total)
        problems.push({
          field: k("networkYuan"),
          zh: `${c.zh}网采金额不能大于采购总金额`,
          en: `${c.en}: the platform amount cannot exceed the total`,
        });
      else if (net + off > total)
        problems.push({
          field: k("reportedOffNetworkYuan"),
          zh: `${c.zh}网采金额与报备网外金额之和不能大于采购总金额`,
          en: `${c.en}: platform + reported off-platform cannot exceed the total`,
        });
    }
    if (!any)
      problems.push({
        field: null,
        zh: "请至少填写一类采购（药品或耗材）",
        en: "Enter at least one category",
      });
    return problems;
  },
  load: {
    doc: textOf(InstitutionPurchasesDocument),
    variables: ({ quarter, values }) =>
      values.institutionId?.trim() ? { id: values.institutionId.trim(), quarter } : null,
    pick(data) {
      const inst = (data as { institution: { purchases: Record<string, string>[] } | null }).institution;
      if (!inst || inst.purchases.length === 0) return null;
      const values: Values = {};
      for (const p of inst.purchases)
        for (const f of ["totalYuan", "networkYuan", "reportedOffNetworkYuan"])
          values[`${p.category}.${f}`] = p[f] ?? "";
      return { values, rows: [] };
    },
  },
  save: {
    doc: textOf(ReportPurchasesDocument),
    variables(v, _rows, ctx) {
      const items = CATEGORIES.filter((c) => filled(v, `${c.value}.totalYuan`)).map((c) => ({
        category: c.value,
        totalYuan: parseYuan(v[`${c.value}.totalYuan`] ?? ""),
        networkYuan: parseYuan(v[`${c.value}.networkYuan`] ?? ""),
        reportedOffNetworkYuan: parseYuan(v[`${c.value}.reportedOffNetworkYuan`] || "0"),
      }));
      return { input: { institutionId: v.institutionId?.trim(), quarter: ctx.quarter, items } };
    },
  },
};

const vbpForm: FormSpec = {
  id: "vbp",
  domain: "procurement",
  zh: "集采执行进度（机构 × 产品 × 季度）",
  en: "VBP progress (institution × product × quarter)",
  fields: [
    INSTITUTION,
    {
      key: "productId",
      zh: "集采产品",
      en: "VBP product",
      kind: "text",
      source: "vbpProducts",
      hint: u("中选产品编码", "the winning product's id"),
    },
    count("purchasedVolume", "本季度采购量", "Volume purchased in the quarter", u("最小包装单位", "units")),
  ],
  load: null,
  save: {
    doc: textOf(ReportVbpProgressDocument),
    variables: (v, _rows, ctx) => ({
      input: {
        institutionId: v.institutionId?.trim(),
        productId: v.productId?.trim(),
        quarter: ctx.quarter,
        purchasedVolume: parseCount(v.purchasedVolume ?? ""),
      },
    }),
  },
};

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

const inspectionForm: FormSpec = {
  id: "inspection",
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

const dipForm: FormSpec = {
  id: "dip",
  domain: "payment",
  zh: "DIP 病例汇总（机构 × 病种 × 季度）",
  en: "DIP cases (institution × disease group × quarter)",
  fields: [INSTITUTION],
  rows: {
    zh: "病种",
    en: "disease groups",
    min: 1,
    addZh: "添加病种",
    addEn: "Add a disease group",
    fields: [
      {
        key: "groupCode",
        zh: "病种",
        en: "Disease group",
        kind: "text",
        source: "dipGroups",
      },
      count("cases", "病例数", "Cases", u("例", "cases")),
      yuan("fundPrepaidYuan", "预付基金", "Fund prepaid", true),
      yuan("dipFundYuan", "DIP 支付基金", "Fund paid by DIP", true),
      yuan("inpatientFundYuan", "住院统筹基金", "All inpatient fund", true),
    ],
  },
  check(_v, rows) {
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const code = (r.groupCode ?? "").trim();
      const first = seen.get(code);
      if (first !== undefined)
        problems.push({
          field: `rows.${i}.groupCode`,
          zh: `与第 ${first + 1} 行病种重复`,
          en: `The same group as row ${first + 1}`,
        });
      else seen.set(code, i);
      const dip = yuanToFen(parseYuan(r.dipFundYuan || "0") ?? "0");
      const all = yuanToFen(parseYuan(r.inpatientFundYuan || "0") ?? "0");
      if (dip > all)
        problems.push({
          field: `rows.${i}.dipFundYuan`,
          zh: "DIP 支付基金不能大于住院统筹基金",
          en: "The DIP fund cannot exceed all inpatient fund",
        });
    });
    return problems;
  },
  load: null,
  save: {
    doc: textOf(ReportDipCasesDocument),
    variables: (v, rows, ctx) => ({
      input: {
        institutionId: v.institutionId?.trim(),
        quarter: ctx.quarter,
        groups: rows.map((r) => ({
          groupCode: r.groupCode?.trim(),
          cases: parseCount(r.cases ?? ""),
          fundPrepaidYuan: parseYuan(r.fundPrepaidYuan || "0"),
          dipFundYuan: parseYuan(r.dipFundYuan || "0"),
          inpatientFundYuan: parseYuan(r.inpatientFundYuan || "0"),
        })),
      },
    }),
  },
};

/** Every form, enrollment first. */
export const FORMS: readonly FormSpec[] = [enrollmentForm, purchasesForm, vbpForm, inspectionForm, dipForm];

export function formById(id: string | null | undefined): FormSpec | undefined {
  return FORMS.find((f) => f.id === id);
}

/** Lookups behind the selects whose options live in the graph (each owned by one subgraph). */
export const LOOKUPS: Record<OptionSource, string> = {
  institutions: textOf(EntryInstitutionsDocument),
  vbpProducts: textOf(EntryVbpProductsDocument),
  dipGroups: textOf(EntryDipGroupsDocument),
};

export interface Option {
  value: string;
  label: string;
}

/** The variables of a lookup for a county and quarter (DIP groups belong to the city's pool). */
export function lookupVariables(
  source: OptionSource,
  unit: string,
  quarter: string,
): Record<string, unknown> {
  if (source === "institutions") return { code: unit };
  if (source === "dipGroups") return { pool: `${unit.slice(0, 4)}00`, year: Number(quarter.slice(0, 4)) };
  return {};
}

export function lookupOptions(source: OptionSource, data: unknown): Option[] {
  if (source === "institutions") {
    const r = (
      data as { region: { institutions: { edges: { node: { id: string; name: string } }[] } } | null }
    ).region;
    return (r?.institutions.edges ?? []).map((e) => ({
      value: e.node.id,
      label: `${e.node.name}（${e.node.id}）`,
    }));
  }
  if (source === "vbpProducts") {
    const b = (data as { vbpBatches: { name: string; products: { id: string; name: string }[] }[] })
      .vbpBatches;
    return b.flatMap((batch) =>
      batch.products.map((p) => ({ value: p.id, label: `${batch.name} · ${p.name}` })),
    );
  }
  const g = (data as { dipGroups: { code: string; name: string }[] }).dipGroups;
  return g.map((x) => ({ value: x.code, label: `${x.code} ${x.name}` }));
}

/** Every data-entry document (for the persisted-operation list). */
export function formDocuments(): string[] {
  return [...FORMS.flatMap((f) => [...(f.load ? [f.load.doc] : []), f.save.doc]), ...Object.values(LOOKUPS)];
}

export function fieldLabel(f: FieldSpec, lang: Lang): string {
  return f.unit ? `${label(f, lang)}（${lang === "en" ? f.unit.en : f.unit.zh}）` : label(f, lang);
}
