// The payment subgraph's resolvers, by concern: queries and the Institution entity here, region KPIs
// (kpis.ts), DIP case reports (cases.ts), settlements and coefficients (settlement.ts), global budgets
// (budgets.ts). Every write checks the caller's scope on the stored rows it touches and on the new
// values (guards.ts).
import type { Database } from "@hsa/db";
import { withTargetOverrides } from "@hsa/kpi";
import { completenessMetrics, type Workflow } from "@hsa/reporting";
import { mergeResolvers, metricsForGraphQL, type SubgraphContext } from "@hsa/subgraph-kit";
import { institutionSettlements, listBudgets, listCoefficients, listGroups } from "../db/queries";
import type { Resolvers } from "../generated/resolvers";
import { paymentMetrics } from "../metrics";
import { paymentWorkflow } from "../reporting";
import { formatScaled, numericToScaled } from "../settlement";
import { budgetMutations } from "./budgets";
import { caseMutations } from "./cases";
import { type Deps, requirePool, requirePoolVisible } from "./guards";
import { regionResolvers } from "./kpis";
import { settlementMutations } from "./settlement";
import { budgetToGraphQL, lineToGraphQL, settlementView } from "./views";

export type { DipGroupCasesInput, ParsedGroupCases, Problem } from "./validate";
export { validateDeductions, validateDipCases } from "./validate";

export interface ResolverOptions {
  /** GraphQL URL of the supervision subgraph, the owner of institutions. */
  supervisionUrl: string;
  env?: NodeJS.ProcessEnv;
  /** "now", for tests (future quarters and years are refused). */
  now?: () => Date;
  /** The reporting workflow (approved county-quarters are locked; completeness KPIs). */
  workflow?: Workflow;
}

function queryResolvers(deps: Deps, catalogue: ReturnType<typeof withTargetOverrides>): Resolvers {
  const { db } = deps;
  type PoolYear = { poolingArea: string; year: number };
  return {
    Query: {
      paymentMetrics: () => metricsForGraphQL(catalogue),
      dipGroups: async (_: unknown, args: PoolYear, ctx: SubgraphContext) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        const rows = await listGroups(db, pool, args.year);
        return rows.map((g) => ({ ...g, score: formatScaled(numericToScaled(g.score)) }));
      },
      institutionCoefficients: async (_: unknown, args: PoolYear, ctx: SubgraphContext) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        const rows = await listCoefficients(db, pool, args.year);
        return rows.map((c) => ({ ...c, coefficient: formatScaled(numericToScaled(c.coefficient)) }));
      },
      // The pool argument alone decides FORBIDDEN, before the settlement is looked up (no existence oracle).
      dipSettlement: async (_: unknown, args: PoolYear, ctx: SubgraphContext) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        return settlementView(db, pool, args.year, ctx.principal.scope as string);
      },
      globalBudgets: async (_: unknown, args: PoolYear, ctx: SubgraphContext) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        const rows = await listBudgets(db, pool, args.year, ctx.principal.scope as string);
        return rows.map((r) => budgetToGraphQL(r.budget, r.spend));
      },
    },
    Institution: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      // Outside the scope and unknown alike: an empty list.
      dipSettlements: async (inst: { id: string }, args: { year?: number | null }, ctx: SubgraphContext) => {
        if (ctx.principal.scope === null) return [];
        const rows = await institutionSettlements(db, inst.id, ctx.principal.scope, args.year ?? undefined);
        return rows.map(({ line, settlement }) => ({
          poolingArea: settlement.poolingArea,
          year: settlement.year,
          status: settlement.status,
          pointValue: formatScaled(numericToScaled(settlement.pointValue, 8), 8),
          ...lineToGraphQL(line),
        }));
      },
    },
  };
}

export function createResolvers(db: Database, opts: ResolverOptions): Resolvers {
  const deps: Deps = {
    db,
    supervisionUrl: opts.supervisionUrl,
    workflow: opts.workflow ?? paymentWorkflow(db),
    now: opts.now ?? (() => new Date()),
  };
  // The reporting completeness KPIs (@hsa/reporting) complete the catalogue.
  const catalogue = withTargetOverrides(
    [...paymentMetrics, ...completenessMetrics("payment", deps.workflow.deadlineDays)],
    (opts.env ?? process.env).HSA_KPI_TARGETS,
  );
  return mergeResolvers<Resolvers>(
    queryResolvers(deps, catalogue),
    regionResolvers(deps, catalogue),
    caseMutations(deps),
    settlementMutations(deps),
    budgetMutations(deps),
  );
}
