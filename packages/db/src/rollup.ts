import { subtreePrefix } from "@hsa/regions";
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * Many regions' roll-ups in one statement: a list of (code, lo, hi) — each region's subtree
 * as a range of six-digit codes — joined to a fact table on `region_code between lo and hi` and
 * grouped by `code`. One statement answers a whole list (a province's cities, the nation's
 * provinces), whatever its length, and each region's figure is exactly its single-region roll-up
 * (ranges may overlap: a row counts in every group whose range holds it). The range join uses the
 * region_code indexes like the single-region condition does.
 */
export interface RegionGroups {
  /** The region codes, deduplicated, in the order given. */
  readonly codes: string[];
  /** `unnest(…) as <alias>(code, lo, hi)`, for a FROM or JOIN. */
  readonly table: SQL;
  /** The group key column (`<alias>.code`). */
  readonly code: SQL;
  /** The join condition for a table's region_code column. */
  on(column: PgColumn | SQL): SQL;
}

/** The code range of a region's subtree: [lo, hi]. */
export function subtreeRange(code: string): [string, string] {
  const prefix = subtreePrefix(code);
  return [prefix.padEnd(6, "0"), prefix.padEnd(6, "9")];
}

const CODE = /^[0-9]{6}$/;

/**
 * `unnest(…) as <alias>(columns…)`: a list of rows of six-digit codes (and small integers), for a
 * FROM or JOIN, sent as one comma-separated text parameter per column. Unlike a VALUES list with
 * a parameter per cell, the statement's text is the same for 3 regions as for 2,860 counties: it
 * is parsed and planned once per connection (postgres-js prepares it), without thousands of bind
 * parameters — a national county list cost ≈ 120 ms more as a VALUES list, mostly binding and
 * planning.
 *
 * `opaque`: each array behind a scalar subquery, so the planner does not see its length (it counts
 * on a few rows) and joins the list by index lookups of each row's key rather than hashing it with
 * a scan of the whole table — right for a table whose key each row of the list names exactly (a
 * level aggregate: ≈ 25 ms instead of ≈ 120 ms for every county against 388,000 level rows).
 */
export function unnestRows(
  alias: string,
  columns: readonly {
    name: string;
    type: "text" | "varchar(6)" | "smallint";
    values: readonly (string | number)[];
  }[],
  opts: { opaque?: boolean } = {},
): SQL {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`bad alias ${alias}`);
  const arrays = columns.map((c) => {
    if (!/^[a-z_]+$/.test(c.name)) throw new Error(`bad column ${c.name}`);
    for (const v of c.values) {
      if (typeof v === "number" ? !Number.isInteger(v) : !CODE.test(v))
        throw new Error(`unnestRows: ${c.name} ${String(v)} is not a six-digit code or an integer`);
    }
    const array = sql`string_to_array(${c.values.join(",")}, ',')::${sql.raw(c.type)}[]`;
    return opts.opaque ? sql`(select ${array})` : array;
  });
  return sql`unnest(${sql.join(arrays, sql`, `)}) as ${sql.raw(alias)}(${sql.raw(
    columns.map((c) => c.name).join(", "),
  )})`;
}

/**
 * @param range a region's code range (default its subtree); e.g. a county's pooling area instead
 * @param alias the list's alias in the SQL
 */
export function regionGroups(
  codes: readonly string[],
  alias = "rg",
  range: (code: string) => [string, string] = subtreeRange,
): RegionGroups {
  if (!/^[a-z_]+$/.test(alias)) throw new Error(`bad alias ${alias}`);
  const unique = [...new Set(codes)];
  if (unique.length === 0) throw new Error("regionGroups needs at least one region");
  const a = sql.raw(alias);
  const ranges = unique.map((code) => [code, ...range(code)] as const);

  // Only single codes (counties, e.g. a national county ranking): an equality join, which the
  // planner can hash, instead of a range join compared row by row with every group.
  const single = ranges.every(([, lo, hi]) => lo === hi);
  return {
    codes: unique,
    table: unnestRows(alias, [
      { name: "code", type: "text", values: ranges.map((r) => r[0]) },
      { name: "lo", type: "text", values: ranges.map((r) => r[1]) },
      { name: "hi", type: "text", values: ranges.map((r) => r[2]) },
    ]),
    code: sql`${a}.code`,
    on: (column) => (single ? sql`${column} = ${a}.lo` : sql`${column} between ${a}.lo and ${a}.hi`),
  };
}

/** The rows of `db.execute` whichever the driver (postgres-js: an array; PGlite: `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
