import { defineFact } from "@hsa/reporting";
import { assistance } from "../db/schema";
import { count, quarter, regionCode, regionName, reportTypeSDL, rowToGraphQL, stamp, yuan } from "./common";

const fields = {
  regionCode,
  regionName,
  quarter,
  subsidisedPersons: count(
    "资助参保人数",
    "persons whose contribution the assistance fund paid in the quarter",
    ["subsidised_persons"],
    "persons",
  ),
  subsidyYuan: yuan("资助参保金额", "contributions paid for them", ["subsidy_yuan"]),
  outpatientAssistanceCases: count("门诊救助人次", "outpatient assistance cases", [
    "outpatient_assistance_cases",
  ]),
  outpatientAssistanceYuan: yuan("门诊救助金额", "outpatient assistance paid", [
    "outpatient_assistance_yuan",
  ]),
  inpatientAssistanceCases: count("住院救助人次", "inpatient assistance cases", [
    "inpatient_assistance_cases",
  ]),
  inpatientAssistanceYuan: yuan("住院救助金额", "inpatient assistance paid", ["inpatient_assistance_yuan"]),
  twoDiseaseApproved: count(
    "“两病”认定人次",
    "persons approved for the hypertension / diabetes outpatient benefit in the quarter",
    ["two_disease_approved"],
    "persons",
  ),
  twoDiseaseSettlements: count("“两病”结算人次", "hypertension / diabetes outpatient settlements", [
    "two_disease_settlements",
  ]),
  twoDiseaseFundPaidYuan: yuan("“两病”基金支付", "paid by the fund for them", ["two_disease_fund_paid_yuan"]),
};

/**
 * One county's medical assistance (医疗救助: subsidised enrollment, outpatient and inpatient
 * assistance) and 两病 outpatient benefits in one quarter: reportAssistance and
 * POST /import/assistance, declared once.
 */
export const assistanceFact = defineFact({
  kind: "assistance",
  noun: "medical assistance report",
  title: {
    zh: "医疗救助与“两病”门诊待遇（县 × 季度）",
    en: "Medical assistance and hypertension / diabetes benefits (county × quarter)",
  },
  table: assistance,
  fields,
  key: ["regionCode", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  stamp,
  mutation: {
    name: "reportAssistance",
    inputType: "AssistanceInput",
    inputDoc:
      "某县某季度的医疗救助与“两病”门诊待遇（全部字段必填）。One county's medical assistance and hypertension / diabetes outpatient benefits for one quarter (every field required).",
    doc: [
      "上报某县某季度的医疗救助与“两病”门诊待遇（需 reporter 角色，县在权限范围内；已审核的季度须先退回）。幂等；数据变更记入审计。",
      "Reports one county's medical assistance and hypertension / diabetes benefits for one quarter (role reporter, county in scope).",
      "Idempotent: the same figures again change nothing; changed figures are audited (old → new).",
    ].join("\n"),
    argDoc: "上报的数据。The figures reported.",
    payloadType: "ReportAssistancePayload",
    payload: (row, changed) => ({ report: rowToGraphQL(row), changed }),
  },
  import: { action: "importAssistance" },
});

export const assistanceSDL = reportTypeSDL(
  "AssistanceReport",
  "某县某季度的医疗救助与“两病”门诊待遇。One county's medical assistance and hypertension / diabetes benefits for one quarter.",
  fields,
  { name: "ReportAssistancePayload", mutation: "reportAssistance" },
);
