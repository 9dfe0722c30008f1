import { type Database, levelGroups, levelTable, regionGroups, rowsOf, toNumber } from "@hsa/db";
import { quarterEnd } from "@hsa/periods";
import { type SQL, sql } from "drizzle-orm";
import type { SupervisionSums } from "../metrics";
import { activeOn, joinSuspended } from "./agreement";
import { coverageLevel, registryLevel } from "./levels";
import { inspection, institution } from "./schema";

// Designated institutions at quarter ends and inspection coverage (DESIGN §5): read from the level
// aggregates of drizzle/0009_coverage_levels.sql (`…Many`), with the computations from the registry
// and the inspections kept as the reference (`…Raw`; supervision-summary.integration compares them).

/** "YYYY-MM-DD" of the last day of a quarter. */
export function quarterEndDate(quarter: string): string {
  return quarterEnd(quarter).toISOString().slice(0, 10);
}

/**
 * The coverage tiers (DESIGN §5: tertiary 100%, secondary ≥ 50%): every designated institution, and
 * the hospitals graded 三级 (III) and 二级 (II). `key` names the SQL columns, `active` / `inspected`
 * the SupervisionSums fields they fill, `level` the suffix of the level tables' columns.
 */
const COVERAGE_TIERS = [
  { key: "x", level: "", active: "active", inspected: "inspected", where: sql`true` },
  {
    key: "t",
    level: "_tertiary",
    active: "activeTertiary",
    inspected: "inspectedTertiary",
    where: sql`${institution.kind} = 'HOSPITAL' and ${institution.grade} = 'III'`,
  },
  {
    key: "s",
    level: "_secondary",
    active: "activeSecondary",
    inspected: "inspectedSecondary",
    where: sql`${institution.kind} = 'HOSPITAL' and ${institution.grade} = 'II'`,
  },
] as const satisfies readonly {
  key: string;
  level: string;
  active: keyof SupervisionSums;
  inspected: "inspected" | "inspectedTertiary" | "inspectedSecondary";
  where: SQL;
}[];

/**
 * code → quarter → designated at the quarter's end and, of those, inspected in the quarter (the
 * coverage numerator is a subset of its denominator, so an institution terminated or suspended by the
 * quarter's end can never push coverage above 100%), overall and per tier; every quarter asked for,
 * for every region with institutions.
 */
export type RegistryReader = (
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
) => Promise<Map<string, Map<string, Record<string, number>>>>;

/**
 * `RegistryReader` from the level aggregates, two statements for every region: a region's changes
 * of its designated count in every quarter up to the last asked (summed up to each quarter), and its
 * coverage rows of each quarter asked with `as_of` = that quarter (the range [q, q]).
 */
export const registryByQuarter: RegistryReader = async (db, codes, quarters) => {
  const out = new Map<string, Map<string, Record<string, number>>>();
  const from = quarters[0];
  const to = quarters[quarters.length - 1];
  if (from === undefined || to === undefined) return out;
  const l = levelGroups(codes);
  const cols = (kind: "active" | "inspected") =>
    sql.raw(COVERAGE_TIERS.map((t) => `lv.${kind}${t.level}::text as ${kind[0]}${t.key}`).join(", "));
  const sumCols = sql.raw(
    COVERAGE_TIERS.map((t) => `sum(lv.active${t.level})::text as a${t.key}`).join(", "),
  );
  const [changes, covered] = await Promise.all([
    // the changes up to `from` summed into one row (a county's history is ≈40 rows: a ranking of
    // every county would otherwise carry ≈100,000 of them), then one row per quarter after it
    db.execute(sql`
      select ${l.code} as code, greatest(lv.quarter, ${from}::varchar) as quarter, ${sumCols}
      from ${levelTable(registryLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
      where lv.quarter <= ${to}
      group by 1, 2
      order by 1, 2`),
    db.execute(sql`
      select ${l.code} as code, lv.quarter as quarter, ${cols("inspected")}
      from ${levelTable(coverageLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
      where lv.quarter between ${from} and ${to} and lv.as_of = lv.quarter`),
  ]);
  const rowsBy = new Map<string, Record<string, string>[]>();
  for (const r of rowsOf<Record<string, string>>(changes)) {
    const code = String(r.code);
    const rows = rowsBy.get(code);
    if (rows) rows.push(r);
    else rowsBy.set(code, [r]);
  }
  // designated at the end of each quarter asked: the changes up to it, summed (rows in quarter order)
  for (const [code, rows] of rowsBy) {
    const byQuarter = new Map<string, Record<string, number>>();
    const running: Record<string, number> = {};
    let k = 0;
    for (const q of quarters) {
      for (; k < rows.length && String(rows[k]?.quarter) <= q; k++) {
        for (const t of COVERAGE_TIERS)
          running[t.active] = (running[t.active] ?? 0) + toNumber(rows[k]?.[`a${t.key}`]);
      }
      const v: Record<string, number> = {};
      for (const t of COVERAGE_TIERS) {
        v[t.active] = running[t.active] ?? 0;
        v[t.inspected] = 0;
      }
      byQuarter.set(q, v);
    }
    out.set(code, byQuarter);
  }
  for (const r of rowsOf<Record<string, string>>(covered)) {
    const v = out.get(String(r.code))?.get(String(r.quarter));
    if (!v) continue;
    for (const t of COVERAGE_TIERS) v[t.inspected] = toNumber(r[`i${t.key}`]);
  }
  return out;
};

/**
 * The reference `RegistryReader`: one statement over the registry and its agreement history (the
 * status in effect on each quarter's end, `activeOn`) and the inspections of the quarters.
 */
export const registryByQuarterRaw: RegistryReader = async (db, codes, quarters) => {
  const out = new Map<string, Map<string, Record<string, number>>>();
  const from = quarters[0];
  const to = quarters[quarters.length - 1];
  if (from === undefined || to === undefined) return out;
  const g = regionGroups(codes);
  const inst = institution;
  // Per quarter k: designated at its end (a{k}), and of those the ones inspected in it (i{k}).
  const activeCols = sql.join(
    quarters.flatMap((q, k) => {
      const on = activeOn(quarterEndDate(q));
      const seen = sql`coalesce(${q} = any(iq.quarters), false)`;
      return [
        ...COVERAGE_TIERS.map(
          (t) => sql`(count(*) filter (where ${on} and ${t.where}))::text as ${sql.raw(`a${t.key}${k}`)}`,
        ),
        ...COVERAGE_TIERS.map(
          (t) =>
            sql`(count(*) filter (where ${on} and ${t.where} and ${seen}))::text as ${sql.raw(`i${t.key}${k}`)}`,
        ),
      ];
    }),
    sql`, `,
  );
  const rows = await db.execute(sql`
    select ${g.code} as code, ${activeCols}
    from ${inst} join ${g.table} on ${g.on(inst.regionCode)}
    ${joinSuspended}
    left join (
      select ${inspection.institutionId} as institution_id, array_agg(distinct ${inspection.quarter}) as quarters
      from ${inspection} where ${inspection.quarter} between ${from} and ${to}
      group by 1
    ) as iq on iq.institution_id = ${inst.id}
    group by 1`);
  for (const r of rowsOf<Record<string, string>>(rows)) {
    const byQuarter = new Map<string, Record<string, number>>();
    quarters.forEach((q, k) => {
      const v: Record<string, number> = {};
      for (const t of COVERAGE_TIERS) {
        v[t.active] = toNumber(r[`a${t.key}${k}`]);
        v[t.inspected] = toNumber(r[`i${t.key}${k}`]);
      }
      byQuarter.set(q, v);
    });
    out.set(String(r.code), byQuarter);
  }
  return out;
};

/** Coverage's range-total numerators: distinct institutions inspected in the range and designated at its end. */
export type InspectedCounts = Pick<SupervisionSums, "inspected" | "inspectedTertiary" | "inspectedSecondary">;

const noneInspected = (): InspectedCounts => ({ inspected: 0, inspectedTertiary: 0, inspectedSecondary: 0 });

function inspectedCounts(rows: unknown, codes: readonly string[]): Map<string, InspectedCounts> {
  const out = new Map<string, InspectedCounts>(codes.map((c) => [c, noneInspected()]));
  for (const r of rowsOf<Record<string, string>>(rows)) {
    const v = noneInspected();
    for (const t of COVERAGE_TIERS) v[t.inspected] = toNumber(r[`i${t.key}`]);
    out.set(String(r.code), v);
  }
  return out;
}

/**
 * `distinctInspected` for many regions in one statement: code → institutions designated at the end
 * of [from, to] and inspected at least once in it, overall and per tier — exact, although distinct
 * institutions over a range cannot be summed from per-quarter counts: the coverage level rows are
 * signed so that each institution counts once, at its last inspection quarter in the range, and only
 * when designated at the range's end (drizzle/0009_coverage_levels.sql). Counting only institutions
 * of the denominator keeps coverage at or below 100%. Regions by the institution's county.
 */
export async function distinctInspectedMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, InspectedCounts>> {
  const l = levelGroups(codes);
  const cols = sql.raw(
    COVERAGE_TIERS.map((t) => `coalesce(sum(lv.inspected${t.level}), 0)::text as i${t.key}`).join(", "),
  );
  const rows = await db.execute(sql`
    select ${l.code} as code, ${cols}
    from ${levelTable(coverageLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
    where lv.quarter between ${from} and ${to} and lv.as_of <= ${to}
    group by 1`);
  return inspectedCounts(rows, l.codes);
}

/** `<count filtered by the tier>::text as i<key>` for every coverage tier. */
function tierCounts(count: (where: SQL) => SQL): SQL {
  return sql.join(
    COVERAGE_TIERS.map((t) => sql`${count(t.where)}::text as ${sql.raw(`i${t.key}`)}`),
    sql`, `,
  );
}

/**
 * The reference computation of `distinctInspectedMany`: count(distinct …) over the inspections of the
 * range joined to the registry, per region.
 */
export async function distinctInspectedManyRaw(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, InspectedCounts>> {
  const g = regionGroups(codes);
  const inst = institution;
  const i = inspection;
  const rows = await db.execute(sql`
    select ${g.code} as code, ${tierCounts((w) => sql`count(distinct ${i.institutionId}) filter (where ${w})`)}
    from ${i} join ${inst} on ${inst.id} = ${i.institutionId}
    join ${g.table} on ${g.on(inst.regionCode)}
    ${joinSuspended}
    where ${i.quarter} between ${from} and ${to} and ${activeOn(quarterEndDate(to))}
    group by 1`);
  return inspectedCounts(rows, g.codes);
}
