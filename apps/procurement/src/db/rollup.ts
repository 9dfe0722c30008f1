import { type Database, levelGroups, levelTable, regionSubtree, rowsOf, toNumber } from "@hsa/db";
import { and, asc, gte, inArray, lte, sql } from "drizzle-orm";
import type { PurchaseSums } from "../metrics";
import { purchaseLevel, vbpLevel } from "./levels";
import type { VbpSums } from "./queries";
import { CATEGORIES, type Category, type PurchaseRow, purchase } from "./schema";

/**
 * code → quarter → category → summed amounts (yuan) of `categories` (default all), for many regions
 * in one statement. Reads each
 * region's own rows of the level aggregate the database keeps exact on every write
 * (`procurement.purchase_level`: purchase_summary summed at the nation, province, city and county,
 * ./levels), not the counties: a national figure is one row per quarter and category.
 */
export async function purchaseSumsMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
  categories: readonly Category[] = CATEGORIES,
): Promise<Map<string, Map<string, Map<Category, PurchaseSums>>>> {
  const g = levelGroups(codes);
  const onlySome = categories.length < CATEGORIES.length;
  const result = await db.execute(sql`
    select ${g.code} as code, lv.quarter as quarter, lv.category as category,
      (lv.total_fen::numeric / 100)::text as total,
      (lv.network_fen::numeric / 100)::text as network,
      (lv.reported_off_network_fen::numeric / 100)::text as reported
    from ${levelTable(purchaseLevel)} lv join ${g.table} on ${g.on(sql`lv`)}
    where lv.quarter between ${from} and ${to}${
      onlySome
        ? sql` and lv.category in (${sql.join(
            categories.map((c) => sql`${c}`),
            sql`, `,
          )})`
        : sql``
    }`);
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
 * VBP completion at the end of each quarter for many regions in one statement, from each region's own
 * rows of the level aggregate (`procurement.vbp_level`, ./levels) of the county × quarter summary the
 * database keeps (`vbpSummary`: agreed and cumulative purchased amount at agreed prices of the
 * agreements in force, Σ 序时进度 × agreed amount, institutions, institutions behind schedule —
 * computed as `vbpSums` does), summed at every level.
 */
export async function vbpSumsMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, VbpSums>>> {
  const g = levelGroups(codes);
  const out = new Map<string, Map<string, VbpSums>>(g.codes.map((c) => [c, new Map()]));
  if (quarters.length === 0) return out;
  const result = await db.execute(sql`
    select ${g.code} as code, lv.quarter as quarter, lv.agreed_fen::text as agreed,
      lv.purchased_fen::text as purchased, lv.institutions::text as institutions,
      lv.behind::text as behind, lv.elapsed_agreed_fen::text as elapsed_agreed
    from ${levelTable(vbpLevel)} lv join ${g.table} on ${g.on(sql`lv`)}
    where lv.quarter in (${sql.join(
      quarters.map((q) => sql`${q}`),
      sql`, `,
    )})`);
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
