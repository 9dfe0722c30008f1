import type { LevelRollupSpec } from "@hsa/db";

/**
 * The region × quarter aggregates at every level (issue 17) of the inspection and disposition
 * summaries, kept by the triggers of drizzle/0007_level_rollups.sql (generated from these declarations
 * by @hsa/db's `levelRollupMigration`). The distinct counts (`inspected`, a kind's `institutions`) add
 * up over the counties of one quarter (an institution's inspections carry its own county); over a
 * range of quarters they are recounted from the raw rows (db/rollup.ts, `recount`).
 */
export const inspectionLevel = {
  schema: "supervision",
  source: "inspection_summary",
  table: "inspection_level",
  sums: [
    { name: "inspections", type: "bigint" },
    { name: "inspected", type: "bigint" },
  ],
} as const satisfies LevelRollupSpec;

export const dispositionLevel = {
  schema: "supervision",
  source: "disposition_summary",
  table: "disposition_level",
  keys: [{ name: "kind", type: "supervision.disposition_kind" }],
  sums: [
    { name: "dispositions", type: "bigint" },
    { name: "amount_fen", type: "bigint" },
    { name: "institutions", type: "bigint" },
  ],
} as const satisfies LevelRollupSpec;

export const levelRollups: readonly LevelRollupSpec[] = [inspectionLevel, dispositionLevel];
