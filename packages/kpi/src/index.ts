/**
 * KPI contract shared by every subgraph: metric definitions, value/status computation,
 * roll-up over quarters and regions (always Σnumerator / Σdenominator), and the shared SDL.
 */

export type Aggregation = "FLOW" | "STOCK";
export type KpiStatus = "MET" | "NEAR" | "MISSED" | "NO_DATA";
export type Domain = "enrollment" | "procurement" | "payment" | "supervision";

export interface MetricDefinition {
  /** "<domain>.<name>", e.g. "enrollment.rate" */
  id: string;
  domain: Domain;
  nameZh: string;
  nameEn: string;
  /** display unit */
  unit: "%" | "万元" | "人" | "家" | "次" | "元" | "人次" | "点";
  numeratorZh: string;
  numeratorEn: string;
  /** null for counts and amounts */
  denominatorZh: string | null;
  denominatorEn: string | null;
  /** over quarters: FLOW sums, STOCK takes the last quarter of the range */
  aggregation: Aggregation;
  target: number | null;
  higherIsBetter: boolean;
  /** how `value` is derived from numerator (and denominator): "ratio" = 100*num/den; "count" = num; "fen_to_wan" = num/1_000_000 (num in fen 分 → 万元); "yuan_to_wan" = num/10_000 */
  valueKind: "ratio" | "count" | "fen_to_wan" | "yuan_to_wan";
  /** how close to the target counts as NEAR, in the value's unit; default 5 for ratios (0 otherwise) */
  nearTolerance?: number;
}

/** One region-or-aggregate figure for one quarter, already summed over regions. */
export interface Observation {
  quarter: string;
  numerator: number;
  denominator: number | null;
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
}

export interface KpiSeries {
  metric: MetricDefinition;
  total: KpiValue;
  points: KpiValue[];
}

const DOMAINS: readonly Domain[] = ["enrollment", "procurement", "payment", "supervision"];
const DEFAULT_RATIO_TOLERANCE = 5;
/** Absorbs floating-point noise when comparing a value with its target. */
const EPSILON = 1e-9;

function isBlank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === "";
}

/**
 * Validates a metric catalogue and returns it unchanged (with its literal types kept).
 * Throws when an id is duplicated or does not start with `${domain}.`, or when a ratio
 * metric does not describe its denominator.
 */
export function defineMetrics<const T extends readonly MetricDefinition[]>(defs: T): T {
  const seen = new Set<string>();
  for (const def of defs) {
    if (!DOMAINS.includes(def.domain)) {
      throw new Error(`metric "${def.id}": unknown domain "${def.domain}"`);
    }
    if (!def.id.startsWith(`${def.domain}.`) || def.id.length <= def.domain.length + 1) {
      throw new Error(`metric "${def.id}": id must start with "${def.domain}." followed by a name`);
    }
    if (seen.has(def.id)) throw new Error(`metric "${def.id}": duplicate id`);
    seen.add(def.id);
    if (def.valueKind === "ratio" && (isBlank(def.denominatorZh) || isBlank(def.denominatorEn))) {
      throw new Error(`metric "${def.id}": a ratio needs denominatorZh and denominatorEn`);
    }
    if (def.target !== null && !Number.isFinite(def.target)) {
      throw new Error(`metric "${def.id}": target must be a finite number or null`);
    }
    if (def.nearTolerance !== undefined && !(Number.isFinite(def.nearTolerance) && def.nearTolerance >= 0)) {
      throw new Error(`metric "${def.id}": nearTolerance must be a non-negative number`);
    }
  }
  return defs;
}

/**
 * The metric's value from its numerator (and denominator), at full precision
 * (rounding is display-only). null for a ratio whose denominator is 0 or null.
 */
export function computeValue(
  def: MetricDefinition,
  numerator: number,
  denominator: number | null,
): number | null {
  if (!Number.isFinite(numerator)) return null;
  switch (def.valueKind) {
    case "ratio":
      if (denominator === null || denominator === 0 || !Number.isFinite(denominator)) return null;
      return (100 * numerator) / denominator;
    case "count":
      return numerator;
    case "fen_to_wan":
      return numerator / 1_000_000;
    case "yuan_to_wan":
      return numerator / 10_000;
  }
}

/**
 * NO_DATA without a value; MET without a target; otherwise MET when the target is reached
 * (>= when higher is better, <= otherwise), NEAR within `nearTolerance`, else MISSED.
 */
export function kpiStatus(def: MetricDefinition, value: number | null): KpiStatus {
  if (value === null || Number.isNaN(value)) return "NO_DATA";
  if (def.target === null) return "MET";
  const tolerance = def.nearTolerance ?? (def.valueKind === "ratio" ? DEFAULT_RATIO_TOLERANCE : 0);
  const shortfall = def.higherIsBetter ? def.target - value : value - def.target;
  if (shortfall <= EPSILON) return "MET";
  if (shortfall <= tolerance + EPSILON) return "NEAR";
  return "MISSED";
}

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

function kpiValue(
  def: MetricDefinition,
  regionCode: string,
  quarter: string | null,
  figures: { numerator: number; denominator: number | null } | undefined,
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
      status: "NO_DATA",
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
    status: kpiStatus(def, value),
  };
}

/**
 * One point per quarter (in the given order; a quarter without an observation is NO_DATA)
 * and a range total: FLOW = Σnumerator / Σdenominator over the quarters with data,
 * STOCK = the last quarter of the range. Never an average of rates.
 */
export function buildSeries(
  def: MetricDefinition,
  regionCode: string,
  quarters: string[],
  byQuarter: Map<string, Observation>,
): KpiSeries {
  const points = quarters.map((quarter) => kpiValue(def, regionCode, quarter, byQuarter.get(quarter)));

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
  const total = kpiValue(def, regionCode, null, totalFigures);
  return { metric: def, total, points };
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

/**
 * The shared KPI types, federation-2 style (every object type @shareable). It references the
 * `Quarter` scalar, which comes from `@hsa/periods` (`quarterScalarSDL`), and needs the
 * federation `@shareable` directive in scope.
 */
export const kpiSDL = `
"""How a quantity aggregates over quarters: FLOW sums, STOCK takes the last quarter of the range."""
enum Aggregation {
  FLOW
  STOCK
}

enum KpiStatus {
  MET
  NEAR
  MISSED
  NO_DATA
}

"""One entry of a subgraph's KPI catalogue."""
type Metric @shareable {
  """Metric id "<domain>.<name>", e.g. "enrollment.rate"."""
  id: ID!
  """enrollment | procurement | payment | supervision"""
  domain: String!
  nameZh: String!
  nameEn: String!
  """Display unit: "%", "万元", "人", "家", "次", "元", "人次" or "点"."""
  unit: String!
  numeratorZh: String!
  numeratorEn: String!
  """null for counts and amounts"""
  denominatorZh: String
  denominatorEn: String
  aggregation: Aggregation!
  target: Float
  higherIsBetter: Boolean!
}

type KpiValue @shareable {
  metricId: ID!
  regionCode: ID!
  """null on a range total"""
  quarter: Quarter
  """In base units: persons, yuan, fen, cases"""
  numerator: Float!
  """null for counts and amounts"""
  denominator: Float
  """Rates: 100 × numerator / denominator (percent); amounts: in the metric's unit; null when the denominator is 0 or there is no data"""
  value: Float
  target: Float
  status: KpiStatus!
}

type KpiSeries @shareable {
  metric: Metric!
  total: KpiValue!
  points: [KpiValue!]!
}
`;

type MetricGraphQLFields =
  | "id"
  | "domain"
  | "nameZh"
  | "nameEn"
  | "unit"
  | "numeratorZh"
  | "numeratorEn"
  | "denominatorZh"
  | "denominatorEn"
  | "aggregation"
  | "target"
  | "higherIsBetter";

/** The `Metric` GraphQL object of a definition (internal fields such as valueKind left out). */
export function metricToGraphQL(def: MetricDefinition): Pick<MetricDefinition, MetricGraphQLFields> {
  return {
    id: def.id,
    domain: def.domain,
    nameZh: def.nameZh,
    nameEn: def.nameEn,
    unit: def.unit,
    numeratorZh: def.numeratorZh,
    numeratorEn: def.numeratorEn,
    denominatorZh: def.denominatorZh,
    denominatorEn: def.denominatorEn,
    aggregation: def.aggregation,
    target: def.target,
    higherIsBetter: def.higherIsBetter,
  };
}

const UNIT_EN: Record<MetricDefinition["unit"], string> = {
  "%": "%",
  万元: " × 10k yuan",
  人: " persons",
  家: " institutions",
  次: " times",
  元: " yuan",
  人次: " person-times",
  点: " points",
};

/** Two decimals and the unit ("97.12%", "478.19万元", "478.19 × 10k yuan"); "—" for no value. */
export function formatValue(def: MetricDefinition, value: number | null, locale: "zh" | "en"): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const digits = value.toFixed(2);
  return locale === "zh" ? `${digits}${def.unit}` : `${digits}${UNIT_EN[def.unit]}`;
}

/**
 * Applies per-KPI target overrides, e.g. `HSA_KPI_TARGETS='{"procurement.network_rate.drug": 98}'`
 * (provinces set their own targets; null removes a target). Unknown ids and non-numbers are
 * rejected loudly so a typo does not silently keep the default.
 */
export function withTargetOverrides<T extends MetricDefinition>(
  catalogue: readonly T[],
  json: string | undefined,
): T[] {
  if (!json) return [...catalogue];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error("HSA_KPI_TARGETS is not valid JSON: expected an object of metric id → target");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error("HSA_KPI_TARGETS must be a JSON object of metric id → target");
  }
  const overrides = parsed as Record<string, unknown>;
  const ids = new Set(catalogue.map((m) => m.id));
  const domains = new Set(catalogue.map((m) => m.domain));
  for (const [id, target] of Object.entries(overrides)) {
    // Only this catalogue's domain is checked: one variable serves every subgraph.
    if (!domains.has(id.split(".")[0] as Domain)) continue;
    if (!ids.has(id)) throw new Error(`HSA_KPI_TARGETS: unknown metric id "${id}"`);
    if (target !== null && (typeof target !== "number" || !Number.isFinite(target))) {
      throw new Error(`HSA_KPI_TARGETS: the target of "${id}" must be a number or null`);
    }
  }
  return catalogue.map((m) => (m.id in overrides ? { ...m, target: overrides[m.id] as number | null } : m));
}
