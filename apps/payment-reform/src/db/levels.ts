import type { LevelRollupSpec } from "@hsa/db";

/**
 * The region × quarter aggregates at every level (issue 17) of the DIP case summary, kept by the
 * triggers of drizzle/0005_level_rollups.sql (generated from these declarations by @hsa/db's
 * `levelRollupMigration`): by the cases' county (case figures) and by their pooling area (the points
 * of the point value). `institutions` (distinct institutions with cases) adds up over counties within
 * a quarter: an institution reports a quarter under its own county.
 */
export const dipCaseLevel = {
  schema: "payment",
  source: "dip_case_summary",
  table: "dip_case_level",
  sums: [
    { name: "cases", type: "bigint" },
    { name: "comprehensive_cases", type: "bigint" },
    { name: "points", type: "numeric" },
    { name: "dip_fund_fen", type: "bigint" },
    { name: "inpatient_fund_fen", type: "bigint" },
    { name: "institutions", type: "bigint" },
  ],
} as const satisfies LevelRollupSpec;

export const dipPoolLevel = {
  schema: "payment",
  source: "dip_case_summary",
  table: "dip_pool_level",
  region: "pooling_area",
  sums: [{ name: "points", type: "numeric" }],
} as const satisfies LevelRollupSpec;

export const levelRollups: readonly LevelRollupSpec[] = [dipCaseLevel, dipPoolLevel];

/**
 * The global-budget figures at every level (issue 17), kept by the triggers of
 * drizzle/0008_budget_levels.sql, whose second part is generated from these declarations (the
 * payment-budget-levels test checks it; tests/system/scripts/levels.ts rewrites it). `levelRollups`
 * above stays as migration 0005 ran it.
 *
 * The INSTITUTION and ALLIANCE budgets by their county and year (budget execution's denominator;
 * the POOL budget is the fund they are carved from).
 */
export const budgetLevel = {
  schema: "payment",
  source: "global_budget",
  table: "budget_level",
  period: { name: "year", type: "integer" },
  filter: "kind <> 'POOL'",
  sums: [{ name: "budget_fen", type: "bigint" }],
} as const satisfies LevelRollupSpec;

/** The POOL budgets by pooling area and year (the point value's numerator). */
export const poolBudgetLevel = {
  schema: "payment",
  source: "global_budget",
  table: "pool_budget_level",
  region: "pooling_area",
  period: { name: "year", type: "integer" },
  filter: "kind = 'POOL'",
  sums: [{ name: "budget_fen", type: "bigint" }],
} as const satisfies LevelRollupSpec;

/**
 * Their spend per quarter (budget execution's numerator), over the county × quarter × budget year
 * summary the same migration keeps (`budgetSpendSummary`); `year` is the budget's.
 */
export const budgetSpendLevel = {
  schema: "payment",
  source: "budget_spend_summary",
  table: "budget_spend_level",
  keys: [{ name: "year", type: "integer" }],
  sums: [{ name: "spent_fen", type: "bigint" }],
} as const satisfies LevelRollupSpec;

/** The tag of the migration that creates them. */
export const BUDGET_LEVELS_MIGRATION = "0008_budget_levels";

export const budgetLevelRollups: readonly LevelRollupSpec[] = [
  budgetLevel,
  poolBudgetLevel,
  budgetSpendLevel,
];
