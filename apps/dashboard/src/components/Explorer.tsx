// 数据查询 / the query explorer: GraphiQL 5 (Monaco) from npm, bundled with its workers and fonts
// (nothing loads from another host), in a chunk of its own loaded when the page is opened.
import "graphiql/setup-workers/vite";
import "graphiql/style.css";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { GqlError } from "../lib/api";
import { downloadBlob, downloadText, toCsv, XLSX_TYPE } from "../lib/csv";
import { changesData } from "../lib/explorerPolicy";
import { type ResultTable, resultTable, toXlsx } from "../lib/resultTable";
import type { PageProps } from "./reporting/common";

/** The gateway's refusal of an ad-hoc operation in production (see apps/gateway/src/persisted.ts). */
const PERSISTED_ONLY = "PERSISTED_OPERATIONS_ONLY";

type Fetcher = GraphiQLProps["fetcher"];
type GraphQLBody = {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
};

/** GraphiQL keeps tabs and history in memory only: the URL is what a query is shared by. */
function memoryStorage(): NonNullable<GraphiQLProps["storage"]> {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      m.set(k, v);
    },
    removeItem: (k: string) => {
      m.delete(k);
    },
    clear: () => m.clear(),
    get length() {
      return m.size;
    },
  };
}

const DEFAULT_QUERY = `# 数据查询：本地区及下级的数据（Ctrl+Enter 运行）
query MyRegion($code: ID!) {
  region(code: $code) {
    code
    name
    children { code name }
  }
}
`;

const isRefusal = (body: GraphQLBody) =>
  body.errors?.some((e) => e.extensions?.code === "FORBIDDEN" && e.extensions.reason === PERSISTED_ONLY) ??
  false;

export default function Explorer(props: PageProps) {
  const { token, info, t, view, navigate, onAuthError } = props;
  const [table, setTable] = useState<ResultTable | null>(null);
  const [ran, setRan] = useState(false);
  /** null: not known yet; false: this gateway refuses this user's ad-hoc operations (production, not an analyst). */
  const [adHoc, setAdHoc] = useState<boolean | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  /** The gateway answered no schema (introspection off in production): no completion; say where the help is. */
  const [noSchema, setNoSchema] = useState(false);
  const [busy, setBusy] = useState(false);
  // The editors start from the URL once; later edits write the URL (replace: no history per keystroke).
  const initial = useRef({
    query: view.query ?? DEFAULT_QUERY,
    variables: view.variables ?? (view.query ? "" : JSON.stringify({ code: info.scope }, null, 2)),
  });
  const storage = useMemo(memoryStorage, []);

  const post = useCallback(
    async (body: unknown): Promise<GraphQLBody> => {
      const res = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as GraphQLBody;
    },
    [token],
  );

  // Ask the gateway once whether it takes this user's ad-hoc operations (production: analysts only).
  useEffect(() => {
    let live = true;
    post({ query: "query ExplorerPolicy { __typename }", operationName: "ExplorerPolicy" })
      .then((body) => {
        if (live) setAdHoc(!isRefusal(body));
      })
      .catch(() => {
        if (live) setAdHoc(null);
      });
    return () => {
      live = false;
    };
  }, [post]);

  const fetcher = useCallback<Fetcher>(
    async (params) => {
      // Read-only: a shared link may carry any operation, and running it uses this user's token.
      if (changesData(params.query, params.operationName)) {
        const refused = {
          errors: [{ message: t.exMutationRefused, extensions: { code: "BAD_USER_INPUT" } }],
        };
        setTable(resultTable(null));
        setRan(true);
        return refused as unknown as Awaited<ReturnType<Fetcher>>;
      }
      const body = await post(params);
      const code = body.errors?.[0]?.extensions?.code;
      if (code === "UNAUTHENTICATED") onAuthError(new GqlError(body.errors?.[0]?.message ?? "", code));
      if (params.operationName === "IntrospectionQuery") setNoSchema(!body.data);
      else {
        if (isRefusal(body)) setAdHoc(false);
        setTable(resultTable(body.data ?? null));
        setRan(true);
      }
      return body as Awaited<ReturnType<Fetcher>>;
    },
    [post, onAuthError, t],
  );

  const onEditQuery = useCallback((query: string) => navigate({ query: query || null }, false), [navigate]);
  const onEditVariables = useCallback(
    (variables: string) => navigate({ variables: variables.trim() ? variables : null }, false),
    [navigate],
  );

  const fileBase = `数据查询_${info.scope}_${new Date().toISOString().slice(0, 10)}`;
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      setCopied(t.exCopied);
    } catch {
      setCopied(t.exCopyFailed);
    }
  };
  const downloadXlsx = async () => {
    if (!table) return;
    setBusy(true);
    try {
      const buf = await toXlsx(table);
      downloadBlob(new Blob([buf], { type: XLSX_TYPE }), `${fileBase}.xlsx`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="explorer" data-testid="explorer">
      <div className="explorer-head">
        <h1>{t.exTitle}</h1>
        <p className="muted">{t.exIntro}</p>
        {adHoc === false && (
          <div className="notice" role="alert" data-testid="explorer-adhoc-refused">
            {t.exAdHocRefused}
          </div>
        )}
        {noSchema && adHoc !== false && (
          <p className="muted" data-testid="explorer-no-schema">
            {t.exNoSchema}
          </p>
        )}
        <div className="explorer-actions">
          <button type="button" onClick={copyLink} data-testid="explorer-copy-link">
            {t.exCopyLink}
          </button>
          <button
            type="button"
            disabled={!table}
            onClick={() => table && downloadText(toCsv(table.headers, table.rows), `${fileBase}.csv`)}
            data-testid="explorer-csv"
          >
            {t.exCsv}
          </button>
          <button type="button" disabled={!table || busy} onClick={downloadXlsx} data-testid="explorer-xlsx">
            {t.exXlsx}
          </button>
          {table ? (
            <span className="muted" data-testid="explorer-rows">
              {table.rows.length} {t.exRows}
            </span>
          ) : (
            ran && <span className="muted">{t.exNoList}</span>
          )}
          {copied && (
            <span className="muted" role="status" data-testid="explorer-copied">
              {copied}
            </span>
          )}
        </div>
      </div>
      <div className="explorer-ide">
        <GraphiQL
          fetcher={fetcher}
          storage={storage}
          initialQuery={initial.current.query}
          initialVariables={initial.current.variables}
          defaultEditorToolsVisibility="variables"
          isHeadersEditorEnabled={false}
          shouldPersistHeaders={false}
          onEditQuery={onEditQuery}
          onEditVariables={onEditVariables}
          forcedTheme="light"
        />
      </div>
    </section>
  );
}
