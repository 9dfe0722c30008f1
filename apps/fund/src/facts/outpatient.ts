import { defineFact } from "@hsa/reporting";
import { outpatientPooling } from "../db/schema";
import {
  count,
  notAbove,
  quarter,
  regionCode,
  regionName,
  reportTypeSDL,
  rowToGraphQL,
  stamp,
  yuan,
} from "./common";

const group = (p: string, zh: string, en: string) => ({
  [`${p}Visits`]: count(`${zh}门诊统筹人次`, `${en}: outpatient pooling visits`, [`${p}_visits`]),
  [`${p}TotalCostYuan`]: yuan(`${zh}总费用`, `${en}: total cost`, [`${p}_total_cost_yuan`]),
  [`${p}InScopeCostYuan`]: yuan(`${zh}符合支付范围费用`, `${en}: cost within the payment scope`, [
    `${p}_in_scope_cost_yuan`,
  ]),
  [`${p}FundPaidYuan`]: yuan(`${zh}基金支付`, `${en}: paid by the fund`, [`${p}_fund_paid_yuan`]),
});

const fields = {
  regionCode,
  regionName,
  quarter,
  personsYtd: count(
    "本年累计享受门诊统筹人数",
    "distinct persons paid by outpatient pooling in the year to the quarter's end",
    ["persons_ytd", "门诊统筹人数"],
    "persons",
  ),
  visits: count("门诊统筹人次", "outpatient pooling visits, all designated institutions and pharmacies", [
    "visits",
  ]),
  totalCostYuan: yuan("门诊统筹总费用", "total cost of those visits", ["total_cost_yuan", "总费用"]),
  inScopeCostYuan: yuan("符合支付范围费用", "cost within the payment scope (政策范围内费用)", [
    "in_scope_cost_yuan",
    "政策范围内费用",
  ]),
  fundPaidYuan: yuan("门诊统筹基金支付", "paid by the pooled fund", ["fund_paid_yuan", "基金支付"]),
  ...group("pharmacy", "其中定点零售药店", "of which designated retail pharmacies"),
  ...group(
    "institution",
    "其中定点医疗机构（含社区卫生服务站、中心、诊所）",
    "of which designated medical institutions (community health stations and centres, clinics)",
  ),
};

const zhOf = (n: string) => (fields as Record<string, { zh: string }>)[n]?.zh.replace("（元）", "") ?? n;
const rule = (on: string, small: string[], large: string[]) =>
  notAbove(
    on,
    small,
    large,
    { small: small.map(zhOf).join(" + "), large: large.map(zhOf).join(" + ") },
    { small: small.join(" + "), large: large.join(" + ") },
    fields,
  );

/**
 * One county's outpatient pooling (门诊统筹) in one quarter: reportOutpatientPooling and
 * POST /import/outpatient-pooling, declared once. Fund paid ≤ cost within scope ≤ total cost, for
 * all and for each part; the two parts never exceed all.
 */
export const outpatientPoolingFact = defineFact({
  kind: "outpatient-pooling",
  noun: "outpatient pooling report",
  title: { zh: "门诊统筹（县 × 季度）", en: "Outpatient pooling (county × quarter)" },
  table: outpatientPooling,
  fields,
  key: ["regionCode", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  rules: [
    rule("fundPaidYuan", ["fundPaidYuan"], ["inScopeCostYuan"]),
    rule("inScopeCostYuan", ["inScopeCostYuan"], ["totalCostYuan"]),
    ...(["pharmacy", "institution"] as const).flatMap((p) => [
      rule(`${p}FundPaidYuan`, [`${p}FundPaidYuan`], [`${p}InScopeCostYuan`]),
      rule(`${p}InScopeCostYuan`, [`${p}InScopeCostYuan`], [`${p}TotalCostYuan`]),
    ]),
    rule("visits", ["pharmacyVisits", "institutionVisits"], ["visits"]),
    rule("totalCostYuan", ["pharmacyTotalCostYuan", "institutionTotalCostYuan"], ["totalCostYuan"]),
    rule("fundPaidYuan", ["pharmacyFundPaidYuan", "institutionFundPaidYuan"], ["fundPaidYuan"]),
  ],
  stamp,
  mutation: {
    name: "reportOutpatientPooling",
    inputType: "OutpatientPoolingInput",
    inputDoc:
      "某县某季度的门诊统筹数据（全部与其中药店、医疗机构；全部字段必填）。One county's outpatient pooling figures for one quarter (all, and of them pharmacies and medical institutions; every field required).",
    doc: [
      "上报某县某季度的门诊统筹数据（需 reporter 角色，县在权限范围内；已审核的季度须先退回）。基金支付 ≤ 符合支付范围费用 ≤ 总费用。幂等；数据变更记入审计。",
      "Reports one county's outpatient pooling figures for one quarter (role reporter, county in scope).",
      "Fund paid ≤ cost within scope ≤ total cost. Idempotent; changed figures are audited (old → new).",
    ].join("\n"),
    argDoc: "上报的数据。The figures reported.",
    payloadType: "ReportOutpatientPoolingPayload",
    payload: (row, changed) => ({ report: rowToGraphQL(row), changed }),
  },
  import: { action: "importOutpatientPooling" },
});

export const outpatientPoolingSDL = reportTypeSDL(
  "OutpatientPoolingReport",
  "某县某季度的门诊统筹数据。One county's outpatient pooling figures for one quarter.",
  fields,
  { name: "ReportOutpatientPoolingPayload", mutation: "reportOutpatientPooling" },
);
