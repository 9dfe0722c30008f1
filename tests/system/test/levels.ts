import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  type Database,
  type LevelRollupSpec,
  levelRollupFreshSql,
  levelRollupMigration,
  rowsOf,
} from "@hsa/db";
import { expect } from "vitest";

/** The subgraphs whose drizzle folder holds a generated level roll-up migration (issue 17). */
export const SUBGRAPH_LEVELS = ["enrollment", "payment-reform", "procurement", "supervision"] as const;

/** The path of `NNNN_level_rollups.sql` in a drizzle folder, if any. */
export function levelMigrationFile(folder: string): string | undefined {
  const name = readdirSync(folder).find((f) => /^\d{4}_level_rollups\.sql$/.test(f));
  return name ? join(folder, name) : undefined;
}

/**
 * A later level migration (a hand-written part, e.g. the summary its sources are, then generated level
 * tables, like payment's 0008_budget_levels): its text split where the first declaration's generated
 * header starts, and what the declarations generate.
 */
export function laterLevelMigrationTail(
  text: string,
  specs: readonly LevelRollupSpec[],
): { head: string; tail: string; generated: string } {
  const first = specs[0];
  if (!first) throw new Error("no level declarations");
  const at = text.indexOf(`-- ${first.schema}.${first.table}: `);
  return {
    head: at < 0 ? text : text.slice(0, at),
    tail: at < 0 ? "" : text.slice(at),
    generated: specs.map(levelRollupMigration).join("--> statement-breakpoint\n"),
  };
}

/** Every column of a level table as comparable text (numeric sums without trailing zeros). */
function columns(spec: LevelRollupSpec): string {
  const keys = (spec.keys ?? []).map((k) => `${k.name}::text as ${k.name}`);
  const sums = spec.sums.map((s) =>
    s.type === "numeric" ? `trim_scale(${s.name})::text as ${s.name}` : `${s.name}::text as ${s.name}`,
  );
  return [
    "depth::text as depth",
    "region_code",
    spec.period?.name ?? "quarter",
    ...keys,
    ...sums,
    "source_rows::text as source_rows",
  ].join(", ");
}

/**
 * The level table kept by the triggers equals, row for row at every level (nation, provinces,
 * cities, counties), the GROUP BY of its source computed afresh. Returns the number of level rows.
 */
export async function expectLevelsExact(db: Database, specs: readonly LevelRollupSpec[]): Promise<number> {
  let size = 0;
  for (const spec of specs) {
    const period = spec.period?.name ?? "quarter";
    const order = ["depth", "region_code", period, ...(spec.keys ?? []).map((k) => k.name)].join(", ");
    const [kept, fresh] = await Promise.all([
      db.execute(`select ${columns(spec)} from ${spec.schema}.${spec.table} order by ${order}`),
      db.execute(`select ${columns(spec)} from (${levelRollupFreshSql(spec)}) f order by ${order}`),
    ]);
    const k = rowsOf<Record<string, string>>(kept);
    expect(k, `${spec.schema}.${spec.table}`).toEqual(rowsOf<Record<string, string>>(fresh));
    // every source row reaches all four levels
    if (k.length) expect(new Set(k.map((r) => r.depth)), spec.table).toEqual(new Set(["0", "1", "2", "3"]));
    size += k.length;
  }
  return size;
}
