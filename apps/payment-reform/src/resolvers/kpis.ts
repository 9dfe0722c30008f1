// Region.paymentKpis and Region.dipCaseTotal: sums over the region subtree, FORBIDDEN outside the scope.
import { computeValue, type MetricDefinition, type Observation, rejudgeKpi } from "@hsa/kpi";
import { quarterIndex } from "@hsa/periods";
import type { Region } from "@hsa/regions";
import {
  badInput,
  buildKpiSeries,
  type ObservationTable,
  parseKpiArgs,
  perRequest,
  regionRollupLoader,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { type CaseSums, caseTotal, eligibleIn, withinOnePool } from "../db/queries";
import { budgetSumsMany, caseSumsMany, eligibleBySinceYearMany, pointValueSumsMany } from "../db/rollup";
import type { Resolvers } from "../generated/resolvers";
import { type PaymentMetricId, POINT_VALUE_ID, paymentMetrics } from "../metrics";
import type { Deps } from "./guards";
import { yearOf } from "./validate";

/** `catalogue`: the payment KPIs with the reporting completeness KPIs and target overrides. */
export function regionResolvers(deps: Deps, catalogue: readonly MetricDefinition[]): Resolvers {
  const { db, workflow } = deps;
  const formulaIds = new Set<string>(paymentMetrics.map((m) => m.id));
  const pointValueDef = catalogue.find((m) => m.id === POINT_VALUE_ID);
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
      paymentKpis: async (
        region: Region,
        args: { from: string; to: string; metrics?: string[] | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, region.code);
        const req = parseKpiArgs(catalogue, args);
        const ids = new Set(req.metrics.map((m) => m.id as PaymentMetricId));
        const needCases =
          ids.has("payment.dip_coverage") ||
          ids.has("payment.dip_fund_share") ||
          ids.has("payment.comprehensive_group_rate");
        const load = kpiLoaders(ctx);
        const range = { from: args.from, to: args.to };
        const [cases, eligible, pointValues, budgets] = await Promise.all([
          needCases ? load.cases.load(region.code, range) : new Map<string, CaseSums>(),
          ids.has("payment.dip_coverage") ? load.eligible.load(region.code, null) : new Map<number, number>(),
          ids.has(POINT_VALUE_ID) && withinOnePool(region.code)
            ? load.pointValues.load(region.code, range)
            : new Map<string, { budgetYuan: number; points: number }>(),
          ids.has("payment.budget_execution")
            ? load.budgets.load(region.code, req.quarters)
            : new Map<string, { spentYuan: number; budgetYuan: number }>(),
        ]);
        const table: ObservationTable = new Map();
        for (const m of req.metrics) {
          if (!formulaIds.has(m.id)) continue; // a reporting-completeness KPI: added below
          const byQuarter = new Map<string, Observation>();
          const id = m.id as PaymentMetricId;
          if (id === "payment.dip_point_value") {
            for (const [quarter, p] of pointValues) {
              byQuarter.set(quarter, { quarter, numerator: p.budgetYuan, denominator: p.points });
            }
          } else if (id === "payment.budget_execution") {
            for (const [quarter, b] of budgets) {
              byQuarter.set(quarter, { quarter, numerator: b.spentYuan, denominator: b.budgetYuan });
            }
          } else if (id === "payment.dip_coverage") {
            for (const q of req.quarters) {
              const den = eligibleIn(eligible, yearOf(q));
              if (den === 0 && !cases.has(q)) continue;
              byQuarter.set(q, { quarter: q, numerator: cases.get(q)?.institutions ?? 0, denominator: den });
            }
          } else {
            for (const [quarter, c] of cases) {
              byQuarter.set(
                quarter,
                id === "payment.dip_fund_share"
                  ? { quarter, numerator: c.dipFundYuan, denominator: c.inpatientFundYuan }
                  : { quarter, numerator: c.comprehensiveCases, denominator: c.cases },
              );
            }
          }
          table.set(m.id, byQuarter);
        }
        await workflow.addCompleteness(ctx, region.code, req, table);
        const series = buildKpiSeries(req, region.code, table);
        // The point value is a price (元/点): value = numerator / denominator, not a percent.
        for (const s of series) {
          if (s.metric.id !== POINT_VALUE_ID || !pointValueDef) continue;
          const last = req.quarters[req.quarters.length - 1] ?? null;
          const price = (v: (typeof s.points)[number]) =>
            rejudgeKpi(
              pointValueDef,
              v,
              {
                value:
                  v.denominator === null || v.denominator === 0
                    ? null
                    : (computeValue(pointValueDef, v.numerator, null) ?? 0) / v.denominator,
              },
              v.quarter ?? last,
            );
          // status, expected and flags judged again on the price (never the earlier percent's)
          s.total = price(s.total);
          s.points = s.points.map(price);
        }
        return series;
      },
    },
  };
}
