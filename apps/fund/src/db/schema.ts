import { auditTable, reportingTables } from "@hsa/reporting/tables";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";

/** Everything of this subgraph lives in its own PostgreSQL schema. */
export const fund = pgSchema("fund");

/** 职工 (employee) or 居民 (urban-rural resident) basic medical insurance. */
export type Scheme = "EMPLOYEE" | "RESIDENT";

const fen = (name: string) => bigint(name, { mode: "bigint" }).notNull();
const reported = () => ({
  reportedBy: text("reported_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One pooling area's (reporting unit's) fund income and expenditure of one scheme in one quarter
 * (基金收支). Income and expenditure are flows within the quarter; the accumulated balance is the
 * stock at the quarter's end. Money is integer fen.
 */
export const fundBalance = fund.table(
  "fund_balance",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    scheme: varchar("scheme", { length: 8 }).$type<Scheme>().notNull(),
    incomeFen: fen("income_fen"),
    expenditureFen: fen("expenditure_fen"),
    accumulatedBalanceFen: fen("accumulated_balance_fen"),
    ...reported(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter, t.scheme] }),
    index("fund_balance_quarter_idx").on(t.quarter, t.regionCode),
    check("fund_balance_scheme", sql`${t.scheme} in ('EMPLOYEE', 'RESIDENT')`),
    check(
      "fund_balance_non_negative",
      sql`least(${t.incomeFen}, ${t.expenditureFen}, ${t.accumulatedBalanceFen}) >= 0`,
    ),
  ],
);

/**
 * One county's remote-care direct settlements (异地就医直接结算) of one scheme in one quarter:
 * cases and fund paid for inpatient care, chronic and special disease outpatient care (门诊慢特病)
 * and ordinary outpatient care (普通门诊), each within the province and across provinces.
 */
export const remoteSettlement = fund.table(
  "remote_settlement",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    scheme: varchar("scheme", { length: 8 }).$type<Scheme>().notNull(),
    inpatientWithinCases: integer("inpatient_within_cases").notNull(),
    inpatientWithinFen: fen("inpatient_within_fen"),
    inpatientCrossCases: integer("inpatient_cross_cases").notNull(),
    inpatientCrossFen: fen("inpatient_cross_fen"),
    chronicWithinCases: integer("chronic_within_cases").notNull(),
    chronicWithinFen: fen("chronic_within_fen"),
    chronicCrossCases: integer("chronic_cross_cases").notNull(),
    chronicCrossFen: fen("chronic_cross_fen"),
    outpatientWithinCases: integer("outpatient_within_cases").notNull(),
    outpatientWithinFen: fen("outpatient_within_fen"),
    outpatientCrossCases: integer("outpatient_cross_cases").notNull(),
    outpatientCrossFen: fen("outpatient_cross_fen"),
    ...reported(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter, t.scheme] }),
    index("remote_settlement_quarter_idx").on(t.quarter, t.regionCode),
    check("remote_settlement_scheme", sql`${t.scheme} in ('EMPLOYEE', 'RESIDENT')`),
    check(
      "remote_settlement_non_negative",
      sql`least(${t.inpatientWithinCases}, ${t.inpatientCrossCases}, ${t.chronicWithinCases}, ${t.chronicCrossCases}, ${t.outpatientWithinCases}, ${t.outpatientCrossCases}) >= 0 and least(${t.inpatientWithinFen}, ${t.inpatientCrossFen}, ${t.chronicWithinFen}, ${t.chronicCrossFen}, ${t.outpatientWithinFen}, ${t.outpatientCrossFen}) >= 0`,
    ),
  ],
);

/**
 * One county's outpatient pooling (门诊统筹) in one quarter: all designated institutions and
 * pharmacies together, and of them the designated retail pharmacies (定点零售药店) and the designated
 * medical institutions reported apart (定点医疗机构，含社区卫生服务站、中心、诊所). Persons are distinct
 * persons of the year to date (a stock within the year); visits and money are flows.
 */
export const outpatientPooling = fund.table(
  "outpatient_pooling",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    personsYtd: integer("persons_ytd").notNull(),
    visits: integer("visits").notNull(),
    totalCostFen: fen("total_cost_fen"),
    inScopeCostFen: fen("in_scope_cost_fen"),
    fundPaidFen: fen("fund_paid_fen"),
    pharmacyVisits: integer("pharmacy_visits").notNull(),
    pharmacyTotalCostFen: fen("pharmacy_total_cost_fen"),
    pharmacyInScopeCostFen: fen("pharmacy_in_scope_cost_fen"),
    pharmacyFundPaidFen: fen("pharmacy_fund_paid_fen"),
    institutionVisits: integer("institution_visits").notNull(),
    institutionTotalCostFen: fen("institution_total_cost_fen"),
    institutionInScopeCostFen: fen("institution_in_scope_cost_fen"),
    institutionFundPaidFen: fen("institution_fund_paid_fen"),
    ...reported(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter] }),
    index("outpatient_pooling_quarter_idx").on(t.quarter, t.regionCode),
    check(
      "outpatient_pooling_non_negative",
      sql`least(${t.personsYtd}, ${t.visits}, ${t.pharmacyVisits}, ${t.institutionVisits}) >= 0 and least(${t.totalCostFen}, ${t.inScopeCostFen}, ${t.fundPaidFen}, ${t.pharmacyTotalCostFen}, ${t.pharmacyInScopeCostFen}, ${t.pharmacyFundPaidFen}, ${t.institutionTotalCostFen}, ${t.institutionInScopeCostFen}, ${t.institutionFundPaidFen}) >= 0`,
    ),
    check(
      "outpatient_pooling_cost_order",
      sql`${t.fundPaidFen} <= ${t.inScopeCostFen} and ${t.inScopeCostFen} <= ${t.totalCostFen} and ${t.pharmacyFundPaidFen} <= ${t.pharmacyInScopeCostFen} and ${t.pharmacyInScopeCostFen} <= ${t.pharmacyTotalCostFen} and ${t.institutionFundPaidFen} <= ${t.institutionInScopeCostFen} and ${t.institutionInScopeCostFen} <= ${t.institutionTotalCostFen}`,
    ),
    check(
      "outpatient_pooling_parts",
      sql`${t.pharmacyVisits} + ${t.institutionVisits} <= ${t.visits} and ${t.pharmacyTotalCostFen} + ${t.institutionTotalCostFen} <= ${t.totalCostFen} and ${t.pharmacyFundPaidFen} + ${t.institutionFundPaidFen} <= ${t.fundPaidFen}`,
    ),
  ],
);

/**
 * One county's medical assistance (医疗救助) in one quarter — subsidised enrollment (资助参保),
 * outpatient and inpatient assistance — and its 两病 (hypertension and diabetes) outpatient
 * benefits of resident insurance: persons approved, settlements and fund paid.
 */
export const assistance = fund.table(
  "assistance",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    subsidisedPersons: integer("subsidised_persons").notNull(),
    subsidyFen: fen("subsidy_fen"),
    outpatientAssistanceCases: integer("outpatient_assistance_cases").notNull(),
    outpatientAssistanceFen: fen("outpatient_assistance_fen"),
    inpatientAssistanceCases: integer("inpatient_assistance_cases").notNull(),
    inpatientAssistanceFen: fen("inpatient_assistance_fen"),
    twoDiseaseApproved: integer("two_disease_approved").notNull(),
    twoDiseaseSettlements: integer("two_disease_settlements").notNull(),
    twoDiseaseFundPaidFen: fen("two_disease_fund_paid_fen"),
    ...reported(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter] }),
    index("assistance_quarter_idx").on(t.quarter, t.regionCode),
    check(
      "assistance_non_negative",
      sql`least(${t.subsidisedPersons}, ${t.outpatientAssistanceCases}, ${t.inpatientAssistanceCases}, ${t.twoDiseaseApproved}, ${t.twoDiseaseSettlements}) >= 0 and least(${t.subsidyFen}, ${t.outpatientAssistanceFen}, ${t.inpatientAssistanceFen}, ${t.twoDiseaseFundPaidFen}) >= 0`,
    ),
  ],
);

/** Who changed which figure when: the one audit shape (@hsa/reporting), written by the declared facts. */
export const auditEvent = auditTable(fund);

export type FundBalanceRow = typeof fundBalance.$inferSelect;
export type RemoteSettlementRow = typeof remoteSettlement.$inferSelect;
export type OutpatientPoolingRow = typeof outpatientPooling.$inferSelect;
export type AssistanceRow = typeof assistance.$inferSelect;

/** The reporting workflow (approval state per county and quarter, its history, imports): @hsa/reporting. */
export const { reportState, reportEvent, reportImport } = reportingTables(fund);
