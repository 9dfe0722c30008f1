/** The enrollment figures form (参保). */
import { EnrollmentReportDocument, ReportEnrollmentDocument } from "../gql/graphql";
import { textOf } from "./documents";
import {
  CASES,
  count,
  type FieldSpec,
  type FormSpec,
  PERSONS,
  parseCount,
  parseYuan,
  SETTLEMENTS,
  u,
  type Values,
  yuan,
} from "./form-core";

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

export const enrollmentForm: FormSpec = {
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
