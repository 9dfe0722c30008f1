import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { GqlError, type RegionRef } from "../lib/api";
import {
  type ApiToken,
  checkIssue,
  DEFAULT_TOKEN_DAYS,
  fetchScopeChoices,
  type IssuedToken,
  issueToken,
  listTokens,
  MAX_NAME_LENGTH,
  MAX_TOKEN_DAYS,
  revokeToken,
  roleLabels,
  TOKEN_ROLES,
  TokenApiError,
  type TokenStatus,
  tokenErrorText,
} from "../lib/apiTokens";
import type { Messages } from "../lib/i18n";
import { formatTime } from "../lib/reporting";
import { fill, type PageProps } from "./reporting/common";

type Loaded =
  | { status: "loading" }
  | { status: "ok"; tokens: ApiToken[] }
  | { status: "error"; text: string };

const NONE: RegionRef[] = [];

const STATUS_COLORS: Record<TokenStatus, string> = {
  ACTIVE: "#1a7f37",
  EXPIRED: "#8a94a6",
  REVOKED: "#c53030",
};

/** 接口令牌 / API tokens (admins): issue a token for a script, see it once, list and revoke. */
export default function ApiTokens(props: PageProps) {
  const { token, info, t, onAuthError, onRegionName } = props;
  const isAdmin = info.roles.includes("admin");
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  /** A 401 signs the user out (as an expired session on the other pages); else the plain words. */
  const explain = useCallback(
    (err: unknown): string | null => {
      if (
        err instanceof TokenApiError &&
        err.status === 401 &&
        onAuthError(new GqlError(err.message, "UNAUTHENTICATED"))
      )
        return null;
      return tokenErrorText(err, t);
    },
    [onAuthError, t],
  );

  // The region's tokens, asked anew whenever shown and after every action (`tokens.refetch()`).
  const tokens = useQuery({
    queryKey: ["apiTokens", token],
    queryFn: () =>
      listTokens(token).catch((err: unknown) => {
        throw new Error(explain(err) ?? "");
      }),
    enabled: isAdmin,
    staleTime: 0,
  });
  const list: Loaded = tokens.isSuccess
    ? { status: "ok", tokens: tokens.data }
    : tokens.isError
      ? { status: "error", text: tokens.error.message }
      : { status: "loading" };
  // The scopes a token may get: the admin's region and its children (the own region alone on failure).
  const scopes =
    useQuery({
      queryKey: ["scopeChoices", token, info.scope],
      queryFn: () => fetchScopeChoices(token, info.scope),
      enabled: isAdmin,
    }).data ?? NONE;
  useEffect(() => {
    if (scopes[0]) onRegionName(scopes[0].code, scopes[0].name);
  }, [scopes, onRegionName]);

  if (!isAdmin)
    return (
      <div className="reporting-page" data-testid="page-tokens">
        <p className="notice" role="alert" data-testid="tokens-not-admin">
          {t.tokNotAdmin}
        </p>
      </div>
    );

  const scopeChoices =
    scopes.length > 0 ? scopes : [{ code: info.scope, name: info.scope, level: "CITY" as const }];

  return (
    <div className="reporting-page tokens-page" data-testid="page-tokens">
      <div className="toolbar">
        <h1 className="page-title">{t.tokTitle}</h1>
      </div>
      <p className="muted">{t.tokIntro}</p>
      {issued ? (
        <IssuedPanel issued={issued} t={t} onClose={() => setIssued(null)} />
      ) : (
        <IssueForm
          t={t}
          scopes={scopeChoices}
          defaultScope={info.scope}
          onIssue={async (req) => {
            setMessage(null);
            try {
              const r = await issueToken(token, req);
              setIssued(r);
              void tokens.refetch();
            } catch (err) {
              const text = explain(err);
              if (text !== null) setMessage({ kind: "error", text });
            }
          }}
          onInvalid={(err) => setMessage({ kind: "error", text: tokenErrorText(err, t) })}
        />
      )}
      {message && (
        <p
          className={`message ${message.kind}`}
          role={message.kind === "error" ? "alert" : "status"}
          data-testid="tokens-message"
        >
          {message.text}
        </p>
      )}
      <section className="panel" data-testid="tokens-list">
        <h2 className="panel-heading">{t.tokList}</h2>
        {list.status === "loading" && (
          <div className="card skeleton" role="status" aria-busy="true" aria-label={t.loading} />
        )}
        {list.status === "error" && (
          <p className="notice" role="alert" data-testid="tokens-error">
            {list.text}
          </p>
        )}
        {list.status === "ok" && list.tokens.length === 0 && <p className="empty">{t.tokNone}</p>}
        {list.status === "ok" && list.tokens.length > 0 && (
          <TokenTable
            tokens={list.tokens}
            t={t}
            onRevoke={async (tok) => {
              setMessage(null);
              try {
                await revokeToken(token, tok.id);
                setMessage({ kind: "ok", text: fill(t.tokRevoked, { name: tok.name }) });
              } catch (err) {
                const text = explain(err);
                if (text !== null) setMessage({ kind: "error", text });
              }
              void tokens.refetch();
            }}
          />
        )}
      </section>
    </div>
  );
}

function IssueForm(props: {
  t: Messages;
  scopes: RegionRef[];
  defaultScope: string;
  onIssue: (req: { name: string; scope: string; roles: string[]; expiresInDays: number }) => Promise<void>;
  onInvalid: (err: TokenApiError) => void;
}) {
  const { t } = props;
  const [name, setName] = useState("");
  const [scope, setScope] = useState(props.defaultScope);
  const [roles, setRoles] = useState<string[]>(["viewer"]);
  const [days, setDays] = useState(String(DEFAULT_TOKEN_DAYS));
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="panel token-form"
      data-testid="token-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const req = { name: name.trim(), scope, roles, expiresInDays: Number(days) };
        const problem = checkIssue(req);
        if (problem) {
          props.onInvalid(problem);
          return;
        }
        setBusy(true);
        try {
          await props.onIssue(req);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 className="panel-heading">{t.tokIssue}</h2>
      <fieldset disabled={busy} className="token-fields">
        <label>
          {t.tokName}
          <input
            value={name}
            maxLength={MAX_NAME_LENGTH}
            placeholder={t.tokNamePlaceholder}
            onChange={(e) => setName(e.target.value)}
            data-testid="token-name"
          />
        </label>
        <label>
          {t.tokScope}
          <select value={scope} onChange={(e) => setScope(e.target.value)} data-testid="token-scope">
            {props.scopes.map((r, i) => (
              <option key={r.code} value={r.code}>
                {i > 0 ? "\u3000" : ""}
                {r.name === r.code ? r.code : `${r.name} (${r.code})`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.tokDays}
          <input
            type="number"
            min={1}
            max={MAX_TOKEN_DAYS}
            step={1}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            data-testid="token-days"
          />
        </label>
        <fieldset className="token-roles">
          <legend>{t.tokRoles}</legend>
          {TOKEN_ROLES.map((r) => (
            <label key={r} className="check">
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) =>
                  setRoles((prev) => (e.target.checked ? [...prev, r] : prev.filter((x) => x !== r)))
                }
                data-testid={`token-role-${r}`}
              />
              <strong>{t[`tokRole_${r}`]}</strong>
              <small className="muted">{t[`tokRoleHint_${r}`]}</small>
            </label>
          ))}
        </fieldset>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="token-issue">
          {busy ? t.tokIssuing : t.tokIssueButton}
        </button>
      </div>
    </form>
  );
}

/** The token, this once: a copy button and the warning that it cannot be shown again. */
function IssuedPanel(props: { issued: IssuedToken; t: Messages; onClose: () => void }) {
  const { issued, t } = props;
  const [copy, setCopy] = useState<"idle" | "ok" | "failed">("idle");
  return (
    <section className="panel token-issued" data-testid="token-issued" aria-live="polite">
      <h2 className="panel-heading">
        {t.tokIssued}: {issued.name} <small className="muted">({issued.scopeName})</small>
      </h2>
      <p className="notice" role="alert" data-testid="token-once">
        {t.tokShownOnce}
      </p>
      <div className="token-secret">
        <code data-testid="token-value">{issued.token}</code>
        <button
          type="button"
          className="btn"
          data-testid="token-copy"
          onClick={() =>
            navigator.clipboard
              .writeText(issued.token)
              .then(() => setCopy("ok"))
              .catch(() => setCopy("failed"))
          }
        >
          {t.tokCopy}
        </button>
        {copy !== "idle" && (
          <span className={copy === "ok" ? "message ok" : "message error"} data-testid="token-copy-result">
            {copy === "ok" ? t.tokCopied : t.tokCopyFailed}
          </span>
        )}
      </div>
      <p className="muted small">
        {t.tokExpires}: {formatTime(issued.expiresAt)} · {t.tokRoles}: {roleLabels(issued.roles, t)}
      </p>
      <button type="button" className="btn" onClick={props.onClose} data-testid="token-done">
        {t.tokDone}
      </button>
    </section>
  );
}

function TokenTable(props: { tokens: ApiToken[]; t: Messages; onRevoke: (tok: ApiToken) => Promise<void> }) {
  const { t } = props;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <table className="data tokens-table" data-testid="tokens-table">
      <thead>
        <tr>
          <th>{t.tokName}</th>
          <th>{t.tokScope}</th>
          <th>{t.tokRoles}</th>
          <th>{t.tokCreatedBy}</th>
          <th>{t.tokCreatedAt}</th>
          <th>{t.tokExpires}</th>
          <th>{t.status}</th>
          <th>{t.actions}</th>
        </tr>
      </thead>
      <tbody>
        {props.tokens.map((tok) => (
          <tr key={tok.id} data-testid={`token-row-${tok.id}`} data-status={tok.status}>
            <td>{tok.name}</td>
            <td>
              {tok.scopeName} <small className="muted">{tok.scope}</small>
            </td>
            <td>{roleLabels(tok.roles, t)}</td>
            <td>{tok.createdBy}</td>
            <td>{formatTime(tok.createdAt)}</td>
            <td>{formatTime(tok.expiresAt)}</td>
            <td>
              <span
                className="badge"
                style={{ background: STATUS_COLORS[tok.status] }}
                data-testid="token-status"
              >
                {t[`tokStatus_${tok.status}`]}
              </span>
              {tok.revokedAt && (
                <small className="muted">
                  {" "}
                  {formatTime(tok.revokedAt)}
                  {tok.revokedBy ? ` · ${t.tokRevokedBy}: ${tok.revokedBy}` : ""}
                </small>
              )}
            </td>
            <td>
              {tok.status === "ACTIVE" &&
                (confirming === tok.id ? (
                  <span className="token-confirm" role="alertdialog" data-testid="token-revoke-confirm">
                    {fill(t.tokRevokeConfirm, { name: tok.name })}{" "}
                    <button
                      type="button"
                      className="btn danger"
                      disabled={busy}
                      data-testid="token-revoke-yes"
                      onClick={async () => {
                        setBusy(true);
                        try {
                          await props.onRevoke(tok);
                        } finally {
                          setBusy(false);
                          setConfirming(null);
                        }
                      }}
                    >
                      {t.tokRevokeYes}
                    </button>{" "}
                    <button type="button" className="btn" onClick={() => setConfirming(null)}>
                      {t.cancel}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => setConfirming(tok.id)}
                    data-testid="token-revoke"
                  >
                    {t.tokRevoke}
                  </button>
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
