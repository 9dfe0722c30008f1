import { isDeclared, type MetricDeclaration, type SummarySource, type Sums } from "./metric";
import { buildSeries, kpiValue, seriesTotal } from "./series";
import type { KpiSeries, KpiValue, MetricDefinition, Observation } from "./types";

/**
 * The evaluator of declared metrics (./metric): per-quarter named sums of one region in, the
 * observations and series of its KPIs out. Pure: the subgraph reads the sums (its SQL).
 *
 * A region's sums are given per quarter; a sum missing from a quarter's record was not reported
 * there. A metric has an observation in a quarter when at least one of its sums is reported there
 * (the missing ones count 0).
 */
export type SumsByQuarter<N extends string> = ReadonlyMap<string, Partial<Sums<N>>>;

/** Observations of one region: metric id → quarter → summed numerator and denominator. */
export type ObservationTable = Map<string, Map<string, Observation>>;

/**
 * The first quarter whose sums the metrics need for a range starting at `from`: Q1 of that year
 * when a YEAR_TO_DATE metric is asked for, else `from`.
 */
export function firstQuarterToRead(metrics: readonly MetricDefinition[], from: string): string {
  return metrics.some((m) => isDeclared(m) && m.accumulate === "YEAR_TO_DATE")
    ? `${from.slice(0, 4)}Q1`
    : from;
}

/** Σ of the named sums (in declaration order, so an integer total is exact); undefined: none reported. */
function total<N extends string>(names: readonly N[], s: Partial<Sums<N>> | undefined): number | undefined {
  if (!s) return undefined;
  let t = 0;
  let reported = false;
  for (const n of names) {
    const v = s[n];
    if (v !== undefined) {
      t += v;
      reported = true;
    }
  }
  return reported ? t : undefined;
}

/** Whether any of the named sums is reported in the record. */
function reportedAny<N extends string>(names: readonly N[], s: Partial<Sums<N>>): boolean {
  for (const n of names) if (s[n] !== undefined) return true;
  return false;
}

/** Running totals per year (YYYY of "YYYYQn"), in quarter order; never across years. */
function yearToDate<N extends string>(sums: SumsByQuarter<N>, names: readonly N[]): Map<string, number> {
  const out = new Map<string, number>();
  let year = "";
  let running = 0;
  // "YYYYQn" strings sort chronologically as plain strings.
  for (const quarter of [...sums.keys()].sort()) {
    const t = total(names, sums.get(quarter));
    if (t === undefined) continue;
    if (quarter.slice(0, 4) !== year) {
      year = quarter.slice(0, 4);
      running = 0;
    }
    running += t;
    out.set(quarter, running);
  }
  return out;
}

/**
 * A declared metric's figures from one record of sums (undefined when none of its numerator's or
 * denominator's sums is reported in it; the missing ones count 0).
 */
export function figuresOf<N extends string>(
  m: MetricDeclaration<N>,
  s: Partial<Sums<N>>,
): { numerator: number; denominator: number | null; elapsed?: number | null } | undefined {
  if (!reportedAny(m.numeratorSums, s) && !(m.denominatorSums && reportedAny(m.denominatorSums, s)))
    return undefined;
  const f = {
    numerator: total(m.numeratorSums, s) ?? 0,
    denominator: m.denominatorSums ? (total(m.denominatorSums, s) ?? 0) : null,
  };
  if (!m.elapsedSums) return f;
  const weight = s[m.elapsedSums.weight] ?? 0;
  return { ...f, elapsed: weight > 0 ? (s[m.elapsedSums.weighted] ?? 0) / weight : null };
}

/**
 * One declared metric's observations over `quarters` (a quarter where none of its sums is reported
 * has none: NO_DATA). YEAR_TO_DATE metrics also read the sums of the year before the range.
 */
export function observe<N extends string>(
  m: MetricDeclaration<N>,
  sums: SumsByQuarter<N>,
  quarters: readonly string[],
): Map<string, Observation> {
  const out = new Map<string, Observation>();
  const ytd = m.accumulate === "YEAR_TO_DATE" ? yearToDate(sums, m.numeratorSums) : null;
  for (const quarter of quarters) {
    const s = sums.get(quarter);
    const f = s && figuresOf(m, s);
    if (!f) continue;
    const o: Observation = { quarter, ...f };
    if (ytd) o.numerator = ytd.get(quarter) ?? 0;
    out.set(quarter, o);
  }
  return out;
}

/**
 * The observations of every declared metric among `metrics` (others are left to the caller) from
 * one region's per-quarter sums.
 */
export function evaluateMetrics<N extends string>(
  metrics: readonly MetricDefinition[],
  quarters: readonly string[],
  sums: SumsByQuarter<N>,
  table: ObservationTable = new Map(),
): ObservationTable {
  for (const m of metrics) {
    if (isDeclared<N>(m)) table.set(m.id, observe(m, sums, quarters));
  }
  return table;
}

/** Whether a FLOW metric's range total reads its sums one by one (a STOCK or non-additive sum). */
function needsSumBySum<N extends string>(source: SummarySource<N>, names: readonly N[]): boolean {
  return names.some((n) => source.sums[n].aggregation === "STOCK" || !source.sums[n].additive);
}

/**
 * The non-additive sums (distinct counts) that a range total of the requested FLOW metrics needs
 * counted again over the whole range — none for a one-quarter range (its quarter's figure is the
 * range's) or a range without data. The subgraph counts them (its SQL) for {@link evaluateSeries}.
 */
export function sumsToRecount<N extends string>(
  source: SummarySource<N>,
  metrics: readonly MetricDefinition[],
  quarters: readonly string[],
  sums: SumsByQuarter<N>,
): N[] {
  if (quarters.length < 2 || !quarters.some((q) => sums.has(q))) return [];
  const out = new Set<N>();
  for (const m of metrics) {
    if (!isDeclared<N>(m) || m.aggregation !== "FLOW") continue;
    for (const n of [...m.numeratorSums, ...(m.denominatorSums ?? [])]) {
      if (!source.sums[n].additive) out.add(n);
    }
  }
  return [...out];
}

/**
 * The range figure of a list of sums, sum by sum: FLOW additive → Σ over the quarters; STOCK → the
 * last quarter's; non-additive (distinct counts) → counted again over the range (`recounted`), or
 * the one quarter's own figure.
 */
function rangeFigure<N extends string>(
  source: SummarySource<N>,
  names: readonly N[],
  quarters: readonly string[],
  sums: SumsByQuarter<N>,
  recounted: Partial<Sums<N>>,
): number {
  const last = quarters[quarters.length - 1] as string;
  let t = 0;
  for (const n of names) {
    const d = source.sums[n];
    if (d.aggregation === "STOCK") t += sums.get(last)?.[n] ?? 0;
    else if (d.additive || quarters.length < 2) {
      for (const q of quarters) t += sums.get(q)?.[n] ?? 0;
    } else {
      const r = recounted[n];
      if (r === undefined)
        throw new Error(`${source.domain} sum "${n}": a distinct count, not recounted over the range`);
      t += r;
    }
  }
  return t;
}

/**
 * The KPI series of `metrics` for one region: declared metrics from the sums, others (e.g. reporting
 * completeness) from `table`. A range total is Σnumerator / Σdenominator over the quarters (FLOW) or
 * the last quarter (STOCK); a FLOW metric that reads a STOCK or a distinct-count sum takes its range
 * figures sum by sum (the STOCK at the range's end, the distinct count counted again: `recounted`).
 */
export function evaluateSeries<N extends string>(
  source: SummarySource<N>,
  metrics: readonly MetricDefinition[],
  regionCode: string,
  quarters: readonly string[],
  sums: SumsByQuarter<N>,
  options: EvaluateOptions<N> = {},
): KpiSeries[] {
  const qs = [...quarters];
  return metrics.map((m) => {
    if (!isDeclared<N>(m)) return buildSeries(m, regionCode, qs, options.table?.get(m.id) ?? new Map());
    const obs = observe(m, sums, quarters);
    const points = qs.map((quarter) => kpiValue(m, regionCode, quarter, obs.get(quarter)));
    return { metric: m, total: declaredTotal(source, m, regionCode, quarters, sums, obs, options), points };
  });
}

export interface EvaluateOptions<N extends string> {
  /** the observations of the undeclared metrics (e.g. reporting completeness) */
  table?: ObservationTable;
  /** the distinct counts counted again over the range ({@link sumsToRecount}) */
  recounted?: Partial<Sums<N>>;
}

/**
 * The range total of one metric for one region — exactly the `total` of its
 * {@link evaluateSeries} series, without building the points (a ranking of every county needs
 * only the totals).
 */
export function evaluateTotal<N extends string>(
  source: SummarySource<N>,
  m: MetricDefinition,
  regionCode: string,
  quarters: readonly string[],
  sums: SumsByQuarter<N>,
  options: EvaluateOptions<N> = {},
): KpiValue {
  if (!isDeclared<N>(m)) return seriesTotal(m, regionCode, quarters, options.table?.get(m.id) ?? new Map());
  return declaredTotal(source, m, regionCode, quarters, sums, observe(m, sums, quarters), options);
}

/** A declared metric's range total from its observations (`obs`) and, sum by sum, its sums. */
function declaredTotal<N extends string>(
  source: SummarySource<N>,
  m: MetricDeclaration<N>,
  regionCode: string,
  quarters: readonly string[],
  sums: SumsByQuarter<N>,
  obs: ReadonlyMap<string, Observation>,
  options: EvaluateOptions<N>,
): KpiValue {
  const total = seriesTotal(m, regionCode, quarters, obs);
  const num = needsSumBySum(source, m.numeratorSums);
  const den = m.denominatorSums !== null && needsSumBySum(source, m.denominatorSums);
  if (m.aggregation !== "FLOW" || obs.size === 0 || !(num || den)) return total;
  const figure = (names: readonly N[]) => rangeFigure(source, names, quarters, sums, options.recounted ?? {});
  const numerator = num ? figure(m.numeratorSums) : total.numerator;
  const denominator = m.denominatorSums === null ? null : den ? figure(m.denominatorSums) : total.denominator;
  const last = quarters[quarters.length - 1] ?? null;
  return kpiValue(m, regionCode, null, { numerator, denominator }, last);
}
