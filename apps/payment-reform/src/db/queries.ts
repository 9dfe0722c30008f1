import type { Database } from "@hsa/db";
import { regionSubtree, toNumber } from "@hsa/db";
import { getRegion, isInSubtree, MUNICIPALITIES, poolingArea } from "@hsa/regions";
import { and, asc, eq, gte, inArray, lte, ne, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import {
  auditEvent,
  type CoefficientGrade,
  dipCaseAggregate,
  dipGroup,
  dipInstitution,
  dipSettlement,
  dipSettlementLine,
  globalBudget,
  globalBudgetSpend,
  institutionCoefficient,
} from "./schema";

const subtreeCondition = regionSubtree;

/**
 * The pooling area (统筹地区) of a region, as @hsa/regions defines it (one definition for every
 * subgraph): a municipality (北京, 天津, 上海, 重庆) pools municipally (110105 → 110000); a county
 * directly under its province (省直管, 429004 仙桃市) is its own pool; otherwise the city
 * (150724 → 150700). A province or the nation is returned as is: it spans pools (see `isPool`).
 * Throws for an unknown code.
 */
export function poolingAreaOf(regionCode: string): string {
  return poolingArea(regionCode);
}

/**
 * True when the region is one pool itself: a city, a municipality, a county directly under its
 * province. Counties of a city (and districts of a municipality) lie inside a pool; a province or
 * the nation spans several.
 */
export function isPool(regionCode: string): boolean {
  const region = getRegion(regionCode);
  if (!region || poolingArea(regionCode) !== regionCode) return false;
  return region.level === "CITY" || region.level === "COUNTY" || MUNICIPALITIES.includes(regionCode);
}

/**
 * True when the region lies within one pool (a county, a city, a municipality, a county directly
 * under its province). A DIP point value exists only there: above it — a province, the nation —
 * Σbudget / Σpoints of pools with different catalogues means nothing, so the value is null
 * (NO_DATA), never summed across pools.
 */
export function withinOnePool(regionCode: string): boolean {
  return getRegion(regionCode) !== undefined && isPool(poolingArea(regionCode));
}

/** True when the caller may see a pool's catalogue and settlement header: the pool is in scope, or the scope lies inside the pool. */
export function canSeePool(scope: string | null, poolingArea: string): boolean {
  return scope !== null && (isInSubtree(poolingArea, scope) || isInSubtree(scope, poolingArea));
}

const yuan = (col: PgColumn | SQL) => sql<string>`(sum(${col})::numeric / 100)::text`;
const yearOf = (quarter: string) => Number(quarter.slice(0, 4));

export interface CaseSums {
  cases: number;
  comprehensiveCases: number;
  dipFundYuan: number;
  inpatientFundYuan: number;
  institutions: number;
}

/** quarter → case figures summed over the region's institutions (in SQL). */
export async function caseSums(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<Map<string, CaseSums>> {
  const t = dipCaseAggregate;
  const rows = await db
    .select({
      quarter: t.quarter,
      cases: sql<string>`sum(${t.cases})::text`,
      comprehensive: sql<string>`coalesce(sum(${t.cases}) filter (where ${t.groupType} = 'COMPREHENSIVE'), 0)::text`,
      dipFund: yuan(t.dipFundFen),
      inpatientFund: yuan(t.inpatientFundFen),
      institutions: sql<string>`count(distinct ${t.institutionId}) filter (where ${t.cases} > 0)::text`,
    })
    .from(t)
    .where(and(subtreeCondition(t.regionCode, regionCode), gte(t.quarter, from), lte(t.quarter, to)))
    .groupBy(t.quarter);
  const out = new Map<string, CaseSums>();
  for (const r of rows) {
    out.set(r.quarter, {
      cases: toNumber(r.cases),
      comprehensiveCases: toNumber(r.comprehensive),
      dipFundYuan: toNumber(r.dipFund),
      inpatientFundYuan: toNumber(r.inpatientFund),
      institutions: toNumber(r.institutions),
    });
  }
  return out;
}

/** Eligible inpatient institutions of the region by the year they became eligible. */
export async function eligibleBySinceYear(db: Database, regionCode: string): Promise<Map<number, number>> {
  const t = dipInstitution;
  const rows = await db
    .select({ since: t.sinceYear, n: sql<string>`count(*)::text` })
    .from(t)
    .where(subtreeCondition(t.regionCode, regionCode))
    .groupBy(t.sinceYear);
  return new Map(rows.map((r) => [r.since, toNumber(r.n)]));
}

/** Eligible institutions in a year: those eligible since that year or earlier. */
export function eligibleIn(bySince: Map<number, number>, year: number): number {
  let n = 0;
  for (const [since, count] of bySince) if (since <= year) n += count;
  return n;
}

/**
 * Point value figures per quarter over the pools of a region (a county uses its pool, e.g. its city's):
 * numerator = a quarter's share of the POOL budgets (yuan), denominator = points earned in the quarter.
 */
export async function pointValueSums(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<Map<string, { budgetYuan: number; points: number }>> {
  // A region inside a pool (a county, a municipality's district) reads its whole pool; a pool or
  // a region spanning pools reads the pools of its subtree.
  const pool = poolingAreaOf(regionCode);
  const poolCond = (col: typeof dipCaseAggregate.poolingArea | typeof globalBudget.poolingArea) =>
    pool !== regionCode ? eq(col, pool) : subtreeCondition(col, regionCode);
  const t = dipCaseAggregate;
  const points = await db
    .select({ quarter: t.quarter, points: sql<string>`sum(${t.points})::text` })
    .from(t)
    .where(and(poolCond(t.poolingArea), gte(t.quarter, from), lte(t.quarter, to)))
    .groupBy(t.quarter);
  const b = globalBudget;
  const budgets = await db
    .select({ year: b.year, fen: sql<string>`sum(${b.budgetFen})::text` })
    .from(b)
    .where(
      and(eq(b.kind, "POOL"), poolCond(b.poolingArea), gte(b.year, yearOf(from)), lte(b.year, yearOf(to))),
    )
    .groupBy(b.year);
  const budgetByYear = new Map(budgets.map((r) => [r.year, toNumber(r.fen)]));
  const out = new Map<string, { budgetYuan: number; points: number }>();
  for (const r of points) {
    const fen = budgetByYear.get(yearOf(r.quarter));
    if (fen === undefined) continue;
    out.set(r.quarter, { budgetYuan: fen / 400, points: toNumber(r.points) });
  }
  return out;
}

/**
 * Global budget execution per quarter over the INSTITUTION and ALLIANCE budgets of the region's
 * subtree (the POOL budget is the DIP fund they are carved from: counting it too would count
 * money twice): spent in the quarter against a quarter's share of the annual budgets (yuan).
 */
export async function budgetSums(
  db: Database,
  regionCode: string,
  quarters: readonly string[],
): Promise<Map<string, { spentYuan: number; budgetYuan: number }>> {
  if (quarters.length === 0) return new Map();
  const from = quarters[0] as string;
  const to = quarters[quarters.length - 1] as string;
  const b = globalBudget;
  const s = globalBudgetSpend;
  const where = and(
    ne(b.kind, "POOL"),
    subtreeCondition(b.regionCode, regionCode),
    gte(b.year, yearOf(from)),
    lte(b.year, yearOf(to)),
  );
  const budgets = await db
    .select({ year: b.year, fen: sql<string>`sum(${b.budgetFen})::text` })
    .from(b)
    .where(where)
    .groupBy(b.year);
  const spent = await db
    .select({ quarter: s.quarter, fen: sql<string>`sum(${s.spentFen})::text` })
    .from(s)
    .innerJoin(b, eq(b.id, s.budgetId))
    .where(and(where, gte(s.quarter, from), lte(s.quarter, to)))
    .groupBy(s.quarter);
  const budgetByYear = new Map(budgets.map((r) => [r.year, toNumber(r.fen)]));
  const spentByQuarter = new Map(spent.map((r) => [r.quarter, toNumber(r.fen)]));
  const out = new Map<string, { spentYuan: number; budgetYuan: number }>();
  for (const q of quarters) {
    const fen = budgetByYear.get(yearOf(q));
    if (fen === undefined) continue;
    out.set(q, { spentYuan: (spentByQuarter.get(q) ?? 0) / 100, budgetYuan: fen / 400 });
  }
  return out;
}

export async function listGroups(db: Database, poolingArea: string, year: number) {
  return db
    .select()
    .from(dipGroup)
    .where(and(eq(dipGroup.poolingArea, poolingArea), eq(dipGroup.year, year)))
    .orderBy(asc(dipGroup.code));
}

/** The coefficient of a grade in a pool and year; null when the pool configured none for that grade. */
export async function coefficientFor(
  db: Database,
  poolingArea: string,
  year: number,
  grade: CoefficientGrade,
): Promise<string | null> {
  const [row] = await db
    .select({ c: institutionCoefficient.coefficient })
    .from(institutionCoefficient)
    .where(
      and(
        eq(institutionCoefficient.poolingArea, poolingArea),
        eq(institutionCoefficient.year, year),
        eq(institutionCoefficient.grade, grade),
      ),
    );
  return row?.c ?? null;
}

export async function listCoefficients(db: Database, poolingArea: string, year: number) {
  return db
    .select()
    .from(institutionCoefficient)
    .where(and(eq(institutionCoefficient.poolingArea, poolingArea), eq(institutionCoefficient.year, year)))
    .orderBy(asc(institutionCoefficient.grade));
}

/** Per institution: Σ points and Σ prepayments of a pool's year (exact NUMERIC text / fen). */
export async function settlementInputs(db: Database, poolingArea: string, year: number) {
  const t = dipCaseAggregate;
  return db
    .select({
      institutionId: t.institutionId,
      regionCode: sql<string>`min(${t.regionCode})`,
      points: sql<string>`sum(${t.points})::text`,
      prepaidFen: sql<string>`sum(${t.fundPrepaidFen})::text`,
    })
    .from(t)
    .where(and(eq(t.poolingArea, poolingArea), gte(t.quarter, `${year}Q1`), lte(t.quarter, `${year}Q4`)))
    .groupBy(t.institutionId)
    .orderBy(asc(t.institutionId));
}

export async function poolBudget(db: Database, poolingArea: string, year: number) {
  const [row] = await db
    .select()
    .from(globalBudget)
    .where(
      and(eq(globalBudget.kind, "POOL"), eq(globalBudget.key, poolingArea), eq(globalBudget.year, year)),
    );
  return row ?? null;
}

export async function findSettlement(db: Database, poolingArea: string, year: number) {
  const [row] = await db
    .select()
    .from(dipSettlement)
    .where(and(eq(dipSettlement.poolingArea, poolingArea), eq(dipSettlement.year, year)));
  return row ?? null;
}

/** A settlement's lines within the caller's scope (all of them for a scope covering the pool). */
export async function settlementLines(db: Database, settlementId: number, scope: string) {
  return db
    .select()
    .from(dipSettlementLine)
    .where(
      and(
        eq(dipSettlementLine.settlementId, settlementId),
        subtreeCondition(dipSettlementLine.regionCode, scope),
      ),
    )
    .orderBy(asc(dipSettlementLine.institutionId));
}

/** An institution's settlement lines with their settlement, within the scope, oldest year first. */
export async function institutionSettlements(
  db: Database,
  institutionId: string,
  scope: string,
  year?: number,
) {
  return db
    .select({ line: dipSettlementLine, settlement: dipSettlement })
    .from(dipSettlementLine)
    .innerJoin(dipSettlement, eq(dipSettlement.id, dipSettlementLine.settlementId))
    .where(
      and(
        eq(dipSettlementLine.institutionId, institutionId),
        subtreeCondition(dipSettlementLine.regionCode, scope),
        year === undefined ? undefined : eq(dipSettlement.year, year),
      ),
    )
    .orderBy(asc(dipSettlement.year));
}

/** Global budgets of a pool and year with their spend, within the scope. */
export async function listBudgets(db: Database, poolingArea: string, year: number, scope: string) {
  const b = globalBudget;
  const budgets = await db
    .select()
    .from(b)
    .where(and(eq(b.poolingArea, poolingArea), eq(b.year, year), subtreeCondition(b.regionCode, scope)))
    .orderBy(asc(b.kind), asc(b.key));
  if (budgets.length === 0) return [];
  const spend = await db
    .select()
    .from(globalBudgetSpend)
    .where(
      inArray(
        globalBudgetSpend.budgetId,
        budgets.map((x) => x.id),
      ),
    )
    .orderBy(asc(globalBudgetSpend.quarter));
  return budgets.map((x) => ({ budget: x, spend: spend.filter((s) => s.budgetId === x.id) }));
}

/** Σ cases of a region's subtree over a quarter range (the uploaded case count, e.g. 3,562 for 150724 in 2022). */
export async function caseTotal(db: Database, regionCode: string, from: string, to: string): Promise<number> {
  const t = dipCaseAggregate;
  const [row] = await db
    .select({ n: sql<string>`coalesce(sum(${t.cases}), 0)::text` })
    .from(t)
    .where(and(subtreeCondition(t.regionCode, regionCode), gte(t.quarter, from), lte(t.quarter, to)));
  return toNumber(row?.n);
}

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * How many audit entries there are of a kind (e.g. "dip_settlement", "dip-cases") whose key holds the
 * given values (e.g. { pool: "430600" }).
 */
export async function auditCount(
  db: Database,
  kind: string,
  key: Record<string, string | number> = {},
): Promise<number> {
  const [row] = await db
    .select({ n: sql<string>`count(*)::text` })
    .from(auditEvent)
    .where(and(eq(auditEvent.kind, kind), sql`${auditEvent.key} @> ${JSON.stringify(key)}::jsonb`));
  return toNumber(row?.n);
}

/** An institution's stored case aggregates, by quarter and group. */
export async function listCases(db: Database, institutionId: string) {
  return db
    .select()
    .from(dipCaseAggregate)
    .where(eq(dipCaseAggregate.institutionId, institutionId))
    .orderBy(asc(dipCaseAggregate.quarter), asc(dipCaseAggregate.groupCode));
}
