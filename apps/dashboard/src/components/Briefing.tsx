// The printable quarterly briefing (A4, Chinese first): the current region and range with its
// headline KPIs, 环比 / 同比, each domain's ranking ends and the exceptions. Hidden on screen; the
// print stylesheet (leadership.css) shows only it, so 打印 / 导出 PDF prints a clean page.
import { type DomainData, isCompletenessMetric } from "../lib/api";
import { formatValue, type Lang } from "../lib/format";
import { domainLabel, type Messages, metricName } from "../lib/i18n";
import { changes, displayStatus, seriesById } from "../lib/kpi";
import { bestAndWorst, type Exception, rankableMetrics, rankChildren } from "../lib/leadership";
import { quarterLabel } from "../lib/quarters";
import { KIND_LABEL } from "./LeaderPanels";

/** How many exceptions the printed page lists (the screen lists them all). */
const PRINTED_EXCEPTIONS = 20;

export function Briefing(props: {
  domains: readonly DomainData[];
  exceptions: readonly Exception[];
  from: string;
  to: string;
  lang: Lang;
  t: Messages;
}) {
  const { t, lang, domains } = props;
  const region = domains[0]?.region;
  if (!region) return null;
  const range =
    props.from === props.to
      ? quarterLabel(props.from, lang)
      : `${quarterLabel(props.from, lang)} – ${quarterLabel(props.to, lang)}`;
  return (
    <article className="briefing" data-testid="briefing" aria-hidden="true">
      <h1>
        {region.name}（{region.code}）{t.briefingTitle}
      </h1>
      <p>
        {t.briefingRange}：{range}　{t.briefingPrinted}：
        {new Date().toLocaleDateString(lang === "en" ? "en-GB" : "zh-CN")}
      </p>
      <h2>{t.briefingHeadline}</h2>
      <table>
        <thead>
          <tr>
            <th>{t.briefingDomain}</th>
            <th>{t.briefingKpi}</th>
            <th>{t.value}</th>
            <th>{t.target}</th>
            <th>{t.status}</th>
            <th>{t.qoq}</th>
            <th>{t.yoy}</th>
          </tr>
        </thead>
        <tbody>
          {domains.flatMap((d) => {
            const series = seriesById(d.region.kpis);
            return d.metrics
              .filter((m) => !isCompletenessMetric(m.id))
              .map((m) => {
                const s = series.get(m.id);
                const c = changes(s, m, lang);
                const status = displayStatus(s?.total.status ?? "NO_DATA", s?.total.target ?? m.target);
                return (
                  <tr key={m.id}>
                    <td>{domainLabel(d.domain, lang)}</td>
                    <td>{metricName(m, lang)}</td>
                    <td className="num">{formatValue(s?.total.value, m, lang)}</td>
                    <td className="num">{formatValue(s?.total.target ?? m.target, m, lang)}</td>
                    <td>{t[`status${status}`]}</td>
                    <td className="num">{c.qoq.change?.text ?? "—"}</td>
                    <td className="num">{c.yoy.change?.text ?? "—"}</td>
                  </tr>
                );
              });
          })}
        </tbody>
      </table>
      {domains.map((d) => {
        const m = rankableMetrics(d.metrics)[0];
        if (!m || d.children.length === 0) return null;
        const { best, worst } = bestAndWorst(rankChildren(d, m, props.to), 3);
        return (
          <section key={d.domain}>
            <h2>
              {t.rankingTitle} · {domainLabel(d.domain, lang)} · {metricName(m, lang)}
            </h2>
            <p>
              {t.rankingBest}：
              {best.map((r) => `${r.rank}. ${r.name} ${formatValue(r.value, m, lang)}`).join("；")}
              {worst.length > 0 && (
                <>
                  <br />
                  {t.rankingWorst}：
                  {worst.map((r) => `${r.rank}. ${r.name} ${formatValue(r.value, m, lang)}`).join("；")}
                </>
              )}
            </p>
          </section>
        );
      })}
      <h2>
        {t.exceptionsTitle}（{props.exceptions.length}）
      </h2>
      {props.exceptions.length === 0 ? (
        <p>{t.exceptionsNone}</p>
      ) : (
        <ul>
          {props.exceptions.slice(0, PRINTED_EXCEPTIONS).map((e) => (
            <li key={`${e.kind}-${e.regionCode}-${e.metric.id}`}>
              [{String(t[KIND_LABEL[e.kind]])}] {e.regionName} · {domainLabel(e.domain, lang)} ·{" "}
              {metricName(e.metric, lang)}：{formatValue(e.value, e.metric, lang)}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
