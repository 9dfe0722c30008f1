import { type Database, regionGroups, regionSubtree, rowsOf, toNumber } from "@hsa/db";
import { quarterEnd, quarterStart } from "@hsa/periods";
import { and, asc, gte, inArray, lte, sql } from "drizzle-orm";
import { BEHIND_SCHEDULE_FACTOR, type PurchaseSums } from "../metrics";
import type { VbpSums } from "./queries";
import { type Category, type PurchaseRow, purchase, vbpAgreement, vbpProgress } from "./schema";

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** code → quarter → category → summed amounts (yuan), for many regions in one statement. */
export async function purchaseSumsMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, Map<Category, PurchaseSums>>>> {
  const t = purchase;
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
 * VBP completion at the end of each quarter for many regions in one statement (see `vbpSums`):
 * every agreement in force in a quarter is joined once to its progress rows from its start up to
 * that quarter (a join the planner can hash, instead of a subquery per agreement and quarter),
 * summed per institution, then rolled up into every region whose code range holds it.
 */
export async function vbpSumsMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, VbpSums>>> {
  const g = regionGroups(codes);
  const out = new Map<string, Map<string, VbpSums>>(g.codes.map((c) => [c, new Map()]));
  if (quarters.length === 0) return out;
  const periods = sql.join(
    quarters.map(
      (q) => sql`(${q}::text, ${isoDate(quarterStart(q))}::date, ${isoDate(quarterEnd(q))}::date)`,
    ),
    sql`, `,
  );
  const a = vbpAgreement;
  const v = vbpProgress;
  const result = await db.execute(sql`
    with periods(quarter, q_start, q_end) as (values ${periods}),
    groups as (select * from ${g.table}),
    -- only the regions' progress up to the last quarter (index on region_code, quarter), hashed once
    progress as (
      select ${v.institutionId} as institution_id, ${v.productId} as product_id, ${v.quarter} as quarter,
        ${v.purchasedVolume} as purchased_volume
      from ${v} join groups rg on ${g.on(v.regionCode)}
      where ${v.quarter} <= ${quarters[quarters.length - 1] as string}
    ),
    per_agreement as (
      select p.quarter, ${a.institutionId} as institution_id, ${a.regionCode} as region_code,
        ${a.agreedVolume} as agreed,
        coalesce(sum(v.purchased_volume), 0) as purchased,
        least(1.0, (p.q_end - ${a.startDate} + 1)::numeric / (${a.endDate} - ${a.startDate} + 1)) as elapsed
      from periods p
      join ${a} on ${a.startDate} <= p.q_end and ${a.endDate} >= p.q_start
      left join progress v on v.institution_id = ${a.institutionId} and v.product_id = ${a.productId}
        and v.quarter >= ${a.startQuarter} and v.quarter <= p.quarter
      where exists (select 1 from groups rg where ${g.on(a.regionCode)})
      group by p.quarter, p.q_end, ${a.institutionId}, ${a.productId}, ${a.startDate}, ${a.endDate},
        ${a.regionCode}, ${a.agreedVolume}
    ),
    per_institution as (
      select quarter, institution_id, region_code, sum(agreed) as agreed, sum(purchased) as purchased,
        sum(purchased) < ${BEHIND_SCHEDULE_FACTOR} * sum(elapsed * agreed) as behind
      from per_agreement group by quarter, institution_id, region_code
    )
    select rg.code, pi.quarter, sum(pi.agreed)::text as agreed, sum(pi.purchased)::text as purchased,
      count(*)::text as institutions, count(*) filter (where pi.behind)::text as behind
    from per_institution pi join groups rg on ${g.on(sql.raw("pi.region_code"))}
    group by 1, 2`);
  for (const r of rowsOf<Record<string, string>>(result)) {
    out.get(String(r.code))?.set(String(r.quarter), {
      agreed: toNumber(r.agreed),
      purchased: toNumber(r.purchased),
      institutions: toNumber(r.institutions),
      behind: toNumber(r.behind),
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
