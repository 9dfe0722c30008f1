import {
  type Database,
  levelGroups,
  levelTable,
  regionGroups,
  rowsOf,
  subtreeRange,
  toNumber,
} from "@hsa/db";
import { sql } from "drizzle-orm";
import { dipCaseLevel, dipPoolLevel } from "./levels";
import { type CaseSums, poolingAreaOf } from "./queries";
import { dipInstitution, globalBudget, globalBudgetSpend } from "./schema";

// The same roll-ups as queries.ts (caseSums, eligibleBySinceYear, pointValueSums, budgetSums) for
// many regions at once: each is one statement grouped by region, whatever the number of regions.

const yearOf = (quarter: string) => Number(quarter.slice(0, 4));
type Rows = Record<string, string>[];

function emptyMaps<V>(codes: readonly string[]): Map<string, Map<string, V>> {
  return new Map(codes.map((c) => [c, new Map<string, V>()]));
}

/**
 * code → quarter → case figures, from each region's own rows of the level aggregate
 * (`payment.dip_case_level`, ./levels) of the county × pooling area × quarter summary the database
 * keeps (`dipCaseSummary`), not the institutions' case rows. `institutions` adds each county's count of
 * institutions with cases: the same as counting them over the region while an institution reports a
 * quarter under one county (its own).
 */
export async function caseSumsMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, CaseSums>>> {
  const g = levelGroups(codes);
  const rows = rowsOf<Rows[number]>(
    await db.execute(sql`
      select ${g.code} as code, lv.quarter as quarter, lv.cases::text as cases,
        lv.comprehensive_cases::text as comprehensive,
        (lv.dip_fund_fen::numeric / 100)::text as dip_fund,
        (lv.inpatient_fund_fen::numeric / 100)::text as inpatient_fund,
        lv.institutions::text as institutions
      from ${levelTable(dipCaseLevel)} lv join ${g.table} on ${g.on(sql`lv`)}
      where lv.quarter between ${from} and ${to}`),
  );
  const out = emptyMaps<CaseSums>(g.codes);
  for (const r of rows) {
    out.get(String(r.code))?.set(String(r.quarter), {
      cases: toNumber(r.cases),
      comprehensiveCases: toNumber(r.comprehensive),
      dipFundYuan: toNumber(r.dip_fund),
      inpatientFundYuan: toNumber(r.inpatient_fund),
      institutions: toNumber(r.institutions),
    });
  }
  return out;
}

/** code → eligible institutions by the year they became eligible. */
export async function eligibleBySinceYearMany(
  db: Database,
  codes: readonly string[],
): Promise<Map<string, Map<number, number>>> {
  const t = dipInstitution;
  const g = regionGroups(codes);
  const rows = rowsOf<Rows[number]>(
    await db.execute(sql`
      select ${g.code} as code, ${t.sinceYear} as since, count(*)::text as n
      from ${t} join ${g.table} on ${g.on(t.regionCode)}
      group by 1, 2`),
  );
  const out = new Map<string, Map<number, number>>(g.codes.map((c) => [c, new Map()]));
  for (const r of rows) out.get(String(r.code))?.set(Number(r.since), toNumber(r.n));
  return out;
}

/**
 * A region inside a pool (a county of a city, a district of a municipality) has its pool's point
 * value; a pool, or a region spanning pools, covers the pools of its subtree.
 */
function poolRange(code: string): [string, string] {
  const pool = poolingAreaOf(code);
  return pool !== code ? [pool, pool] : subtreeRange(code);
}

/**
 * code → quarter → point value figures (see `pointValueSums`): two statements for all regions; the
 * points from the level aggregate by pooling area (`payment.dip_pool_level`, ./levels): a pool's own
 * row, or the row of the subtree of pools a region spans.
 */
export async function pointValueSumsMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, { budgetYuan: number; points: number }>>> {
  const g = regionGroups(codes, "rg", poolRange);
  const l = levelGroups(codes, "lg", poolRange);
  const b = globalBudget;
  const [points, budgets] = await Promise.all([
    db.execute(sql`
      select ${l.code} as code, lv.quarter as quarter, lv.points::text as points
      from ${levelTable(dipPoolLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
      where lv.quarter between ${from} and ${to}`),
    db.execute(sql`
      select ${g.code} as code, ${b.year} as year, sum(${b.budgetFen})::text as fen
      from ${b} join ${g.table} on ${g.on(b.poolingArea)}
      where ${b.kind} = 'POOL' and ${b.year} between ${yearOf(from)} and ${yearOf(to)}
      group by 1, 2`),
  ]);
  const budgetBy = new Map<string, number>();
  for (const r of rowsOf<Rows[number]>(budgets)) budgetBy.set(`${r.code}|${r.year}`, toNumber(r.fen));
  const out = emptyMaps<{ budgetYuan: number; points: number }>(g.codes);
  for (const r of rowsOf<Rows[number]>(points)) {
    const fen = budgetBy.get(`${r.code}|${yearOf(String(r.quarter))}`);
    if (fen === undefined) continue;
    out.get(String(r.code))?.set(String(r.quarter), { budgetYuan: fen / 400, points: toNumber(r.points) });
  }
  return out;
}

/** code → quarter → global budget execution (see `budgetSums`): two statements for all regions. */
export async function budgetSumsMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, { spentYuan: number; budgetYuan: number }>>> {
  const g = regionGroups(codes);
  const out = emptyMaps<{ spentYuan: number; budgetYuan: number }>(g.codes);
  if (quarters.length === 0) return out;
  const from = quarters[0] as string;
  const to = quarters[quarters.length - 1] as string;
  const b = globalBudget;
  const s = globalBudgetSpend;
  const where = sql`${b.kind} <> 'POOL' and ${b.year} between ${yearOf(from)} and ${yearOf(to)}`;
  const [budgets, spent] = await Promise.all([
    db.execute(sql`
      select ${g.code} as code, ${b.year} as year, sum(${b.budgetFen})::text as fen
      from ${b} join ${g.table} on ${g.on(b.regionCode)}
      where ${where}
      group by 1, 2`),
    db.execute(sql`
      select ${g.code} as code, ${s.quarter} as quarter, sum(${s.spentFen})::text as fen
      from ${s} join ${b} on ${b.id} = ${s.budgetId} join ${g.table} on ${g.on(b.regionCode)}
      where ${where} and ${s.quarter} between ${from} and ${to}
      group by 1, 2`),
  ]);
  const budgetBy = new Map<string, number>();
  for (const r of rowsOf<Rows[number]>(budgets)) budgetBy.set(`${r.code}|${r.year}`, toNumber(r.fen));
  const spentBy = new Map<string, number>();
  for (const r of rowsOf<Rows[number]>(spent)) spentBy.set(`${r.code}|${r.quarter}`, toNumber(r.fen));
  for (const code of g.codes) {
    const byQuarter = out.get(code) as Map<string, { spentYuan: number; budgetYuan: number }>;
    for (const q of quarters) {
      const fen = budgetBy.get(`${code}|${yearOf(q)}`);
      if (fen === undefined) continue;
      byQuarter.set(q, { spentYuan: (spentBy.get(`${code}|${q}`) ?? 0) / 100, budgetYuan: fen / 400 });
    }
  }
  return out;
}
