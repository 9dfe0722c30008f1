import {
  buildSeries,
  type KpiSeries,
  type MetricDefinition,
  metricToGraphQL,
  type ObservationTable,
} from "@hsa/kpi";
import { API_FIRST_QUARTER, addQuarters, quarterIndex, quarterRange } from "@hsa/periods";
import { badInput } from "./errors";
import { qualityFlagger, type ReportingCoverage } from "./quality";

/** Longest range one KPI query may cover (10 years): larger requests get BAD_USER_INPUT, not a timeout. */
export const MAX_QUARTERS = 40;

/** Most metric ids one KPI query may name: more get BAD_USER_INPUT (not a 10,000-id error message). */
export const MAX_METRIC_IDS = 100;

export interface KpiArgs {
  from: string;
  to: string;
  metrics?: readonly string[] | null;
}

export interface KpiRequest<M extends MetricDefinition> {
  quarters: string[];
  metrics: M[];
}

/** Validates the arguments of a `<domain>Kpis(from, to, metrics)` field against a catalogue. */
export function parseKpiArgs<M extends MetricDefinition>(
  catalogue: readonly M[],
  args: KpiArgs,
): KpiRequest<M> {
  if (quarterIndex(args.from) > quarterIndex(args.to)) {
    throw badInput(`from (${args.from}) is after to (${args.to})`, { argumentName: "from" });
  }
  const quarters = quarterRange(args.from, args.to);
  if (quarters.length > MAX_QUARTERS) {
    throw badInput(
      `the range ${args.from}–${args.to} spans ${quarters.length} quarters; at most ${MAX_QUARTERS} per query`,
      {
        argumentName: "to",
      },
    );
  }
  let metrics: M[] = [...catalogue];
  if (args.metrics) {
    if (args.metrics.length > MAX_METRIC_IDS)
      throw badInput(`${args.metrics.length} metric ids; at most ${MAX_METRIC_IDS} per query`, {
        argumentName: "metrics",
      });
    const byId = new Map(catalogue.map((m) => [m.id, m]));
    const unknown = args.metrics.filter((id) => !byId.has(id));
    if (unknown.length) {
      throw badInput(
        `unknown metric id(s): ${unknown.join(", ")}; known: ${catalogue.map((m) => m.id).join(", ")}`,
        {
          argumentName: "metrics",
        },
      );
    }
    metrics = [...new Set(args.metrics)].map((id) => byId.get(id) as M);
  }
  return { quarters, metrics };
}

export type { ObservationTable } from "@hsa/kpi";

export function buildKpiSeries(
  req: KpiRequest<MetricDefinition>,
  regionCode: string,
  table: ObservationTable,
): KpiSeries[] {
  return req.metrics.map((m) => buildSeries(m, regionCode, req.quarters, table.get(m.id) ?? new Map()));
}

/** Resolvers for the shared Metric type (a MetricDefinition already has the GraphQL field names). */
export function metricsForGraphQL(catalogue: readonly MetricDefinition[]) {
  return catalogue.map(metricToGraphQL);
}

type KpisResolver = (parent: unknown, args: KpiArgs, ctx: unknown, info?: unknown) => unknown;

export interface KpiEnrichment {
  /** Reports received per region and quarter: the PARTIAL_REPORTING flag (none without it). */
  coverage?: ReportingCoverage;
}

/**
 * Adds `previous` (the preceding range of the same length, 环比) and `yearAgo` (the same range
 * one year earlier, 同比) to every KpiSeries a `<domain>Kpis(from, to, metrics)` resolver returns.
 * Each is the range total of the same resolver run over the shifted range — so Σnumerator /
 * Σdenominator (FLOW) or the last quarter (STOCK), and every subgraph-specific adjustment, exactly
 * as for `total`. Lazy: the shifted range is only read when a client asks for it, once per field
 * call for all its metrics. null when the shifted range leaves the API's quarters.
 *
 * And serves `flags` lazily with the quality flags of ./quality (PARTIAL_REPORTING, OUTLIER) added
 * to those the judgement set (ABOVE_MAXIMUM); `previous` and `yearAgo` get PARTIAL_REPORTING too.
 */
export function withKpiComparisons<F extends KpisResolver>(resolve: F, enrich: KpiEnrichment = {}): F {
  const wrapped = async (parent: unknown, args: KpiArgs, ctx: unknown, info?: unknown) => {
    const series = (await resolve(parent, args, ctx, info)) as KpiSeries[];
    if (!Array.isArray(series)) return series;
    const region = parent as { code: string };
    const span = quarterIndex(args.to) - quarterIndex(args.from) + 1;
    const metrics = series.map((s) => s.metric.id);
    const flagger = qualityFlagger(
      resolve,
      { region, from: args.from, to: args.to, metrics, ctx, info },
      enrich.coverage,
    );
    const shifted = (by: number) => {
      let pending: Promise<Map<string, KpiSeries>> | undefined;
      const from = addQuarters(args.from, -by);
      const to = addQuarters(args.to, -by);
      const partialOnly =
        from < API_FIRST_QUARTER
          ? undefined
          : qualityFlagger(resolve, { region, from, to, metrics, ctx, info }, enrich.coverage, {
              outliers: false,
            });
      return (id: string) => async () => {
        if (from < API_FIRST_QUARTER || !partialOnly) return null;
        pending ??= Promise.resolve(
          resolve(parent, { from, to, metrics }, ctx, info) as Promise<KpiSeries[]>,
        ).then((list) => new Map(list.map((s) => [s.metric.id, s])));
        const s = (await pending).get(id);
        return s ? { ...s.total, flags: partialOnly(s.metric, s.total) } : null;
      };
    };
    const previous = shifted(span);
    const yearAgo = shifted(4);
    return series.map((s) => ({
      ...s,
      total: { ...s.total, flags: flagger(s.metric, s.total) },
      points: s.points.map((p) => ({ ...p, flags: flagger(s.metric, p) })),
      previous: previous(s.metric.id),
      yearAgo: yearAgo(s.metric.id),
    }));
  };
  return wrapped as unknown as F;
}

/** Wraps every `Region.<domain>Kpis` resolver of a map with {@link withKpiComparisons}. */
export function withKpiComparisonResolvers<M extends Record<string, unknown>>(
  map: M,
  enrich: KpiEnrichment = {},
): M {
  const region = map.Region as Record<string, unknown> | undefined;
  if (!region) return map;
  const out: Record<string, unknown> = { ...region };
  for (const [field, resolver] of Object.entries(region)) {
    if (field.endsWith("Kpis") && typeof resolver === "function") {
      out[field] = withKpiComparisons(resolver as KpisResolver, enrich);
    }
  }
  return { ...map, Region: out };
}
