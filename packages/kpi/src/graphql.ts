import { DEFAULT_PRECISION } from "./define";
import type { MetricDefinition } from "./types";

/**
 * The shared KPI types, federation-2 style (every object type @shareable). It references the
 * `Quarter` scalar, which comes from `@hsa/periods` (`quarterScalarSDL`), and needs the
 * federation `@shareable` directive in scope.
 */
export const kpiSDL = `
"""汇总方式：流量（FLOW）跨季度求和，存量（STOCK）取区间最后一个季度。How a quantity aggregates over quarters: FLOW sums, STOCK takes the last quarter of the range."""
enum Aggregation {
  """流量：区间内各季度相加（如结算笔数）。Flow: the quarters of the range are summed (e.g. settlements)."""
  FLOW
  """存量：取区间最后一个季度的值（如参保人数）。Stock: the value of the range's last quarter (e.g. insured persons)."""
  STOCK
}

"""指标状态：与目标比较的结果。A KPI value's status against its target."""
enum KpiStatus {
  """达标。Met: the value reaches the target."""
  MET
  """接近目标：未达标，但差距不超过容差（率默认 5 个百分点）。Near: short of the target by no more than the tolerance (by default 5 percentage points for rates)."""
  NEAR
  """未达标。Missed: the value falls short of the target."""
  MISSED
  """无数据（分母为 0 或未上报）。No data: no report, or the denominator is 0."""
  NO_DATA
  """无目标（TargetRule NONE），永不为达标。The metric has no target (TargetRule NONE): never MET."""
  NO_TARGET
}

"""指标方向：哪个方向更好；中性（金额、数量）不着色好坏。Which way is better; NEUTRAL (amounts, volumes): never coloured good or bad."""
enum Direction {
  """越高越好。Higher is better."""
  UP
  """越低越好。Lower is better."""
  DOWN
  """中性，不判好坏。Neutral: neither higher nor lower is better."""
  NEUTRAL
}

"""目标规则：数值如何与目标比较。How a value is judged against its target."""
enum TargetRule {
  """无目标：状态为 NO_TARGET。No target: status NO_TARGET."""
  NONE
  """不低于目标。At least the target."""
  AT_LEAST
  """不高于目标。At most the target."""
  AT_MOST
  """在 targetLow 与 targetHigh 之间（含端点）。Between targetLow and targetHigh (inclusive)."""
  BAND
  """序时进度：不低于 目标 × 该值最后一个季度末（协议）年度已过比例。At least target × the share of the (agreement) year elapsed at the end of the value's last quarter (序时进度)."""
  ELAPSED
}

"""数据质量标记。A data quality flag on a KPI value."""
enum QualityFlag {
  """超过指标最大值（如占比超过 100%）。The value exceeds the metric's maximum (e.g. a share above 100%)."""
  ABOVE_MAXIMUM
  """部分上报：该区域应上报的单位未全部上报这些季度。Not every expected reporting unit of the region reported the quarters of the value."""
  PARTIAL_REPORTING
  """异常值：与本区域历史及同级区域相比异常。Unusual against the region's own history and its siblings."""
  OUTLIER
}

"""指标目录中的一项。One entry of a subgraph's KPI catalogue."""
type Metric @shareable {
  """指标编号 "<领域>.<名称>"，如 "enrollment.rate"。Metric id "<domain>.<name>", e.g. "enrollment.rate"."""
  id: ID!
  """所属领域：注册表（supergraph.yaml）中子图的名称，如 enrollment（参保）、payment（支付方式改革）；Query.domains 列出全部。Domain: the subgraph's name in the registry (supergraph.yaml), e.g. enrollment, payment; Query.domains lists them all."""
  domain: String!
  """中文名称，如"参保率"。Chinese name, e.g. 参保率."""
  nameZh: String!
  """英文名称，如 "Enrollment rate"。English name."""
  nameEn: String!
  """显示单位（中文），由指标声明，如 "%"、"万元"、"人"、"人次"、"月"。Display unit in Chinese, as the metric declares it, e.g. "%", "万元", "人", "人次", "月"."""
  unit: String!
  """显示单位（英文），由指标声明，如 "%"、"×10k yuan"、"persons"、"months"；未声明英文时为中文单位。Display unit in English, as the metric declares it, e.g. "%", "×10k yuan", "persons", "months"; the Chinese unit when the metric declares no English one."""
  unitEn: String!
  """分子的中文说明。What the numerator counts, in Chinese."""
  numeratorZh: String!
  """分子的英文说明。What the numerator counts, in English."""
  numeratorEn: String!
  """分母的中文说明；计数和金额类指标为 null。What the denominator counts, in Chinese; null for counts and amounts."""
  denominatorZh: String
  """分母的英文说明；计数和金额类指标为 null。What the denominator counts, in English; null for counts and amounts."""
  denominatorEn: String
  """跨季度汇总方式。How the metric aggregates over quarters."""
  aggregation: Aggregation!
  """目标值（指标单位）；无目标时为 null。Target in the metric's unit; null without a target."""
  target: Float
  """是否越高越好（已弃用，请用 direction）。Whether higher is better (deprecated: use direction)."""
  higherIsBetter: Boolean! @deprecated(reason: "use direction")
  """指标方向。Which way is better."""
  direction: Direction!
  """目标规则。How a value is judged against the target."""
  targetRule: TargetRule!
  """区间目标下限（含）。BAND: lower bound (inclusive)."""
  targetLow: Float
  """区间目标上限（含）。BAND: upper bound (inclusive)."""
  targetHigh: Float
  """最大有意义值（如占比为 100）；null 表示无上限。The largest meaningful value (e.g. 100 for a share that cannot exceed 100%); null: none."""
  maximum: Float
  """显示的小数位数。Decimals to display."""
  precision: Int!
}

"""某区域某指标的一个值（单季度或区间合计）。One value of a KPI for a region: one quarter or a range total."""
type KpiValue @shareable {
  """指标编号。Metric id."""
  metricId: ID!
  """区域代码（GB/T 2260 六位）。Region code (GB/T 2260, six digits)."""
  regionCode: ID!
  """季度，如 "2024Q1"；区间合计为 null。Quarter, e.g. "2024Q1"; null on a range total."""
  quarter: Quarter
  """分子，基本单位（人、元、分、次）。Numerator in base units: persons, yuan, fen, cases."""
  numerator: Float!
  """分母；计数和金额类指标为 null。Denominator; null for counts and amounts."""
  denominator: Float
  """指标值：率 = 100 × 分子 / 分母（%）；金额按指标单位；分母为 0 或无数据时为 null。Rates: 100 × numerator / denominator (percent); amounts: in the metric's unit; null when the denominator is 0 or there is no data."""
  value: Float
  """目标值（指标单位）；无目标时为 null。Target in the metric's unit; null without a target."""
  target: Float
  """与目标比较的状态。Status against the target."""
  status: KpiStatus!
  """比较基准：目标、区间中点或（序时进度）应达进度；无目标时为 null。What the value is judged against: the target, a band's middle, or (ELAPSED) the expected progress; null without a target."""
  expected: Float
  """数据质量标记。Data quality flags."""
  flags: [QualityFlag!]!
}

"""某区域某指标在一个季度区间内的序列：合计、各季度值、环比与同比。A KPI of a region over a quarter range: total, per-quarter points, previous range and year ago."""
type KpiSeries @shareable {
  """指标定义。The metric."""
  metric: Metric!
  """区间合计（率为 Σ分子 / Σ分母）。The range total (rates as Σnumerator / Σdenominator)."""
  total: KpiValue!
  """各季度的值，按时间先后。One value per quarter of the range, oldest first."""
  points: [KpiValue!]!
  """环比：紧接在前、等长区间的合计（Σ分子 / Σ分母）。The range total over the preceding range of the same length (环比), Σnumerator / Σdenominator like total."""
  previous: KpiValue
  """同比：上一年同一区间的合计。The range total over the same range one year earlier (同比)."""
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
  unitEn: string;
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
    unitEn: unitEnOf(def),
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

/**
 * The English of the common units, for metrics that declare none (`unitEn`). A unit of a domain's
 * own (e.g. 月 → months) is declared by its metric, not added here.
 */
export const DEFAULT_UNIT_EN: Readonly<Record<string, string>> = {
  "%": "%",
  万元: "×10k yuan",
  元: "yuan",
  人: "persons",
  家: "institutions",
  次: "times",
  人次: "person-times",
  点: "points",
};

/** The metric's English unit: its own `unitEn`, else the common one, else its Chinese unit. */
export function unitEnOf(def: Pick<MetricDefinition, "unit" | "unitEn">): string {
  return def.unitEn ?? DEFAULT_UNIT_EN[def.unit] ?? def.unit;
}

/** The metric's decimals and unit ("97.12%", "478.19万元", "478.19 ×10k yuan"); "—" for no value. */
export function formatValue(def: MetricDefinition, value: number | null, locale: "zh" | "en"): string {
  if (value === null || !Number.isFinite(value)) return "—";
  const digits = value.toFixed(def.precision ?? DEFAULT_PRECISION);
  if (locale === "zh") return `${digits}${def.unit}`;
  const en = unitEnOf(def);
  return en === "%" ? `${digits}%` : `${digits} ${en}`;
}
