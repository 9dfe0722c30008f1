/** The procurement forms: an institution's purchases by category (网采) and VBP progress (集采). */
import {
  InstitutionPurchasesDocument,
  ReportPurchasesDocument,
  ReportVbpProgressDocument,
} from "../gql/graphql";
import { textOf } from "./documents";
import {
  count,
  type FieldSpec,
  type FormSpec,
  INSTITUTION,
  type Problem,
  parseCount,
  parseYuan,
  u,
  type Values,
  yuan,
  yuanToFen,
} from "./form-core";

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

export const purchasesForm: FormSpec = {
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

export const vbpForm: FormSpec = {
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
