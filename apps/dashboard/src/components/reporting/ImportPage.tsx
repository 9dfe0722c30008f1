import {
  createColumnHelper,
  createSortedRowModel,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useMemo, useRef, useState } from "react";
import { GqlError } from "../../lib/api";
import { formatNumber } from "../../lib/format";
import { domainLabel, type Messages } from "../../lib/i18n";
import {
  type ImportOutcome,
  type ImportProgress,
  importKind,
  importKinds,
  overallPercent,
  type RowError,
  templateCsv,
  uploadCsv,
} from "../../lib/importer";
import { fill, type PageProps } from "./common";
import { useLayouts } from "./useLayouts";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});
const helper = createColumnHelper<typeof features, RowError>();

export default function ImportPage(props: PageProps) {
  const { token, view, t, lang, navigate, info } = props;
  // The import kinds and their help come from the layouts the graph answers.
  const layouts = useLayouts(token, props.domains, props.onAuthError);
  const kinds = useMemo(() => (layouts ? importKinds(layouts) : []), [layouts]);
  const kind = importKind(kinds, view.kind) ?? kinds[0];
  const [file, setFile] = useState<File | null>(null);
  const [running, setRunning] = useState<{ dryRun: boolean; progress: ImportProgress } | null>(null);
  const [outcome, setOutcome] = useState<{ dryRun: boolean; outcome: ImportOutcome } | null>(null);
  const abort = useRef<AbortController | null>(null);

  if (!kind)
    return (
      <div className="reporting-page" data-testid="page-import">
        <div className="toolbar">
          <h1 className="page-title">{t.navImport}</h1>
        </div>
        <div className="card skeleton tall" role="status" aria-busy="true" aria-label={t.loading} />
      </div>
    );

  const start = async (dryRun: boolean) => {
    if (!file) return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    setOutcome(null);
    setRunning({ dryRun, progress: { phase: "upload", done: 0, total: file.size } });
    const result = await uploadCsv(token, kind.kind, file, {
      dryRun,
      signal: ctrl.signal,
      onProgress: (p) => setRunning({ dryRun, progress: p }),
    });
    setRunning(null);
    if (result.type === "error" && (result.code === "UNAUTHENTICATED" || result.status === 401)) {
      if (props.onAuthError(new GqlError(result.message, "UNAUTHENTICATED"))) return;
    }
    setOutcome({ dryRun, outcome: result });
  };

  const downloadTemplate = () => {
    const blob = new Blob([templateCsv(kind)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = `${kind.kind}-template.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="reporting-page" data-testid="page-import">
      <div className="toolbar">
        <h1 className="page-title">{t.navImport}</h1>
        <label>
          {t.importKind}
          <select
            value={kind.kind}
            onChange={(e) => {
              navigate({ kind: e.target.value }, false);
              setOutcome(null);
            }}
            data-testid="import-kind"
            disabled={running !== null}
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {domainLabel(k.domain, lang)} · {lang === "en" ? k.en : k.zh}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!info.roles.includes("reporter") && !info.roles.includes("admin") && (
        <p className="notice" role="alert">
          {t.notReporter}
        </p>
      )}
      <div className="import-grid">
        <section className="panel">
          <h3>{lang === "en" ? kind.en : kind.zh}</h3>
          <div className="upload">
            <label className="file">
              {t.chooseFile}
              <input
                type="file"
                accept=".csv,text/csv"
                data-testid="import-file"
                disabled={running !== null}
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setOutcome(null);
                }}
              />
            </label>
            {file && (
              <span className="muted" data-testid="import-file-name">
                {file.name} · {formatSize(file.size)}
              </span>
            )}
          </div>
          <div className="form-actions">
            <button
              type="button"
              className="btn"
              disabled={!file || running !== null}
              onClick={() => void start(true)}
              data-testid="import-dry-run"
            >
              {t.dryRun}
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={!file || running !== null}
              onClick={() => void start(false)}
              data-testid="import-submit"
            >
              {t.doImport}
            </button>
            {running && (
              <button type="button" className="link" onClick={() => abort.current?.abort()}>
                {t.cancel}
              </button>
            )}
          </div>
          {running && <Progress {...running} t={t} lang={lang} />}
          {outcome && <Outcome {...outcome} t={t} lang={lang} />}
        </section>
        <section className="panel" data-testid="import-layout">
          <h3>
            {t.layout}
            <button
              type="button"
              className="link small"
              onClick={downloadTemplate}
              data-testid="import-template"
            >
              {t.downloadTemplate}
            </button>
          </h3>
          <p className="muted small">{t.layoutHint}</p>
          {kind.noteZh && <p className="muted small">{lang === "en" ? kind.noteEn : kind.noteZh}</p>}
          <table className="plain">
            <thead>
              <tr>
                <th>{t.column}</th>
                <th>{t.columnKey}</th>
                <th />
                <th>{t.description}</th>
              </tr>
            </thead>
            <tbody>
              {kind.columns.map((c) => (
                <tr key={c.key}>
                  <td>{c.zh}</td>
                  <td>
                    <code>{c.key}</code>
                  </td>
                  <td className={c.optional ? "muted" : ""}>{c.optional ? t.optional : t.required}</td>
                  <td>{lang === "en" ? c.enHelp : c.zhHelp}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}

function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function Progress(props: { dryRun: boolean; progress: ImportProgress; t: Messages; lang: "zh" | "en" }) {
  const { progress: p, t, lang } = props;
  const pct = overallPercent(p, props.dryRun);
  const detail =
    p.phase === "upload"
      ? `${formatSize(p.done)} / ${formatSize(p.total)}`
      : p.total > 0
        ? `${formatNumber(p.done, 0, lang)} / ${formatNumber(p.total, 0, lang)} ${t.rowsUnit}`
        : p.done > 0
          ? `${formatNumber(p.done, 0, lang)} ${t.rowsUnit}`
          : "";
  return (
    <div className="import-progress" data-testid="import-progress">
      <progress max={100} value={pct} aria-label={t[`phase_${p.phase}`]} />
      <span>
        <b data-testid="import-phase">{t[`phase_${p.phase}`]}</b> {detail} · {pct}%
      </span>
    </div>
  );
}

function Outcome(props: { dryRun: boolean; outcome: ImportOutcome; t: Messages; lang: "zh" | "en" }) {
  const { outcome: o, t, lang } = props;
  if (o.type === "error")
    return (
      <div className="card unavailable" role="alert" data-testid="import-result">
        <strong>{t.importFailed}</strong>
        <p>
          {o.message} <span className="muted">({o.code})</span>
        </p>
      </div>
    );
  const r = o.result;
  const n = (x: number) => formatNumber(x, 0, lang);
  return (
    <div className={`import-result ${r.ok ? "ok" : "failed"}`} data-testid="import-result" data-ok={r.ok}>
      <strong>{r.ok ? (props.dryRun ? t.resultDryOk : t.resultOk) : t.resultFailed}</strong>
      <dl className="result-counts">
        <dt>{t.rows}</dt>
        <dd data-testid="import-rows">{n(r.rows)}</dd>
        {r.ok && !props.dryRun && (
          <>
            <dt>{t.inserted}</dt>
            <dd data-testid="import-inserted">{n(r.inserted)}</dd>
            <dt>{t.updated}</dt>
            <dd data-testid="import-updated">{n(r.updated)}</dd>
            <dt>{t.unchangedRows}</dt>
            <dd data-testid="import-unchanged">{n(r.unchanged)}</dd>
          </>
        )}
        <dt>{t.encoding}</dt>
        <dd>{r.encoding}</dd>
      </dl>
      {!r.ok && r.errorCount > 0 && <RowErrors errors={r.errors} count={r.errorCount} t={t} />}
    </div>
  );
}

function RowErrors(props: { errors: RowError[]; count: number; t: Messages }) {
  const { t } = props;
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("line", { header: t.line, sortFn: "basic" }),
        helper.accessor((r) => r.column ?? "", { id: "column", header: t.column, sortFn: "alphanumeric" }),
        helper.accessor((r) => r.value ?? "", { id: "value", header: t.cellValue, sortFn: "alphanumeric" }),
        helper.accessor("reason", { header: t.reason, sortFn: "alphanumeric" }),
      ]),
    [t],
  );
  const table = useTable({
    features,
    columns,
    data: props.errors,
    state: { sorting },
    onSortingChange: setSorting,
  });
  return (
    <div className="row-errors">
      <p data-testid="import-error-count">
        {props.count > props.errors.length
          ? fill(t.errorsTruncated, { n: props.count, m: props.errors.length })
          : fill(t.errorsShown, { n: props.count })}
      </p>
      <div className="table-wrap">
        <table className="data" data-testid="import-errors">
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                    >
                      <button type="button" className="th-sort" onClick={h.column.getToggleSortingHandler()}>
                        <table.FlexRender header={h} />
                        {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid={`import-error-${row.original.line}`}>
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cell.column.id === "line" ? "num" : ""}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
