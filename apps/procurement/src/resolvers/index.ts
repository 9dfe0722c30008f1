import { type Database, fenToYuan, yuanToFen } from "@hsa/db";
import { type Observation, withTargetOverrides } from "@hsa/kpi";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import type { Region } from "@hsa/regions";
import { completenessMetricIds, completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  badInput,
  buildKpiSeries,
  lookupInstitution,
  metricsForGraphQL,
  type ObservationTable,
  parseKpiArgs,
  perRequest,
  type ResolverMap,
  regionRollupLoader,
  requireRegionInScope,
  requireRole,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { and, eq } from "drizzle-orm";
import {
  audit,
  findAgreement,
  institutionVbp,
  listBatches,
  productExists,
  type VbpSums,
} from "../db/queries";
import { purchaseSumsMany, purchasesOfMany, vbpSumsMany } from "../db/rollup";
import { CATEGORIES, type Category, type PurchaseRow, purchase, vbpProgress } from "../db/schema";
import {
  NETWORK_RATE_CATEGORY,
  networkRateParts,
  type ProcurementMetricId,
  type PurchaseSums,
  procurementMetrics,
} from "../metrics";
import { procurementWorkflow } from "../reporting";

interface Problem {
  field: string;
  message: string;
}

export interface PurchaseItemInput {
  category: Category;
  totalYuan: string;
  networkYuan: string;
  reportedOffNetworkYuan: string;
}

export interface ParsedItem {
  category: Category;
  totalFen: bigint;
  networkFen: bigint;
  reportedOffNetworkFen: bigint;
}

/** Validates a purchase report; returns every problem (by item index) or the items in fen. */
export function validatePurchases(
  quarter: string,
  items: readonly PurchaseItemInput[],
  now: Date = new Date(),
): { problems: Problem[]; parsed: ParsedItem[] } {
  const problems: Problem[] = [];
  const parsed: ParsedItem[] = [];
  const current = currentQuarter(now);
  if (quarterIndex(quarter) > quarterIndex(current)) {
    problems.push({ field: "quarter", message: `${quarter} is in the future (current quarter: ${current})` });
  }
  if (items.length === 0)
    problems.push({ field: "items", message: "at least one category must be reported" });
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `items[${i}]`;
    if (!CATEGORIES.includes(item.category))
      problems.push({ field: `${at}.category`, message: `unknown category ${item.category}` });
    if (seen.has(item.category))
      problems.push({ field: `${at}.category`, message: `${item.category} is reported twice` });
    seen.add(item.category);
    const total = yuanToFen(item.totalYuan);
    const network = yuanToFen(item.networkYuan);
    const reported = yuanToFen(item.reportedOffNetworkYuan);
    for (const [name, value, raw] of [
      ["totalYuan", total, item.totalYuan],
      ["networkYuan", network, item.networkYuan],
      ["reportedOffNetworkYuan", reported, item.reportedOffNetworkYuan],
    ] as const) {
      if (value === null) {
        problems.push({
          field: `${at}.${name}`,
          message: `${name} "${raw}" must be a non-negative amount in yuan with at most two decimals`,
        });
      }
    }
    if (total !== null && network !== null && reported !== null) {
      if (network + reported > total) {
        problems.push({
          field: `${at}.networkYuan`,
          message: `${item.category}: network (${item.networkYuan}) + reported off-network (${item.reportedOffNetworkYuan}) exceed the total (${item.totalYuan})`,
        });
      } else
        parsed.push({
          category: item.category,
          totalFen: total,
          networkFen: network,
          reportedOffNetworkFen: reported,
        });
    }
  });
  return { problems, parsed };
}

function purchaseToGraphQL(row: PurchaseRow) {
  const total = Number(row.totalFen);
  return {
    institutionId: row.institutionId,
    regionCode: row.regionCode,
    quarter: row.quarter,
    category: row.category,
    totalYuan: fenToYuan(row.totalFen),
    networkYuan: fenToYuan(row.networkFen),
    reportedOffNetworkYuan: fenToYuan(row.reportedOffNetworkFen),
    networkRate: total === 0 ? null : (100 * Number(row.networkFen + row.reportedOffNetworkFen)) / total,
  };
}

export interface ResolverOptions {
  /** GraphQL URL of the supervision subgraph, the owner of institutions. */
  supervisionUrl: string;
  env?: NodeJS.ProcessEnv;
  /** The reporting workflow (approved county-quarters are locked; completeness KPIs). */
  workflow?: Workflow;
}

export function createResolvers(db: Database, opts: ResolverOptions): ResolverMap {
  const workflow = opts.workflow ?? procurementWorkflow(db);
  // The reporting completeness KPIs (@hsa/reporting) complete the catalogue.
  const catalogue = withTargetOverrides(
    [...procurementMetrics, ...completenessMetrics("procurement", workflow.deadlineDays)],
    (opts.env ?? process.env).HSA_KPI_TARGETS,
  );
  const completenessIds = new Set(Object.values(completenessMetricIds("procurement")));
  // Per request: a region and its children are summed in one statement per kind (no query per child).
  const loaders = perRequest((_ctx: SubgraphContext) => ({
    purchases: regionRollupLoader(
      (codes, a: { from: string; to: string }) => purchaseSumsMany(db, codes, a.from, a.to),
      () => new Map<string, Map<Category, PurchaseSums>>(),
    ),
    vbp: regionRollupLoader(
      (codes, quarters: string[]) => vbpSumsMany(db, codes, quarters),
      () => new Map<string, VbpSums>(),
    ),
    // Many institutions' purchases (a list of entity references) in one statement.
    institutionPurchases: regionRollupLoader(
      (ids, a: { scope: string; from: string; to: string }) =>
        purchasesOfMany(db, ids, a.scope, a.from, a.to),
      () => [] as PurchaseRow[],
    ),
  }));

  /** The institution's county, from its owner (supervision), with the caller's scope applied. */
  async function institutionRegion(id: string, ctx: SubgraphContext): Promise<string> {
    return (await lookupInstitution(opts.supervisionUrl, id, ctx)).regionCode;
  }

  return {
    Query: {
      procurementMetrics: () => metricsForGraphQL(catalogue),
      vbpBatches: () => listBatches(db),
    },
    Institution: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      purchases: async (inst: { id: string }, args: { from: string; to: string }, ctx: SubgraphContext) => {
        if (ctx.principal.scope === null) return [];
        const rows = await loaders(ctx).institutionPurchases.load(inst.id, {
          scope: ctx.principal.scope,
          from: args.from,
          to: args.to,
        });
        return rows.map(purchaseToGraphQL);
      },
      vbpProgress: async (inst: { id: string }, args: { quarter: string }, ctx: SubgraphContext) => {
        if (ctx.principal.scope === null) return [];
        return institutionVbp(db, inst.id, ctx.principal.scope, args.quarter);
      },
    },
    Region: {
      procurementKpis: async (
        region: Region,
        args: { from: string; to: string; metrics?: string[] | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, region.code);
        const req = parseKpiArgs(catalogue, args);
        const ids = new Set(req.metrics.map((m) => m.id as ProcurementMetricId));
        const needPurchases = [...ids].some(
          (id) => id.startsWith("procurement.network_rate") || id === "procurement.purchase_amount",
        );
        const needVbp = ids.has("procurement.vbp_completion") || ids.has("procurement.vbp_behind_schedule");
        const [purchases, vbp] = await Promise.all([
          needPurchases
            ? loaders(ctx).purchases.load(region.code, { from: args.from, to: args.to })
            : new Map<string, Map<Category, PurchaseSums>>(),
          needVbp ? loaders(ctx).vbp.load(region.code, req.quarters) : new Map<string, VbpSums>(),
        ]);
        const table: ObservationTable = new Map();
        for (const m of req.metrics) {
          const byQuarter = new Map<string, Observation>();
          if (completenessIds.has(m.id)) continue; // added below
          const category = NETWORK_RATE_CATEGORY[m.id];
          if (category) {
            for (const [quarter, byCat] of purchases) {
              const s = byCat.get(category);
              if (s) byQuarter.set(quarter, { quarter, ...networkRateParts(s) });
            }
          } else if (m.id === "procurement.purchase_amount") {
            for (const [quarter, byCat] of purchases) {
              let total = 0;
              for (const s of byCat.values()) total += s.total;
              byQuarter.set(quarter, { quarter, numerator: total, denominator: null });
            }
          } else {
            for (const [quarter, s] of vbp) {
              byQuarter.set(
                quarter,
                m.id === "procurement.vbp_completion"
                  ? { quarter, numerator: s.purchased, denominator: s.agreed }
                  : { quarter, numerator: s.behind, denominator: null },
              );
            }
          }
          table.set(m.id, byQuarter);
        }
        await workflow.addCompleteness(ctx, region.code, req, table);
        return buildKpiSeries(req, region.code, table);
      },
    },
    Mutation: {
      reportPurchases: async (
        _: unknown,
        { input }: { input: { institutionId: string; quarter: string; items: PurchaseItemInput[] } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        const { problems, parsed } = validatePurchases(input.quarter, input.items);
        if (problems.length) {
          throw badInput(`invalid purchase report: ${problems.map((p) => p.message).join("; ")}`, {
            problems,
          });
        }
        const regionCode = await institutionRegion(input.institutionId, ctx);
        const actor = { sub: ctx.principal.sub, name: ctx.principal.name };
        const result = await db.transaction(async (tx) => {
          // An approved county-quarter is locked until an approver reopens it.
          await workflow.assertWritable(tx, { regionCode, quarter: input.quarter });
          const rows: PurchaseRow[] = [];
          let changed = 0;
          for (const item of parsed) {
            const key = and(
              eq(purchase.institutionId, input.institutionId),
              eq(purchase.quarter, input.quarter),
              eq(purchase.category, item.category),
            );
            const [old] = await tx.select().from(purchase).where(key).for("update");
            const same =
              old &&
              old.totalFen === item.totalFen &&
              old.networkFen === item.networkFen &&
              old.reportedOffNetworkFen === item.reportedOffNetworkFen;
            if (old && same) {
              rows.push(old);
              continue;
            }
            const values = {
              institutionId: input.institutionId,
              regionCode,
              quarter: input.quarter,
              ...item,
              reportedBy: actor.sub,
              updatedAt: new Date(),
            };
            const [row] = await tx
              .insert(purchase)
              .values(values)
              .onConflictDoUpdate({
                target: [purchase.institutionId, purchase.quarter, purchase.category],
                set: values,
              })
              .returning();
            if (!row) throw new Error("upsert returned no row");
            const json = (r: ParsedItem) => ({
              totalFen: r.totalFen.toString(),
              networkFen: r.networkFen.toString(),
              reportedOffNetworkFen: r.reportedOffNetworkFen.toString(),
            });
            await audit(
              tx,
              actor,
              "reportPurchases",
              `purchase:${input.institutionId}:${input.quarter}:${item.category}`,
              old ? json(old) : null,
              json(item),
            );
            rows.push(row);
            changed += 1;
          }
          return { rows, changed };
        });
        return { purchases: result.rows.map(purchaseToGraphQL), changed: result.changed };
      },
      reportVbpProgress: async (
        _: unknown,
        {
          input,
        }: { input: { institutionId: string; productId: string; quarter: string; purchasedVolume: number } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        const problems: Problem[] = [];
        const current = currentQuarter();
        if (quarterIndex(input.quarter) > quarterIndex(current)) {
          problems.push({
            field: "quarter",
            message: `${input.quarter} is in the future (current quarter: ${current})`,
          });
        }
        if (!Number.isInteger(input.purchasedVolume) || input.purchasedVolume < 0) {
          problems.push({
            field: "purchasedVolume",
            message: `purchasedVolume must be a non-negative whole number (got ${input.purchasedVolume})`,
          });
        }
        if (!(await productExists(db, input.productId))) {
          problems.push({ field: "productId", message: `unknown VBP product "${input.productId}"` });
        }
        if (problems.length)
          throw badInput(`invalid VBP progress report: ${problems.map((p) => p.message).join("; ")}`, {
            problems,
          });
        const regionCode = await institutionRegion(input.institutionId, ctx);
        const agreement = await findAgreement(db, input.institutionId, input.productId, input.quarter);
        if (!agreement) {
          throw badInput(
            `${input.institutionId} has no agreed volume of ${input.productId} in force in ${input.quarter}`,
            {
              problems: [
                { field: "productId", message: "no agreement in force for this product and quarter" },
              ],
            },
          );
        }
        const actor = { sub: ctx.principal.sub, name: ctx.principal.name };
        const changed = await db.transaction(async (tx) => {
          await workflow.assertWritable(tx, { regionCode, quarter: input.quarter });
          const key = and(
            eq(vbpProgress.institutionId, input.institutionId),
            eq(vbpProgress.productId, input.productId),
            eq(vbpProgress.quarter, input.quarter),
          );
          const [old] = await tx.select().from(vbpProgress).where(key).for("update");
          if (old && old.purchasedVolume === input.purchasedVolume) return false;
          const values = { ...input, regionCode, reportedBy: actor.sub, updatedAt: new Date() };
          await tx
            .insert(vbpProgress)
            .values(values)
            .onConflictDoUpdate({
              target: [vbpProgress.institutionId, vbpProgress.productId, vbpProgress.quarter],
              set: values,
            });
          await audit(
            tx,
            actor,
            "reportVbpProgress",
            `vbp:${input.institutionId}:${input.productId}:${input.quarter}`,
            old ? { purchasedVolume: old.purchasedVolume } : null,
            { purchasedVolume: input.purchasedVolume },
          );
          return true;
        });
        const progress = (await institutionVbp(db, input.institutionId, regionCode, input.quarter)).find(
          (p) => p.productId === input.productId,
        );
        return { progress, changed };
      },
    },
  };
}
