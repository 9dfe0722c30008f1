import type { KpiStatus, KpiValue, MetricDefinition, QualityFlag } from "./types";

const DEFAULT_RATIO_TOLERANCE = 5;
/** Absorbs floating-point noise when comparing a value with its target. */
const EPSILON = 1e-9;

/**
 * The metric's value from its numerator (and denominator), at full precision
 * (rounding is display-only). null for a ratio or quotient whose denominator is 0 or null.
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
    case "quotient":
      if (denominator === null || denominator === 0 || !Number.isFinite(denominator)) return null;
      return numerator / denominator;
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
