import { type Database, fenToYuan, yuanToFen } from "@hsa/db";
import type { EnrollmentFacts } from "@hsa/demo-data";
import { type Observation, withTargetOverrides } from "@hsa/kpi";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { getRegion, isReportingUnit, type Region } from "@hsa/regions";
import { completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  auditEntryToGraphQL,
  badInput,
  buildKpiSeries,
  metricsForGraphQL,
  type ObservationTable,
  parseKpiArgs,
  perRequest,
  regionRollupLoader,
  requireRegionInScope,
  requireRole,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { getReport, listAudit, listReports, upsertReport } from "../db/queries";
import { sumsByQuarterMany } from "../db/rollup";
import type { QuarterlyReportRow } from "../db/schema";
import type { Resolvers } from "../generated/resolvers";
import { type EnrollmentMetricId, enrollmentMetrics, formulas } from "../metrics";
import { enrollmentWorkflow } from "../reporting";

/** The mutation input: the report's figures, with money as a yuan string instead of fen. */
export type EnrollmentReportInput = Omit<EnrollmentFacts, "subsidyAmountFen"> & { subsidyAmountYuan: string };

type CountField = {
  [K in keyof EnrollmentReportInput]: EnrollmentReportInput[K] extends number ? K : never;
}[keyof EnrollmentReportInput];

const COUNT_FIELDS: readonly CountField[] = [
  "insuredEmployee",
  "insuredResident",
  "registeredPopulation",
  "evoucherActivated",
  "settlementsTotal",
  "settlementsEvoucher",
  "remoteRegistrations",
  "remoteHospitalisations",
  "subsidisedPersons",
];

interface Problem {
  field: string;
  message: string;
}

/** Every problem of a report, so the reporter can fix them all at once. */
export function validateReport(input: EnrollmentReportInput, now: Date = new Date()): Problem[] {
  const problems: Problem[] = [];
  const region = getRegion(input.regionCode);
  if (!region) problems.push({ field: "regionCode", message: `unknown region code "${input.regionCode}"` });
  else if (!isReportingUnit(region.code)) {
    problems.push({
      field: "regionCode",
      message: `${region.code} ${region.name} is a ${region.level} region; reports are made per county (reporting unit)`,
    });
  }
  const current = currentQuarter(now);
  if (quarterIndex(input.quarter) > quarterIndex(current)) {
    problems.push({
      field: "quarter",
      message: `${input.quarter} is in the future (current quarter: ${current})`,
    });
  }
  for (const f of COUNT_FIELDS) {
    const v = input[f];
    if (!Number.isInteger(v) || v < 0)
      problems.push({ field: f, message: `${f} must be a non-negative whole number (got ${v})` });
  }
  if (input.settlementsEvoucher > input.settlementsTotal) {
    problems.push({
      field: "settlementsEvoucher",
      message: `e-voucher settlements (${input.settlementsEvoucher}) cannot exceed all settlements (${input.settlementsTotal})`,
    });
  }
  if (yuanToFen(input.subsidyAmountYuan) === null) {
    problems.push({
      field: "subsidyAmountYuan",
      message: `subsidyAmountYuan "${input.subsidyAmountYuan}" must be a non-negative amount in yuan with at most two decimals`,
    });
  }
  return problems;
}

function reportToGraphQL(row: QuarterlyReportRow) {
  return {
    ...row,
    subsidyAmountYuan: fenToYuan(row.subsidyAmountFen),
    updatedAt: row.updatedAt.toISOString(),
  };
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
): Resolvers {
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
    Mutation: {
      reportEnrollment: async (
        _: unknown,
        { input }: { input: EnrollmentReportInput },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        requireRegionInScope(ctx.principal, input.regionCode, "input.regionCode");
        const problems = validateReport(input);
        if (problems.length) {
          throw badInput(`invalid enrollment report: ${problems.map((p) => p.message).join("; ")}`, {
            problems,
          });
        }
        const { subsidyAmountYuan, ...counts } = input;
        const { row, changed } = await upsertReport(
          db,
          { ...counts, subsidyAmountFen: yuanToFen(subsidyAmountYuan) as bigint },
          { sub: ctx.principal.sub, name: ctx.principal.name },
          "reportEnrollment",
          (tx) => workflow.assertWritable(tx, input),
        );
        ctx.log.info({ regionCode: input.regionCode, quarter: input.quarter, changed }, "enrollment report");
        return { report: reportToGraphQL(row), changed };
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
