import type { KpiSeries, KpiStatus, KpiValue, Metric } from "./api";
import { formatChange, type Lang } from "./format";
import { addQuarters, quarterIndex } from "./quarters";

export const STATUS_COLOR: Record<KpiStatus, string> = {
  MET: "#1a7f37",
  NEAR: "#8f5a0a",
  MISSED: "#c53030",
  NO_DATA: "#687282",
  NO_TARGET: "#2b5797",
};

/** Colour for a value with no target to meet: nothing was judged, so neutral, not green. */
export const UNJUDGED_COLOR = STATUS_COLOR.NO_TARGET;

/**
 * The status to show: the graph says NO_TARGET for a metric without a target; a value judged
 * against no target (an older graph said MET) is shown as NO_TARGET too, never as met.
 */
export function displayStatus(status: KpiStatus, target: number | null | undefined): KpiStatus {
  if (status === "NO_DATA") return status;
  return target == null ? "NO_TARGET" : status;
}

/** The colour to show: a metric without a target is shown neutral, not green. */
export function statusColor(status: KpiStatus, target: number | null | undefined): string {
  return STATUS_COLOR[displayStatus(status, target)];
}

/** "≥ 95%", "≤ 15%", "95%–105%", "≥ 序时进度" — how the card states a metric's target. */
export function targetRelation(m: Metric): "≥" | "≤" | "band" | "elapsed" {
  switch (m.targetRule) {
    case "AT_MOST":
      return "≤";
    case "BAND":
      return m.targetLow != null && m.targetHigh != null ? "band" : "≥";
    case "ELAPSED":
      return "elapsed";
    case "AT_LEAST":
      return "≥";
    default:
      return m.higherIsBetter ? "≥" : "≤";
  }
}

/** Whether a change up or down is good: by `direction` (NEUTRAL: neither), else higherIsBetter. */
export function changeGoodness(change: "up" | "down" | "flat", m: Metric): "good" | "bad" | "flat" {
  if (change === "flat" || m.direction === "NEUTRAL") return "flat";
  const upIsGood = m.direction ? m.direction === "UP" : m.higherIsBetter;
  return (change === "up") === upIsGood ? "good" : "bad";
}

export function seriesById<S extends { metric: { id: string } }>(list: S[]): Map<string, S> {
  return new Map(list.map((s) => [s.metric.id, s]));
}

/** A compared range total's value; null when there is nothing to compare with (absent or NO_DATA). */
export function comparableValue(v: Pick<KpiValue, "value" | "status"> | null | undefined): number | null {
  return v && v.status !== "NO_DATA" && v.value != null && Number.isFinite(v.value) ? v.value : null;
}

export interface KpiChange {
  /** the change as written on the card, null when either side has no value */
  change: { text: string; direction: "up" | "down" | "flat" } | null;
  /** good / bad / flat by the metric's direction (NEUTRAL: always flat, never coloured) */
  goodness: "good" | "bad" | "flat";
}

/**
 * 环比 and 同比 of the region's range total, against the graph's own `previous` (the preceding
 * range of the same length) and `yearAgo` (the same range one year earlier) — both range totals
 * computed by the subgraph exactly like `total` (Σnumerator / Σdenominator, stocks at the last
 * quarter). Rates change in percentage points, amounts and counts relatively (formatChange).
 */
export function changes(
  series: KpiSeries | undefined,
  m: Metric,
  lang: Lang = "zh",
): { qoq: KpiChange; yoy: KpiChange } {
  const current = comparableValue(series?.total);
  const one = (other: Pick<KpiValue, "value" | "status"> | null | undefined): KpiChange => {
    const change = formatChange(current, comparableValue(other), m.unit, lang);
    return { change, goodness: change ? changeGoodness(change.direction, m) : "flat" };
  };
  return { qoq: one(series?.previous), yoy: one(series?.yearAgo) };
}

/** The ranges `previous` (环比) and `yearAgo` (同比) cover, for a range from..to. */
export function comparedRanges(
  from: string,
  to: string,
): { previous: { from: string; to: string }; yearAgo: { from: string; to: string } } {
  const span = quarterIndex(to) - quarterIndex(from) + 1;
  return {
    previous: { from: addQuarters(from, -span), to: addQuarters(to, -span) },
    yearAgo: { from: addQuarters(from, -4), to: addQuarters(to, -4) },
  };
}

/** Orders a domain's metrics as its catalogue does. */
export function sortMetrics(metrics: Metric[], domains: string[]): Metric[] {
  return [...metrics].sort((a, b) => domains.indexOf(a.domain) - domains.indexOf(b.domain));
}
