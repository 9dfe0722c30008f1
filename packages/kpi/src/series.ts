import { computeValue, judgeKpi } from "./judge";
import type { KpiSeries, KpiValue, MetricDefinition, Observation } from "./types";

/** Σnumerator and Σdenominator; the denominator is null only when every one is null. */
export function sumObservations(obs: Observation[]): { numerator: number; denominator: number | null } {
  let numerator = 0;
  let denominator: number | null = null;
  for (const o of obs) {
    numerator += o.numerator;
    if (o.denominator !== null) denominator = (denominator ?? 0) + o.denominator;
  }
  return { numerator, denominator };
}

/**
 * One KpiValue from summed figures (undefined → NO_DATA). `lastQuarter` is the value's quarter,
 * or the last quarter of a range total (ELAPSED judges against it).
 */
export function kpiValue(
  def: MetricDefinition,
  regionCode: string,
  quarter: string | null,
  figures: { numerator: number; denominator: number | null; elapsed?: number | null } | undefined,
  lastQuarter: string | null = quarter,
): KpiValue {
  if (figures === undefined) {
    return {
      metricId: def.id,
      regionCode,
      quarter,
      numerator: 0,
      denominator: null,
      value: null,
      target: def.target,
      ...judgeKpi(def, null, lastQuarter),
    };
  }
  const value = computeValue(def, figures.numerator, figures.denominator);
  return {
    metricId: def.id,
    regionCode,
    quarter,
    numerator: figures.numerator,
    denominator: figures.denominator,
    value,
    target: def.target,
    ...judgeKpi(def, value, lastQuarter, figures.elapsed),
  };
}

/**
 * One point per quarter (in the given order; a quarter without an observation is NO_DATA)
 * and a range total ({@link seriesTotal}). Never an average of rates.
 */
export function buildSeries(
  def: MetricDefinition,
  regionCode: string,
  quarters: string[],
  byQuarter: Map<string, Observation>,
): KpiSeries {
  const points = quarters.map((quarter) => kpiValue(def, regionCode, quarter, byQuarter.get(quarter)));
  return { metric: def, total: seriesTotal(def, regionCode, quarters, byQuarter), points };
}

/**
 * The range total of a series, without its points: FLOW = Σnumerator / Σdenominator over the
 * quarters with data, STOCK = the last quarter of the range.
 */
export function seriesTotal(
  def: MetricDefinition,
  regionCode: string,
  quarters: readonly string[],
  byQuarter: ReadonlyMap<string, Observation>,
): KpiValue {
  let totalFigures: { numerator: number; denominator: number | null } | undefined;
  if (def.aggregation === "FLOW") {
    const withData = quarters.flatMap((quarter) => {
      const o = byQuarter.get(quarter);
      return o === undefined ? [] : [o];
    });
    totalFigures = withData.length > 0 ? sumObservations(withData) : undefined;
  } else {
    const last = quarters[quarters.length - 1];
    totalFigures = last === undefined ? undefined : byQuarter.get(last);
  }
  return kpiValue(def, regionCode, null, totalFigures, quarters[quarters.length - 1] ?? null);
}

/**
 * Merges the per-quarter observations of several regions: numerators and denominators are
 * summed per quarter. The result is ordered by quarter.
 */
export function rollUpRegions(parts: Observation[][]): Observation[] {
  const byQuarter = new Map<string, Observation[]>();
  for (const part of parts) {
    for (const o of part) {
      const list = byQuarter.get(o.quarter);
      if (list) list.push(o);
      else byQuarter.set(o.quarter, [o]);
    }
  }
  // "YYYYQn" strings sort chronologically as plain strings.
  return [...byQuarter.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((quarter) => ({ quarter, ...sumObservations(byQuarter.get(quarter) ?? []) }));
}
