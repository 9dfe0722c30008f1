import type { LevelRollupSpec } from "@hsa/db";

/**
 * The region × quarter aggregate at every level (issue 17) of the county reports themselves, kept by
 * the triggers of drizzle/0002_level_rollups.sql (generated from this declaration by @hsa/db's
 * `levelRollupMigration`): db/rollup.ts reads one row per region and quarter; `source_rows` is the
 * number of reports.
 */
export const reportLevel = {
  schema: "enrollment",
  source: "quarterly_report",
  table: "report_level",
  sums: [
    "insured_employee",
    "insured_resident",
    "registered_population",
    "evoucher_activated",
    "settlements_total",
    "settlements_evoucher",
    "remote_registrations",
    "remote_hospitalisations",
    "subsidised_persons",
    "subsidy_amount_fen",
  ].map((name) => ({ name, type: "bigint" as const })),
} as const satisfies LevelRollupSpec;

export const levelRollups: readonly LevelRollupSpec[] = [reportLevel];
