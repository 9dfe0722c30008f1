// The landing's leadership panels: a 红黑榜 per domain (children ranked by a chosen KPI) and the
// exceptions panel (what needs attention), each row a link to that region and KPI.
import { useState } from "react";
import type { DomainData, Metric } from "../lib/api";
import { formatValue, type Lang } from "../lib/format";
import { domainLabel, type Messages, metricName } from "../lib/i18n";
import { STATUS_COLOR } from "../lib/kpi";
import {
  bestAndWorst,
  type Exception,
  type ExceptionKind,
  type RankedRegion,
  rankableMetrics,
  rankChildren,
} from "../lib/leadership";

/** How many regions the 红黑榜 lists at each end before "show all". */
export const RANKING_ENDS = 5;

/** The 红黑榜 of one domain: best and worst children by a chosen KPI, all of them on demand. */
export function Ranking(props: {
  data: DomainData;
  to: string;
  lang: Lang;
  t: Messages;
  onOpen: (region: string, metricId: string) => void;
}) {
  const { data, t, lang } = props;
  const metrics = rankableMetrics(data.metrics);
  const [metricId, setMetricId] = useState(metrics[0]?.id ?? "");
  const [all, setAll] = useState(false);
  const m = metrics.find((x) => x.id === metricId) ?? metrics[0];
  if (!m || data.children.length === 0) return null;
  const ranked = rankChildren(data, m, props.to);
  const { best, worst } = bestAndWorst(ranked, RANKING_ENDS);
  const valued = ranked.filter((r) => r.rank != null).length;
  const table = (rows: RankedRegion[], testId: string) => (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" tabIndex={0} aria-label={`${t.rankingTitle} ${metricName(m, lang)}`}>
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t.rank}</th>
            <th scope="col">{t.regionName}</th>
            <th scope="col">{t.value}</th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.rankingChange}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code} data-testid={`ranking-row-${r.code}`}>
              <td className="num" data-testid="ranking-rank">
                {r.rank ?? "—"}
              </td>
              <td>
                <button type="button" className="link" onClick={() => props.onOpen(r.code, m.id)}>
                  {r.name}
                </button>
              </td>
              <td className="num" data-testid="ranking-value">
                {formatValue(r.value, m, lang)}
              </td>
              <td>
                <span className="status-chip" style={{ background: STATUS_COLOR[r.status] }}>
                  {t[`status${r.status}`]}
                </span>
              </td>
              <td className="num">
                <RankChange change={r.change} t={t} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
  return (
    <section className="panel ranking" data-testid={`ranking-${data.domain}`} aria-label={t.rankingTitle}>
      <h3>
        {t.rankingTitle} · {domainLabel(data.domain, lang)}
      </h3>
      <div className="panel-controls">
        <label>
          {t.rankingKpi}{" "}
          <select
            value={m.id}
            onChange={(e) => setMetricId(e.target.value)}
            data-testid={`ranking-kpi-${data.domain}`}
          >
            {metrics.map((x) => (
              <option key={x.id} value={x.id}>
                {metricName(x, lang)}
              </option>
            ))}
          </select>
        </label>
        {valued > 2 * RANKING_ENDS && (
          <button
            type="button"
            className="link"
            onClick={() => setAll(!all)}
            data-testid={`ranking-all-${data.domain}`}
          >
            {(all ? t.rankingShowLess : t.rankingShowAll).replace(
              "{n}",
              String(all ? RANKING_ENDS : ranked.length),
            )}
          </button>
        )}
      </div>
      {valued === 0 ? (
        <p className="muted">{t.rankingNone}</p>
      ) : all ? (
        table(ranked, "ranking-all")
      ) : (
        <div className="ranking-cols">
          <div>
            {worst.length > 0 && <h4>{t.rankingBest}</h4>}
            {table(best, "ranking-best")}
          </div>
          {worst.length > 0 && (
            <div>
              <h4>{t.rankingWorst}</h4>
              {table(worst, "ranking-worst")}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function RankChange(props: { change: number | null; t: Messages }) {
  const { change, t } = props;
  if (change == null) return <span title={t.rankingNew}>—</span>;
  if (change === 0) return <span title={t.rankingSame}>＝</span>;
  const up = change > 0;
  const text = (up ? t.rankingUp : t.rankingDown).replace("{n}", String(Math.abs(change)));
  return (
    <span className={up ? "rank-up" : "rank-down"} title={text}>
      <span aria-hidden="true">
        {up ? "▲" : "▼"}
        {Math.abs(change)}
      </span>
      <span className="sr-only">{text}</span>
    </span>
  );
}

export const KIND_LABEL: Record<ExceptionKind, keyof Messages> = {
  MISSED: "exMissed",
  ABOVE_MAXIMUM: "exAboveMax",
  OUTLIER: "exOutlier",
  PARTIAL_REPORTING: "exPartial",
  LATE: "exLate",
};

const KIND_COLOR: Record<ExceptionKind, string> = {
  MISSED: STATUS_COLOR.MISSED,
  ABOVE_MAXIMUM: STATUS_COLOR.MISSED,
  OUTLIER: STATUS_COLOR.NEAR,
  PARTIAL_REPORTING: STATUS_COLOR.NEAR,
  LATE: STATUS_COLOR.NO_DATA,
};

/** The exceptions panel: what needs attention, most serious first; each row opens that KPI there. */
export function Exceptions(props: {
  items: readonly Exception[];
  lang: Lang;
  t: Messages;
  onOpen: (region: string, metricId: string) => void;
}) {
  const { t, lang } = props;
  return (
    <section className="panel exceptions" data-testid="exceptions" aria-labelledby="exceptions-title">
      <h2 id="exceptions-title">
        {t.exceptionsTitle} <small className="muted">({props.items.length})</small>
      </h2>
      <p className="intro">{t.exceptionsIntro}</p>
      {props.items.length === 0 ? (
        <p className="muted" data-testid="exceptions-none">
          {t.exceptionsNone}
        </p>
      ) : (
        <ul>
          {props.items.map((e) => (
            <li key={`${e.kind}-${e.regionCode}-${e.metric.id}`} data-testid="exception">
              <button type="button" onClick={() => props.onOpen(e.regionCode, e.metric.id)}>
                <span className="status-chip" style={{ background: KIND_COLOR[e.kind] }}>
                  {String(t[KIND_LABEL[e.kind]])}
                </span>
                <strong data-testid="exception-region">{e.regionName}</strong>
                <span>
                  {domainLabel(e.domain, lang)} · {metricName(e.metric, lang)}
                </span>
                <span className="muted">{formatValue(e.value, e.metric, lang)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The metric of a KPI id among the loaded domains. */
export function metricOf(domains: readonly DomainData[], id: string): Metric | undefined {
  for (const d of domains) {
    const m = d.metrics.find((x) => x.id === id);
    if (m) return m;
  }
  return undefined;
}
