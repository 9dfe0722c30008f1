/** Quality flags and the per-quarter CSV of a KPI (issue 15: numbers a leader can trust). */
import { type KpiSeries, type Metric, QUALITY_FLAGS, type QualityFlag } from "./api";
import { toCsv } from "./csv";
import { type Lang, unitLabel } from "./format";
import type { Messages } from "./i18n";
import { displayStatus } from "./kpi";
import { quarterLabel } from "./quarters";

/** The flags the graph sent that this dashboard knows, in a stable order (unknown ones are dropped). */
export function knownFlags(flags: readonly string[] | null | undefined): QualityFlag[] {
  const set = new Set(flags ?? []);
  return QUALITY_FLAGS.filter((f) => set.has(f));
}

/** "超过上限" / "Above maximum" … */
export function flagLabel(flag: QualityFlag, t: Messages): string {
  return t[`flag${flag}`];
}

/** What the flag means, for a title. */
export function flagTitle(flag: QualityFlag, t: Messages): string {
  return t[`flagTitle${flag}`];
}

/** The flags as one cell of text: "部分上报；异常值" / "Partial reporting; Outlier"; "" when none. */
export function flagsText(flags: readonly string[] | null | undefined, t: Messages, lang: Lang): string {
  return knownFlags(flags)
    .map((f) => flagLabel(f, t))
    .join(lang === "zh" ? "；" : "; ");
}

/**
 * The detail view's per-quarter table as CSV: quarter, numerator, denominator (rates), value,
 * status and the quality flags of each quarter, then the range total. Values as numbers without
 * separators (a spreadsheet reads them), rounded as the metric declares (`decimals`: its precision);
 * the value's unit in the page's language.
 */
export function quartersCsv(
  m: Metric,
  series: KpiSeries | undefined,
  t: Messages,
  lang: Lang,
  decimals: number,
): string {
  const rate = m.denominatorZh != null;
  const target = series?.total.target ?? m.target;
  const header = [
    t.quarter,
    t.numerator,
    ...(rate ? [t.denominator] : []),
    `${t.value} (${unitLabel(m, lang)})`,
    t.status,
    t.flags,
  ];
  const row = (label: string, v: KpiSeries["total"]) => {
    const noData = v.status === "NO_DATA";
    return [
      label,
      noData ? "" : v.numerator,
      ...(rate ? [noData ? "" : (v.denominator ?? "")] : []),
      v.value == null || noData ? "" : v.value.toFixed(decimals),
      t[`status${displayStatus(v.status, target)}`],
      flagsText(v.flags, t, lang),
    ];
  };
  const rows = (series?.points ?? []).map((p) => row(quarterLabel(p.quarter ?? "", lang), p));
  if (series) rows.push(row(t.total, series.total));
  return toCsv(header, rows);
}
