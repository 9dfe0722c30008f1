import type { Database } from "@hsa/db";
import { fenToYuan, regionSubtree, rowsOf, toNumber } from "@hsa/db";
import { quarterEnd, quarterStart } from "@hsa/periods";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { BEHIND_SCHEDULE_FACTOR, type PurchaseSums } from "../metrics";
import {
  type Category,
  purchase,
  purchaseSummary,
  vbpAgreement,
  vbpBatch,
  vbpProduct,
  vbpProgress,
} from "./schema";

const subtreeCondition = regionSubtree;

const yuan = (col: PgColumn) => sql<string>`(sum(${col})::numeric / 100)::text`;

/** quarter → category → summed amounts (yuan), over a region's institutions (from the summary). */
export async function purchaseSums(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<Map<string, Map<Category, PurchaseSums>>> {
  const t = purchaseSummary;
  const rows = await db
    .select({
      quarter: t.quarter,
      category: t.category,
      total: yuan(t.totalFen),
      network: yuan(t.networkFen),
      reported: yuan(t.reportedOffNetworkFen),
    })
    .from(t)
    .where(and(subtreeCondition(t.regionCode, regionCode), gte(t.quarter, from), lte(t.quarter, to)))
    .groupBy(t.quarter, t.category);
  const out = new Map<string, Map<Category, PurchaseSums>>();
  for (const r of rows) {
    const byCategory = out.get(r.quarter) ?? new Map<Category, PurchaseSums>();
    byCategory.set(r.category, {
      total: toNumber(r.total),
      network: toNumber(r.network),
      reportedOffNetwork: toNumber(r.reported),
    });
    out.set(r.quarter, byCategory);
  }
  return out;
}

/** VBP completion of a region at the end of a quarter: amounts at agreed prices (中选价), integer fen. */
export interface VbpSums {
  /** Σ agreed volume × price of the agreements in force */
  agreedFen: number;
  /** Σ volume purchased since each agreement's start × its price */
  purchasedFen: number;
  institutions: number;
  behind: number;
  /** Σ elapsed share of each agreement's own year × its agreed amount (序时进度 weighted like the value) */
  elapsedAgreedFen: number;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/**
 * VBP completion at the end of each quarter, in SQL: for every agreement in force during the
 * quarter, the volume purchased from its start up to that quarter (cumulative) and the agreed
 * volume, both at the product's agreed price (中选价) — amounts, so products counted in different
 * units (片, 支, 粒) add up; an institution is behind schedule when its purchased amount is below 80%
 * of its agreed amount × the elapsed share of each agreement year (序时进度). Summed over the
 * region's institutions per quarter. `vbp_summary_refresh` (drizzle/0009) does the same per county.
 */
export async function vbpSums(
  db: Database,
  regionCode: string,
  quarters: string[],
): Promise<Map<string, VbpSums>> {
  if (quarters.length === 0) return new Map();
  const periods = sql.join(
    quarters.map((q) => sql`(${q}, ${isoDate(quarterStart(q))}::date, ${isoDate(quarterEnd(q))}::date)`),
    sql`, `,
  );
  // The CTE aliases the table as `a`: name the column through the alias.
  const region = subtreeCondition(sql.raw("a.region_code"), regionCode);
  const rows = await db.execute(sql`
    with periods(quarter, q_start, q_end) as (values ${periods}),
    per_agreement as (
      select p.quarter, a.institution_id, a.agreed_volume * pr.price_fen as agreed,
        (select coalesce(sum(v.purchased_volume), 0) from ${vbpProgress} v
          where v.institution_id = a.institution_id and v.product_id = a.product_id
            and v.quarter >= a.start_quarter and v.quarter <= p.quarter) * pr.price_fen as purchased,
        least(1.0, (p.q_end - a.start_date + 1)::numeric / (a.end_date - a.start_date + 1)) as elapsed,
        least(1.0, ((extract(year from p.q_end) * 12 + extract(month from p.q_end)) - (extract(year from a.start_date) * 12 + extract(month from a.start_date)) + 1)::numeric / ((extract(year from a.end_date) * 12 + extract(month from a.end_date)) - (extract(year from a.start_date) * 12 + extract(month from a.start_date)) + 1)) as month_share
      from periods p
      join ${vbpAgreement} a on a.start_date <= p.q_end and a.end_date >= p.q_start
      join ${vbpProduct} pr on pr.id = a.product_id
      ${region ? sql`where ${region}` : sql``}
    ),
    per_institution as (
      select quarter, institution_id, sum(agreed) as agreed, sum(purchased) as purchased,
        sum(purchased) < ${BEHIND_SCHEDULE_FACTOR} * sum(elapsed * agreed) as behind,
        sum(month_share * agreed) as elapsed_agreed
      from per_agreement group by quarter, institution_id
    )
    select quarter, sum(agreed)::text as agreed, sum(purchased)::text as purchased,
      count(*)::text as institutions, count(*) filter (where behind)::text as behind,
      sum(elapsed_agreed)::text as elapsed_agreed
    from per_institution group by quarter
  `);
  const out = new Map<string, VbpSums>();
  for (const r of rowsOf<Record<string, string>>(rows)) {
    out.set(String(r.quarter), {
      agreedFen: toNumber(r.agreed),
      purchasedFen: toNumber(r.purchased),
      institutions: toNumber(r.institutions),
      behind: toNumber(r.behind),
      elapsedAgreedFen: toNumber(r.elapsed_agreed),
    });
  }
  return out;
}

export async function listPurchases(
  db: Database,
  institutionId: string,
  scope: string,
  from: string,
  to: string,
) {
  return db
    .select()
    .from(purchase)
    .where(
      and(
        eq(purchase.institutionId, institutionId),
        subtreeCondition(purchase.regionCode, scope),
        gte(purchase.quarter, from),
        lte(purchase.quarter, to),
      ),
    )
    .orderBy(asc(purchase.quarter), asc(purchase.category));
}

/** Completion of each of an institution's agreements in force at the end of `quarter`. */
export async function institutionVbp(db: Database, institutionId: string, scope: string, quarter: string) {
  const qStart = isoDate(quarterStart(quarter));
  const qEnd = isoDate(quarterEnd(quarter));
  const region = subtreeCondition(sql.raw("a.region_code"), scope);
  const rows = await db.execute(sql`
    select a.product_id as "productId", pr.name as "productName", pr.unit, pr.price_fen::text as "priceFen",
      b.id as "batchId", b.name as "batchName",
      a.start_date::text as "startDate", a.end_date::text as "endDate", a.agreed_volume::text as "agreedVolume",
      (select coalesce(sum(v.purchased_volume), 0) from ${vbpProgress} v
        where v.institution_id = a.institution_id and v.product_id = a.product_id
          and v.quarter >= a.start_quarter and v.quarter <= ${quarter})::text as "purchasedVolume",
      least(1.0, (${qEnd}::date - a.start_date + 1)::numeric / (a.end_date - a.start_date + 1))::text as "elapsed"
    from ${vbpAgreement} a
    join ${vbpProduct} pr on pr.id = a.product_id
    join ${vbpBatch} b on b.id = pr.batch_id
    where a.institution_id = ${institutionId} and a.start_date <= ${qEnd}::date and a.end_date >= ${qStart}::date
      ${region ? sql`and ${region}` : sql``}
    order by b.id, a.product_id
  `);
  const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as Record<
    string,
    string
  >[];
  return list.map((r) => {
    const agreed = toNumber(r.agreedVolume);
    const purchased = toNumber(r.purchasedVolume);
    const elapsed = toNumber(r.elapsed);
    return {
      productId: String(r.productId),
      productName: String(r.productName),
      unit: String(r.unit),
      priceYuan: fenToYuan(BigInt(String(r.priceFen))),
      batchId: String(r.batchId),
      batchName: String(r.batchName),
      startDate: String(r.startDate),
      endDate: String(r.endDate),
      agreedVolume: agreed,
      purchasedVolume: purchased,
      completion: (100 * purchased) / agreed,
      elapsedProgress: 100 * elapsed,
      behindSchedule: purchased < BEHIND_SCHEDULE_FACTOR * elapsed * agreed,
    };
  });
}

export async function listBatches(db: Database) {
  const batches = await db.select().from(vbpBatch).orderBy(asc(vbpBatch.id));
  const products = (await db.select().from(vbpProduct).orderBy(asc(vbpProduct.id))).map((p) => ({
    ...p,
    priceYuan: fenToYuan(BigInt(p.priceFen)),
  }));
  return batches.map((b) => ({ ...b, products: products.filter((p) => p.batchId === b.id) }));
}

export async function findAgreement(db: Database, institutionId: string, productId: string, quarter: string) {
  const qStart = isoDate(quarterStart(quarter));
  const qEnd = isoDate(quarterEnd(quarter));
  const rows = await db
    .select()
    .from(vbpAgreement)
    .where(
      and(
        eq(vbpAgreement.institutionId, institutionId),
        eq(vbpAgreement.productId, productId),
        lte(vbpAgreement.startDate, qEnd),
        gte(vbpAgreement.endDate, qStart),
      ),
    );
  return rows[0] ?? null;
}

export async function productExists(db: Database, productId: string): Promise<boolean> {
  const rows = await db.select({ id: vbpProduct.id }).from(vbpProduct).where(eq(vbpProduct.id, productId));
  return rows.length > 0;
}
