import type { Database } from "@hsa/db";
import { type Observation, withTargetOverrides } from "@hsa/kpi";
import { quarterIndex } from "@hsa/periods";
import { isReportingUnit, type Region } from "@hsa/regions";
import { completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  auditEntryToGraphQL,
  buildKpiSeries,
  metricsForGraphQL,
  type ObservationTable,
  parseKpiArgs,
  perRequest,
  type ResolverMap,
  regionRollupLoader,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { getReport, listAudit, listReports } from "../db/queries";
import { sumsByQuarterMany } from "../db/rollup";
import { type EnrollmentReportInput, enrollmentFact, reportToGraphQL } from "../fact";
import { type EnrollmentMetricId, enrollmentMetrics, formulas } from "../metrics";
import { enrollmentWorkflow } from "../reporting";

/** Every problem of a report, so the reporter can fix them all at once (the declared fact's rules). */
export function validateReport(input: EnrollmentReportInput, now: Date = new Date()) {
  return enrollmentFact.validate({ ...input }, now);
}

const SUBSIDISED_PERSONS = "enrollment.subsidised_persons";

/**
 * Year-to-date figures per 参保年度: each quarter's value plus the earlier quarters of the same year
 * (reported figures are the persons newly subsidised in the quarter). Never summed across years.
 */
export function yearToDate<S>(sums: Map<string, S>, value: (s: S) => number): Map<string, number> {
  const out = new Map<string, number>();
  let year = "";
  let running = 0;
  for (const quarter of [...sums.keys()].sort((a, b) => quarterIndex(a) - quarterIndex(b))) {
    if (quarter.slice(0, 4) !== year) {
      year = quarter.slice(0, 4);
      running = 0;
    }
    running += value(sums.get(quarter) as S);
    out.set(quarter, running);
  }
  return out;
}

export function createResolvers(
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
  workflow: Workflow = enrollmentWorkflow(db),
): ResolverMap {
  // Targets are configurable per KPI (HSA_KPI_TARGETS); the formulas are not. The reporting
  // completeness KPIs (@hsa/reporting) complete the catalogue.
  const catalogue = withTargetOverrides(
    [...enrollmentMetrics, ...completenessMetrics("enrollment", workflow.deadlineDays)],
    env.HSA_KPI_TARGETS,
  );
  // Per request: a region and its children are summed in one statement (no query per child).
  const sumsLoader = perRequest((_ctx: SubgraphContext) =>
    regionRollupLoader(
      (codes, a: { from: string; to: string }) => sumsByQuarterMany(db, codes, a.from, a.to),
      () => new Map(),
    ),
  );
  return {
    Query: {
      enrollmentMetrics: () => metricsForGraphQL(catalogue),
      enrollmentReport: async (
        _: unknown,
        args: { regionCode: string; quarter: string },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, args.regionCode, "regionCode");
        const row = await getReport(db, args.regionCode, args.quarter);
        return row ? reportToGraphQL(row) : null;
      },
      enrollmentAudit: async (
        _: unknown,
        args: { regionCode: string; quarter?: string | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, args.regionCode, "regionCode");
        const rows = await listAudit(db, args.regionCode, args.quarter ?? null);
        return rows.map(auditEntryToGraphQL);
      },
    },
    Region: {
      enrollmentKpis: async (
        region: Region,
        args: { from: string; to: string; metrics?: string[] | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, region.code);
        const req = parseKpiArgs(catalogue, args);
        // Subsidised persons are counted per 参保年度 (a stock within a year): a quarter's figure is the
        // year to date, so the sums start at Q1 of the range's first year when it is asked for.
        const ytd = req.metrics.some((m) => m.id === SUBSIDISED_PERSONS);
        const loadFrom = ytd ? `${args.from.slice(0, 4)}Q1` : args.from;
        const sums = await sumsLoader(ctx).load(region.code, { from: loadFrom, to: args.to });
        const inRange = (q: string) => quarterIndex(q) >= quarterIndex(args.from);
        const table: ObservationTable = new Map();
        for (const m of req.metrics) {
          const f = formulas[m.id as EnrollmentMetricId];
          if (!f) continue; // a reporting-completeness KPI: added below
          const byQuarter = new Map<string, Observation>();
          if (m.id === SUBSIDISED_PERSONS) {
            for (const [quarter, persons] of yearToDate(sums, (s) => s[f.num])) {
              if (inRange(quarter))
                byQuarter.set(quarter, { quarter, numerator: persons, denominator: null });
            }
          } else {
            for (const [quarter, s] of sums) {
              if (!inRange(quarter)) continue;
              byQuarter.set(quarter, { quarter, numerator: s[f.num], denominator: f.den ? s[f.den] : null });
            }
          }
          table.set(m.id, byQuarter);
        }
        await workflow.addCompleteness(ctx, region.code, req, table);
        return buildKpiSeries(req, region.code, table);
      },
      enrollmentReports: async (region: Region, args: { from: string; to: string }, ctx: SubgraphContext) => {
        requireRegionInScope(ctx.principal, region.code);
        if (!isReportingUnit(region.code)) return [];
        const rows = await listReports(db, region.code, args.from, args.to);
        return rows.map(reportToGraphQL);
      },
    },
  };
}
