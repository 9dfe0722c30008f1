import type { Database } from "@hsa/db";
import { type MetricDefinition, withTargetOverrides } from "@hsa/kpi";
import { quarterRange } from "@hsa/periods";
import { isReportingUnit, type Region } from "@hsa/regions";
import { auditHistory, completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  kpiResolver,
  metricsForGraphQL,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { listReports } from "../db/queries";
import { monthlyExpenditureOver, sumsByQuarterMany } from "../db/rollup";
import { fundBalanceToGraphQL, fundFacts } from "../facts";
import { rowToGraphQL } from "../facts/common";
import type { Resolvers } from "../generated/resolvers";
import { fundMetrics, fundSums, RESERVE_MONTHS_BAND } from "../metrics";
import { fundWorkflow } from "../reporting";

/**
 * The band of 累计结余可支付月数 from FUND_RESERVE_MONTHS_BAND ("low,high" in months, e.g. "6,9";
 * provinces set their own), else 6–9 months; the target is the band's middle.
 */
export function reserveBand(env: NodeJS.ProcessEnv = process.env): { low: number; high: number } {
  const raw = env.FUND_RESERVE_MONTHS_BAND;
  if (!raw) return { ...RESERVE_MONTHS_BAND };
  const m = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/.exec(raw);
  const [low, high] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
  if (!(low <= high))
    throw new Error(`FUND_RESERVE_MONTHS_BAND must be "low,high" in months with low ≤ high (got "${raw}")`);
  return { low, high };
}

/** The catalogue as served: target overrides (HSA_KPI_TARGETS), the reserve band, completeness KPIs. */
export function fundCatalogue(env: NodeJS.ProcessEnv, workflow: Workflow): MetricDefinition[] {
  const band = reserveBand(env);
  return withTargetOverrides(
    [...fundMetrics, ...completenessMetrics("fund", workflow.deadlineDays)],
    env.HSA_KPI_TARGETS,
  ).map((m) =>
    m.id === "fund.reserve_months"
      ? { ...m, targetLow: band.low, targetHigh: band.high, target: (band.low + band.high) / 2 }
      : m,
  );
}

export function createResolvers(
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
  workflow: Workflow = fundWorkflow(db),
): Resolvers {
  const catalogue = fundCatalogue(env, workflow);
  return {
    Query: {
      fundMetrics: () => metricsForGraphQL(catalogue),
      fundAudit: async (
        _: unknown,
        args: { regionCode: string; quarter?: string | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, args.regionCode, "regionCode");
        const entries = await auditHistory(db, {
          facts: fundFacts,
          regionCode: args.regionCode,
          quarter: args.quarter ?? null,
        });
        // every fund fact is keyed by its county and quarter: every entry names both
        return entries.map((e) => ({
          ...e,
          regionCode: e.regionCode as string,
          quarter: e.quarter as string,
        }));
      },
    },
    Region: {
      // The declared KPIs (../metrics) from the region's named sums; 累计结余可支付月数 over a range
      // divides by the average monthly expenditure of the whole range (counted again).
      fundKpis: kpiResolver({
        catalogue,
        source: fundSums,
        // every region asked for at once: one statement per fact table (the kit batches a region
        // with its children, and a ranking reads every county in one call)
        loadSums: (_ctx, codes, req) => sumsByQuarterMany(db, codes, req.readFrom, req.to),
        recount: async (_ctx, codes, _names, range) => {
          const n = quarterRange(range.from, range.to).length;
          const monthly = await monthlyExpenditureOver(db, codes, range.from, range.to, n);
          return new Map(codes.map((c) => [c, { monthlyExpenditureYuan: monthly.get(c) ?? 0 }]));
        },
        observations: workflow,
      }),
      fundReports: async (region: Region, args: { from: string; to: string }, ctx: SubgraphContext) => {
        requireRegionInScope(ctx.principal, region.code);
        if (!isReportingUnit(region.code))
          return { balances: [], remoteSettlements: [], outpatientPooling: [], assistance: [] };
        const r = await listReports(db, region.code, args.from, args.to);
        return {
          balances: r.balances.map(fundBalanceToGraphQL),
          remoteSettlements: r.remoteSettlements.map(rowToGraphQL),
          outpatientPooling: r.outpatientPooling.map(rowToGraphQL),
          assistance: r.assistance.map(rowToGraphQL),
        };
      },
    },
  };
}
