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
