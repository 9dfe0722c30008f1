import type { Database } from "@hsa/db";
import { withTargetOverrides } from "@hsa/kpi";
import { completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  kpiResolver,
  mergeResolvers,
  metricsForGraphQL,
  perRequest,
  regionRollupLoader,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { institutionVbp, listBatches } from "../db/queries";
import { purchaseSumsMany, purchasesOfMany, vbpSumsMany } from "../db/rollup";
import type { Category, PurchaseRow } from "../db/schema";
import type { Resolvers } from "../generated/resolvers";
import { procurementMetrics, procurementSums } from "../metrics";
import { procurementWorkflow } from "../reporting";
import { categoriesFor, procurementSumsByQuarter } from "../sums";
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
  const loaders = perRequest((_ctx: SubgraphContext) => ({
    // Many institutions' purchases (a list of entity references) in one statement.
    institutionPurchases: regionRollupLoader(
      (ids, a: { scope: string; from: string; to: string }) =>
        purchasesOfMany(db, ids, a.scope, a.from, a.to),
      () => [] as PurchaseRow[],
    ),
  }));

  // What a set of wanted sums reads, worked out once per set (a ranking asks with one set for every county).
  const reads = new WeakMap<
    ReadonlySet<string>,
    { needVbp: boolean; needPurchases: boolean; categories: Category[] }
  >();
  const readsFor = (wanted: ReadonlySet<string>) => {
    let r = reads.get(wanted);
    if (!r) {
      r = {
        needVbp: [...wanted].some((n) => n.startsWith("vbp")),
        needPurchases: [...wanted].some((n) => !n.startsWith("vbp")),
        categories: categoriesFor(wanted),
      };
      reads.set(wanted, r);
    }
    return r;
  };
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
      // The declared KPIs (../metrics) from the named sums the reads supply (../sums); each read
      // only when a requested KPI is declared on one of its sums (the VBP ones are "vbp…").
      procurementKpis: kpiResolver({
        catalogue,
        source: procurementSums,
        // every region asked for at once: one statement per read kind (the kit batches a region
        // with its children, and a ranking reads every county in one call)
        loadSums: async (_ctx, codes, req) => {
          const { needVbp, needPurchases, categories } = readsFor(req.wanted);
          const [purchases, vbp] = await Promise.all([
            needPurchases ? purchaseSumsMany(db, codes, req.from, req.to, categories) : undefined,
            needVbp ? vbpSumsMany(db, codes, req.quarters) : undefined,
          ]);
          return new Map(
            codes.map((c) => [
              c,
              procurementSumsByQuarter(purchases?.get(c) ?? new Map(), vbp?.get(c) ?? new Map()),
            ]),
          );
        },
        observations: workflow,
      }),
    },
  });
}
