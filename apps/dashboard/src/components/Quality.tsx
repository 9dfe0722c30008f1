import type { KpiSeries, KpiValue, Metric } from "../lib/api";
import type { Lang } from "../lib/format";
import type { Messages } from "../lib/i18n";
import { changes, comparedRanges, type KpiChange } from "../lib/kpi";
import { flagLabel, flagTitle, knownFlags } from "../lib/quality";
import { quarterLabel } from "../lib/quarters";

function rangeLabel(r: { from: string; to: string }, lang: Lang): string {
  return r.from === r.to
    ? quarterLabel(r.from, lang)
    : `${quarterLabel(r.from, lang)}–${quarterLabel(r.to, lang)}`;
}

/**
 * 环比 / 同比 of the region's range total against the graph's `previous` and `yearAgo` totals,
 * each titled with the range it is compared with; "—" titled 无可比数据 when there is none.
 */
export function Changes(props: {
  series: KpiSeries | undefined;
  metric: Metric;
  from: string;
  to: string;
  lang: Lang;
  t: Messages;
}) {
  const { t, lang } = props;
  const c = changes(props.series, props.metric, lang);
  const ranges = comparedRanges(props.from, props.to);
  const one = (kind: "qoq" | "yoy", v: KpiChange, title: string) => (
    <span
      className={v.change ? `chg ${v.goodness}` : "chg none"}
      title={v.change ? title : `${t.noComparable} · ${title}`}
      data-testid={`change-${kind}`}
    >
      {t[kind]} <span data-testid={`change-${kind}-text`}>{v.change?.text ?? "—"}</span>
    </span>
  );
  return (
    <div className="kpi-changes">
      {one("qoq", c.qoq, t.qoqTitle.replace("{range}", rangeLabel(ranges.previous, lang)))}
      {one("yoy", c.yoy, t.yoyTitle.replace("{range}", rangeLabel(ranges.yearAgo, lang)))}
    </div>
  );
}

/** The value's quality flags as text markers (⚠ 部分上报 …) titled with what each means; none: nothing. */
export function Flags(props: { value: Pick<KpiValue, "flags"> | undefined; t: Messages; testId?: string }) {
  const flags = knownFlags(props.value?.flags);
  if (flags.length === 0) return null;
  return (
    <span className="flags" data-testid={props.testId ?? "flags"}>
      {flags.map((f) => (
        <span key={f} className={`flag flag-${f}`} title={flagTitle(f, props.t)} data-flag={f}>
          ⚠ {flagLabel(f, props.t)}
        </span>
      ))}
    </span>
  );
}
