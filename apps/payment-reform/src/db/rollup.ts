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
import { budgetLevel, budgetSpendLevel, dipCaseLevel, dipPoolLevel, poolBudgetLevel } from "./levels";
import { type CaseSums, poolingAreaOf } from "./queries";
import { dipCaseAggregate, dipInstitution, globalBudget, globalBudgetSpend } from "./schema";

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

/** Point value figures from (code, quarter, points) and (code, year, fen) rows: a quarter with a POOL budget. */
function pointValues(
  codes: readonly string[],
  points: Rows,
  budgets: Rows,
): Map<string, Map<string, { budgetYuan: number; points: number }>> {
  const budgetBy = new Map<string, number>();
  for (const r of budgets) budgetBy.set(`${r.code}|${r.year}`, toNumber(r.fen));
  const out = emptyMaps<{ budgetYuan: number; points: number }>(codes);
  for (const r of points) {
    const fen = budgetBy.get(`${r.code}|${yearOf(String(r.quarter))}`);
    if (fen === undefined) continue;
    out.get(String(r.code))?.set(String(r.quarter), { budgetYuan: fen / 400, points: toNumber(r.points) });
  }
  return out;
}

/**
 * code → quarter → point value figures (see `pointValueSums`): two statements for all regions, each
 * a lookup of level rows by pooling area — the points (`payment.dip_pool_level`) and the POOL budgets
 * (`payment.pool_budget_level`, ./levels): a pool's own row, or the row of the subtree of pools a
 * region spans. Same figures as `pointValueSumsManyRaw`.
 */
export async function pointValueSumsMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, { budgetYuan: number; points: number }>>> {
  const l = levelGroups(codes, "lg", poolRange);
  const [points, budgets] = await Promise.all([
    db.execute(sql`
      select ${l.code} as code, lv.quarter as quarter, lv.points::text as points
      from ${levelTable(dipPoolLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
      where lv.quarter between ${from} and ${to}`),
    db.execute(sql`
      select ${l.code} as code, lv.year as year, lv.budget_fen::text as fen
      from ${levelTable(poolBudgetLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
      where lv.year between ${yearOf(from)} and ${yearOf(to)}`),
  ]);
  return pointValues(l.codes, rowsOf<Rows[number]>(points), rowsOf<Rows[number]>(budgets));
}

/**
 * The reference computation of `pointValueSumsMany` from the raw rows (the case aggregates and the
 * POOL budgets of the pools): the equivalence tests compare the two.
 */
export async function pointValueSumsManyRaw(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, { budgetYuan: number; points: number }>>> {
  const g = regionGroups(codes, "rg", poolRange);
  const b = globalBudget;
  const c = dipCaseAggregate;
  const [points, budgets] = await Promise.all([
    db.execute(sql`
      select ${g.code} as code, ${c.quarter} as quarter, sum(${c.points})::text as points
      from ${c} join ${g.table} on ${g.on(c.poolingArea)}
      where ${c.quarter} between ${from} and ${to}
      group by 1, 2`),
    db.execute(sql`
      select ${g.code} as code, ${b.year} as year, sum(${b.budgetFen})::text as fen
      from ${b} join ${g.table} on ${g.on(b.poolingArea)}
      where ${b.kind} = 'POOL' and ${b.year} between ${yearOf(from)} and ${yearOf(to)}
      group by 1, 2`),
  ]);
  return pointValues(g.codes, rowsOf<Rows[number]>(points), rowsOf<Rows[number]>(budgets));
}

type Execution = { spentYuan: number; budgetYuan: number };

/**
 * Budget execution from (code, year, fen) budget and (code, quarter, fen) spend rows: each quarter of
 * a year with budgets, spent in it (0 without spend) against a quarter of the year's budgets.
 */
function execution(
  codes: readonly string[],
  quarters: readonly string[],
  budgets: Rows,
  spent: Rows,
): Map<string, Map<string, Execution>> {
  const out = emptyMaps<Execution>(codes);
  const budgetBy = new Map<string, number>();
  for (const r of budgets) budgetBy.set(`${r.code}|${r.year}`, toNumber(r.fen));
  const spentBy = new Map<string, number>();
  for (const r of spent) spentBy.set(`${r.code}|${r.quarter}`, toNumber(r.fen));
  for (const code of codes) {
    const byQuarter = out.get(code) as Map<string, Execution>;
    for (const q of quarters) {
      const fen = budgetBy.get(`${code}|${yearOf(q)}`);
      if (fen === undefined) continue;
      byQuarter.set(q, { spentYuan: (spentBy.get(`${code}|${q}`) ?? 0) / 100, budgetYuan: fen / 400 });
    }
  }
  return out;
}

/**
 * code → quarter → global budget execution (see `budgetSums`): two statements for all regions, each a
 * lookup of the regions' own level rows — the INSTITUTION and ALLIANCE budgets per year
 * (`payment.budget_level`) and their spend per quarter and budget year (`payment.budget_spend_level`,
 * over the county summary the database keeps; ./levels). Same figures as `budgetSumsManyRaw`.
 */
export async function budgetSumsMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, Execution>>> {
  const l = levelGroups(codes);
  if (quarters.length === 0) return emptyMaps<Execution>(l.codes);
  const from = quarters[0] as string;
  const to = quarters[quarters.length - 1] as string;
  const [budgets, spent] = await Promise.all([
    db.execute(sql`
      select ${l.code} as code, lv.year as year, lv.budget_fen::text as fen
      from ${levelTable(budgetLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
      where lv.year between ${yearOf(from)} and ${yearOf(to)}`),
    // one row per quarter unless a budget was moved to another year
    db.execute(sql`
      select ${l.code} as code, lv.quarter as quarter, sum(lv.spent_fen)::text as fen
      from ${levelTable(budgetSpendLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
      where lv.quarter between ${from} and ${to} and lv.year between ${yearOf(from)} and ${yearOf(to)}
      group by 1, 2`),
  ]);
  return execution(l.codes, quarters, rowsOf<Rows[number]>(budgets), rowsOf<Rows[number]>(spent));
}

/**
 * The reference computation of `budgetSumsMany` from the budget and spend rows (the equivalence
 * tests compare the two).
 */
export async function budgetSumsManyRaw(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, Execution>>> {
  const g = regionGroups(codes);
  if (quarters.length === 0) return emptyMaps<Execution>(g.codes);
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
  return execution(g.codes, quarters, rowsOf<Rows[number]>(budgets), rowsOf<Rows[number]>(spent));
}
