import { type Database, rowsOf } from "@hsa/db";
import type { ImportActor, ImportKind, ImportRow, Tx, Workflow, WriteCounts } from "@hsa/reporting";
import { sql } from "drizzle-orm";
import { type Category, purchase } from "../db/schema";
import { INSTITUTION_COLUMN, purchaseColumns } from "./columns";
import {
  type AuditInsert,
  assertStoredElsewhereWritable,
  BATCH,
  checkInstitutions,
  type InstitutionFact,
  importCaller,
  insertAudits,
  institutionCounty,
  jsonParam,
  type StoredElsewhere,
  storedElsewhereErrors,
  yieldToEventLoop,
} from "./common";

export interface PurchaseFact extends InstitutionFact {
  quarter: string;
  category: Category;
  totalFen: bigint;
  networkFen: bigint;
  reportedOffNetworkFen: bigint;
}

const amountsJson = (r: { totalFen: bigint; networkFen: bigint; reportedOffNetworkFen: bigint }) => ({
  totalFen: r.totalFen.toString(),
  networkFen: r.networkFen.toString(),
  reportedOffNetworkFen: r.reportedOffNetworkFen.toString(),
});

const keyOfPurchase = (r: { institutionId: string; quarter: string; category: string }) =>
  `${r.institutionId}|${r.quarter}|${r.category}`;

interface StoredPurchase {
  institutionId: string;
  regionCode: string;
  quarter: string;
  category: string;
  totalFen: string;
  networkFen: string;
  reportedOffNetworkFen: string;
}

/** The stored purchase rows of the facts' keys (optionally locked for update), by key. */
async function storedPurchases(
  db: Database | Tx,
  facts: readonly PurchaseFact[],
  lock: boolean,
): Promise<Map<string, StoredPurchase>> {
  const out = new Map<string, StoredPurchase>();
  for (let i = 0; i < facts.length; i += BATCH) {
    const keys = facts.slice(i, i + BATCH).map((f) => ({ i: f.institutionId, q: f.quarter, c: f.category }));
    const rows = rowsOf<StoredPurchase>(
      await db.execute(sql`
        select p.institution_id as "institutionId", p.region_code as "regionCode", p.quarter, p.category,
               p.total_fen::text as "totalFen", p.network_fen::text as "networkFen",
               p.reported_off_network_fen::text as "reportedOffNetworkFen"
        from ${purchase} p
        join jsonb_to_recordset(${jsonParam(keys)}) as k(i text, q text, c text)
          on p.institution_id = k.i and p.quarter = k.q and p.category = k.c
        ${lock ? sql`for update of p` : sql``}`),
    );
    for (const r of rows) out.set(keyOfPurchase(r), r);
    // Embedded PGlite runs in this thread: let other requests (a KPI query) in between batches.
    await yieldToEventLoop();
  }
  return out;
}

/** The facts whose key is stored under another county than the fact's. */
function storedElsewhere(
  rows: readonly ImportRow<PurchaseFact>[],
  stored: Map<string, StoredPurchase>,
): StoredElsewhere[] {
  return rows.flatMap(({ line, fact }) => {
    const old = stored.get(keyOfPurchase(fact));
    return old && old.regionCode !== fact.regionCode
      ? [{ line, from: old.regionCode, quarter: fact.quarter }]
      : [];
  });
}

async function writePurchases(
  tx: Tx,
  workflow: Workflow,
  rows: readonly ImportRow<PurchaseFact>[],
  actor: ImportActor,
  progress: (done: number) => void,
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const slice = rows.slice(i, i + BATCH);
    const batch = slice.map((r) => r.fact);
    // What is stored for the batch's keys, locked until the transaction ends.
    const existing = await storedPurchases(tx, batch, true);
    // Both sides: a stored row of another county may be taken over only within scope, unapproved.
    await assertStoredElsewhereWritable(tx, workflow, storedElsewhere(slice, existing));
    const stored = new Map(
      [...existing.values()].map((r) => [
        keyOfPurchase(r),
        {
          regionCode: r.regionCode,
          totalFen: BigInt(r.totalFen),
          networkFen: BigInt(r.networkFen),
          reportedOffNetworkFen: BigInt(r.reportedOffNetworkFen),
        },
      ]),
    );
    const changed: PurchaseFact[] = [];
    const audits: AuditInsert[] = [];
    for (const f of batch) {
      const old = stored.get(keyOfPurchase(f));
      if (
        old &&
        old.regionCode === f.regionCode &&
        old.totalFen === f.totalFen &&
        old.networkFen === f.networkFen &&
        old.reportedOffNetworkFen === f.reportedOffNetworkFen
      ) {
        counts.unchanged++;
        continue;
      }
      if (old) counts.updated++;
      else counts.inserted++;
      changed.push(f);
      audits.push({
        entity_key: `purchase:${f.institutionId}:${f.quarter}:${f.category}`,
        old_value: old ? amountsJson(old) : null,
        new_value: amountsJson(f),
      });
    }
    if (changed.length) {
      await tx.execute(sql`
        insert into ${purchase} (institution_id, region_code, quarter, category, total_fen, network_fen,
                                 reported_off_network_fen, reported_by, updated_at)
        select x.institution_id, x.region_code, x.quarter, x.category, x.total_fen, x.network_fen,
               x.reported_off_network_fen, ${actor.sub}, now()
        from jsonb_to_recordset(${jsonParam(
          changed.map((f) => ({
            institution_id: f.institutionId,
            region_code: f.regionCode,
            quarter: f.quarter,
            category: f.category,
            total_fen: f.totalFen,
            network_fen: f.networkFen,
            reported_off_network_fen: f.reportedOffNetworkFen,
          })),
        )}) as x(institution_id text, region_code text, quarter text, category text, total_fen bigint,
                 network_fen bigint, reported_off_network_fen bigint)
        on conflict (institution_id, quarter, category) do update set
          region_code = excluded.region_code, total_fen = excluded.total_fen,
          network_fen = excluded.network_fen, reported_off_network_fen = excluded.reported_off_network_fen,
          reported_by = excluded.reported_by, updated_at = excluded.updated_at`);
      await insertAudits(tx, actor, "importPurchases", audits);
    }
    progress(Math.min(i + BATCH, rows.length));
    await yieldToEventLoop();
  }
  return counts;
}

/** CSV import of purchases: POST /import/purchases, `npm run import -- purchases <file>`. */
export function purchasesImport(
  db: Database,
  supervisionUrl: string,
  workflow: Workflow,
): ImportKind<PurchaseFact> {
  return {
    kind: "purchases",
    // the county is the institution id's first six digits: scope errors point at that column
    regionColumn: "机构编码",
    title: {
      zh: "药品耗材采购（机构季度报表）",
      en: "Purchases of drugs and consumables (institution, quarter)",
    },
    columns: purchaseColumns,
    toFact(v) {
      const institutionId = v.institutionId as string;
      const regionCode = institutionCounty(institutionId);
      if (!regionCode) {
        return {
          problems: [
            {
              column: INSTITUTION_COLUMN.zh,
              reason: `机构编码应以 6 位县级区划代码开头，如 150724-H-001 / an institution id like 150724-H-001 (got "${institutionId}")`,
            },
          ],
        };
      }
      const fact: PurchaseFact = {
        institutionId,
        regionCode,
        quarter: v.quarter as string,
        category: v.category as Category,
        totalFen: v.totalYuan as bigint,
        networkFen: v.networkYuan as bigint,
        reportedOffNetworkFen: (v.reportedOffNetworkYuan as bigint | null) ?? 0n,
      };
      if (fact.networkFen + fact.reportedOffNetworkFen > fact.totalFen) {
        return {
          problems: [
            {
              column: "网采金额（元）",
              reason: `网采金额 + 报备网外采购金额 (${yuan(fact.networkFen + fact.reportedOffNetworkFen)}) 不能大于采购总金额 (${yuan(fact.totalFen)}) / network + reported off-network exceed the total`,
            },
          ],
        };
      }
      return {
        fact,
        report: { regionCode, quarter: fact.quarter },
        key: `${institutionId}|${fact.quarter}|${fact.category}`,
      };
    },
    async check(rows, actor) {
      const institutions = await checkInstitutions(supervisionUrl, rows, actor);
      const good = rows.filter((r) => !institutions.bad.has(r.line));
      const stored = await storedPurchases(
        db,
        good.map((r) => r.fact),
        false,
      );
      return [
        ...institutions.errors,
        ...(await storedElsewhereErrors(db, workflow, storedElsewhere(good, stored), importCaller())),
      ];
    },
    write: (tx, rows, actor, progress) => writePurchases(tx, workflow, rows, actor, progress),
  };
}

const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;
