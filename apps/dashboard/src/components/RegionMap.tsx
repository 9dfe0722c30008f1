// The map view: the children of the current region coloured by a chosen KPI's status. At the
// national level a tile-grid map of the 34 province-level regions (a cartogram: no GeoJSON is
// fetched, nothing loads from outside); at every level a ranked bar view of the children, bars from 0.
import { useState } from "react";
import type { DomainData } from "../lib/api";
import { formatValue, type Lang } from "../lib/format";
import { domainLabel, type Messages, metricName } from "../lib/i18n";
import { STATUS_COLOR } from "../lib/kpi";
import { PROVINCE_TILES, rankableMetrics, rankChildren } from "../lib/leadership";

export function RegionMap(props: {
  domains: readonly DomainData[];
  to: string;
  lang: Lang;
  t: Messages;
  onDrill: (code: string) => void;
}) {
  const { t, lang, domains } = props;
  const choices = domains.flatMap((d) => rankableMetrics(d.metrics).map((m) => ({ d, m })));
  const [metricId, setMetricId] = useState(choices[0]?.m.id ?? "");
  const chosen = choices.find((c) => c.m.id === metricId) ?? choices[0];
  if (!chosen || chosen.d.children.length === 0) return null;
  const { d, m } = chosen;
  const ranked = rankChildren(d, m, props.to);
  const byProvince = new Map(ranked.map((r) => [r.code.slice(0, 2), r]));
  const national = d.region.level === "NATION";
  const max = Math.max(0, ...ranked.map((r) => r.value ?? 0));
  const statuses = ["MET", "NEAR", "MISSED", "NO_TARGET", "NO_DATA"] as const;

  return (
    <section className="panel region-map" data-testid="region-map" aria-labelledby="map-title">
      <h2 id="map-title">{t.mapTitle}</h2>
      <p className="intro">{national ? t.mapIntro : t.clickToDrill}</p>
      <div className="panel-controls">
        <label>
          {t.rankingKpi}{" "}
          <select value={m.id} onChange={(e) => setMetricId(e.target.value)} data-testid="map-kpi">
            {domains.map((dd) => (
              <optgroup key={dd.domain} label={domainLabel(dd.domain, lang)}>
                {rankableMetrics(dd.metrics).map((x) => (
                  <option key={x.id} value={x.id}>
                    {metricName(x, lang)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      {national && (
        <div className="tile-map" data-testid="tile-map">
          {Object.entries(PROVINCE_TILES).map(([prefix, tile]) => {
            const r = byProvince.get(prefix);
            const label = r
              ? `${r.name} ${formatValue(r.value, m, lang)} ${t[`status${r.status}`]}`
              : `${tile.short} ${t.mapOutOfScope}`;
            return (
              <button
                type="button"
                key={prefix}
                className="tile"
                style={{
                  gridColumn: tile.col + 1,
                  gridRow: tile.row + 1,
                  background: r ? STATUS_COLOR[r.status] : undefined,
                }}
                disabled={!r}
                title={label}
                aria-label={label}
                data-testid={`tile-${prefix}`}
                data-status={r?.status ?? "NONE"}
                onClick={() => r && props.onDrill(r.code)}
              >
                {tile.short}
              </button>
            );
          })}
        </div>
      )}
      <div className="map-legend">
        {statuses.map((s) => (
          <span key={s}>
            <i style={{ background: STATUS_COLOR[s] }} />
            {t[`status${s}`]}
          </span>
        ))}
      </div>
      <ol className="ranked-bars" data-testid="ranked-bars">
        {ranked.map((r) => (
          <li key={r.code}>
            <button type="button" className="link" onClick={() => props.onDrill(r.code)}>
              {r.rank ?? "—"}. {r.name}
            </button>
            <span className="bar-track" aria-hidden="true">
              <span
                className="bar"
                style={{
                  width: `${max > 0 && r.value != null ? (Math.max(0, r.value) / max) * 100 : 0}%`,
                  background: STATUS_COLOR[r.status],
                }}
              />
            </span>
            <span className="num">{r.value == null ? t.mapNoData : formatValue(r.value, m, lang)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
