import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type DomainState, Overview } from "./components/Overview";
import { RegionTable, type TableRow } from "./components/RegionTable";
import { SignIn } from "./components/SignIn";
import { defaultRange, discoverDomains, fetchDomain, GqlError, type Metric, type RegionRef } from "./lib/api";
import { messages } from "./lib/i18n";
import { decodeToken } from "./lib/jwt";
import { seriesById } from "./lib/kpi";
import { compareQuarters, currentQuarter, fromIndex, quarterIndex, quarterLabel } from "./lib/quarters";
import { loadSession, type Session, saveSession } from "./lib/session";
import { type Page, parseView, serializeView, type ViewState } from "./lib/urlState";

// The KPI detail (and ECharts with it) loads on demand, keeping the landing view light.
const KpiDetail = lazy(() => import("./components/KpiDetail"));
// The reporting pages (data entry, import, approvals) are chunks of their own, loaded when opened.
const DataEntry = lazy(() => import("./components/reporting/DataEntry"));
const ImportPage = lazy(() => import("./components/reporting/ImportPage"));
const Approvals = lazy(() => import("./components/reporting/Approvals"));
// API tokens for scripts (admins only), a chunk of its own too.
const ApiTokens = lazy(() => import("./components/ApiTokens"));

/** Which role each page is for (admin may open every page; API tokens are for admins only). */
const PAGE_ROLE: Record<Exclude<Page, "dashboard">, string> = {
  entry: "reporter",
  import: "reporter",
  approvals: "approver",
  tokens: "admin",
};

const FIRST_QUARTER = "2018Q1";

export function App() {
  const [view, setView] = useState<ViewState>(() => parseView(location.search));
  const viewRef = useRef(view);
  viewRef.current = view;
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [signInMessage, setSignInMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const t = messages(view.lang);

  useEffect(() => {
    const onPop = () => setView(parseView(location.search));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);

  useEffect(() => {
    document.documentElement.lang = view.lang === "zh" ? "zh-CN" : "en";
    document.title = `${t.appTitle} · HSA Graph`;
  }, [view.lang, t.appTitle]);

  /** Changes the view and writes it to the URL (push: a new history entry, else replace). */
  const navigate = useCallback((patch: Partial<ViewState>, push = true) => {
    const next = { ...viewRef.current, ...patch };
    viewRef.current = next;
    const url = `${location.pathname}${serializeView(next)}`;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    setView(next);
  }, []);

  const signOut = useCallback(
    (message: string | null) => {
      saveSession(null);
      setSession(null);
      setSignInMessage(message);
      // Signing out on purpose forgets the view (the next user starts at their own scope); an
      // expired session keeps it, so signing in again returns to the same view.
      if (message === null)
        navigate(
          { region: null, from: null, to: null, kpi: null, cols: [], page: "dashboard", unit: null },
          false,
        );
    },
    [navigate],
  );

  const onAuthError = useCallback(
    (err: unknown) => {
      if (err instanceof GqlError && err.code === "UNAUTHENTICATED") {
        signOut(messages(viewRef.current.lang).sessionExpired);
        return true;
      }
      return false;
    },
    [signOut],
  );

  const signIn = async (token: string) => {
    const info = decodeToken(token);
    if (!info) return;
    setBusy(true);
    try {
      const domains = await discoverDomains(token);
      const v = viewRef.current;
      const range = v.from && v.to ? null : await defaultRange(token, domains, info.scope);
      const s: Session = { token, info, domains, range };
      saveSession(s);
      setSignInMessage(null);
      setSession(s);
      // A link from another user's scope must not stick: start at the new user's scope.
      if (v.region && v.region !== info.scope && !v.region.startsWith(info.scope.replace(/0+$/, "")))
        navigate({ region: null, kpi: null }, false);
    } catch (err) {
      if (!onAuthError(err))
        setSignInMessage(`${messages(viewRef.current.lang).error}: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  // A restored session without a default range (the link carried one before): find it once.
  useEffect(() => {
    if (!session || session.range || (view.from && view.to)) return;
    let live = true;
    defaultRange(session.token, session.domains, session.info.scope)
      .then((range) => {
        if (!live) return;
        const s = { ...session, range: range ?? { from: currentQuarter(), to: currentQuarter() } };
        saveSession(s);
        setSession(s);
      })
      .catch((err: unknown) => onAuthError(err));
    return () => {
      live = false;
    };
  }, [session, view.from, view.to, onAuthError]);

  const region = view.region ?? session?.info.scope ?? null;
  const from = view.from ?? session?.range?.from ?? null;
  const to = view.to ?? session?.range?.to ?? null;

  // Make the URL complete (region and range), so a copied link reproduces the view.
  useEffect(() => {
    if (!session || !region || !from || !to) return;
    const v = viewRef.current;
    if (v.region !== region || v.from !== from || v.to !== to) navigate({ region, from, to }, false);
  }, [session, region, from, to, navigate]);

  const [domains, setDomains] = useState<DomainState[]>([]);
  const [reload, setReload] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` re-runs the requests (retry)
  useEffect(() => {
    // The reporting pages make their own requests; the domains load when the dashboard is shown.
    if (!session || !region || !from || !to || view.page !== "dashboard") return;
    const ctrl = new AbortController();
    setDomains(session.domains.map((domain) => ({ domain, status: "loading" })));
    // One gateway request per domain: catalogue + region KPIs + children's KPIs.
    for (const domain of session.domains) {
      fetchDomain(session.token, domain, region, from, to, ctrl.signal)
        .then((data) => {
          if (ctrl.signal.aborted) return;
          setDomains((prev) => prev.map((d) => (d.domain === domain ? { domain, status: "ok", data } : d)));
        })
        .catch((err: unknown) => {
          if (ctrl.signal.aborted) return;
          if (onAuthError(err)) return;
          const code = err instanceof GqlError ? err.code : "INTERNAL_SERVER_ERROR";
          const message = (err as Error).message;
          setDomains((prev) =>
            prev.map((d) => (d.domain === domain ? { domain, status: "error", code, message } : d)),
          );
        });
    }
    return () => ctrl.abort();
  }, [session, region, from, to, reload, onAuthError, view.page]);

  const ok = useMemo(() => domains.flatMap((d) => (d.status === "ok" ? [d.data] : [])), [domains]);
  // Remember the scope's name for the pages that do not load the region path (data entry, import):
  // kept with the stored session, but not in the session state (that would load the domains again).
  const [knownScope, setKnownScope] = useState<{ scope: string; name: string } | null>(null);
  const onRegionName = useCallback(
    (code: string, name: string) => {
      if (!session || code !== session.info.scope || session.scopeName === name) return;
      session.scopeName = name;
      saveSession(session);
      setKnownScope({ scope: code, name });
    },
    [session],
  );
  const scopeRegion = ok[0]?.region.path[0];
  useEffect(() => {
    if (scopeRegion) onRegionName(scopeRegion.code, scopeRegion.name);
  }, [scopeRegion, onRegionName]);
  const first = ok[0];
  const path: RegionRef[] = first?.region.path ?? [];
  const current: RegionRef | undefined = first?.region;
  const children: RegionRef[] = first?.children ?? [];
  const allMetrics: Metric[] = useMemo(() => ok.flatMap((d) => d.metrics), [ok]);

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

  if (!session)
    return (
      <Shell
        t={t}
        lang={view.lang}
        onLang={() => navigate({ lang: view.lang === "zh" ? "en" : "zh" }, false)}
      >
        <SignIn t={t} lang={view.lang} message={signInMessage} busy={busy} onToken={signIn} />
      </Shell>
    );

  const quarters: string[] = [];
  for (let i = quarterIndex(FIRST_QUARTER); i <= quarterIndex(currentQuarter()); i++)
    quarters.push(fromIndex(i));
  const detailMetric = view.kpi ? allMetrics.find((m) => m.id === view.kpi) : undefined;
  const detailDomain = view.kpi ? domains.find((d) => d.domain === view.kpi?.split(".")[0]) : undefined;
  const scopeName =
    path[0]?.code === session.info.scope
      ? path[0].name
      : knownScope?.scope === session.info.scope
        ? knownScope.name
        : (session.scopeName ?? session.info.scope);

  const drill = (code: string) => navigate({ region: code });
  const setRange = (f: string, tq: string) =>
    compareQuarters(f, tq) <= 0 ? navigate({ from: f, to: tq }) : navigate({ from: tq, to: f });

  return (
    <Shell
      t={t}
      lang={view.lang}
      onLang={() => navigate({ lang: view.lang === "zh" ? "en" : "zh" }, false)}
      user={
        <div className="user" data-testid="user">
          <span className="user-name">{session.info.name}</span>
          <span className="muted">
            {t.scope}: <span data-testid="user-scope">{scopeName}</span> ({session.info.scope}) · {t.roles}:{" "}
            {session.info.roles.join(", ")}
          </span>
          <button type="button" onClick={() => signOut(null)} data-testid="sign-out">
            {t.signOut}
          </button>
        </div>
      }
    >
      <PageNav
        page={view.page}
        roles={session.info.roles}
        t={t}
        onPage={(page) => navigate({ page, kpi: null })}
      />
      {view.page !== "dashboard" ? (
        <Suspense fallback={<div className="card skeleton tall" role="status" aria-busy="true" />}>
          {(() => {
            const pageProps = {
              token: session.token,
              info: session.info,
              domains: session.domains,
              view,
              lang: view.lang,
              t,
              navigate,
              onAuthError,
              onRegionName,
            };
            if (view.page === "entry") return <DataEntry {...pageProps} />;
            if (view.page === "import") return <ImportPage {...pageProps} />;
            if (view.page === "tokens") return <ApiTokens {...pageProps} />;
            return <Approvals {...pageProps} />;
          })()}
        </Suspense>
      ) : (
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
          </div>
          {domains.some((d) => d.status === "error" && d.code === "FORBIDDEN") && ok.length === 0 && (
            <div className="notice" role="alert" data-testid="forbidden">
              {t.forbidden} ({region}){" "}
              <button
                type="button"
                className="link"
                onClick={() => navigate({ region: session.info.scope, kpi: null })}
              >
                {t.backToScope}
              </button>
            </div>
          )}
          {current && (
            <h1 className="region-title" data-testid="region-title">
              {current.name} <small className="muted">{current.code}</small>
            </h1>
          )}
          {!from || !to ? (
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
              <div className="card unavailable" role="alert">
                <strong>{t.unavailable}</strong>
                <p>{detailDomain.message}</p>
              </div>
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
                lang={view.lang}
                t={t}
                fileName={`${current?.name ?? region}_${from}-${to}.csv`}
                onDrill={drill}
              />
            )
          ) : (
            <Overview
              domains={domains}
              from={from}
              to={to}
              lang={view.lang}
              t={t}
              onOpen={(kpi) => navigate({ kpi })}
              onRetry={() => setReload((n) => n + 1)}
            />
          )}
        </>
      )}
    </Shell>
  );
}

/** The pages a user may open: the dashboard for all, data entry and import for reporters, approvals for approvers, API tokens for admins. */
function PageNav(props: {
  page: Page;
  roles: string[];
  t: ReturnType<typeof messages>;
  onPage: (page: Page) => void;
}) {
  const { t } = props;
  const may = (p: Page) =>
    p === "dashboard" || props.roles.includes("admin") || props.roles.includes(PAGE_ROLE[p]);
  const pages: [Page, string][] = [
    ["dashboard", t.navDashboard],
    ["entry", t.navEntry],
    ["import", t.navImport],
    ["approvals", t.navApprovals],
    ["tokens", t.navTokens],
  ];
  // A reporting page opened by link stays in the list (it says which role it needs); API tokens never show to a non-admin.
  const shown = pages.filter(([p]) => may(p) || (p === props.page && p !== "tokens"));
  if (shown.length < 2) return null;
  return (
    <nav className="page-nav" data-testid="page-nav">
      {shown.map(([p, label]) => (
        <button
          key={p}
          type="button"
          className="page-nav-item"
          aria-current={p === props.page ? "page" : undefined}
          onClick={() => props.onPage(p)}
          data-testid={`nav-${p}`}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}

function Shell(props: {
  t: ReturnType<typeof messages>;
  lang: "zh" | "en";
  onLang: () => void;
  user?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            医
          </span>
          <div>
            <div className="title">{props.t.appTitle}</div>
            <div className="subtitle">{props.t.appSubtitle}</div>
          </div>
        </div>
        {props.user}
        <button type="button" className="lang" onClick={props.onLang} data-testid="lang-switch">
          {props.t.language}
        </button>
      </header>
      <main className="content">{props.children}</main>
    </div>
  );
}
