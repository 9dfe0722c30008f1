import {
  buildSeries,
  type KpiSeries,
  type MetricDefinition,
  metricToGraphQL,
  type Observation,
} from "@hsa/kpi";
import { quarterIndex, quarterRange } from "@hsa/periods";
import { badInput } from "./errors";

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

/** Observations of one region: metric id → quarter → summed numerator and denominator. */
export type ObservationTable = Map<string, Map<string, Observation>>;

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
