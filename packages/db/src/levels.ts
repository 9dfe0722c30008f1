import { type SQL, sql } from "drizzle-orm";
import { subtreeRange, unnestRows } from "./rollup";

/**
 * A region × quarter aggregate at every level (issue 17), declared once per source table and kept by
 * the database: `levelRollupMigration` writes the migration (table, statement-level triggers on the
 * source, backfill), `levelGroups` reads it. The source is any table with a region code, a quarter
 * and additive columns — a county summary kept by its own triggers (procurement.purchase_summary,
 * supervision.inspection_summary, …) or a fact table (enrollment.quarterly_report).
 *
 * Each source row adds its columns to four level rows, keyed (depth, region_code, quarter, keys…):
 * depth 0 the nation (000000), 1 its province (first two digits + 0000), 2 its city (first four +
 * 00), 3 its own code. A region's roll-up over its subtree (`regionGroups`: the rows whose code is in
 * its code range) is exactly one level row per quarter: depth = the length of its subtree prefix / 2,
 * region_code = the prefix padded with zeros. A range [c, c] (e.g. a county's pooling area) is the
 * depth-3 row of c. `source_rows` counts the source rows behind a level row; a level row exists exactly when
 * `source_rows` > 0, as a GROUP BY over the source would have a group.
 *
 * The triggers add each statement's delta (new rows − old rows) in the same transaction as the write,
 * whatever the write path (mutations, imports, approvals, demo and bench loads, COPY, the source's own
 * summary triggers, INSERT … ON CONFLICT, which fires both the INSERT and the UPDATE trigger). Level
 * rows of one statement are upserted in key order, so concurrent writers lock them alike; two
 * writers of the same quarter wait on its national row until the first commits.
 *
 * Only sums that add up over regions belong here. A distinct count (institutions inspected) adds up
 * over the counties of one quarter (an institution has one county), so its per-quarter level rows are
 * exact; over a range of quarters it cannot be summed and is recounted from the facts
 * (`kpiResolver`'s `recount`).
 *
 * A yearly figure names its period column instead (`period`, e.g. year integer): everything above
 * holds with a year for the quarter. A `filter` keeps only some of the source's rows (a budget kind).
 */
export interface LevelRollupSpec {
  /** PostgreSQL schema of both tables, e.g. "procurement" */
  schema: string;
  /** the source table, e.g. "purchase_summary" */
  source: string;
  /** the level table to create, e.g. "purchase_level" */
  table: string;
  /** the source's region column (default "region_code"); the level table always names it region_code */
  region?: string;
  /** further grouping columns, copied as they are (e.g. category varchar(32)) */
  keys?: readonly { name: string; type: string }[];
  /** additive columns: summed into bigint or numeric columns of the same name */
  sums: readonly { name: string; type: "bigint" | "numeric" }[];
  /**
   * The source's period column, copied into the level table's key under its own name (default
   * `quarter varchar(6)`); e.g. `{ name: "year", type: "integer" }` for a yearly figure.
   */
  period?: { name: string; type: string };
  /**
   * Only the source rows meeting this SQL condition over the source's own columns count (e.g.
   * `kind <> 'POOL'`): a row updated into or out of it is added or removed like an insert or delete.
   */
  filter?: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

const QUARTER = { name: "quarter", type: "varchar(6)" } as const;

function checked(spec: LevelRollupSpec) {
  const region = spec.region ?? "region_code";
  const period = spec.period ?? QUARTER;
  const keys = (spec.keys ?? []).map((k) => k.name);
  const sums = spec.sums.map((s) => s.name);
  for (const name of [spec.schema, spec.source, spec.table, region, period.name, ...keys, ...sums]) {
    if (!IDENT.test(name)) throw new Error(`levelRollup: bad identifier ${name}`);
  }
  for (const name of [...keys, ...sums]) {
    if (["depth", "region_code", period.name, "source_rows"].includes(name))
      throw new Error(`levelRollup: ${name} is a level table column`);
  }
  if (sums.length === 0) throw new Error(`levelRollup ${spec.table}: no sums`);
  if (spec.filter !== undefined && (spec.filter.includes(";") || spec.filter.includes("$")))
    throw new Error(`levelRollup ${spec.table}: the filter is one condition`);
  const where = spec.filter === undefined ? "" : ` WHERE ${spec.filter}`;
  return { region, period: period.name, keys, sums, where };
}

/** The four level keys of a source row, as a LATERAL VALUES list over `<alias>.<region>`. */
function ancestors(alias: string, region: string): string {
  const r = `${alias}.${region}`;
  return `CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(${r}, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(${r}, 4), 6, '0')::varchar(6)),
      (3::smallint, ${r}::varchar(6))) AS lv(depth, code)`;
}

/**
 * The level rows computed afresh from the source: `select depth, region_code, <period>, keys…, sums…,
 * source_rows`. The equivalence tests compare the kept table with it.
 */
export function levelRollupFreshSql(spec: LevelRollupSpec): string {
  const { region, period, keys, sums, where } = checked(spec);
  const k = keys.map((c) => `s.${c}, `).join("");
  const src = `${spec.schema}.${spec.source}`;
  return `SELECT lv.depth, lv.code AS region_code, s.${period}, ${k}${sums
    .map((c) => `sum(s.${c}) AS ${c}`)
    .join(", ")}, count(*) AS source_rows
    FROM ${where ? `(SELECT * FROM ${src}${where})` : src} s ${ancestors("s", region)}
    GROUP BY ${[1, 2, 3, ...keys.map((_, i) => i + 4)].join(", ")}`;
}

/** The migration that creates and fills the level table of `spec` (statements split by drizzle's breakpoint). */
export function levelRollupMigration(spec: LevelRollupSpec): string {
  const { region, period, keys, sums, where } = checked(spec);
  const t = `${spec.schema}.${spec.table}`;
  const src = `${spec.schema}.${spec.source}`;
  const fn = `${spec.schema}.${spec.table}_apply`;
  const keyCols = ["depth", "region_code", period, ...keys];
  const cols = [...keyCols, ...sums, "source_rows"].join(", ");
  const order = keyCols.map((_, i) => i + 1).join(", ");
  const keyDefs = (spec.keys ?? []).map((c) => `  ${c.name} ${c.type} NOT NULL,\n`).join("");
  const sumDefs = spec.sums.map((c) => `  ${c.name} ${c.type} NOT NULL,\n`).join("");
  const add = [...sums, "source_rows"].map((c) => `${c} = l.${c} + excluded.${c}`).join(",\n        ");
  // The signed source rows of the statement, as (region, period, keys, sums, n).
  const signed = (rel: string, sign: "" | "-") =>
    `SELECT ${region} AS src_region, ${period}, ${keys.map((c) => `${c}, `).join("")}${sums
      .map((c) => `${sign}${c} AS ${c}`)
      .join(", ")}, ${sign}1 AS n FROM ${rel}${where}`;
  const upsert = (rows: string) => `WITH d AS (
      ${rows}
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.${period}, ${keys.map((c) => `d.${c}, `).join("")}${sums
        .map((c) => `sum(d.${c})`)
        .join(", ")}, sum(d.n)
      FROM d ${ancestors("d", "src_region")}
      GROUP BY ${order}
      HAVING ${[...sums.map((c) => `sum(d.${c}) <> 0`), "sum(d.n) <> 0"].join(" OR ")}
    ),
    up AS (
      INSERT INTO ${t} AS l (${cols})
      SELECT * FROM delta ORDER BY ${order}
      ON CONFLICT (${keyCols.join(", ")}) DO UPDATE SET
        ${add}
      RETURNING ${keyCols.map((c) => `l.${c}`).join(", ")}, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;`;
  const tr = (op: string, refs: string) =>
    `CREATE TRIGGER ${spec.table}_${op.toLowerCase()} AFTER ${op} ON ${src}
  ${refs}FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`;
  const periodDef = spec.period ?? QUARTER;
  const rows = spec.filter === undefined ? "" : ` (its rows where ${spec.filter})`;
  return `-- ${t}: ${src}${rows} summed at every level (nation, province, city, own code) per ${period}, kept by
-- statement-level triggers on ${src} in the same transaction as every write. Generated by
-- levelRollupMigration (@hsa/db, src/levels.ts) from the subgraph's declaration: change both together.
CREATE TABLE ${t} (
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  ${periodDef.name} ${periodDef.type} NOT NULL,
${keyDefs}${sumDefs}  source_rows bigint NOT NULL,
  PRIMARY KEY (${keyCols.join(", ")})
);
--> statement-breakpoint
-- Finds the rows a statement emptied without scanning the table (normally none).
CREATE INDEX ${spec.table}_emptied_idx ON ${t} (depth) WHERE source_rows = 0;
--> statement-breakpoint
CREATE FUNCTION ${fn}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  emptied bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE ${t};
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    ${upsert(signed("level_new", ""))}
  ELSIF TG_OP = 'UPDATE' THEN
    ${upsert(`${signed("level_new", "")}\n      UNION ALL\n      ${signed("level_old", "-")}`)}
  ELSE
    ${upsert(signed("level_old", "-"))}
  END IF;
  -- Level rows left without source rows (a separate statement: a statement does not see its own CTE's updates).
  IF emptied > 0 THEN
    DELETE FROM ${t} WHERE source_rows = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to ${src} while the triggers are created and the level table is filled (one transaction).
LOCK TABLE ${src} IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
${tr("INSERT", "REFERENCING NEW TABLE AS level_new\n  ")}
--> statement-breakpoint
${tr("UPDATE", "REFERENCING OLD TABLE AS level_old NEW TABLE AS level_new\n  ")}
--> statement-breakpoint
${tr("DELETE", "REFERENCING OLD TABLE AS level_old\n  ")}
--> statement-breakpoint
${tr("TRUNCATE", "")}
--> statement-breakpoint
INSERT INTO ${t} (${cols})
${levelRollupFreshSql(spec)};
`;
}

/** The level key of a code range: its depth and the padded prefix (see `LevelRollupSpec`). */
export function levelKey([lo, hi]: [string, string]): { depth: number; code: string } {
  if (lo === hi) return { depth: 3, code: lo };
  for (const depth of [0, 1, 2]) {
    const p = lo.slice(0, depth * 2);
    if (lo === p.padEnd(6, "0") && hi === p.padEnd(6, "9")) return { depth, code: lo };
  }
  throw new Error(`no level row answers the code range ${lo}–${hi}`);
}

/** Many regions' level rows in one statement (the level-table counterpart of `regionGroups`). */
export interface LevelGroups {
  /** The region codes, deduplicated, in the order given. */
  readonly codes: string[];
  /** `unnest(…) as <alias>(code, depth, key)`, for a FROM or JOIN. */
  readonly table: SQL;
  /** The group key column (`<alias>.code`). */
  readonly code: SQL;
  /** The join condition for a level table under `tableAlias` (or its name). */
  on(level: SQL): SQL;
}

/**
 * @param range a region's code range (default its subtree); e.g. a county's pooling area instead
 * @param alias the list's alias in the SQL
 */
export function levelGroups(
  codes: readonly string[],
  alias = "lg",
  range: (code: string) => [string, string] = subtreeRange,
): LevelGroups {
  if (!IDENT.test(alias)) throw new Error(`bad alias ${alias}`);
  const unique = [...new Set(codes)];
  if (unique.length === 0) throw new Error("levelGroups needs at least one region");
  const a = sql.raw(alias);
  const keys = unique.map((code) => levelKey(range(code)));
  return {
    codes: unique,
    // each row names one level key (the primary key's prefix): index lookups, whatever the list's length
    table: unnestRows(
      alias,
      [
        { name: "code", type: "text", values: unique },
        { name: "depth", type: "smallint", values: keys.map((k) => k.depth) },
        { name: "key", type: "varchar(6)", values: keys.map((k) => k.code) },
      ],
      { opaque: true },
    ),
    code: sql`${a}.code`,
    on: (level) => sql`${level}.depth = ${a}.depth and ${level}.region_code = ${a}.key`,
  };
}

/** `"schema"."table"` of a level table, for raw SQL reads. */
export function levelTable(spec: LevelRollupSpec): SQL {
  checked(spec);
  return sql.raw(`${spec.schema}.${spec.table}`);
}
