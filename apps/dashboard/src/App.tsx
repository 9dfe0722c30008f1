import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { DashboardView } from "./components/DashboardView";
import { PageNav, Shell } from "./components/Layout";
import { SignIn } from "./components/SignIn";
import { defaultRange, discoverDomains, GqlError, type RegionRef } from "./lib/api";
import { announcedDomainNames, messages } from "./lib/i18n";
import { decodeToken } from "./lib/jwt";
import { currentQuarter } from "./lib/quarters";
import { queryClient, retryDomains, useDomains } from "./lib/queries";
import { loadSession, type Session, saveSession } from "./lib/session";
import { parseView, serializeView, type ViewState } from "./lib/urlState";

// The reporting pages (data entry, import, approvals) are chunks of their own, loaded when opened.
const DataEntry = lazy(() => import("./components/reporting/DataEntry"));
const ImportPage = lazy(() => import("./components/reporting/ImportPage"));
const Approvals = lazy(() => import("./components/reporting/Approvals"));
// API tokens for scripts (admins only), a chunk of its own too.
const ApiTokens = lazy(() => import("./components/ApiTokens"));
// 数据查询 (GraphiQL with Monaco, and exceljs on demand) and 接口文档 (marked): chunks of their own.
const Explorer = lazy(() => import("./components/Explorer"));
const ApiDocs = lazy(() => import("./components/ApiDocs"));

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
      // Nothing the signed-out user read stays in memory (the answers are cached per token).
      queryClient.clear();
      // Signing out on purpose forgets the view (the next user starts at their own scope); an
      // expired session keeps it, so signing in again returns to the same view.
      if (message === null)
        navigate(
          {
            region: null,
            from: null,
            to: null,
            kpi: null,
            cols: [],
            page: "dashboard",
            unit: null,
            query: null,
            variables: null,
          },
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
      const s: Session = { token, info, domains, domainNames: announcedDomainNames(), range };
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

  const domains = useDomains(session, region, from, to, view.page === "dashboard", onAuthError);

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
  const path: RegionRef[] = ok[0]?.region.path ?? [];

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

  const scopeName =
    path[0]?.code === session.info.scope
      ? path[0].name
      : knownScope?.scope === session.info.scope
        ? knownScope.name
        : (session.scopeName ?? session.info.scope);

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
        onPage={(page) =>
          // The explorer's query stays in its own links only.
          navigate({ page, kpi: null, ...(page === "explorer" ? {} : { query: null, variables: null }) })
        }
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
            if (view.page === "explorer") return <Explorer {...pageProps} />;
            if (view.page === "docs") return <ApiDocs {...pageProps} />;
            return <Approvals {...pageProps} />;
          })()}
        </Suspense>
      ) : (
        <DashboardView
          view={view}
          t={t}
          navigate={navigate}
          scope={session.info.scope}
          token={session.token}
          region={region}
          from={from}
          to={to}
          domains={domains}
          onRetry={retryDomains}
        />
      )}
    </Shell>
  );
}
