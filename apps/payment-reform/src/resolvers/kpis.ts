// Region.paymentKpis and Region.dipCaseTotal: sums over the region subtree, FORBIDDEN outside the scope.
import type { MetricDefinition } from "@hsa/kpi";
import { quarterIndex } from "@hsa/periods";
import type { Region } from "@hsa/regions";
import {
  badInput,
  kpiResolver,
  perRequest,
  regionRollupLoader,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { type CaseSums, caseTotal, withinOnePool } from "../db/queries";
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
  // Per request: a region and its children are summed in one statement per kind (no query per child).
  type Range = { from: string; to: string };
  const kpiLoaders = perRequest((_ctx: SubgraphContext) => ({
    cases: regionRollupLoader(
      (codes, a: Range) => caseSumsMany(db, codes, a.from, a.to),
      () => new Map<string, CaseSums>(),
    ),
    eligible: regionRollupLoader(
      (codes, _a: null) => eligibleBySinceYearMany(db, codes),
      () => new Map<number, number>(),
    ),
    pointValues: regionRollupLoader(
      (codes, a: Range) => pointValueSumsMany(db, codes, a.from, a.to),
      () => new Map<string, { budgetYuan: number; points: number }>(),
    ),
    budgets: regionRollupLoader(
      (codes, quarters: string[]) => budgetSumsMany(db, codes, quarters),
      () => new Map<string, { spentYuan: number; budgetYuan: number }>(),
    ),
  }));

  /** Asks supervision (the owner) whether the institution exists, what it is and where; its scope rules apply. */
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
        loadSums: async (ctx, code, req) => {
          const needs = readsOf(req.wanted);
          const load = kpiLoaders(ctx);
          const range = { from: req.from, to: req.to };
          const [cases, eligible, pointValues, budgets] = await Promise.all([
            needs.cases ? load.cases.load(code, range) : new Map<string, CaseSums>(),
            needs.eligible ? load.eligible.load(code, null) : new Map<number, number>(),
            needs.pointValues && withinOnePool(code)
              ? load.pointValues.load(code, range)
              : new Map<string, { budgetYuan: number; points: number }>(),
            needs.budgets
              ? load.budgets.load(code, req.quarters)
              : new Map<string, { spentYuan: number; budgetYuan: number }>(),
          ]);
          return paymentSumsByQuarter({ cases, eligible, pointValues, budgets }, req.quarters);
        },
        // the same reads for many regions at once (a ranking of every county)
        loadSumsMany: async (_ctx, codes, req) => {
          const needs = readsOf(req.wanted);
          const pooled = needs.pointValues ? codes.filter(withinOnePool) : [];
          const [cases, eligible, pointValues, budgets] = await Promise.all([
            needs.cases ? caseSumsMany(db, codes, req.from, req.to) : undefined,
            needs.eligible ? eligibleBySinceYearMany(db, codes) : undefined,
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
