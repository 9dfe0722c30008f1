import { readdirSync } from "node:fs";
import { join } from "node:path";

/** The subgraphs whose drizzle folder holds a generated level roll-up migration (issue 17). */
export const SUBGRAPH_LEVELS = ["enrollment", "payment-reform", "procurement", "supervision"] as const;

/** The path of `NNNN_level_rollups.sql` in a drizzle folder, if any. */
export function levelMigrationFile(folder: string): string | undefined {
  const name = readdirSync(folder).find((f) => /^\d{4}_level_rollups\.sql$/.test(f));
  return name ? join(folder, name) : undefined;
}
