// Region.paymentKpis and Region.dipCaseTotal: sums over the region subtree, FORBIDDEN outside the scope.
import type { MetricDefinition } from "@hsa/kpi";
import { quarterIndex } from "@hsa/periods";
import type { Region } from "@hsa/regions";
import {
  badInput,
  kpiResolver,
  perRequest,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { caseTotal, withinOnePool } from "../db/queries";
import { budgetSumsMany, caseSumsMany, eligibleBySinceYearMany, pointValueSumsMany } from "../db/rollup";
import type { Resolvers } from "../generated/resolvers";
import { type PaymentSumName, paymentSums } from "../metrics";
import { paymentSumsByQuarter } from "../sums";
import type { Deps } from "./guards";

/** Which reads a set of wanted sums needs (a read none of them needs is skipped). */
function readsOf(wanted: ReadonlySet<PaymentSumName>) {
  const needs = (...names: PaymentSumName[]) => names.some((n) => wanted.has(n));
  return {
    cases: needs("cases", "comprehensiveCases", "dipFundYuan", "inpatientFundYuan", "dipInstitutions"),
    eligible: needs("eligibleInstitutions"),
    pointValues: needs("poolBudgetYuan", "points"),
    budgets: needs("spentYuan", "globalBudgetYuan"),
  };
}

/** `catalogue`: the payment KPIs with the reporting completeness KPIs and target overrides. */
export function regionResolvers(deps: Deps, catalogue: readonly MetricDefinition[]): Resolvers {
  const { db, workflow } = deps;
  // Per request: the institutions eligible for DIP do not depend on the range, so the range, 环比,
  // 同比 and quality reads of one request share one read per region.
  const eligibleOf = perRequest((_ctx: SubgraphContext) => {
    const readOf = new Map<string, Promise<Map<string, Map<number, number>>>>();
    return async (codes: readonly string[]) => {
      const missing = codes.filter((c) => !readOf.has(c));
      if (missing.length) {
        const read = eligibleBySinceYearMany(db, missing);
        for (const c of missing) readOf.set(c, read);
      }
      const reads = await Promise.all([...new Set(codes.map((c) => readOf.get(c)))]);
      return new Map(
        codes.map((c) => [c, reads.find((r) => r?.has(c))?.get(c) ?? new Map<number, number>()]),
      );
    };
  });
  return {
    Region: {
      dipCaseTotal: async (region: Region, args: { from: string; to: string }, ctx: SubgraphContext) => {
        requireRegionInScope(ctx.principal, region.code);
        if (quarterIndex(args.from) > quarterIndex(args.to)) {
          throw badInput(`from (${args.from}) is after to (${args.to})`, { argumentName: "from" });
        }
        return caseTotal(db, region.code, args.from, args.to);
      },
      // The declared KPIs (../metrics) from the named sums the reads supply (../sums); each read
      // only when a requested KPI is declared on one of its sums.
      paymentKpis: kpiResolver({
        catalogue,
        source: paymentSums,
        // every region asked for at once: one statement per read kind (the kit batches a region
        // with its children, and a ranking reads every county in one call)
        loadSums: async (ctx, codes, req) => {
          const needs = readsOf(req.wanted);
          const pooled = needs.pointValues ? codes.filter(withinOnePool) : [];
          const [cases, eligible, pointValues, budgets] = await Promise.all([
            needs.cases ? caseSumsMany(db, codes, req.from, req.to) : undefined,
            needs.eligible ? eligibleOf(ctx)(codes) : undefined,
            pooled.length ? pointValueSumsMany(db, pooled, req.from, req.to) : undefined,
            needs.budgets ? budgetSumsMany(db, codes, req.quarters) : undefined,
          ]);
          return new Map(
            codes.map((c) => [
              c,
              paymentSumsByQuarter(
                {
                  cases: cases?.get(c) ?? new Map(),
                  eligible: eligible?.get(c) ?? new Map(),
                  pointValues: pointValues?.get(c) ?? new Map(),
                  budgets: budgets?.get(c) ?? new Map(),
                },
                req.quarters,
              ),
            ]),
          );
        },
        observations: workflow,
      }),
    },
  };
}
