import { defineFact, field } from "@hsa/reporting";
import { type RemoteRegistrationRow, remoteRegistration } from "./db/schema";

/** The GraphQL view of a stored row (the update time as ISO text). */
export function remoteRegistrationToGraphQL(row: RemoteRegistrationRow) {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}

/** CSV labels of the two schemes of basic medical insurance. */
const SCHEMES: Record<string, string> = {
  职工: "EMPLOYEE",
  职工医保: "EMPLOYEE",
  职工基本医疗保险: "EMPLOYEE",
  居民: "RESIDENT",
  居民医保: "RESIDENT",
  城乡居民基本医疗保险: "RESIDENT",
  EMPLOYEE: "EMPLOYEE",
  RESIDENT: "RESIDENT",
};

/**
 * One county's remote-care registrations (异地就医备案) of one scheme filed in one quarter:
 * reportRemoteRegistrations and the CSV import (POST /import/remote-registration), declared once.
 * Every registration for care outside the pooling area counts (relocated retirees, long-term
 * residents elsewhere, referrals, temporary stays) — broader than the quarterly report's
 * remoteRegistrations, the registered ones among the hospitalisations outside the pooling area.
 */
export const remoteRegistrationFact = defineFact({
  kind: "remote-registration",
  noun: "remote-care registration report",
  title: {
    zh: "异地就医备案（县 × 险种 × 季度）",
    en: "Remote-care registrations (county × scheme × quarter)",
  },
  table: remoteRegistration,
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
    scheme: field.oneOf({
      zh: "险种",
      aliases: ["险种类型"],
      en: "Scheme",
      graphqlType: "EnrollmentScheme",
      labels: SCHEMES,
      names: {
        EMPLOYEE: { zh: "职工", en: "Employee" },
        RESIDENT: { zh: "居民", en: "Resident" },
      },
      help: "职工 / 居民, or EMPLOYEE / RESIDENT",
      helpZh: "职工 或 居民",
      doc: "险种：EMPLOYEE（职工医保）或 RESIDENT（居民医保）。Scheme: EMPLOYEE or RESIDENT basic medical insurance.",
    }),
    registrations: field.count({
      zh: "异地就医备案人次",
      aliases: ["remote_registrations", "备案人次"],
      en: "Remote-care registrations",
      unit: "person-times",
      help: "registrations for care outside the pooling area filed in the quarter",
      helpZh: "本季度办理的异地就医备案，整数",
      doc: "季度内办理的异地就医备案人次（异地安置、异地长期居住、转诊转院、临时外出等）。Remote-care registrations filed within the quarter (relocated retirees, long-term residents elsewhere, referrals, temporary stays), in person-times.",
    }),
  },
  key: ["regionCode", "quarter", "scheme"],
  region: "regionCode",
  quarter: "quarter",
  stamp: (actor, now) => ({ reportedBy: actor.sub, updatedAt: now }),
  // audited in audit_event (the default): every stored value, old → new
  mutation: {
    name: "reportRemoteRegistrations",
    inputType: "RemoteRegistrationInput",
    inputDoc:
      "某县某险种某季度的异地就医备案人次（全部字段必填）。One county's remote-care registrations of one scheme for one quarter (every field required).",
    doc: [
      "上报某县某险种某季度的异地就医备案人次（需 reporter 角色，县在权限范围内；已审核的季度须先退回）。幂等：相同数据再次上报不产生变化；数据变更记入审计（旧值 → 新值）。",
      "Reports one county's remote-care registrations of one scheme for one quarter (role reporter, county in scope).",
      "Idempotent: the same figures again change nothing; changed figures are audited (old → new).",
    ].join("\n"),
    argDoc: "上报的数据。The figures reported.",
    payloadType: "ReportRemoteRegistrationsPayload",
    payload: (row, changed) => ({
      report: remoteRegistrationToGraphQL(row as RemoteRegistrationRow),
      changed,
    }),
  },
  // county × scheme × quarter, ≈50 bytes a row: ≈160,000 rows — every county, both schemes, 25 quarters
  import: { action: "importRemoteRegistrations", maxBytes: 8 * 1024 * 1024 },
});
