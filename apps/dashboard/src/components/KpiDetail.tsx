import { useCallback, useEffect, useMemo, useRef } from "react";
import type { DomainData, Metric } from "../lib/api";
import { downloadText } from "../lib/csv";
import { formatBare, formatBase, formatValue, type Lang } from "../lib/format";
import { domainLabel, type Messages, metricName } from "../lib/i18n";
import { displayStatus, seriesById, statusColor } from "../lib/kpi";
import { quartersCsv } from "../lib/quality";
import { quarterLabel, quarterShort } from "../lib/quarters";
import EChart, { type ChartOption } from "./EChart";
import { Changes, Flags } from "./Quality";

export default function KpiDetail(props: {
  metric: Metric;
  data: DomainData;
  from: string;
  to: string;
  lang: Lang;
  t: Messages;
  onDrill: (code: string) => void;
  onBack: () => void;
}) {
  const { metric: m, data, lang, t } = props;
  // Opening a detail moves the keyboard focus to its heading (screen readers announce it).
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (m.id) heading.current?.focus();
  }, [m.id]);
  const series = seriesById(data.region.kpis).get(m.id);
  const points = series?.points ?? [];
  const decimals = m.precision;
  const target = series?.total.target ?? m.target;

  const children = useMemo(
    () =>
      data.children
        .map((c) => ({ code: c.code, name: c.name, total: seriesById(c.kpis ?? []).get(m.id)?.total }))
        .sort(
          (a, b) =>
            (b.total?.value ?? Number.NEGATIVE_INFINITY) - (a.total?.value ?? Number.NEGATIVE_INFINITY),
        ),
    [data.children, m.id],
  );

  /** Rates are drawn as a line that may zoom in on its range; everything else as bars from zero. */
  const trendZoomed = m.unit === "%";
  const trendFloor = useMemo(() => {
    const values = points.flatMap((p) => (p.value == null ? [] : [p.value]));
    if (!trendZoomed || values.length === 0) return null;
    const low = niceBound(Math.min(...values, target ?? Number.POSITIVE_INFINITY), "down");
    return low > 0 ? low : null;
  }, [points, target, trendZoomed]);
  /** Tooltips carry the unit: "97.41%", "1,234.56 万元". */
  const withUnit = useCallback(
    (v: unknown) => (typeof v === "number" ? formatValue(v, m, lang) : t.noData),
    [m, lang, t.noData],
  );

  const trendOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 64, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: "axis", valueFormatter: withUnit },
      xAxis: { type: "category", data: points.map((p) => quarterShort(p.quarter ?? "")) },
      // A bar's length is its value: bars start at zero. A rate's line may zoom in (its axis says
      // where it starts, below the chart); either way the axis spans the target, so its line shows.
      yAxis: {
        type: "value",
        scale: trendZoomed,
        min: trendZoomed ? (e: { min: number }) => niceBound(Math.min(e.min, target ?? e.min), "down") : 0,
        max: (e: { max: number }) => niceBound(Math.max(e.max, target ?? e.max), "up"),
        axisLabel: { formatter: (v: number) => formatBare(v, m, lang) },
      },
      series: [
        {
          type: m.unit === "%" ? "line" : "bar",
          name: metricName(m, lang),
          data: points.map((p) => ({
            value: roundTo(p.value, decimals),
            itemStyle: { color: statusColor(p.status, target) },
          })),
          lineStyle: { color: "#2b6cb0", width: 3 },
          symbolSize: 8,
          markLine:
            target != null
              ? {
                  symbol: "none",
                  label: {
                    formatter: `${t.target} ${formatValue(target, m, lang)}`,
                    position: "insideEndTop",
                  },
                  lineStyle: { color: "#c53030", type: "dashed" },
                  data: [{ yAxis: target }],
                }
              : undefined,
        },
      ],
    }),
    [points, m, lang, target, t.target, decimals, trendZoomed, withUnit],
  );

  const barsOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 140, right: 48, top: 8, bottom: 24 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: withUnit },
      // Bars start at zero (a cut axis exaggerates gaps); the axis reaches the target, so its line shows.
      xAxis: {
        type: "value",
        min: 0,
        max: (e: { max: number }) => niceBound(Math.max(e.max, target ?? e.max), "up"),
        axisLabel: { formatter: (v: number) => formatBare(v, m, lang) },
      },
      yAxis: { type: "category", inverse: true, data: children.map((c) => c.name) },
      series: [
        {
          type: "bar",
          data: children.map((c) => ({
            value: roundTo(c.total?.value ?? null, decimals),
            itemStyle: { color: statusColor(c.total?.status ?? "NO_DATA", target) },
          })),
          label: {
            show: true,
            position: "right",
            formatter: (p: { value: unknown }) =>
              typeof p.value === "number" ? p.value.toFixed(decimals) : "—",
          },
          markLine:
            target != null
              ? {
                  symbol: "none",
                  label: { formatter: `${t.target} ${formatValue(target, m, lang)}`, position: "start" },
                  lineStyle: { color: "#c53030", type: "dashed" },
                  data: [{ xAxis: target }],
                }
              : undefined,
        },
      ],
    }),
    [children, m, target, decimals, lang, t.target, withUnit],
  );

  const denominator = lang === "en" ? m.denominatorEn : m.denominatorZh;
  const numerator = lang === "en" ? m.numeratorEn : m.numeratorZh;
  /** An amount's numerator is the money itself: shown in 万元 as on the cards, never in yuan. */
  const numeratorText = (v: { numerator?: number | null; value?: number | null } | undefined) =>
    m.unit === "万元" && !denominator ? formatValue(v?.value, m, lang) : formatBase(v?.numerator, lang);

  return (
    <div className="detail" data-testid="kpi-detail">
      <div className="detail-head">
        <button type="button" className="link" onClick={props.onBack}>
          ← {t.back}
        </button>
        <h2 ref={heading} tabIndex={-1} data-testid="detail-heading">
          {domainLabel(m.domain, lang)} · <span data-testid="detail-title">{metricName(m, lang)}</span>
        </h2>
        <div className="detail-total" data-testid="detail-value">
          {series?.total.value != null ? formatValue(series.total.value, m, lang) : t.noDataRange}
        </div>
        <div className="detail-formula">
          {t.numerator}: {numerator} = <b data-testid="detail-numerator">{numeratorText(series?.total)}</b>
          {denominator && (
            <>
              {" · "}
              {t.denominator}: {denominator} ={" "}
              <b data-testid="detail-denominator">{formatBase(series?.total.denominator, lang)}</b>
            </>
          )}
          {target != null && ` · ${t.target} ${formatValue(target, m, lang)}`}
        </div>
        <Flags value={series?.total} t={t} testId="detail-flags" />
        <Changes series={series} metric={m} from={props.from} to={props.to} lang={lang} t={t} />
      </div>
      <div className="panels">
        <section className="panel">
          <h3>
            {t.trend}{" "}
            <button
              type="button"
              className="link small"
              data-testid="export-quarters"
              onClick={() =>
                downloadText(
                  quartersCsv(m, series, t, lang, decimals),
                  `${data.region.name}_${metricName(m, lang)}_${props.from}-${props.to}.csv`,
                )
              }
            >
              {t.exportQuarters}
            </button>
          </h3>
          <EChart option={trendOption} height={280} label={t.trend} testId="trend-chart" />
          {trendFloor !== null && (
            <p className="axis-note" data-testid="axis-note">
              {t.axisFrom.replace("{v}", formatValue(trendFloor, m, lang))}
            </p>
          )}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1) */}
          <section className="table-scroll" tabIndex={0} aria-label={t.trend}>
            <table className="plain">
              <thead>
                <tr>
                  <th>{t.quarter}</th>
                  <th>{t.numerator}</th>
                  {denominator && <th>{t.denominator}</th>}
                  <th>{t.value}</th>
                  <th>{t.status}</th>
                  <th>{t.flags}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((p) => (
                  <tr key={p.quarter} data-testid={`quarter-${p.quarter}`}>
                    <td>{quarterLabel(p.quarter ?? "", lang)}</td>
                    <td className="num">{p.status === "NO_DATA" ? "—" : numeratorText(p)}</td>
                    {denominator && <td className="num">{formatBase(p.denominator, lang)}</td>}
                    <td className="num">
                      {p.status === "NO_DATA" ? t.noData : formatValue(p.value, m, lang)}
                    </td>
                    <td>
                      <span className="dot" style={{ background: statusColor(p.status, target) }} />
                      {t[`status${displayStatus(p.status, target)}`]}
                    </td>
                    <td>
                      <Flags value={p} t={t} testId="quarter-flags" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </section>
        <section className="panel">
          <h3>
            {t.comparison} <small>{children.length > 0 ? t.clickToDrill : ""}</small>
          </h3>
          {children.length === 0 ? (
            <p className="empty">{t.noChildren}</p>
          ) : (
            <>
              <EChart
                option={barsOption}
                height={Math.max(160, children.length * 28 + 40)}
                label={t.comparison}
                testId="comparison-chart"
                onClickName={(_name, i) => {
                  const c = children[i];
                  if (c) props.onDrill(c.code);
                }}
              />
              <ul className="child-list">
                {children.map((c) => (
                  <li key={c.code}>
                    <button
                      type="button"
                      className="link"
                      data-testid={`drill-${c.code}`}
                      onClick={() => props.onDrill(c.code)}
                    >
                      {c.name}
                    </button>
                    <span className="num">
                      {c.total?.value != null ? formatValue(c.total.value, m, lang) : t.noData}
                    </span>
                    <span className="muted num">
                      {numeratorText(c.total)}
                      {c.total?.denominator != null && ` / ${formatBase(c.total.denominator, lang)}`}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** Rounds an axis bound outwards to one significant step, so a target line stays inside. */
function niceBound(v: number, dir: "up" | "down"): number {
  if (!Number.isFinite(v) || v === 0) return 0;
  const step = 10 ** Math.floor(Math.log10(Math.abs(v)) - 1);
  return dir === "up" ? Math.ceil(v / step + 0.5) * step : Math.floor(v / step - 0.5) * step;
}

function roundTo(v: number | null, decimals: number): number | null {
  return v === null ? null : Number(v.toFixed(decimals));
}
