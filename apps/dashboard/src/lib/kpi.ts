import type { KpiSeries, KpiStatus, KpiValue, Metric } from "./api";
import { addQuarters } from "./quarters";

export const STATUS_COLOR: Record<KpiStatus, string> = {
  MET: "#1a7f37",
  NEAR: "#b7791f",
  MISSED: "#c53030",
  NO_DATA: "#8a94a6",
};

/** Colour for a value with no target to meet: the graph still says MET, but nothing was judged. */
export const UNJUDGED_COLOR = "#2b5797";

/** The colour to show: a metric without a target is shown neutral, not green. */
export function statusColor(status: KpiStatus, target: number | null | undefined): string {
  if (target == null && status === "MET") return UNJUDGED_COLOR;
  return STATUS_COLOR[status];
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
