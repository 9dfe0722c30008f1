import { type Database, rowsOf } from "@hsa/db";
import { quarterEnd, quarterStart } from "@hsa/periods";
import {
  type ColumnSpec,
  createWorkflow,
  type ImportActor,
  type ImportKind,
  type ImportRow,
  importRoutes,
  type RowError,
  reportedKeysIn,
  reportingSharedSDL,
  type Tx,
  type Workflow,
  type WriteCounts,
  workflowResolvers,
  workflowSDL,
} from "@hsa/reporting";
import {
  auditEntryToGraphQL,
  badInput,
  callPeer,
  mergeResolvers,
  type ResolverMap,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { desc, inArray, like, or, sql } from "drizzle-orm";
import {
  auditLog,
  type Category,
  purchase,
  reportEvent,
  reportImport,
  reportState,
  vbpAgreement,
  vbpProduct,
  vbpProgress,
} from "./db/schema";

/**
 * The county (reporting unit) of an institution id: supervision assigns ids as
 * `<county code>-<H|P|C|V>-<nnn>` (registerInstitution, and the demo data), e.g. 150724-H-001 → 150724.
 */
export function institutionCounty(id: string): string | null {
  const m = /^(\d{6})-/.exec(id);
  return m ? (m[1] as string) : null;
}

export function procurementWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "procurement",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn(
      { table: purchase, regionCode: purchase.regionCode, quarter: purchase.quarter },
      { table: vbpProgress, regionCode: vbpProgress.regionCode, quarter: vbpProgress.quarter },
    ),
  });
}

// ---------------------------------------------------------------------------------------------
// Institutions, checked with their owner (supervision) in batches

/** Institutions asked about in one call to supervision (its body limit is 1 MiB: ≈50 bytes each). */
const LOOKUP_CHUNK = 1_000;

const INSTITUTIONS_LOOKUP = /* GraphQL */ `
  query InstitutionsOwnerLookup($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Institution { id region { code } }
    }
  }
`;

/**
 * The counties of many institutions, from their owner (supervision) on the caller's behalf, in a
 * few calls (its `_entities`, batched there too): id → region code. Unknown institutions, and
 * those outside the caller's scope (supervision answers null for both), are absent.
 */
export async function institutionRegions(
  supervisionUrl: string,
  ids: readonly string[],
  authorization: string | undefined,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const uniq = [...new Set(ids)];
  for (let i = 0; i < uniq.length; i += LOOKUP_CHUNK) {
    const chunk = uniq.slice(i, i + LOOKUP_CHUNK);
    const data = await callPeer<{ _entities: ({ id: string; region: { code: string } | null } | null)[] }>(
      "supervision",
      supervisionUrl,
      INSTITUTIONS_LOOKUP,
      { representations: chunk.map((id) => ({ __typename: "Institution", id })) },
      authorization,
    );
    for (const e of data._entities) if (e?.region) out.set(e.id, e.region.code);
  }
  return out;
}

interface InstitutionFact {
  institutionId: string;
  /** the county of the id (its first six digits) */
  regionCode: string;
}

/** Row errors for institutions supervision does not know (or the caller may not see) or places elsewhere. */
async function checkInstitutions<F extends InstitutionFact>(
  supervisionUrl: string,
  rows: readonly ImportRow<F>[],
  actor: ImportActor,
): Promise<{ errors: RowError[]; bad: Set<number> }> {
  const regions = await institutionRegions(
    supervisionUrl,
    rows.map((r) => r.fact.institutionId),
    actor.authorization,
  );
  const errors: RowError[] = [];
  const bad = new Set<number>();
  for (const { line, fact } of rows) {
    const code = regions.get(fact.institutionId);
    if (code === undefined) {
      errors.push({
        line,
        column: INSTITUTION_COLUMN.zh,
        value: fact.institutionId,
        reason: `未知的机构 ${fact.institutionId}：须先在基金监管子图登记（或不在您的权限范围）/ unknown institution: not registered in supervision, or not visible in your scope`,
      });
      bad.add(line);
    } else if (code !== fact.regionCode) {
      errors.push({
        line,
        column: INSTITUTION_COLUMN.zh,
        value: fact.institutionId,
        reason: `机构 ${fact.institutionId} 属于 ${code}，不属于编码所示的 ${fact.regionCode} / the institution lies in ${code}, not in county ${fact.regionCode}`,
      });
      bad.add(line);
    }
  }
  return { errors, bad };
}

// ---------------------------------------------------------------------------------------------
// Column layouts

const INSTITUTION_COLUMN: ColumnSpec = {
  key: "institutionId",
  zh: "机构编码",
  aliases: ["institution_id", "institution", "定点医药机构编码", "机构代码"],
  type: { kind: "text", maxLength: 40 },
  help: "定点医药机构编码 as registered in supervision, e.g. 150724-H-001 (its first six digits are its county)",
};

const INSTITUTION_NAME_COLUMN: ColumnSpec = {
  key: "institutionName",
  zh: "机构名称",
  aliases: ["institution_name", "name"],
  type: { kind: "text", maxLength: 200 },
  optional: true,
  help: "name, for people reading the file (not checked)",
};

const QUARTER_COLUMN: ColumnSpec = {
  key: "quarter",
  zh: "季度",
  aliases: ["period"],
  type: { kind: "quarter" },
  help: "YYYYQn, e.g. 2024Q1 (not in the future)",
};

const CATEGORY_VALUES: Record<string, Category> = {
  药品: "DRUG",
  可单独收费医用耗材: "CONSUMABLE_SEPARATE",
  不可单独收费医用耗材: "CONSUMABLE_NON_SEPARATE",
  DRUG: "DRUG",
  CONSUMABLE_SEPARATE: "CONSUMABLE_SEPARATE",
  CONSUMABLE_NON_SEPARATE: "CONSUMABLE_NON_SEPARATE",
};

/** The documented CSV layout of purchases (one row per institution, quarter and category). */
export const purchaseColumns: readonly ColumnSpec[] = [
  INSTITUTION_COLUMN,
  INSTITUTION_NAME_COLUMN,
  QUARTER_COLUMN,
  {
    key: "category",
    zh: "采购类别",
    aliases: ["类别"],
    type: { kind: "enum", values: CATEGORY_VALUES },
    help: "药品 / 可单独收费医用耗材 / 不可单独收费医用耗材, or DRUG / CONSUMABLE_SEPARATE / CONSUMABLE_NON_SEPARATE",
  },
  {
    key: "totalYuan",
    zh: "采购总金额（元）",
    aliases: ["total_yuan", "total", "采购总金额"],
    type: { kind: "yuan" },
    help: "all purchases of the category in the quarter, yuan with at most two decimals",
  },
  {
    key: "networkYuan",
    zh: "网采金额（元）",
    aliases: ["network_yuan", "network", "网采金额"],
    type: { kind: "yuan" },
    help: "bought through the provincial platform (网采), yuan",
  },
  {
    key: "reportedOffNetworkYuan",
    zh: "报备网外采购金额（元）",
    aliases: ["reported_off_network_yuan", "reported_off_network", "报备网外采购金额", "网外报备金额"],
    type: { kind: "yuan" },
    optional: true,
    help: "bought off the platform but reported (报备), yuan; empty = 0. Network + reported ≤ total",
  },
];

/** The documented CSV layout of VBP progress (one row per institution, product and quarter). */
export const vbpProgressColumns: readonly ColumnSpec[] = [
  INSTITUTION_COLUMN,
  INSTITUTION_NAME_COLUMN,
  {
    key: "productId",
    zh: "集采产品编码",
    aliases: ["product_id", "product", "产品编码"],
    type: { kind: "text", maxLength: 60 },
    help: "a winning product of a VBP batch (Query.vbpBatches), e.g. national-7-01; the institution needs an agreement for it in force in the quarter",
  },
  QUARTER_COLUMN,
  {
    key: "purchasedVolume",
    zh: "采购量",
    aliases: ["purchased_volume", "volume", "实际采购量"],
    type: { kind: "int" },
    help: "volume bought in the quarter, in the product's unit (whole number ≥ 0)",
  },
];

// ---------------------------------------------------------------------------------------------
// Purchases

export interface PurchaseFact extends InstitutionFact {
  quarter: string;
  category: Category;
  totalFen: bigint;
  networkFen: bigint;
  reportedOffNetworkFen: bigint;
}

const BATCH = 2_000;

const amountsJson = (r: { totalFen: bigint; networkFen: bigint; reportedOffNetworkFen: bigint }) => ({
  totalFen: r.totalFen.toString(),
  networkFen: r.networkFen.toString(),
  reportedOffNetworkFen: r.reportedOffNetworkFen.toString(),
});

/**
 * A batch of rows as one JSON parameter, read back with jsonb_to_recordset: one statement with one
 * parameter instead of thousands of placeholders (several times faster, on PGlite above all).
 */
const jsonParam = (rows: readonly object[]) =>
  sql`${JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}::jsonb`;

/** Lets other requests (and the import's own progress lines) through between batches. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

interface AuditInsert {
  entity_key: string;
  old_value: unknown;
  new_value: unknown;
}

async function insertAudits(tx: Tx, actor: ImportActor, action: string, rows: readonly AuditInsert[]) {
  await tx.execute(sql`
    insert into ${auditLog} (actor_sub, actor_name, action, entity_key, old_value, new_value, source)
    select ${actor.sub}, ${actor.name}, ${action}, x.entity_key, x.old_value, x.new_value, ${actor.source}
    from jsonb_to_recordset(${jsonParam(rows)}) as x(entity_key text, old_value jsonb, new_value jsonb)`);
}

async function writePurchases(
  tx: Tx,
  rows: readonly ImportRow<PurchaseFact>[],
  actor: ImportActor,
  progress: (done: number) => void,
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const keyOfPurchase = (r: { institutionId: string; quarter: string; category: string }) =>
    `${r.institutionId}|${r.quarter}|${r.category}`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => r.fact);
    // What is stored for the batch's keys, locked until the transaction ends.
    const keys = batch.map((f) => ({ i: f.institutionId, q: f.quarter, c: f.category }));
    const existing = rowsOf<{
      institutionId: string;
      quarter: string;
      category: string;
      totalFen: string;
      networkFen: string;
      reportedOffNetworkFen: string;
    }>(
      await tx.execute(sql`
        select p.institution_id as "institutionId", p.quarter, p.category, p.total_fen::text as "totalFen",
               p.network_fen::text as "networkFen", p.reported_off_network_fen::text as "reportedOffNetworkFen"
        from ${purchase} p
        join jsonb_to_recordset(${jsonParam(keys)}) as k(i text, q text, c text)
          on p.institution_id = k.i and p.quarter = k.q and p.category = k.c
        for update of p`),
    );
    const stored = new Map(
      existing.map((r) => [
        keyOfPurchase(r),
        {
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
export function purchasesImport(supervisionUrl: string): ImportKind<PurchaseFact> {
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
      return (await checkInstitutions(supervisionUrl, rows, actor)).errors;
    },
    write: writePurchases,
  };
}

const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, "0")}`;

// ---------------------------------------------------------------------------------------------
// VBP progress

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

async function writeVbpProgress(
  tx: Tx,
  rows: readonly ImportRow<VbpProgressFact>[],
  actor: ImportActor,
  progress: (done: number) => void,
): Promise<WriteCounts> {
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const keyOfProgress = (r: { institutionId: string; productId: string; quarter: string }) =>
    `${r.institutionId}|${r.productId}|${r.quarter}`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => r.fact);
    const keys = batch.map((f) => ({ i: f.institutionId, p: f.productId, q: f.quarter }));
    const existing = rowsOf<{
      institutionId: string;
      productId: string;
      quarter: string;
      purchasedVolume: string;
    }>(
      await tx.execute(sql`
        select v.institution_id as "institutionId", v.product_id as "productId", v.quarter,
               v.purchased_volume::text as "purchasedVolume"
        from ${vbpProgress} v
        join jsonb_to_recordset(${jsonParam(keys)}) as k(i text, p text, q text)
          on v.institution_id = k.i and v.product_id = k.p and v.quarter = k.q
        for update of v`),
    );
    const stored = new Map(existing.map((r) => [keyOfProgress(r), Number(r.purchasedVolume)]));
    const changed: VbpProgressFact[] = [];
    const audits: AuditInsert[] = [];
    for (const f of batch) {
      const old = stored.get(keyOfProgress(f));
      if (old === f.purchasedVolume) {
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
export function vbpProgressImport(db: Database, supervisionUrl: string): ImportKind<VbpProgressFact> {
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
      return [...institutions.errors, ...(await checkVbp(db, rows, institutions.bad))];
    },
    write: writeVbpProgress,
  };
}

// ---------------------------------------------------------------------------------------------
// Audit query

const AUDIT_LIMIT = 200;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, "\\$&");

/** The audit history of an institution's procurement figures (optionally one quarter), newest first. */
async function procurementAudit(db: Database, institutionId: string, quarter: string | null) {
  const id = likeEscape(institutionId);
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      quarter
        ? or(
            like(auditLog.entityKey, `purchase:${id}:${quarter}:%`),
            like(auditLog.entityKey, `vbp:${id}:%:${quarter}`),
          )
        : or(like(auditLog.entityKey, `purchase:${id}:%`), like(auditLog.entityKey, `vbp:${id}:%`)),
    )
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_LIMIT);
  return rows.map(auditEntryToGraphQL);
}

function auditResolvers(db: Database): ResolverMap {
  return {
    Query: {
      procurementAudit: (
        _: unknown,
        args: { institutionId: string; quarter?: string | null },
        ctx: SubgraphContext,
      ) => {
        const county = institutionCounty(args.institutionId);
        if (!county) {
          throw badInput(`"${args.institutionId}" is not an institution id like 150724-H-001`, {
            argumentName: "institutionId",
          });
        }
        requireRegionInScope(ctx.principal, county, "institutionId");
        return procurementAudit(db, args.institutionId, args.quarter ?? null);
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** Everything the reporting workflow adds to the procurement subgraph. */
export function procurementReporting(db: Database, supervisionUrl: string) {
  const workflow = procurementWorkflow(db);
  return {
    workflow,
    resolvers: mergeResolvers(workflowResolvers(workflow), auditResolvers(db)),
    uploads: importRoutes(db, workflow, [
      purchasesImport(supervisionUrl) as never,
      vbpProgressImport(db, supervisionUrl) as never,
    ]),
  };
}

export const procurementReportingSDL = [reportingSharedSDL, workflowSDL("procurement")];
