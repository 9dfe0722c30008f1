import { fenToYuan } from "@hsa/db";
import type { EnrollmentFacts } from "@hsa/demo-data";
import { defineFact, field } from "@hsa/reporting";
import { type QuarterlyReportRow, quarterlyReport } from "./db/schema";

/** The mutation input: the report's figures, with money as a yuan string instead of fen. */
export type EnrollmentReportInput = Omit<EnrollmentFacts, "subsidyAmountFen"> & { subsidyAmountYuan: string };

export function reportToGraphQL(row: QuarterlyReportRow) {
  return {
    ...row,
    subsidyAmountYuan: fenToYuan(row.subsidyAmountFen),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A count: Chinese header, English label, help (English, Chinese), API doc, CSV aliases, unit. */
const count = (
  zh: string,
  en: string,
  help: [en: string, zh: string],
  doc: string,
  aliases: string[],
  unit = "persons",
) => field.count({ zh, en, help: help[0], helpZh: help[1], doc, aliases, unit });

/**
 * One county's (reporting unit's) enrollment figures for one quarter: reportEnrollment and the CSV
 * import (POST /import/enrollment, `npm run import -- enrollment <file>`), declared once.
 */
export const enrollmentFact = defineFact({
  kind: "enrollment",
  noun: "enrollment report",
  title: { zh: "参保数据（县级季度报表）", en: "Enrollment figures (county quarterly report)" },
  table: quarterlyReport,
  fields: {
    regionCode: field.region({
      zh: "行政区划代码",
      aliases: ["region_code", "county_code", "区划代码"],
      en: "County",
      help: "county-level code (GB/T 2260), e.g. 150724",
      helpZh: "县级区划代码，如 150724",
      doc: "县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope.",
    }),
    regionName: field.text({
      zh: "行政区划名称",
      aliases: ["region_name", "county", "地区"],
      maxLength: 100,
      optional: true,
      csvOnly: true,
      en: "County name",
      help: "name, for people reading the file (not checked)",
      helpZh: "便于阅读，不校验",
    }),
    quarter: field.quarter({
      zh: "季度",
      aliases: ["period"],
      en: "Quarter",
      help: "YYYYQn, e.g. 2024Q1, not in the future",
      helpZh: "YYYYQn，如 2025Q1，不能是未来季度",
      doc: "季度，如 2024Q1。Quarter, e.g. 2024Q1.",
    }),
    insuredEmployee: count(
      "职工医保参保人数",
      "Insured, employee scheme",
      ["insured persons, employee scheme (end of quarter)", "季末数，整数"],
      "职工医保参保人数（人，季度末）。Insured persons, employee scheme (persons, end of quarter).",
      ["insured_employee"],
    ),
    insuredResident: count(
      "居民医保参保人数",
      "Insured, resident scheme",
      ["insured persons, resident scheme (end of quarter)", "季末数，整数"],
      "居民医保参保人数（人，季度末）。Insured persons, resident scheme (persons, end of quarter).",
      ["insured_resident"],
    ),
    registeredPopulation: count(
      "户籍人口",
      "Registered population",
      ["registered population (end of quarter)", "季末数，整数"],
      "户籍人口（人，季度末）。Registered population (persons, end of quarter).",
      ["registered_population"],
    ),
    evoucherActivated: count(
      "医保电子凭证激活人数",
      "Activated e-vouchers",
      ["activated e-vouchers (end of quarter)", "季末数，整数"],
      "医保电子凭证激活人数（人，季度末）。Persons with an activated e-voucher (persons, end of quarter).",
      ["evoucher_activated"],
    ),
    settlementsTotal: count(
      "结算笔数",
      "All settlements",
      ["all settlements in the quarter", "本季度，整数"],
      "季度内结算笔数（次）。Settlements within the quarter (count).",
      ["settlements_total"],
      "settlements",
    ),
    settlementsEvoucher: count(
      "医保电子凭证结算笔数",
      "E-voucher settlements",
      ["settlements paid with the e-voucher (≤ all settlements)", "本季度，不超过结算笔数"],
      "季度内使用医保电子凭证的结算笔数（次），不超过结算笔数。E-voucher settlements within the quarter (count), at most settlementsTotal.",
      ["settlements_evoucher"],
      "settlements",
    ),
    remoteRegistrations: count(
      "异地就医备案人次",
      "Remote-care registrations",
      ["registered remote-care cases in the quarter", "本季度，整数"],
      "季度内异地就医备案人次。Remote-care registrations within the quarter (person-times).",
      ["remote_registrations"],
      "person-times",
    ),
    remoteHospitalisations: count(
      "统筹区外住院人次",
      "Hospitalisations outside the pool",
      ["hospitalisations outside the pooling region", "本季度，整数"],
      "季度内统筹区外住院人次。Hospitalisations outside the pooling region within the quarter (person-times).",
      ["remote_hospitalisations"],
      "person-times",
    ),
    subsidisedPersons: count(
      "资助参保人数",
      "Subsidised persons",
      ["persons whose contribution was subsidised", "本季度，整数"],
      "季度内资助参保人数（人）。Subsidised persons within the quarter (persons).",
      ["subsidised_persons"],
    ),
    subsidyAmountYuan: field.yuan({
      zh: "资助参保金额（元）",
      aliases: ["subsidy_amount_yuan", "资助参保金额"],
      en: "Subsidy amount",
      help: "subsidy paid, yuan with at most two decimals",
      helpZh: "元，最多两位小数",
      doc: '资助参保金额（元，最多两位小数），如 "971700.00"。Yuan, at most two decimals, e.g. "971700.00".',
    }),
  },
  key: ["regionCode", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  rules: [
    {
      field: "settlementsEvoucher",
      sum: ["settlementsEvoucher"],
      atMost: ["settlementsTotal"],
      message: (f) => ({
        zh: `医保电子凭证结算笔数 (${f.settlementsEvoucher}) 不能大于结算笔数 (${f.settlementsTotal})`,
        en: `e-voucher settlements (${f.settlementsEvoucher}) cannot exceed all settlements (${f.settlementsTotal})`,
      }),
    },
  ],
  stamp: (actor, now) => ({ reportedBy: actor.sub, updatedAt: now }),
  // audited in audit_event (the default): every stored value, old → new
  mutation: {
    name: "reportEnrollment",
    inputType: "EnrollmentReportInput",
    inputDoc:
      "某县某季度的参保上报数据（全部字段必填；人数为非负整数）。One county's enrollment figures for one quarter (every field required; counts are non-negative integers).",
    doc: [
      "上报某县某季度的参保数据（需 reporter 角色，县在权限范围内；已审核的上报须先退回）。幂等：相同数据再次上报不产生变化；数据变更记入审计（旧值 → 新值）。",
      "Reports one county's enrollment figures for one quarter (role reporter, county in scope).",
      "Idempotent: the same figures again change nothing; changed figures are audited (old → new).",
    ].join("\n"),
    argDoc: "上报的数据。The figures reported.",
    payloadType: "ReportEnrollmentPayload",
    payload: (row, changed) => ({ report: reportToGraphQL(row as QuarterlyReportRow), changed }),
  },
  import: { action: "importEnrollment" },
});
