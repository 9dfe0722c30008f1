import type { ReactNode } from "react";
import { type DomainData, isCompletenessMetric, type Metric } from "../lib/api";
import { formatNumber, formatValue, type Lang } from "../lib/format";
import { domainLabel, type Messages, metricName } from "../lib/i18n";
import { displayStatus, seriesById, statusColor, targetRelation } from "../lib/kpi";
import { quarterLabel, quarterRange } from "../lib/quarters";
import type { DomainState } from "../lib/queries";
import { Changes, Flags } from "./Quality";
import { Sparkline } from "./Sparkline";

/** Errors about the region itself (said once above the domains): no retry can help. */
const REGION_PROBLEMS: ReadonlySet<string> = new Set(["FORBIDDEN", "NOT_FOUND", "BAD_USER_INPUT"]);

export function Overview(props: {
  domains: DomainState[];
  from: string;
  to: string;
  lang: Lang;
  t: Messages;
  onOpen: (metricId: string) => void;
  onRetry: () => void;
  /** what each domain shows below its cards (the 红黑榜), given its data */
  after?: (data: DomainData) => ReactNode;
}) {
  const { t, lang } = props;
  return (
    <div className="overview">
      {props.domains.map((d) => (
        <section key={d.domain} className="domain" data-testid={`domain-${d.domain}`}>
          <h2>{domainLabel(d.domain, lang)}</h2>
          {d.status === "loading" && (
            <div className="cards">
              {[0, 1, 2, 3].map((i) => (
                <div key={i} className="card skeleton" role="status" aria-busy="true" aria-label={t.loading}>
                  <div className="sk-line w60" />
                  <div className="sk-line big w40" />
                  <div className="sk-line w80" />
                </div>
              ))}
            </div>
          )}
          {d.status === "error" && REGION_PROBLEMS.has(d.code) && (
            <p className="empty" data-testid={`region-problem-${d.domain}`}>
              {d.code === "FORBIDDEN" ? t.forbidden : t.noSuchRegion}
            </p>
          )}
          {d.status === "error" && !REGION_PROBLEMS.has(d.code) && (
            <div className="card unavailable" role="alert" data-testid={`unavailable-${d.domain}`}>
              <strong>{t.unavailable}</strong>
              <p>{t.unavailableHint}</p>
              <button type="button" onClick={props.onRetry}>
                {t.retry}
              </button>
            </div>
          )}
          {d.status === "ok" && <Completeness data={d.data} lang={lang} t={t} onOpen={props.onOpen} />}
          {d.status === "ok" && (
            <div className="cards">
              {d.data.metrics
                .filter((m) => !isCompletenessMetric(m.id))
                .map((m) => (
                  <KpiCard
                    key={m.id}
                    metric={m}
                    data={d.data}
                    from={props.from}
                    to={props.to}
                    lang={lang}
                    t={t}
                    onOpen={() => props.onOpen(m.id)}
                  />
                ))}
            </div>
          )}
          {d.status === "ok" && props.after?.(d.data)}
        </section>
      ))}
    </div>
  );
}

/**
 * 报表完整率 / 及时率 of the region over the range, as a compact row: the rate and the reports
 * received (on time) of those expected, from the domain's own landing request (no extra request).
 */
function Completeness(props: {
  data: DomainData;
  lang: Lang;
  t: Messages;
  onOpen: (metricId: string) => void;
}) {
  const { data, lang } = props;
  const series = seriesById(data.region.kpis);
  const metrics = data.metrics.filter((m) => isCompletenessMetric(m.id));
  if (metrics.length === 0) return null;
  return (
    <div className="completeness" data-testid={`completeness-${data.domain}`}>
      {metrics.map((m) => {
        const total = series.get(m.id)?.total;
        const num = total?.numerator ?? 0;
        const den = total?.denominator ?? 0;
        const color = statusColor(total?.status ?? "NO_DATA", total?.target ?? m.target);
        return (
          <button
            type="button"
            key={m.id}
            className="completeness-item"
            onClick={() => props.onOpen(m.id)}
            data-testid={`completeness-${m.id}`}
            title={`${lang === "en" ? m.numeratorEn : m.numeratorZh} / ${lang === "en" ? m.denominatorEn : m.denominatorZh}`}
          >
            <span className="dot" style={{ background: color }} />
            <span>{metricName(m, lang)}</span>
            <b data-testid="completeness-value">{den > 0 ? formatValue(total?.value, m, lang) : "—"}</b>
            <span className="muted">
              （
              <span data-testid="completeness-count">
                {formatNumber(num, 0, lang)}/{formatNumber(den, 0, lang)}
              </span>
              ）
            </span>
          </button>
        );
      })}
    </div>
  );
}

function KpiCard(props: {
  metric: Metric;
  data: DomainData;
  from: string;
  to: string;
  lang: Lang;
  t: Messages;
  onOpen: () => void;
}) {
  const { metric: m, t, lang } = props;
  const series = seriesById(props.data.region.kpis).get(m.id);
  const total = series?.total;
  const target = total?.target ?? m.target;
  const status = displayStatus(total?.status ?? "NO_DATA", target);
  const quarters = quarterRange(props.from, props.to);
  const spark = quarters.map((q) => {
    const p = series?.points.find((x) => x.quarter === q);
    return p && p.status !== "NO_DATA" ? p.value : null;
  });
  const color = statusColor(status, target);
  // Without a target nothing is met or missed: a neutral 无目标 / No target badge, never 达标.
  const relation = targetRelation(m);
  return (
    <button
      type="button"
      className={`card kpi status-${status}`}
      style={{ borderTopColor: color }}
      onClick={props.onOpen}
      data-testid={`card-${m.id}`}
    >
      <div className="card-head">
        <span className="kpi-name">{metricName(m, lang)}</span>
        <span className="badge" style={{ background: color }} data-testid="card-status">
          {t[`status${status}`]}
        </span>
      </div>
      {status === "NO_DATA" || total?.value == null ? (
        <div className="empty" data-testid="card-empty">
          {quarters.length > 1 ? t.noDataRange : t.noData}
        </div>
      ) : (
        <div className="kpi-value" data-testid="card-value">
          {formatValue(total.value, m, lang)}
        </div>
      )}
      <Flags value={total} t={t} testId="card-flags" />
      <div className="kpi-meta">
        <span>
          {target == null
            ? t.noTarget
            : relation === "band"
              ? `${t.target} ${formatValue(m.targetLow ?? target, m, lang)}–${formatValue(m.targetHigh ?? target, m, lang)}`
              : relation === "elapsed"
                ? `${t.target} ≥ ${t.targetElapsed}${total?.expected != null ? ` ${formatValue(total.expected, m, lang)}` : ""}`
                : `${t.target} ${relation} ${formatValue(target, m, lang)}`}
        </span>
      </div>
      <Changes series={series} metric={m} from={props.from} to={props.to} lang={lang} t={t} />
      <Sparkline values={spark} color={color} />
      <div className="kpi-foot">
        {quarterLabel(props.from, lang)} – {quarterLabel(props.to, lang)}
      </div>
    </button>
  );
}
