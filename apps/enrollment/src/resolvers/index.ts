import type { Database } from "@hsa/db";
import { withTargetOverrides } from "@hsa/kpi";
import { isReportingUnit, type Region } from "@hsa/regions";
import { auditHistory, completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  kpiResolver,
  metricsForGraphQL,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { getReport, listRegistrations, listReports } from "../db/queries";
import { sumsByQuarterMany } from "../db/rollup";
import { type EnrollmentReportInput, enrollmentFact, reportToGraphQL } from "../fact";
import type { Resolvers } from "../generated/resolvers";
import { enrollmentMetrics, enrollmentSums, REGISTRATION_SUMS } from "../metrics";
import { remoteRegistrationToGraphQL } from "../remote-registration";
import { enrollmentFacts, enrollmentWorkflow } from "../reporting";

/** Every problem of a report, so the reporter can fix them all at once (the declared fact's rules). */
export function validateReport(input: EnrollmentReportInput, now: Date = new Date()) {
  return enrollmentFact.validate({ ...input }, now);
}

export function createResolvers(
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
  workflow: Workflow = enrollmentWorkflow(db),
): Resolvers {
  // Targets are configurable per KPI (HSA_KPI_TARGETS); the formulas are not. The reporting
  // completeness KPIs (@hsa/reporting) complete the catalogue.
  const catalogue = withTargetOverrides(
    [...enrollmentMetrics, ...completenessMetrics("enrollment", workflow.deadlineDays)],
    env.HSA_KPI_TARGETS,
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
        const entries = await auditHistory(db, {
          facts: enrollmentFacts,
          regionCode: args.regionCode,
          quarter: args.quarter ?? null,
        });
        // an enrollment report's key is its county and quarter: every entry names both
        return entries.map((e) => ({
          ...e,
          regionCode: e.regionCode as string,
          quarter: e.quarter as string,
        }));
      },
    },
    Region: {
      // The declared KPIs (../metrics) from the region's named sums; a YEAR_TO_DATE KPI (subsidised
      // persons, per 参保年度) reads from Q1 of the range's first year.
      enrollmentKpis: kpiResolver({
        catalogue,
        source: enrollmentSums,
        // every region asked for at once (the kit batches a region with its children); the
        // registrations by scheme are a table of their own: read only when a requested KPI needs them
        loadSums: (_ctx, codes, req) =>
          sumsByQuarterMany(db, codes, req.readFrom, req.to, {
            registrations: REGISTRATION_SUMS.some((n) => req.wanted.has(n)),
          }),
        observations: workflow,
      }),
      enrollmentReports: async (region: Region, args: { from: string; to: string }, ctx: SubgraphContext) => {
        requireRegionInScope(ctx.principal, region.code);
        if (!isReportingUnit(region.code)) return [];
        const rows = await listReports(db, region.code, args.from, args.to);
        return rows.map(reportToGraphQL);
      },
      enrollmentRemoteRegistrations: async (region, args, ctx) => {
        requireRegionInScope(ctx.principal, region.code);
        if (!isReportingUnit(region.code)) return [];
        const rows = await listRegistrations(db, region.code, args.from, args.to);
        return rows.map(remoteRegistrationToGraphQL);
      },
    },
  };
}
