import { DEFAULT_PRECISION } from "./define";
import type { MetricDefinition } from "./types";

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
  """The metric has no target (TargetRule NONE): never MET."""
  NO_TARGET
}

"""Which way is better; NEUTRAL (amounts, volumes): never coloured good or bad."""
enum Direction {
  UP
  DOWN
  NEUTRAL
}

"""How a value is judged against its target."""
enum TargetRule {
  """No target: status NO_TARGET."""
  NONE
  AT_LEAST
  AT_MOST
  """Between targetLow and targetHigh (inclusive)."""
  BAND
  """At least target × the share of the (agreement) year elapsed at the end of the value's last quarter (序时进度)."""
  ELAPSED
}

enum QualityFlag {
  """The value exceeds the metric's maximum (e.g. a share above 100%)."""
  ABOVE_MAXIMUM
  """Not every expected reporting unit of the region reported the quarters of the value."""
  PARTIAL_REPORTING
  """Unusual against the region's own history and its siblings."""
  OUTLIER
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
  higherIsBetter: Boolean! @deprecated(reason: "use direction")
  direction: Direction!
  targetRule: TargetRule!
  """BAND: lower bound (inclusive)"""
  targetLow: Float
  """BAND: upper bound (inclusive)"""
  targetHigh: Float
  """The largest meaningful value (e.g. 100 for a share that cannot exceed 100%); null: none"""
  maximum: Float
  """Decimals to display"""
  precision: Int!
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
  """What the value is judged against: the target, a band's middle, or (ELAPSED) the expected progress; null without a target"""
  expected: Float
  flags: [QualityFlag!]!
}

type KpiSeries @shareable {
  metric: Metric!
  total: KpiValue!
  points: [KpiValue!]!
  """The range total over the preceding range of the same length (环比), Σnumerator / Σdenominator like total"""
  previous: KpiValue
  """The range total over the same range one year earlier (同比)"""
  yearAgo: KpiValue
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
  | "higherIsBetter"
  | "direction"
  | "targetRule";

export type MetricGraphQL = Pick<MetricDefinition, MetricGraphQLFields> & {
  targetLow: number | null;
  targetHigh: number | null;
  maximum: number | null;
  precision: number;
};

/** The `Metric` GraphQL object of a definition (internal fields such as valueKind left out). */
export function metricToGraphQL(def: MetricDefinition): MetricGraphQL {
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
    direction: def.direction,
    targetRule: def.targetRule,
    targetLow: def.targetLow ?? null,
    targetHigh: def.targetHigh ?? null,
    maximum: def.maximum ?? null,
    precision: def.precision ?? DEFAULT_PRECISION,
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
  const digits = value.toFixed(def.precision ?? DEFAULT_PRECISION);
  return locale === "zh" ? `${digits}${def.unit}` : `${digits}${UNIT_EN[def.unit]}`;
}
