import type { LevelRollupSpec } from "@hsa/db";

/**
 * The region × quarter aggregates at every level (issue 17) of the two county summaries, kept by the
 * triggers of drizzle/0010_level_rollups.sql (generated from these declarations by @hsa/db's
 * `levelRollupMigration`): db/rollup.ts reads one row per region and quarter (and category).
 */
export const purchaseLevel = {
  schema: "procurement",
  source: "purchase_summary",
  table: "purchase_level",
  keys: [{ name: "category", type: "varchar(32)" }],
  sums: [
    { name: "total_fen", type: "bigint" },
    { name: "network_fen", type: "bigint" },
    { name: "reported_off_network_fen", type: "bigint" },
  ],
} as const satisfies LevelRollupSpec;

export const vbpLevel = {
  schema: "procurement",
  source: "vbp_summary",
  table: "vbp_level",
  sums: [
    { name: "agreed_fen", type: "bigint" },
    { name: "purchased_fen", type: "bigint" },
    { name: "institutions", type: "bigint" },
    { name: "behind", type: "bigint" },
    { name: "elapsed_agreed_fen", type: "numeric" },
  ],
} as const satisfies LevelRollupSpec;

export const levelRollups: readonly LevelRollupSpec[] = [purchaseLevel, vbpLevel];
