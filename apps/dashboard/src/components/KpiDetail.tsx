import { useMemo } from "react";
import type { DomainData, Metric } from "../lib/api";
import { downloadText } from "../lib/csv";
import { formatBase, formatValue, type Lang, unitDecimals } from "../lib/format";
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
  const series = seriesById(data.region.kpis).get(m.id);
  const points = series?.points ?? [];
  const decimals = unitDecimals(m.unit);
  const target = series?.total.target ?? m.target;

  const children = useMemo(
    () =>
      data.children
        .map((c) => ({ code: c.code, name: c.name, total: seriesById(c.kpis).get(m.id)?.total }))
        .sort(
          (a, b) =>
            (b.total?.value ?? Number.NEGATIVE_INFINITY) - (a.total?.value ?? Number.NEGATIVE_INFINITY),
        ),
    [data.children, m.id],
  );

  const trendOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 56, right: 24, top: 24, bottom: 32 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: points.map((p) => quarterShort(p.quarter ?? "")) },
      // Keep the target line in view: the axis spans the data and the target.
      yAxis: {
        type: "value",
        scale: true,
        min: (e: { min: number }) => niceBound(Math.min(e.min, target ?? e.min), "down"),
        max: (e: { max: number }) => niceBound(Math.max(e.max, target ?? e.max), "up"),
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
                  label: { formatter: `${t.target} ${target}`, position: "insideEndTop" },
                  lineStyle: { color: "#c53030", type: "dashed" },
                  data: [{ yAxis: target }],
                }
              : undefined,
        },
      ],
    }),
    [points, m, lang, target, t.target, decimals],
  );

  const barsOption = useMemo<ChartOption>(
    () => ({
      grid: { left: 140, right: 48, top: 8, bottom: 24 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: {
        type: "value",
        scale: m.unit === "%",
        max: (e: { max: number }) => niceBound(Math.max(e.max, target ?? e.max), "up"),
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
                  label: { show: false },
                  lineStyle: { color: "#c53030", type: "dashed" },
                  data: [{ xAxis: target }],
                }
              : undefined,
        },
      ],
    }),
    [children, m.unit, target, decimals],
  );

  const denominator = lang === "en" ? m.denominatorEn : m.denominatorZh;
  const numerator = lang === "en" ? m.numeratorEn : m.numeratorZh;

  return (
    <div className="detail" data-testid="kpi-detail">
      <div className="detail-head">
        <button type="button" className="link" onClick={props.onBack}>
          ← {t.back}
        </button>
        <h2>
          {domainLabel(m.domain, lang)} · <span data-testid="detail-title">{metricName(m, lang)}</span>
        </h2>
        <div className="detail-total" data-testid="detail-value">
          {series?.total.value != null ? formatValue(series.total.value, m.unit, lang) : t.noDataRange}
        </div>
        <div className="detail-formula">
          {t.numerator}: {numerator} ={" "}
          <b data-testid="detail-numerator">{formatBase(series?.total.numerator, lang)}</b>
          {denominator && (
            <>
              {" · "}
              {t.denominator}: {denominator} ={" "}
              <b data-testid="detail-denominator">{formatBase(series?.total.denominator, lang)}</b>
            </>
          )}
          {target != null && ` · ${t.target} ${formatValue(target, m.unit, lang)}`}
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
                  <td className="num">{p.status === "NO_DATA" ? "—" : formatBase(p.numerator, lang)}</td>
                  {denominator && <td className="num">{formatBase(p.denominator, lang)}</td>}
                  <td className="num">
                    {p.status === "NO_DATA" ? t.noData : formatValue(p.value, m.unit, lang)}
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
                      {c.total?.value != null ? formatValue(c.total.value, m.unit, lang) : t.noData}
                    </span>
                    <span className="muted num">
                      {formatBase(c.total?.numerator, lang)}
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
