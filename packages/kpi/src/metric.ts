import { defineMetrics } from "./define";
import type { Aggregation, Domain, MetricDefinition } from "./types";

/**
 * Declared metrics (issue 16): a domain declares once the named sums its subgraph reads per
 * region × quarter (its "summary source"), and each KPI as numerator and denominator made of those
 * sums. The subgraph only supplies the sums (its SQL); {@link evaluateMetrics} turns them into
 * observations, from which @hsa/kpi's series, totals and roll-ups follow. Pure: no database here.
 */

/** The base unit of a named sum (what one unit of the summed figure is). */
export type SumUnit =
  | "persons"
  | "cases"
  | "yuan"
  | "fen"
  | "points"
  | "institutions"
  | "reports"
  | "inspections";

/** One named sum: a figure summed over a region's reporting rows for one quarter. */
export interface SumDeclaration {
  /**
   * Over quarters: FLOW figures of a range add up (settlements); STOCK figures are read at the
   * range's last quarter (insured persons at the quarter's end).
   */
  aggregation: Aggregation;
  /**
   * false for a distinct count (institutions inspected, institutions interviewed): the figures of
   * disjoint regions add up (each unit belongs to one region), but a range's figure is not the sum
   * of its quarters — it must be counted again over the range (a pre-aggregate cannot add it up).
   */
  additive: boolean;
  unit: SumUnit;
  /** what is summed, in English */
  en: string;
}

/** A domain's named sums per region × quarter: what its subgraph's SQL provides. */
export interface SummarySource<N extends string = string> {
  domain: Domain;
  /** the rows summed, e.g. "enrollment.quarterly_report" (documentation; the SQL lives in the subgraph) */
  rows: string;
  sums: Readonly<Record<N, SumDeclaration>>;
}

/** The figures of one region and quarter: every named sum of the source. */
export type Sums<N extends string> = Readonly<Record<N, number>>;

/** A KPI declared on a summary source: its catalogue entry plus the sums that form it. */
export interface MetricDeclaration<N extends string = string> extends MetricDefinition {
  /** the named sums added together to form the numerator */
  numeratorSums: readonly N[];
  /** the named sums added together to form the denominator; null for counts and amounts */
  denominatorSums: readonly N[] | null;
  /**
   * YEAR_TO_DATE: a quarter's figures are the running total of its year up to it (per 参保年度),
   * never carried across years; the quarters of the year before the range are read for it.
   */
  accumulate?: "YEAR_TO_DATE";
  /**
   * ELAPSED metrics whose units run on years of their own (agreements): the share of the year
   * elapsed is Σ(share × weight) / Σ weight — both named sums (e.g. agreed amounts); null when Σ
   * weight is 0 (then `periodStartMonth` applies).
   */
  elapsedSums?: { weighted: N; weight: N };
}

const SUM_NAME = /^[a-z][A-Za-z0-9]*$/;

/** Validates a summary source's names and declarations and returns it unchanged. */
export function defineSummarySource<const N extends string>(source: SummarySource<N>): SummarySource<N> {
  for (const [name, d] of Object.entries<SumDeclaration>(source.sums)) {
    const where = `${source.domain} sum "${name}"`;
    if (!SUM_NAME.test(name)) throw new Error(`${where}: a sum name is camelCase letters and digits`);
    if (d.aggregation !== "FLOW" && d.aggregation !== "STOCK")
      throw new Error(`${where}: aggregation must be FLOW or STOCK`);
    if (!d.additive && d.aggregation !== "FLOW")
      throw new Error(
        `${where}: only a FLOW sum can be non-additive (a STOCK is read, never added, over quarters)`,
      );
  }
  return source;
}

/** The sums a metric reads (numerator first, without repeats). */
export function sumsOf<N extends string>(m: MetricDeclaration<N>): N[] {
  const elapsed = m.elapsedSums ? [m.elapsedSums.weighted, m.elapsedSums.weight] : [];
  return [...new Set([...m.numeratorSums, ...(m.denominatorSums ?? []), ...elapsed])];
}

/**
 * Validates one metric against its source: the sums exist; a ratio has a denominator and an amount
 * or count has none; a YEAR_TO_DATE metric is a STOCK running total of FLOW sums. (A FLOW metric
 * may read a STOCK sum: its range figure is the last quarter's, e.g. institutions designated at the
 * range's end.)
 */
export function defineMetric<N extends string, const M extends MetricDeclaration<N>>(
  source: SummarySource<N>,
  m: M,
): M {
  const where = `metric "${m.id}"`;
  if (m.domain !== source.domain) throw new Error(`${where}: declared on the ${source.domain} sums`);
  if (m.numeratorSums.length === 0) throw new Error(`${where}: the numerator needs at least one sum`);
  if (m.denominatorSums !== null && m.denominatorSums.length === 0)
    throw new Error(`${where}: the denominator is null or at least one sum`);
  for (const name of sumsOf(m)) {
    if (!Object.hasOwn(source.sums, name))
      throw new Error(`${where}: unknown ${source.domain} sum "${name}"`);
  }
  if ((m.valueKind === "ratio" || m.valueKind === "quotient") && m.denominatorSums === null)
    throw new Error(`${where}: a ${m.valueKind} needs denominator sums`);
  if (m.valueKind !== "ratio" && m.denominatorSums !== null && m.denominatorZh === null)
    throw new Error(`${where}: denominator sums without a denominator description`);
  const stock = sumsOf(m).filter((n) => source.sums[n].aggregation === "STOCK");
  if (m.elapsedSums && m.targetRule !== "ELAPSED")
    throw new Error(`${where}: elapsedSums belong to TargetRule ELAPSED`);
  if (m.accumulate === "YEAR_TO_DATE" && (m.aggregation !== "STOCK" || stock.length))
    throw new Error(`${where}: YEAR_TO_DATE is a STOCK metric of FLOW sums`);
  // A running total adds quarters: a distinct count would count an institution once per quarter.
  const distinct = sumsOf(m).filter((n) => !source.sums[n].additive);
  if (m.accumulate === "YEAR_TO_DATE" && distinct.length)
    throw new Error(`${where}: YEAR_TO_DATE cannot add up distinct counts (${distinct.join(", ")})`);
  return m;
}

/** One entry of {@link MetricCatalogue.sums}: a named sum and the metrics that read it. */
export interface DeclaredSum<N extends string = string> extends SumDeclaration {
  name: N;
  metrics: string[];
}

export interface MetricCatalogue<N extends string, M extends MetricDeclaration<N>> {
  source: SummarySource<N>;
  metrics: readonly M[];
  /** every named sum of the domain, in declaration order, with the metrics that read it */
  sums: DeclaredSum<N>[];
}

/**
 * A domain's declared catalogue: every metric validated against the source (and as a catalogue:
 * ids, judgement), and the full list of named sums (for a region × quarter pre-aggregate).
 */
export function defineMetricCatalogue<N extends string, const M extends readonly MetricDeclaration<N>[]>(
  source: SummarySource<N>,
  metrics: M,
): MetricCatalogue<N, M[number]> {
  defineMetrics(metrics);
  for (const m of metrics) defineMetric(source, m);
  const sums = (Object.keys(source.sums) as N[]).map((name) => ({
    name,
    ...source.sums[name],
    metrics: metrics.filter((m) => sumsOf(m).includes(name)).map((m) => m.id),
  }));
  return { source, metrics, sums };
}

/** Whether a catalogue entry is a declared metric (others, e.g. reporting completeness, are not). */
export function isDeclared<N extends string>(m: MetricDefinition): m is MetricDeclaration<N> {
  return Array.isArray((m as Partial<MetricDeclaration<N>>).numeratorSums);
}

/**
 * A row of named sums as the database returns them (numbers, bigints, decimal strings; null when
 * nothing was summed → 0), checked against the source: every declared sum must be there.
 */
export function readSums<N extends string>(source: SummarySource<N>, row: Record<string, unknown>): Sums<N> {
  const out = {} as Record<N, number>;
  for (const name of Object.keys(source.sums) as N[]) {
    if (!(name in row)) throw new Error(`${source.domain}: the summary row has no sum "${name}"`);
    const v = row[name];
    const n = v === null || v === undefined ? 0 : typeof v === "number" ? v : Number(v);
    if (Number.isNaN(n)) throw new Error(`${source.domain} sum "${name}": not a number: ${String(v)}`);
    out[name] = n;
  }
  return out;
}
