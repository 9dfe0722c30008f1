import { auditTable, reportingTables } from "@hsa/reporting/tables";
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";

/** Everything of this subgraph lives in its own PostgreSQL schema. */
export const payment = pgSchema("payment");

/** 核心病种 / 综合病种 */
export const GROUP_TYPES = ["CORE", "COMPREHENSIVE"] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

/** Hospital grade as the coefficient table knows it; NONE for ungraded institutions. */
export const COEFFICIENT_GRADES = ["III", "II", "I", "NONE"] as const;
export type CoefficientGrade = (typeof COEFFICIENT_GRADES)[number];

export const SETTLEMENT_STATUSES = ["OPEN", "CLOSED"] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

/** POOL: the DIP fund budget of a pooling area; INSTITUTION / ALLIANCE (医共体): allocations within it. */
export const BUDGET_KINDS = ["POOL", "INSTITUTION", "ALLIANCE"] as const;
export type BudgetKind = (typeof BUDGET_KINDS)[number];

/**
 * The DIP catalogue (病种分值目录) of a pooling area (a city, 统筹地区) for one year: each disease
 * group with its type and score (分值).
 */
export const dipGroup = payment.table(
  "dip_group",
  {
    poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
    year: integer("year").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    type: varchar("type", { length: 16 }).$type<GroupType>().notNull(),
    score: numeric("score", { precision: 12, scale: 4 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.poolingArea, t.year, t.code] }),
    check("dip_group_type", sql`${t.type} in ('CORE', 'COMPREHENSIVE')`),
    check("dip_group_score", sql`${t.score} > 0`),
  ],
);

/** Institution coefficient (机构等级系数) by grade, per pooling area and year (configurable). */
export const institutionCoefficient = payment.table(
  "institution_coefficient",
  {
    poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
    year: integer("year").notNull(),
    grade: varchar("grade", { length: 4 }).$type<CoefficientGrade>().notNull(),
    coefficient: numeric("coefficient", { precision: 6, scale: 4 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.poolingArea, t.year, t.grade] }),
    check("institution_coefficient_grade", sql`${t.grade} in ('III', 'II', 'I', 'NONE')`),
    check("institution_coefficient_positive", sql`${t.coefficient} > 0`),
  ],
);

/**
 * Inpatient institutions eligible for DIP (the denominator of `payment.dip_coverage`), as known to
 * this subgraph: registered by the demo loader or on an institution's first DIP report (the facts
 * come from supervision, the owner).
 */
export const dipInstitution = payment.table(
  "dip_institution",
  {
    institutionId: text("institution_id").primaryKey(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
    grade: varchar("grade", { length: 4 }).$type<CoefficientGrade>().notNull(),
    /** first year it is eligible (an inpatient hospital under agreement) */
    sinceYear: integer("since_year").notNull(),
  },
  (t) => [index("dip_institution_region_idx").on(t.regionCode)],
);

/**
 * One institution's DIP cases of one group in one quarter (a flow). `points` = cases × score ×
 * coefficient, computed by the server when written (score and coefficient kept beside it).
 * `dip_fund_fen` / `inpatient_fund_fen`: inpatient fund paid by DIP and all inpatient fund paid,
 * for `payment.dip_fund_share`; `fund_prepaid_fen`: prepayments (预付) during the year.
 */
export const dipCaseAggregate = payment.table(
  "dip_case_aggregate",
  {
    institutionId: text("institution_id").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    groupCode: text("group_code").notNull(),
    groupType: varchar("group_type", { length: 16 }).$type<GroupType>().notNull(),
    cases: integer("cases").notNull(),
    score: numeric("score", { precision: 12, scale: 4 }).notNull(),
    coefficient: numeric("coefficient", { precision: 6, scale: 4 }).notNull(),
    points: numeric("points", { precision: 18, scale: 4 }).notNull(),
    fundPrepaidFen: bigint("fund_prepaid_fen", { mode: "bigint" }).notNull(),
    dipFundFen: bigint("dip_fund_fen", { mode: "bigint" }).notNull(),
    inpatientFundFen: bigint("inpatient_fund_fen", { mode: "bigint" }).notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.quarter, t.groupCode] }),
    index("dip_case_region_quarter_idx").on(t.regionCode, t.quarter),
    // National and province roll-ups of a few quarters: scan those quarters only.
    index("dip_case_quarter_region_idx").on(t.quarter, t.regionCode),
    index("dip_case_pool_quarter_idx").on(t.poolingArea, t.quarter),
    check(
      "dip_case_non_negative",
      sql`${t.cases} >= 0 and ${t.points} >= 0 and ${t.fundPrepaidFen} >= 0 and ${t.dipFundFen} >= 0 and ${t.dipFundFen} <= ${t.inpatientFundFen}`,
    ),
  ],
);

/**
 * `dip_case_aggregate` summed per county, pooling area and quarter, kept by the database: statement
 * triggers on `dip_case_aggregate` (migration 0004) recompute, in the same transaction, every
 * county-quarter a statement touches (COPY, imports, mutations and demo loads alike; emptied on
 * TRUNCATE). `institutions` counts the institutions with cases > 0, as `caseSums` does. National and
 * province roll-ups read ≈3,000 rows per quarter here instead of the institutions' case rows.
 */
export const dipCaseSummary = payment.table(
  "dip_case_summary",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    cases: bigint("cases", { mode: "number" }).notNull(),
    comprehensiveCases: bigint("comprehensive_cases", { mode: "number" }).notNull(),
    /** Σ points (exact: unconstrained numeric) */
    points: numeric("points").notNull(),
    dipFundFen: bigint("dip_fund_fen", { mode: "bigint" }).notNull(),
    inpatientFundFen: bigint("inpatient_fund_fen", { mode: "bigint" }).notNull(),
    institutions: integer("institutions").notNull(),
    rowCount: integer("row_count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter, t.poolingArea] }),
    index("dip_case_summary_pool_quarter_idx").on(t.poolingArea, t.quarter),
  ],
);

/**
 * Year-end settlement (年终清算) of a pooling area. point_value = budget / total points, rounded to 8
 * decimals for display; the lines are computed from the exact ratio (see src/settlement.ts).
 */
export const dipSettlement = payment.table(
  "dip_settlement",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
    year: integer("year").notNull(),
    status: varchar("status", { length: 8 }).$type<SettlementStatus>().notNull(),
    budgetFen: bigint("budget_fen", { mode: "bigint" }).notNull(),
    totalPoints: numeric("total_points", { precision: 20, scale: 4 }).notNull(),
    pointValue: numeric("point_value", { precision: 18, scale: 8 }).notNull(),
    runBy: text("run_by").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    closedBy: text("closed_by"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    reopenedBy: text("reopened_by"),
    reopenReason: text("reopen_reason"),
  },
  (t) => [
    uniqueIndex("dip_settlement_pool_year_idx").on(t.poolingArea, t.year),
    check("dip_settlement_status", sql`${t.status} in ('OPEN', 'CLOSED')`),
  ],
);

/** One institution's line of a settlement: gross = points × point value (fen, half-up, once). */
export const dipSettlementLine = payment.table(
  "dip_settlement_line",
  {
    settlementId: bigint("settlement_id", { mode: "number" })
      .notNull()
      .references(() => dipSettlement.id, { onDelete: "cascade" }),
    institutionId: text("institution_id").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    points: numeric("points", { precision: 20, scale: 4 }).notNull(),
    grossFen: bigint("gross_fen", { mode: "bigint" }).notNull(),
    prepaidFen: bigint("prepaid_fen", { mode: "bigint" }).notNull(),
    deductionFen: bigint("deduction_fen", { mode: "bigint" }).notNull(),
    /** gross − prepaid − deduction; negative: the institution pays back */
    netFen: bigint("net_fen", { mode: "bigint" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.settlementId, t.institutionId] }),
    index("dip_settlement_line_institution_idx").on(t.institutionId),
  ],
);

/**
 * A global budget (总额预算) for a year: the pool's DIP fund (POOL, key = the pooling area), an
 * institution's (key = institution id) or a county health alliance's (ALLIANCE, 医共体). Surplus
 * retained (结余留用) and overspend shared (超支分担) are shares of the difference (0–1).
 */
export const globalBudget = payment.table(
  "global_budget",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: varchar("kind", { length: 12 }).$type<BudgetKind>().notNull(),
    poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
    /** the region the budget belongs to: the pool itself, or the institution's / alliance's county */
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    year: integer("year").notNull(),
    budgetFen: bigint("budget_fen", { mode: "bigint" }).notNull(),
    surplusRetainedShare: numeric("surplus_retained_share", { precision: 5, scale: 4 }).notNull(),
    overspendSharedShare: numeric("overspend_shared_share", { precision: 5, scale: 4 }).notNull(),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("global_budget_key_idx").on(t.kind, t.key, t.year),
    index("global_budget_region_idx").on(t.regionCode, t.year),
    check("global_budget_kind", sql`${t.kind} in ('POOL', 'INSTITUTION', 'ALLIANCE')`),
    check(
      "global_budget_amounts",
      sql`${t.budgetFen} >= 0 and ${t.surplusRetainedShare} between 0 and 1 and ${t.overspendSharedShare} between 0 and 1`,
    ),
  ],
);

/** Fund actually paid against a global budget in a quarter (a flow). */
export const globalBudgetSpend = payment.table(
  "global_budget_spend",
  {
    budgetId: bigint("budget_id", { mode: "number" })
      .notNull()
      .references(() => globalBudget.id, { onDelete: "cascade" }),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    spentFen: bigint("spent_fen", { mode: "bigint" }).notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.budgetId, t.quarter] }),
    check("global_budget_spend_amount", sql`${t.spentFen} >= 0`),
  ],
);

/**
 * The spend of the INSTITUTION and ALLIANCE budgets (not POOL: the fund they are carved from) summed
 * per budget county, quarter and budget year, kept by the database: statement triggers on
 * `global_budget_spend` and on `global_budget` (a budget moved to another county, kind or year)
 * recompute, in the same transaction, every county-quarter a statement touches (migration 0008);
 * emptied on TRUNCATE. The source of the level aggregate `payment.budget_spend_level` (./levels).
 */
export const budgetSpendSummary = payment.table(
  "budget_spend_summary",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    /** the budget's year (a quarter of that year, unless a budget was moved to another year) */
    year: integer("year").notNull(),
    spentFen: bigint("spent_fen", { mode: "bigint" }).notNull(),
    rowCount: integer("row_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.quarter, t.year] })],
);

/** Who changed which figure when: the one audit shape (@hsa/reporting) of every fact and settlement run. */
export const auditEvent = auditTable(payment);

export type DipCaseRow = typeof dipCaseAggregate.$inferSelect;
export type DipSettlementRow = typeof dipSettlement.$inferSelect;
export type DipSettlementLineRow = typeof dipSettlementLine.$inferSelect;
export type GlobalBudgetRow = typeof globalBudget.$inferSelect;

/** The reporting workflow (approval state per county and quarter, its history, imports): @hsa/reporting. */
export const { reportState, reportEvent, reportImport } = reportingTables(payment);
