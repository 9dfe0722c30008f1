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

const DIRECTIONS: readonly Direction[] = ["UP", "DOWN", "NEUTRAL"];
const TARGET_RULES: readonly TargetRule[] = ["NONE", "AT_LEAST", "AT_MOST", "BAND", "ELAPSED"];
const DEFAULT_PRECISION = 2;
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
    checkJudgement(def);
  }
  return defs;
}

function checkJudgement(def: MetricDefinition): void {
  const where = `metric "${def.id}"`;
  if (!DIRECTIONS.includes(def.direction)) throw new Error(`${where}: unknown direction "${def.direction}"`);
  if (!TARGET_RULES.includes(def.targetRule))
    throw new Error(`${where}: unknown targetRule "${def.targetRule}"`);
  if ((def.direction === "UP" && !def.higherIsBetter) || (def.direction === "DOWN" && def.higherIsBetter)) {
    throw new Error(`${where}: higherIsBetter (deprecated) contradicts direction ${def.direction}`);
  }
  if ((def.targetRule === "NONE") !== (def.target === null)) {
    throw new Error(`${where}: targetRule NONE goes with target null, and only with it`);
  }
  const low = def.targetLow ?? null;
  const high = def.targetHigh ?? null;
  if (def.targetRule === "BAND") {
    if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high) || low > high) {
      throw new Error(`${where}: a BAND needs finite targetLow <= targetHigh`);
    }
  } else if (low !== null || high !== null) {
    throw new Error(`${where}: targetLow/targetHigh belong to a BAND`);
  }
  if (def.maximum != null && !Number.isFinite(def.maximum))
    throw new Error(`${where}: maximum must be finite`);
  if (
    def.precision !== undefined &&
    !(Number.isInteger(def.precision) && def.precision >= 0 && def.precision <= 6)
  ) {
    throw new Error(`${where}: precision must be an integer 0..6`);
  }
  if (
    def.periodStartMonth !== undefined &&
    !(Number.isInteger(def.periodStartMonth) && def.periodStartMonth >= 1 && def.periodStartMonth <= 12)
  ) {
    throw new Error(`${where}: periodStartMonth must be 1..12`);
  }
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
 * The share (0..1) of a year starting in month `startMonth` (1–12) elapsed at the end of
 * `quarter`: with the calendar year, 0.25 at the end of Q1, 0.5 at the end of Q2, 1 at the end of Q4.
 */
export function elapsedShare(quarter: string, startMonth = 1): number {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`elapsedShare: invalid quarter "${quarter}"`);
  const endMonth = Number(m[2]) * 3; // 3, 6, 9, 12
  const months = ((((endMonth - startMonth) % 12) + 12) % 12) + 1;
  return months / 12;
}

export interface Judgement {
  status: KpiStatus;
  /** what the value is judged against (null without a target) */
  expected: number | null;
  flags: QualityFlag[];
}

/** What a value is judged against: the target; a band's middle; ELAPSED: target × elapsed share. */
export function kpiExpected(
  def: MetricDefinition,
  lastQuarter: string | null,
  elapsed?: number | null,
): number | null {
  switch (def.targetRule) {
    case "NONE":
      return null;
    case "AT_LEAST":
    case "AT_MOST":
      return def.target;
    case "BAND":
      return def.target ?? ((def.targetLow ?? 0) + (def.targetHigh ?? 0)) / 2;
    case "ELAPSED": {
      if (def.target === null) return null;
      const share =
        elapsed ?? (lastQuarter === null ? null : elapsedShare(lastQuarter, def.periodStartMonth ?? 1));
      return share === null ? def.target : def.target * Math.min(1, Math.max(0, share));
    }
  }
}

/**
 * Judges a value (DESIGN §4, issue 15): NO_DATA without a value; NO_TARGET under TargetRule NONE
 * (never MET); AT_LEAST / AT_MOST / ELAPSED (at least `expected`) / BAND (targetLow..targetHigh):
 * MET when reached, NEAR within `nearTolerance` (default 5 for ratios, 0 otherwise), else MISSED.
 * Flags ABOVE_MAXIMUM when the metric declares a maximum and the value exceeds it.
 * `lastQuarter` is the value's (last) quarter, needed by ELAPSED.
 */
export function judgeKpi(
  def: MetricDefinition,
  value: number | null,
  lastQuarter: string | null = null,
  elapsed?: number | null,
): Judgement {
  const expected = kpiExpected(def, lastQuarter, elapsed);
  if (value === null || Number.isNaN(value)) return { status: "NO_DATA", expected, flags: [] };
  const flags: QualityFlag[] = def.maximum != null && value > def.maximum + EPSILON ? ["ABOVE_MAXIMUM"] : [];
  if (def.targetRule === "NONE" || expected === null) return { status: "NO_TARGET", expected: null, flags };
  const tolerance = def.nearTolerance ?? (def.valueKind === "ratio" ? DEFAULT_RATIO_TOLERANCE : 0);
  let shortfall: number;
  switch (def.targetRule) {
    case "AT_MOST":
      shortfall = value - expected;
      break;
    case "BAND":
      shortfall = Math.max((def.targetLow ?? expected) - value, value - (def.targetHigh ?? expected));
      break;
    default:
      shortfall = expected - value;
  }
  const status: KpiStatus =
    shortfall <= EPSILON ? "MET" : shortfall <= tolerance + EPSILON ? "NEAR" : "MISSED";
  return { status, expected, flags };
}

/** The status alone (see {@link judgeKpi}). */
export function kpiStatus(
  def: MetricDefinition,
  value: number | null,
  lastQuarter: string | null = null,
  elapsed?: number | null,
): KpiStatus {
  return judgeKpi(def, value, lastQuarter, elapsed).status;
}

/**
 * A KpiValue whose figures a resolver overrides after the fact (a distinct count, a price): the new
 * figures with status, expected and flags judged again together, so none of them is stale.
 * `lastQuarter`: the value's quarter, or the range's last quarter for a total (ELAPSED needs it).
 */
export function rejudgeKpi(
  def: MetricDefinition,
  v: KpiValue,
  figures: { numerator?: number; denominator?: number | null; value: number | null },
  lastQuarter: string | null = v.quarter,
  elapsed?: number | null,
): KpiValue {
  return {
    ...v,
    numerator: figures.numerator ?? v.numerator,
    denominator: figures.denominator === undefined ? v.denominator : figures.denominator,
    value: figures.value,
    ...judgeKpi(def, figures.value, lastQuarter, elapsed),
  };
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
  const total = kpiValue(def, regionCode, null, totalFigures, quarters[quarters.length - 1] ?? null);
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
  return catalogue.map((m) => (m.id in overrides ? retarget(m, overrides[m.id] as number | null) : m));
}

/**
 * A new target keeps the rule's shape: null → NONE; a number on a NONE metric → AT_MOST when
 * lower is better, else AT_LEAST; a BAND moves with its target (same width either side).
 */
function retarget<T extends MetricDefinition>(m: T, target: number | null): T {
  if (target === null) return { ...m, target: null, targetRule: "NONE", targetLow: null, targetHigh: null };
  if (m.targetRule === "NONE") {
    return { ...m, target, targetRule: m.direction === "DOWN" ? "AT_MOST" : "AT_LEAST" };
  }
  if (m.targetRule === "BAND") {
    const shift = target - (m.target ?? ((m.targetLow ?? target) + (m.targetHigh ?? target)) / 2);
    return {
      ...m,
      target,
      targetLow: (m.targetLow ?? target) + shift,
      targetHigh: (m.targetHigh ?? target) + shift,
    };
  }
  return { ...m, target };
}
