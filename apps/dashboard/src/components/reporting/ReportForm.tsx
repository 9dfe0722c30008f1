/** The form of one report (a county and quarter): load the stored figures, validate, save with an idempotency key, show the server's problems next to the fields. */
import { useCallback, useEffect, useState } from "react";
import { GqlError, gql } from "../../lib/api";
import {
  type FormSpec,
  type Problem,
  problemText,
  serverProblems,
  type Values,
  validateForm,
} from "../../lib/forms";
import { domainLabel } from "../../lib/i18n";
import { quarterLabel } from "../../lib/quarters";
import {
  fetchReportStates,
  formatDeadline,
  formatTime,
  operationName,
  type ReportState,
  reportAction,
} from "../../lib/reporting";
import { type PageProps, StatusBadge } from "./common";
import { Field, groupFields, isShown, type Loadable, newRequestId } from "./FormField";

type Message = { kind: "ok" | "error" | "info"; text: string } | null;

export function ReportForm(
  props: PageProps & { spec: FormSpec; unit: string; unitName: string; quarter: string },
) {
  const { spec, unit, quarter, token, t, lang, onAuthError } = props;
  const [state, setState] = useState<Loadable<ReportState>>({ status: "loading" });
  const [values, setValues] = useState<Values>({});
  const [rows, setRows] = useState<Values[]>(() => Array.from({ length: spec.rows?.min ?? 0 }, () => ({})));
  const [problems, setProblems] = useState<Problem[]>([]);
  const [message, setMessage] = useState<Message>(null);
  const [loadNote, setLoadNote] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  // Idempotency key of what is being entered: a retry of the same save creates nothing twice; the
  // first change after a save starts a new one.
  const [requestId, setRequestId] = useState(newRequestId);

  const refreshState = useCallback(async () => {
    try {
      const r = await fetchReportStates(token, spec.domain, unit, quarter, quarter);
      const s = r.states.find((x) => x.regionCode === unit);
      setState(s ? { status: "ok", value: s } : { status: "error", message: t.statusUnavailable });
    } catch (err) {
      if (onAuthError(err)) return;
      setState({ status: "error", message: (err as Error).message });
    }
  }, [token, spec.domain, unit, quarter, onAuthError, t.statusUnavailable]);

  useEffect(() => {
    void refreshState();
  }, [refreshState]);

  // The stored figures, when the form can read them (enrollment: per county; purchases: once an
  // institution is chosen).
  const loadKey = spec.load ? JSON.stringify(spec.load.variables({ unit, quarter, values })) : "null";
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again only when its variables change
  useEffect(() => {
    const load = spec.load;
    if (!load) return;
    const variables = load.variables({ unit, quarter, values });
    if (!variables) return;
    let live = true;
    // Typed ids (an institution) load once the typing pauses, not per keystroke.
    const wait = new Promise((ok) => setTimeout(ok, Object.keys(values).length > 0 ? 400 : 0));
    wait
      .then(() => {
        if (!live) throw new Error("stale");
        return gql<unknown>(token, load.doc, variables, { operationName: operationName(load.doc) });
      })
      .then((data) => {
        if (!live) return;
        const got = load.pick(data);
        if (got) {
          setValues((v) => ({ ...v, ...got.values }));
          if (spec.rows) setRows(got.rows);
          setLoadNote(t.storedFigures);
        } else setLoadNote(t.noFigures);
      })
      .catch((err: unknown) => {
        if (!live || onAuthError(err)) return;
        setLoadNote(`${t.loadFailed}: ${(err as Error).message}`);
      });
    return () => {
      live = false;
    };
  }, [loadKey]);

  const approved = state.status === "ok" && state.value.status === "APPROVED";
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

  const problemFor = (field: string) => problems.find((p) => p.field === field);
  const general = problems.filter((p) => p.field === null || !isShown(spec, p.field, rows.length));

  const touch = () => {
    if (!dirty) setRequestId(newRequestId());
    setDirty(true);
  };
  const setValue = (key: string, v: string) => {
    setValues((old) => ({ ...old, [key]: v }));
    touch();
    setProblems((ps) => ps.filter((p) => p.field !== key));
    setMessage(null);
  };
  const setRowValue = (i: number, key: string, v: string) => {
    setRows((old) => old.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
    touch();
    setProblems((ps) => ps.filter((p) => p.field !== `rows.${i}.${key}`));
    setMessage(null);
  };

  /** Validates and saves; true when the figures are stored. */
  const save = async (): Promise<boolean> => {
    const found = validateForm(spec, values, rows, { quarter, today });
    setProblems(found);
    if (found.length > 0) {
      setMessage({ kind: "error", text: t.fixProblems });
      return false;
    }
    setBusy(true);
    setMessage({ kind: "info", text: t.saving });
    try {
      const data = await gql<{ result: { changed?: boolean | number; created?: boolean } }>(
        token,
        spec.save.doc,
        spec.save.variables(values, rows, { unit, quarter, requestId }),
        { operationName: operationName(spec.save.doc) },
      );
      const changed = data.result.changed ?? data.result.created;
      setDirty(false);
      setMessage({ kind: "ok", text: changed === false || changed === 0 ? t.unchanged : t.saved });
      void refreshState();
      return true;
    } catch (err) {
      if (onAuthError(err)) return false;
      showError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const showError = (err: unknown) => {
    if (err instanceof GqlError) {
      const fromServer = serverProblems(spec, err.extensions.problems);
      if (fromServer.length > 0) {
        setProblems(fromServer);
        setMessage({ kind: "error", text: t.fixProblems });
        return;
      }
      if (err.extensions.reason === "REPORT_APPROVED") {
        setMessage({ kind: "error", text: t.approvedLocked });
        void refreshState();
        return;
      }
    }
    setMessage({ kind: "error", text: (err as Error).message });
  };

  const submit = async () => {
    if (dirty && !(await save())) return;
    setBusy(true);
    try {
      const s = await reportAction(token, spec.domain, "submit", unit, quarter);
      setState({ status: "ok", value: s });
      setMessage({ kind: "ok", text: t.submitted });
    } catch (err) {
      if (!onAuthError(err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="entry">
      <section className="panel report-state" data-testid="report-state">
        <h2>
          {props.unitName} · {quarterLabel(quarter, lang)} · {domainLabel(spec.domain, lang)}
        </h2>
        {state.status === "loading" && <span className="muted">{t.loading}</span>}
        {state.status === "error" && (
          <span className="muted" data-testid="report-status-unavailable">
            {t.statusUnavailable}
          </span>
        )}
        {state.status === "ok" && (
          <div className="state-line">
            <span>
              {t.reportStatus}: <StatusBadge status={state.value.status} t={t} testId="report-status" />
            </span>
            <span className="muted">
              {t.deadline}: {formatDeadline(state.value.deadline)}
            </span>
            {state.value.submittedAt && (
              <span className="muted">
                {t.submittedAt}: {formatTime(state.value.submittedAt)}（{state.value.submittedBy}）
              </span>
            )}
            {state.value.approvedAt && (
              <span className="muted">
                {t.approvedAt}: {formatTime(state.value.approvedAt)}（{state.value.approvedBy}）
              </span>
            )}
            {state.value.status === "DRAFT" && state.value.reopenReason && (
              <span className="notice inline" data-testid="reopen-reason">
                {t.reopenedBecause}: {state.value.reopenReason}（{state.value.reopenedBy}）
              </span>
            )}
          </div>
        )}
        {approved && (
          <p className="notice" data-testid="approved-locked">
            {t.approvedLocked}
          </p>
        )}
        {state.status === "ok" && state.value.status === "SUBMITTED" && (
          <p className="muted">{t.submittedHint}</p>
        )}
      </section>
      <form
        className="panel report-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h3>
          {lang === "en" ? spec.en : spec.zh}
          {loadNote && <small data-testid="load-note">{loadNote}</small>}
        </h3>
        {groupFields(spec.fields).map((g) => (
          <fieldset
            key={g.fields[0]?.key}
            disabled={approved || busy}
            className={g.title ? "fields grouped" : "fields"}
          >
            {g.title && <legend>{lang === "en" ? g.title.en : g.title.zh}</legend>}
            {g.fields.map((f) => (
              <Field
                key={f.key}
                field={f}
                id={f.key}
                value={values[f.key] ?? ""}
                onChange={(v) => setValue(f.key, v)}
                problem={problemFor(f.key)}
                {...props}
              />
            ))}
          </fieldset>
        ))}
        {spec.rows && (
          <fieldset disabled={approved || busy} className="rows">
            <legend>{lang === "en" ? spec.rows.en : spec.rows.zh}</legend>
            {rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              <div className="row-group" key={i} data-testid={`row-${i}`}>
                {spec.rows?.fields.map((f) => (
                  <Field
                    key={f.key}
                    field={f}
                    id={`rows.${i}.${f.key}`}
                    value={r[f.key] ?? ""}
                    onChange={(v) => setRowValue(i, f.key, v)}
                    problem={problemFor(`rows.${i}.${f.key}`)}
                    {...props}
                  />
                ))}
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setRows((old) => old.filter((_, j) => j !== i));
                    setProblems([]);
                    touch();
                  }}
                >
                  {t.removeRow}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn"
              onClick={() => setRows((old) => [...old, {}])}
              data-testid="add-row"
            >
              + {lang === "en" ? spec.rows.addEn : spec.rows.addZh}
            </button>
          </fieldset>
        )}
        {general.length > 0 && (
          <ul className="error general" data-testid="form-problems">
            {general.map((p) => (
              <li key={`${p.field}|${p.zh}`}>{problemText(p, lang)}</li>
            ))}
          </ul>
        )}
        {message && (
          <p
            className={`message ${message.kind}`}
            role={message.kind === "error" ? "alert" : "status"}
            data-testid="entry-message"
          >
            {message.text}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={approved || busy} data-testid="entry-save">
            {t.save}
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={
              approved || busy || (state.status === "ok" && state.value.status === "SUBMITTED" && !dirty)
            }
            onClick={() => void submit()}
            data-testid="entry-submit"
          >
            {t.submitForApproval}
          </button>
        </div>
      </form>
    </div>
  );
}
