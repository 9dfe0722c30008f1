import { Fragment, useCallback, useEffect, useMemo, useState } from "react";
import { domainLabel } from "../../lib/i18n";
import { addQuarters, currentQuarter, quarterLabel } from "../../lib/quarters";
import {
  fetchReportHistory,
  fetchReportStates,
  formatTime,
  type ReportEvent,
  type ReportState,
  type ReportStatus,
  reportAction,
  reportableQuarters,
} from "../../lib/reporting";
import { type PageProps, StatusBadge } from "./common";

type Loaded =
  | { status: "loading" }
  | { status: "ok"; regionName: string; states: ReportState[] }
  | { status: "error"; code: string; message: string };

/** The approver's page: the counties of their region for a quarter and domain, approve or reopen. */
export default function Approvals(props: PageProps) {
  const { token, info, view, t, lang, navigate, onAuthError, onRegionName, domains } = props;
  const domain = view.domain && domains.includes(view.domain) ? view.domain : (domains[0] ?? "enrollment");
  const quarter = view.quarter ?? addQuarters(currentQuarter(), -1);
  const quarters = useMemo(() => reportableQuarters(), []);
  const [filter, setFilter] = useState<ReportStatus | "">("");
  const [data, setData] = useState<Loaded>({ status: "loading" });
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` fetches again after an action
  useEffect(() => {
    const ctrl = new AbortController();
    setData({ status: "loading" });
    fetchReportStates(token, domain, info.scope, quarter, quarter, ctrl.signal)
      .then((r) => {
        if (ctrl.signal.aborted) return;
        onRegionName(r.region.code, r.region.name);
        setData({ status: "ok", regionName: r.region.name, states: r.states });
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted || onAuthError(err)) return;
        const code = (err as { code?: string }).code ?? "ERROR";
        setData({ status: "error", code, message: (err as Error).message });
      });
    return () => ctrl.abort();
  }, [token, domain, info.scope, quarter, onAuthError, onRegionName, reload]);

  const replace = useCallback((s: ReportState) => {
    setData((d) =>
      d.status === "ok"
        ? {
            ...d,
            states: d.states.map((x) => (x.regionCode === s.regionCode && x.quarter === s.quarter ? s : x)),
          }
        : d,
    );
  }, []);

  const states = data.status === "ok" ? data.states : [];
  const counts = {
    expected: states.length,
    DRAFT: states.filter((s) => s.status === "DRAFT").length,
    SUBMITTED: states.filter((s) => s.status === "SUBMITTED").length,
    APPROVED: states.filter((s) => s.status === "APPROVED").length,
  };
  const shown = filter ? states.filter((s) => s.status === filter) : states;
  const isApprover = info.roles.includes("approver") || info.roles.includes("admin");

  return (
    <div className="reporting-page" data-testid="page-approvals">
      <div className="toolbar">
        <h1 className="page-title">
          {t.approvalsFor}
          {data.status === "ok" && <small className="muted page-title-sub"> · {data.regionName}</small>}
        </h1>
        <label>
          {t.reportQuarter}
          <select
            value={quarter}
            onChange={(e) => navigate({ quarter: e.target.value }, false)}
            data-testid="approvals-quarter"
          >
            {quarters.map((q) => (
              <option key={q} value={q}>
                {quarterLabel(q, lang)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.status}
          <select
            value={filter}
            onChange={(e) => setFilter(e.target.value as ReportStatus | "")}
            data-testid="approvals-filter"
          >
            <option value="">{t.allStatuses}</option>
            <option value="SUBMITTED">{t.pending}</option>
            <option value="APPROVED">{t.statusAPPROVED}</option>
            <option value="DRAFT">{t.statusDRAFT}</option>
          </select>
        </label>
        <div className="tabs" role="tablist">
          {domains.map((d) => (
            <button
              key={d}
              type="button"
              role="tab"
              aria-selected={d === domain}
              onClick={() => navigate({ domain: d }, false)}
              data-testid={`approvals-tab-${d}`}
            >
              {domainLabel(d, lang)}
            </button>
          ))}
        </div>
      </div>
      {!isApprover && (
        <p className="notice" role="alert">
          {t.notApprover}
        </p>
      )}
      {data.status === "loading" && (
        <div className="card skeleton tall" role="status" aria-busy="true" aria-label={t.loading} />
      )}
      {data.status === "error" && (
        <div className="card unavailable" role="alert" data-testid="approvals-unavailable">
          <strong>{data.code === "FORBIDDEN" ? t.forbidden : t.unavailable}</strong>
          <p>{data.message}</p>
          <button type="button" className="btn" onClick={() => setReload((n) => n + 1)}>
            {t.retry}
          </button>
        </div>
      )}
      {data.status === "ok" && (
        <section className="panel approvals">
          <p className="summary" data-testid="approvals-summary">
            {domainLabel(domain, lang)} · {quarterLabel(quarter, lang)}：{t.expected} <b>{counts.expected}</b>{" "}
            · {t.statusSUBMITTED} <b data-testid="count-submitted">{counts.SUBMITTED}</b> · {t.statusAPPROVED}{" "}
            <b data-testid="count-approved">{counts.APPROVED}</b> · {t.statusDRAFT} <b>{counts.DRAFT}</b>
          </p>
          <div className="table-wrap">
            <table className="data" data-testid="approvals-table">
              <thead>
                <tr>
                  <th>{t.regionName}</th>
                  <th>{t.regionCode}</th>
                  <th>{t.status}</th>
                  <th>{t.hasData}</th>
                  <th>{t.submittedAt}</th>
                  <th>{t.onTime}</th>
                  <th>{t.approvedAt}</th>
                  <th>{t.actions}</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={8} className="empty">
                      {t.noRows}
                    </td>
                  </tr>
                )}
                {shown.map((s) => (
                  <ApprovalRow
                    key={s.regionCode}
                    state={s}
                    domain={domain}
                    canAct={isApprover && s.regionCode !== info.scope}
                    onChange={replace}
                    {...props}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

function ApprovalRow(
  props: PageProps & {
    state: ReportState;
    domain: string;
    canAct: boolean;
    onChange: (s: ReportState) => void;
  },
) {
  const { state: s, t, token, domain, onAuthError } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState("");
  const [history, setHistory] = useState<ReportEvent[] | "loading" | null>(null);
  const code = s.regionCode;

  const act = async (action: "approve" | "reopen") => {
    if (action === "reopen" && reason.trim().length < 2) {
      setError(t.reasonRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await reportAction(token, domain, action, code, s.quarter, reason.trim());
      props.onChange(next);
      setReopening(false);
      setReason("");
      if (history && history !== "loading") await showHistory(true);
    } catch (err) {
      if (!onAuthError(err)) setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const showHistory = async (force = false) => {
    if (history && !force) {
      setHistory(null);
      return;
    }
    setHistory("loading");
    try {
      setHistory(await fetchReportHistory(token, domain, code, s.quarter));
    } catch (err) {
      if (onAuthError(err)) return;
      setHistory(null);
      setError((err as Error).message);
    }
  };

  return (
    <Fragment>
      <tr data-testid={`approval-row-${code}`}>
        <td>{s.regionName}</td>
        <td>{code}</td>
        <td>
          <StatusBadge status={s.status} t={t} testId={`status-${code}`} />
          {s.status === "DRAFT" && s.reopenReason && (
            <div className="muted small">
              {t.reopenedBecause}: {s.reopenReason}
            </div>
          )}
        </td>
        <td>{s.hasData ? "✓" : "—"}</td>
        <td>
          {formatTime(s.submittedAt)}
          {s.submittedBy && <div className="muted small">{s.submittedBy}</div>}
        </td>
        <td>
          {s.onTime == null ? (
            "—"
          ) : (
            <span className={s.onTime ? "ok-text" : "late-text"}>{s.onTime ? t.onTime : t.late}</span>
          )}
        </td>
        <td>{formatTime(s.approvedAt)}</td>
        <td className="actions">
          {props.canAct && s.status === "SUBMITTED" && (
            <button
              type="button"
              className="btn primary"
              disabled={busy}
              onClick={() => void act("approve")}
              data-testid={`approve-${code}`}
            >
              {t.approve}
            </button>
          )}
          {props.canAct && s.status !== "DRAFT" && (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => {
                setReopening((r) => !r);
                setError(null);
              }}
              data-testid={`reopen-${code}`}
            >
              {t.reopen}
            </button>
          )}
          <button
            type="button"
            className="link"
            onClick={() => void showHistory()}
            data-testid={`history-${code}`}
          >
            {history ? t.hideHistory : t.history}
          </button>
        </td>
      </tr>
      {(reopening || error) && (
        <tr className="sub-row">
          <td colSpan={8}>
            {reopening && (
              <form
                className="reopen-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act("reopen");
                }}
              >
                <label>
                  {t.reopenReason}
                  <input
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    maxLength={500}
                    className="reason-input"
                    data-testid={`reopen-reason-${code}`}
                  />
                </label>
                <button type="submit" className="btn" disabled={busy} data-testid={`reopen-confirm-${code}`}>
                  {t.reopenConfirm}
                </button>
                <button type="button" className="link" onClick={() => setReopening(false)}>
                  {t.cancel}
                </button>
              </form>
            )}
            {error && (
              <p className="error" role="alert" data-testid={`approval-error-${code}`}>
                {error}
              </p>
            )}
          </td>
        </tr>
      )}
      {history && (
        <tr className="sub-row">
          <td colSpan={8} data-testid={`history-panel-${code}`}>
            {history === "loading" ? (
              <span className="muted">{t.loading}</span>
            ) : history.length === 0 ? (
              <span className="muted">{t.noHistory}</span>
            ) : (
              <table className="plain history">
                <thead>
                  <tr>
                    <th>{t.time}</th>
                    <th>{t.actions}</th>
                    <th>{t.status}</th>
                    <th>{t.actor}</th>
                    <th>{t.reason}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((e) => (
                    <tr key={e.id}>
                      <td>{formatTime(e.at)}</td>
                      <td>{t[`action_${e.action}` as keyof typeof t] ?? e.action}</td>
                      <td>
                        {t[`status${e.fromStatus}`]} → {t[`status${e.toStatus}`]}
                      </td>
                      <td>{e.actorName}</td>
                      <td>{e.reason ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}
