import type { KpiSeries, KpiStatus, KpiValue, Metric } from "./api";
import { addQuarters } from "./quarters";

export const STATUS_COLOR: Record<KpiStatus, string> = {
  MET: "#1a7f37",
  NEAR: "#b7791f",
  MISSED: "#c53030",
  NO_DATA: "#8a94a6",
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

export function seriesById(list: KpiSeries[]): Map<string, KpiSeries> {
  return new Map(list.map((s) => [s.metric.id, s]));
}

export function pointAt(
  s: KpiSeries | undefined,
  quarter: string,
): Pick<KpiValue, "value" | "status"> | undefined {
  return s?.points.find((p) => p.quarter === quarter);
}

/** Latest quarter's value against the previous quarter and the same quarter last year. */
export function changes(trend: KpiSeries | undefined, to: string) {
  const cur = pointAt(trend, to);
  const prev = pointAt(trend, addQuarters(to, -1));
  const lastYear = pointAt(trend, addQuarters(to, -4));
  const v = (p: typeof cur) => (p && p.status !== "NO_DATA" ? p.value : null);
  return { latest: v(cur), previous: v(prev), lastYear: v(lastYear) };
}

/** Orders a domain's metrics as its catalogue does. */
export function sortMetrics(metrics: Metric[], domains: string[]): Metric[] {
  return [...metrics].sort((a, b) => domains.indexOf(a.domain) - domains.indexOf(b.domain));
}
