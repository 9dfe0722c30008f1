import { type Database, regionGroups, regionSubtree, rowsOf, toNumber } from "@hsa/db";
import { and, asc, gte, inArray, lte, sql } from "drizzle-orm";
import type { PurchaseSums } from "../metrics";
import type { VbpSums } from "./queries";
import { type Category, type PurchaseRow, purchase, purchaseSummary, vbpSummary } from "./schema";

/**
 * code → quarter → category → summed amounts (yuan), for many regions in one statement. Reads the
 * county × quarter × category summary the database keeps exact on every write (`purchaseSummary`),
 * not the institution rows: the same sums, from ≈3,000 rows per quarter nationally.
 */
export async function purchaseSumsMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, Map<Category, PurchaseSums>>>> {
  const t = purchaseSummary;
  const g = regionGroups(codes);
  const result = await db.execute(sql`
    select ${g.code} as code, ${t.quarter} as quarter, ${t.category} as category,
      (sum(${t.totalFen})::numeric / 100)::text as total,
      (sum(${t.networkFen})::numeric / 100)::text as network,
      (sum(${t.reportedOffNetworkFen})::numeric / 100)::text as reported
    from ${t} join ${g.table} on ${g.on(t.regionCode)}
    where ${t.quarter} between ${from} and ${to}
    group by 1, 2, 3`);
  const out = new Map<string, Map<string, Map<Category, PurchaseSums>>>(g.codes.map((c) => [c, new Map()]));
  for (const r of rowsOf<Record<string, string>>(result)) {
    const byQuarter = out.get(String(r.code));
    if (!byQuarter) continue;
    const byCategory = byQuarter.get(String(r.quarter)) ?? new Map<Category, PurchaseSums>();
    byCategory.set(r.category as Category, {
      total: toNumber(r.total),
      network: toNumber(r.network),
      reportedOffNetwork: toNumber(r.reported),
    });
    byQuarter.set(String(r.quarter), byCategory);
  }
  return out;
}

/**
 * VBP completion at the end of each quarter for many regions in one statement, from the county ×
 * quarter summary the database keeps (`vbpSummary`: agreed and cumulative purchased amount at agreed
 * prices of the agreements in force, Σ 序时进度 × agreed amount, institutions, institutions behind
 * schedule — computed as `vbpSums` does), summed into every region whose code range holds the county.
 */
export async function vbpSumsMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, VbpSums>>> {
  const g = regionGroups(codes);
  const out = new Map<string, Map<string, VbpSums>>(g.codes.map((c) => [c, new Map()]));
  if (quarters.length === 0) return out;
  const s = vbpSummary;
  const result = await db.execute(sql`
    select ${g.code} as code, ${s.quarter} as quarter, sum(${s.agreedFen})::text as agreed,
      sum(${s.purchasedFen})::text as purchased, sum(${s.institutions})::text as institutions,
      sum(${s.behind})::text as behind, sum(${s.elapsedAgreedFen})::text as elapsed_agreed
    from ${s} join ${g.table} on ${g.on(s.regionCode)}
    where ${inArray(s.quarter, [...quarters])}
    group by 1, 2`);
  for (const r of rowsOf<Record<string, string>>(result)) {
    out.get(String(r.code))?.set(String(r.quarter), {
      agreedFen: toNumber(r.agreed),
      purchasedFen: toNumber(r.purchased),
      institutions: toNumber(r.institutions),
      behind: toNumber(r.behind),
      elapsedAgreedFen: toNumber(r.elapsed_agreed),
    });
  }
  return out;
}

/** `listPurchases` for many institutions in one statement: institution id → its rows in scope. */
export async function purchasesOfMany(
  db: Database,
  institutionIds: readonly string[],
  scope: string,
  from: string,
  to: string,
): Promise<Map<string, PurchaseRow[]>> {
  const out = new Map<string, PurchaseRow[]>(institutionIds.map((id) => [id, []]));
  if (institutionIds.length === 0) return out;
  const rows = await db
    .select()
    .from(purchase)
    .where(
      and(
        inArray(purchase.institutionId, [...institutionIds]),
        regionSubtree(purchase.regionCode, scope),
        gte(purchase.quarter, from),
        lte(purchase.quarter, to),
      ),
    )
    .orderBy(asc(purchase.institutionId), asc(purchase.quarter), asc(purchase.category));
  for (const r of rows) out.get(r.institutionId)?.push(r);
  return out;
}
