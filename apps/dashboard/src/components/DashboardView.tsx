// The dashboard page: toolbar (breadcrumb, region, range, tabs), then the overview, the region
// table or a KPI detail, from one request per domain (see App.tsx).
import { lazy, Suspense, useMemo } from "react";
import type { Metric, RegionRef } from "../lib/api";
import type { Messages } from "../lib/i18n";
import { seriesById } from "../lib/kpi";
import { exceptionsOf } from "../lib/leadership";
import { compareQuarters, currentQuarter, fromIndex, quarterIndex, quarterLabel } from "../lib/quarters";
import type { DomainState } from "../lib/queries";
import type { ViewState } from "../lib/urlState";
import { Briefing } from "./Briefing";
import { Exceptions, Ranking } from "./LeaderPanels";
import { Overview } from "./Overview";
import { RegionMap } from "./RegionMap";
import { RegionSearch } from "./RegionSearch";
import { RegionTable, type TableRow } from "./RegionTable";

// The KPI detail (and ECharts with it) loads on demand, keeping the landing view light.
const KpiDetail = lazy(() => import("./KpiDetail"));

const FIRST_QUARTER = "2018Q1";

export interface DashboardViewProps {
  view: ViewState;
  t: Messages;
  navigate: (patch: Partial<ViewState>, push?: boolean) => void;
  scope: string;
  /** the signed-in user's token (the region search fetches its directory with it) */
  token: string;
  region: string | null;
  from: string | null;
  to: string | null;
  domains: DomainState[];
  onRetry: () => void;
}

export function DashboardView(props: DashboardViewProps) {
  const { view, t, navigate, region, from, to, domains } = props;
  const ok = useMemo(() => domains.flatMap((d) => (d.status === "ok" ? [d.data] : [])), [domains]);
  /** A region the user may not see, or that does not exist: said once, plainly, with a way back. */
  const regionProblem = ok.length === 0 ? regionProblemOf(domains) : null;
  const first = ok[0];
  const path: RegionRef[] = first?.region.path ?? [];
  const current: RegionRef | undefined = first?.region;
  const children: RegionRef[] = useMemo(() => first?.children ?? [], [first]);
  const allMetrics: Metric[] = useMemo(() => ok.flatMap((d) => d.metrics), [ok]);
  const exceptions = useMemo(() => exceptionsOf(ok), [ok]);
  const openAt = (code: string, kpi: string) => navigate({ region: code, kpi });

  const chosen = useMemo(() => {
    const known = view.cols.filter((id) => allMetrics.some((m) => m.id === id));
    if (known.length > 0) return known;
    const byDomain = new Map<string, string[]>();
    for (const m of allMetrics) byDomain.set(m.domain, [...(byDomain.get(m.domain) ?? []), m.id]);
    return [...byDomain.values()].flatMap((ids) => ids.slice(0, 3));
  }, [view.cols, allMetrics]);

  const rows: TableRow[] = useMemo(() => {
    const base = children.length > 0 ? children : current ? [current] : [];
    return base.map((r) => {
      const values: TableRow["values"] = {};
      for (const d of ok) {
        const src = children.length > 0 ? d.children.find((c) => c.code === r.code)?.kpis : d.region.kpis;
        for (const [id, s] of seriesById(src ?? []))
          values[id] = { value: s.total.value, status: s.total.status };
      }
      return { code: r.code, name: r.name, values };
    });
  }, [children, current, ok]);

  const quarters: string[] = [];
  for (let i = quarterIndex(FIRST_QUARTER); i <= quarterIndex(currentQuarter()); i++)
    quarters.push(fromIndex(i));
  const detailMetric = view.kpi ? allMetrics.find((m) => m.id === view.kpi) : undefined;
  const detailDomain = view.kpi ? domains.find((d) => d.domain === view.kpi?.split(".")[0]) : undefined;
  const drill = (code: string) => navigate({ region: code });
  const setRange = (f: string, tq: string) =>
    compareQuarters(f, tq) <= 0 ? navigate({ from: f, to: tq }) : navigate({ from: tq, to: f });

  return (
    <>
      <div className="toolbar">
        <nav className="breadcrumb" aria-label={t.breadcrumb} data-testid="breadcrumb">
          {path.map((r, i) => (
            <span key={r.code}>
              {i > 0 && <span className="sep">›</span>}
              {r.code === region ? (
                <strong>{r.name}</strong>
              ) : (
                <button type="button" className="link" onClick={() => navigate({ region: r.code })}>
                  {r.name}
                </button>
              )}
            </span>
          ))}
        </nav>
        <label>
          {t.region}
          <select
            value={region ?? ""}
            onChange={(e) => navigate({ region: e.target.value })}
            data-testid="region-picker"
          >
            {path.map((r, i) => (
              <option key={r.code} value={r.code}>
                {"\u3000".repeat(i)}
                {r.name}
              </option>
            ))}
            {children.map((r) => (
              <option key={r.code} value={r.code}>
                {"\u3000".repeat(path.length)}
                {r.name}
              </option>
            ))}
            {path.length === 0 && region && <option value={region}>{region}</option>}
          </select>
        </label>
        <RegionSearch
          key={props.token}
          token={props.token}
          t={t}
          onPick={(code) => navigate({ region: code, kpi: null })}
        />
        <label>
          {t.range}
          <select
            value={from ?? ""}
            onChange={(e) => setRange(e.target.value, to ?? e.target.value)}
            data-testid="range-from"
          >
            {quarters.map((q) => (
              <option key={q} value={q}>
                {quarterLabel(q, view.lang)}
              </option>
            ))}
          </select>
          <span>–</span>
          <select
            value={to ?? ""}
            onChange={(e) => setRange(from ?? e.target.value, e.target.value)}
            data-testid="range-to"
          >
            {quarters.map((q) => (
              <option key={q} value={q}>
                {quarterLabel(q, view.lang)}
              </option>
            ))}
          </select>
        </label>
        <div className="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={view.tab === "overview"}
            onClick={() => navigate({ tab: "overview" })}
            data-testid="tab-overview"
          >
            {t.overview}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view.tab === "table"}
            onClick={() => navigate({ tab: "table", kpi: null })}
            data-testid="tab-table"
          >
            {t.table}
          </button>
        </div>
        <button
          type="button"
          onClick={() => window.print()}
          disabled={ok.length === 0}
          data-testid="print-briefing"
        >
          {t.print}
        </button>
      </div>
      {regionProblem && (
        <div
          className="notice"
          role="alert"
          data-testid={regionProblem === "FORBIDDEN" ? "forbidden" : "not-found"}
        >
          {(regionProblem === "FORBIDDEN" ? t.forbiddenRegion : t.unknownRegion).replace(
            "{code}",
            region ?? "",
          )}{" "}
          <button type="button" className="link" onClick={() => navigate({ region: props.scope, kpi: null })}>
            {t.backToScope}
          </button>
        </div>
      )}
      {current && (
        <h1 className="region-title" data-testid="region-title">
          {current.name} <small className="muted">{current.code}</small>
        </h1>
      )}
      {regionProblem ? null : !from || !to ? (
        <p className="muted">{t.determiningRange}</p>
      ) : view.kpi ? (
        detailMetric && detailDomain?.status === "ok" ? (
          <Suspense fallback={<div className="card skeleton tall" role="status" aria-busy="true" />}>
            <KpiDetail
              metric={detailMetric}
              data={detailDomain.data}
              from={from}
              to={to}
              lang={view.lang}
              t={t}
              onDrill={drill}
              onBack={() => navigate({ kpi: null })}
            />
          </Suspense>
        ) : detailDomain?.status === "error" ? (
          regionProblem ? null : (
            <div className="card unavailable" role="alert">
              <strong>{t.unavailable}</strong>
              <p>{t.unavailableHint}</p>
            </div>
          )
        ) : detailDomain?.status === "loading" || !detailDomain ? (
          <div className="card skeleton tall" role="status" aria-busy="true" aria-label={t.loading} />
        ) : (
          <p className="empty">{t.noData}</p>
        )
      ) : view.tab === "table" ? (
        ok.length === 0 && domains.some((d) => d.status === "loading") ? (
          <div className="card skeleton tall" role="status" aria-busy="true" aria-label={t.loading} />
        ) : (
          <RegionTable
            rows={rows}
            metrics={allMetrics}
            chosen={chosen}
            onChoose={(cols) => navigate({ cols }, false)}
            sort={view.sort}
            onSort={(sort) => navigate({ sort }, false)}
            lang={view.lang}
            t={t}
            fileName={`${current?.name ?? region}_${from}-${to}.csv`}
            onDrill={drill}
          />
        )
      ) : (
        <>
          {ok.length > 0 && (
            <div className="leader-panels">
              <Exceptions items={exceptions} lang={view.lang} t={t} onOpen={openAt} />
              <RegionMap domains={ok} to={to} lang={view.lang} t={t} onDrill={drill} />
            </div>
          )}
          <Overview
            domains={domains}
            from={from}
            to={to}
            lang={view.lang}
            t={t}
            onOpen={(kpi) => navigate({ kpi })}
            onRetry={props.onRetry}
            after={(data) => (
              <Ranking
                key={`${data.region.code}-${data.domain}`}
                data={data}
                to={to}
                lang={view.lang}
                t={t}
                onOpen={openAt}
              />
            )}
          />
        </>
      )}
      {ok.length > 0 && from && to && (
        <Briefing domains={ok} exceptions={exceptions} from={from} to={to} lang={view.lang} t={t} />
      )}
    </>
  );
}

/**
 * Why no domain can show the region, when it is the region's fault (not a service's): FORBIDDEN
 * (outside the user's scope) or NOT_FOUND (no such code). Retrying cannot help either.
 */
export function regionProblemOf(
  domains: readonly { status: string; code?: string }[],
): "FORBIDDEN" | "NOT_FOUND" | null {
  const codes = new Set(domains.filter((d) => d.status === "error").map((d) => d.code));
  if (codes.has("FORBIDDEN")) return "FORBIDDEN";
  if (codes.has("NOT_FOUND") || codes.has("BAD_USER_INPUT")) return "NOT_FOUND";
  return null;
}
