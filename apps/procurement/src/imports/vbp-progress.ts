import { type Database, rowsOf } from "@hsa/db";
import { quarterEnd, quarterStart } from "@hsa/periods";
import type { ImportActor, ImportKind, ImportRow, RowError, Tx, Workflow, WriteCounts } from "@hsa/reporting";
import { inArray, sql } from "drizzle-orm";
import { vbpAgreement, vbpProduct, vbpProgress } from "../db/schema";
import { INSTITUTION_COLUMN, vbpProgressColumns } from "./columns";
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

export interface VbpProgressFact extends InstitutionFact {
  productId: string;
  quarter: string;
  purchasedVolume: number;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Unknown products and products without an agreement in force for the institution and quarter. */
async function checkVbp(db: Database, rows: readonly ImportRow<VbpProgressFact>[], skip: Set<number>) {
  const errors: RowError[] = [];
  const productIds = [...new Set(rows.map((r) => r.fact.productId))];
  const known = new Set<string>();
  for (let i = 0; i < productIds.length; i += BATCH) {
    const found = await db
      .select({ id: vbpProduct.id })
      .from(vbpProduct)
      .where(inArray(vbpProduct.id, productIds.slice(i, i + BATCH)));
    for (const p of found) known.add(p.id);
  }
  const institutionIds = [...new Set(rows.map((r) => r.fact.institutionId))];
  const agreements = new Map<string, { startDate: string; endDate: string }[]>();
  for (let i = 0; i < institutionIds.length; i += BATCH) {
    const found = await db
      .select({
        institutionId: vbpAgreement.institutionId,
        productId: vbpAgreement.productId,
        startDate: vbpAgreement.startDate,
        endDate: vbpAgreement.endDate,
      })
      .from(vbpAgreement)
      .where(inArray(vbpAgreement.institutionId, institutionIds.slice(i, i + BATCH)));
    for (const a of found) {
      const k = `${a.institutionId}|${a.productId}`;
      agreements.set(k, [...(agreements.get(k) ?? []), a]);
    }
  }
  for (const { line, fact } of rows) {
    if (skip.has(line)) continue;
    if (!known.has(fact.productId)) {
      errors.push({
        line,
        column: "集采产品编码",
        value: fact.productId,
        reason: `未知的集采产品 / unknown VBP product "${fact.productId}" (see Query.vbpBatches)`,
      });
      continue;
    }
    const qStart = isoDate(quarterStart(fact.quarter));
    const qEnd = isoDate(quarterEnd(fact.quarter));
    const inForce = (agreements.get(`${fact.institutionId}|${fact.productId}`) ?? []).some(
      (a) => a.startDate <= qEnd && a.endDate >= qStart,
    );
    if (!inForce) {
      errors.push({
        line,
        column: "集采产品编码",
        value: fact.productId,
        reason: `${fact.institutionId} 在 ${fact.quarter} 没有 ${fact.productId} 的有效约定采购量 / no agreement in force for this product and quarter`,
      });
    }
  }
  return errors;
}

const keyOfProgress = (r: { institutionId: string; productId: string; quarter: string }) =>
  `${r.institutionId}|${r.productId}|${r.quarter}`;

interface StoredProgress {
  institutionId: string;
  regionCode: string;
  productId: string;
  quarter: string;
  purchasedVolume: string;
}

/** The stored progress rows of the facts' keys (optionally locked for update), by key. */
async function storedProgress(
  db: Database | Tx,
  facts: readonly VbpProgressFact[],
  lock: boolean,
): Promise<Map<string, StoredProgress>> {
  const out = new Map<string, StoredProgress>();
  for (let i = 0; i < facts.length; i += BATCH) {
    const keys = facts.slice(i, i + BATCH).map((f) => ({ i: f.institutionId, p: f.productId, q: f.quarter }));
    const rows = rowsOf<StoredProgress>(
      await db.execute(sql`
        select v.institution_id as "institutionId", v.region_code as "regionCode", v.product_id as "productId",
               v.quarter, v.purchased_volume::text as "purchasedVolume"
        from ${vbpProgress} v
        join jsonb_to_recordset(${jsonParam(keys)}) as k(i text, p text, q text)
          on v.institution_id = k.i and v.product_id = k.p and v.quarter = k.q
        ${lock ? sql`for update of v` : sql``}`),
    );
    for (const r of rows) out.set(keyOfProgress(r), r);
  }
  return out;
}

/** The facts whose key is stored under another county than the fact's. */
function storedElsewhere(
  rows: readonly ImportRow<VbpProgressFact>[],
  stored: Map<string, StoredProgress>,
): StoredElsewhere[] {
  return rows.flatMap(({ line, fact }) => {
    const old = stored.get(keyOfProgress(fact));
    return old && old.regionCode !== fact.regionCode
      ? [{ line, from: old.regionCode, quarter: fact.quarter }]
      : [];
  });
}

async function writeVbpProgress(
  tx: Tx,
  workflow: Workflow,
  rows: readonly ImportRow<VbpProgressFact>[],
  actor: ImportActor,
  progress: (done: number) => void,
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const slice = rows.slice(i, i + BATCH);
    const batch = slice.map((r) => r.fact);
    const existing = await storedProgress(tx, batch, true);
    // Both sides: a stored row of another county may be taken over only within scope, unapproved.
    await assertStoredElsewhereWritable(tx, workflow, storedElsewhere(slice, existing));
    const changed: VbpProgressFact[] = [];
    const audits: AuditInsert[] = [];
    for (const f of batch) {
      const stored = existing.get(keyOfProgress(f));
      const old = stored === undefined ? undefined : Number(stored.purchasedVolume);
      if (old === f.purchasedVolume && stored?.regionCode === f.regionCode) {
        counts.unchanged++;
        continue;
      }
      if (old !== undefined) counts.updated++;
      else counts.inserted++;
      changed.push(f);
      audits.push({
        entity_key: `vbp:${f.institutionId}:${f.productId}:${f.quarter}`,
        old_value: old === undefined ? null : { purchasedVolume: old },
        new_value: { purchasedVolume: f.purchasedVolume },
      });
    }
    if (changed.length) {
      await tx.execute(sql`
        insert into ${vbpProgress} (institution_id, region_code, product_id, quarter, purchased_volume,
                                    reported_by, updated_at)
        select x.institution_id, x.region_code, x.product_id, x.quarter, x.purchased_volume, ${actor.sub}, now()
        from jsonb_to_recordset(${jsonParam(
          changed.map((f) => ({
            institution_id: f.institutionId,
            region_code: f.regionCode,
            product_id: f.productId,
            quarter: f.quarter,
            purchased_volume: f.purchasedVolume,
          })),
        )}) as x(institution_id text, region_code text, product_id text, quarter text, purchased_volume bigint)
        on conflict (institution_id, product_id, quarter) do update set
          region_code = excluded.region_code, purchased_volume = excluded.purchased_volume,
          reported_by = excluded.reported_by, updated_at = excluded.updated_at`);
      await insertAudits(tx, actor, "importVbpProgress", audits);
    }
    progress(Math.min(i + BATCH, rows.length));
    await yieldToEventLoop();
  }
  return counts;
}

/** CSV import of VBP progress: POST /import/vbp-progress, `npm run import -- vbp-progress <file>`. */
export function vbpProgressImport(
  db: Database,
  supervisionUrl: string,
  workflow: Workflow,
): ImportKind<VbpProgressFact> {
  return {
    kind: "vbp-progress",
    // the county is the institution id's first six digits: scope errors point at that column
    regionColumn: "机构编码",
    title: {
      zh: "集采约定量执行进度",
      en: "Volume-based procurement progress (institution, product, quarter)",
    },
    columns: vbpProgressColumns,
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
      const fact: VbpProgressFact = {
        institutionId,
        regionCode,
        productId: v.productId as string,
        quarter: v.quarter as string,
        purchasedVolume: v.purchasedVolume as number,
      };
      return {
        fact,
        report: { regionCode, quarter: fact.quarter },
        key: `${institutionId}|${fact.productId}|${fact.quarter}`,
      };
    },
    async check(rows, actor) {
      const institutions = await checkInstitutions(supervisionUrl, rows, actor);
      const good = rows.filter((r) => !institutions.bad.has(r.line));
      const stored = await storedProgress(
        db,
        good.map((r) => r.fact),
        false,
      );
      return [
        ...institutions.errors,
        ...(await storedElsewhereErrors(db, workflow, storedElsewhere(good, stored), importCaller())),
        ...(await checkVbp(db, rows, institutions.bad)),
      ];
    },
    write: (tx, rows, actor, progress) => writeVbpProgress(tx, workflow, rows, actor, progress),
  };
}
