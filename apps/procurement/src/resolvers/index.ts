import type { Database } from "@hsa/db";
import { type Observation, withTargetOverrides } from "@hsa/kpi";
import type { Region } from "@hsa/regions";
import { completenessMetricIds, completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  buildKpiSeries,
  mergeResolvers,
  metricsForGraphQL,
  type ObservationTable,
  parseKpiArgs,
  perRequest,
  regionRollupLoader,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { institutionVbp, listBatches, type VbpSums } from "../db/queries";
import { purchaseSumsMany, purchasesOfMany, vbpSumsMany } from "../db/rollup";
import type { Category, PurchaseRow } from "../db/schema";
import type { Resolvers } from "../generated/resolvers";
import {
  NETWORK_RATE_CATEGORY,
  networkRateParts,
  type ProcurementMetricId,
  type PurchaseSums,
  procurementMetrics,
  vbpCompletionParts,
} from "../metrics";
import { procurementWorkflow } from "../reporting";
import { mutationResolvers } from "./mutations";
import { purchaseToGraphQL } from "./purchases";

export { type ParsedItem, type PurchaseItemInput, validatePurchases } from "./purchases";

export interface ResolverOptions {
  /** GraphQL URL of the supervision subgraph, the owner of institutions. */
  supervisionUrl: string;
  env?: NodeJS.ProcessEnv;
  /** The reporting workflow (approved county-quarters are locked; completeness KPIs). */
  workflow?: Workflow;
}

export function createResolvers(db: Database, opts: ResolverOptions): Resolvers {
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

  return mergeResolvers<Resolvers>(mutationResolvers(db, opts.supervisionUrl, workflow), {
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
                  ? // amounts at agreed prices; 序时进度 of each agreement's own year weighted alike (Observation.elapsed)
                    { quarter, ...vbpCompletionParts(s) }
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
  });
}
