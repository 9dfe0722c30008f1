/**
 * KPI contract shared by every subgraph: metric definitions, value/status computation,
 * roll-up over quarters and regions (always Σnumerator / Σdenominator), and the shared SDL.
 */

export type Aggregation = "FLOW" | "STOCK";
/** NO_TARGET: a value judged against no target (TargetRule NONE) — never MET. */
export type KpiStatus = "MET" | "NEAR" | "MISSED" | "NO_DATA" | "NO_TARGET";
/** Which way is better; NEUTRAL (amounts, volumes): never coloured good or bad. */
export type Direction = "UP" | "DOWN" | "NEUTRAL";
/**
 * How a value is judged: NONE (no target → NO_TARGET); AT_LEAST / AT_MOST the target; BAND
 * between targetLow and targetHigh; ELAPSED: at least target × the share of the (agreement) year
 * elapsed at the end of the value's last quarter (序时进度).
 */
export type TargetRule = "NONE" | "AT_LEAST" | "AT_MOST" | "BAND" | "ELAPSED";
/**
 * ABOVE_MAXIMUM: the value exceeds the metric's declared maximum (e.g. a share above 100%).
 * PARTIAL_REPORTING and OUTLIER are part of the contract; this package does not set them yet.
 */
export type QualityFlag = "ABOVE_MAXIMUM" | "PARTIAL_REPORTING" | "OUTLIER";
/**
 * A domain: a subgraph's federation name as the registry (supergraph.yaml) lists it, e.g.
 * "enrollment", "payment" — lowerCamelCase letters and digits. Any registry name is one: a new
 * subgraph needs no change here.
 */
export type Domain = string;

/** The shape of a domain name (the registry's rule for subgraph names). */
export const DOMAIN_NAME = /^[a-z][a-zA-Z0-9]*$/;

export interface MetricDefinition {
  /** "<domain>.<name>", e.g. "enrollment.rate" */
  id: string;
  domain: Domain;
  nameZh: string;
  nameEn: string;
  /**
   * Display unit, in Chinese, as the metric declares it: "%", "万元", "人", "人次", "月", … (any
   * unit: a new domain declares its own).
   */
  unit: string;
  /**
   * The unit in English, e.g. "months" ("%" stays "%"). Optional for the common units, which
   * `unitEnOf` knows (DEFAULT_UNIT_EN); without it, and for a unit it does not know, the Chinese unit.
   */
  unitEn?: string;
  numeratorZh: string;
  numeratorEn: string;
  /** null for counts and amounts */
  denominatorZh: string | null;
  denominatorEn: string | null;
  /** over quarters: FLOW sums, STOCK takes the last quarter of the range */
  aggregation: Aggregation;
  target: number | null;
  /** @deprecated use `direction` (kept for the GraphQL field of the same name; must agree with it) */
  higherIsBetter: boolean;
  /** which way is better; amounts are NEUTRAL unless a bureau would call a direction good */
  direction: Direction;
  /** how `status` is judged (NONE iff `target` is null) */
  targetRule: TargetRule;
  /** BAND: the band's bounds (inclusive), in the value's unit */
  targetLow?: number | null;
  targetHigh?: number | null;
  /** the largest meaningful value (e.g. 100 for a share that cannot exceed 100%); above it → ABOVE_MAXIMUM */
  maximum?: number | null;
  /** decimals to display (default 2) */
  precision?: number;
  /**
   * ELAPSED: month (1–12) the agreement year starts, used when an observation carries no
   * `elapsed` share of its own (default 1: the calendar year).
   */
  periodStartMonth?: number;
  /** how `value` is derived from numerator (and denominator): "ratio" = 100*num/den; "quotient" = num/den (a price such as 元/点); "count" = num; "fen_to_wan" = num/1_000_000 (num in fen 分 → 万元); "yuan_to_wan" = num/10_000 */
  valueKind: "ratio" | "quotient" | "count" | "fen_to_wan" | "yuan_to_wan";
  /** how close to the target counts as NEAR, in the value's unit; default 5 for ratios (0 otherwise) */
  nearTolerance?: number;
}

/** One region-or-aggregate figure for one quarter, already summed over regions. */
export interface Observation {
  quarter: string;
  numerator: number;
  denominator: number | null;
  /**
   * ELAPSED metrics: the share (0..1) of the agreement year elapsed at the end of this quarter,
   * when the subgraph knows it better than `periodStartMonth` (e.g. weighted over agreements
   * of different years).
   */
  elapsed?: number | null;
}

export interface KpiValue {
  metricId: string;
  regionCode: string;
  /** null on a range total */
  quarter: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  target: number | null;
  status: KpiStatus;
  /** what the value is judged against: the target, the band's middle, or (ELAPSED) the expected progress */
  expected: number | null;
  flags: QualityFlag[];
}

export interface KpiSeries {
  metric: MetricDefinition;
  total: KpiValue;
  points: KpiValue[];
  /**
   * The preceding range of the same length (环比) and the same range a year earlier (同比);
   * filled in by the subgraph kit, lazily (a function the GraphQL default resolver calls).
   */
  previous?: KpiValue | null | (() => Promise<KpiValue | null>);
  yearAgo?: KpiValue | null | (() => Promise<KpiValue | null>);
}
