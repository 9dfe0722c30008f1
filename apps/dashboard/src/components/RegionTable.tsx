import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  type SortingState,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useMemo, useState } from "react";
import type { KpiStatus, Metric } from "../lib/api";
import { downloadBlob, downloadText, toCsv, XLSX_TYPE } from "../lib/csv";
import { formatBare, type Lang, unitLabel } from "../lib/format";
import { domainLabel, type Messages, metricName } from "../lib/i18n";
import { displayStatus, statusColor } from "../lib/kpi";
import { competitionRanks } from "../lib/leadership";
import type { ResultTable } from "../lib/resultTable";

export interface TableRow {
  code: string;
  name: string;
  values: Record<string, { value: number | null; status: KpiStatus } | undefined>;
}

const features = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
  filterFns: { includesString: filterFn_includesString },
});

const helper = createColumnHelper<typeof features, TableRow>();

export function columnHeader(m: Metric, lang: Lang): string {
  return `${metricName(m, lang)} (${unitLabel(m, lang)})`;
}

/**
 * What the table shows (filtered, sorted, chosen columns) as a sheet: region, code, then per KPI
 * its value (a number rounded as shown, empty without data) and its status in words.
 */
export function tableSheet(rows: TableRow[], metrics: Metric[], t: Messages, lang: Lang): ResultTable {
  const headers = [
    t.regionName,
    t.regionCode,
    ...metrics.flatMap((m) => [columnHeader(m, lang), `${metricName(m, lang)} ${t.status}`]),
  ];
  return {
    paths: headers,
    headers,
    rows: rows.map((r) => [
      r.name,
      r.code,
      ...metrics.flatMap((m) => {
        const v = r.values[m.id];
        return [
          v?.value == null ? null : Number(v.value.toFixed(m.precision)),
          t[`status${displayStatus(v?.status ?? "NO_DATA", m.target)}`],
        ];
      }),
    ]),
  };
}

/** The CSV of what the table shows; values without separators. */
export function tableCsv(rows: TableRow[], metrics: Metric[], t: Messages, lang: Lang): string {
  const sheet = tableSheet(rows, metrics, t, lang);
  return toCsv(
    sheet.headers,
    sheet.rows.map((r) =>
      r.map((c, i) => {
        const m = metrics[Math.floor((i - 2) / 2)];
        return typeof c === "number" && m ? c.toFixed(m.precision) : c;
      }),
    ),
  );
}

export function RegionTable(props: {
  rows: TableRow[];
  metrics: Metric[];
  chosen: string[];
  onChoose: (ids: string[]) => void;
  lang: Lang;
  t: Messages;
  fileName: string;
  onDrill: (code: string) => void;
  /** the sort as the URL keeps it ("enrollment.rate:desc"), so a copied link keeps it */
  sort: string | null;
  onSort: (sort: string | null) => void;
}) {
  const { t, lang } = props;
  const sorting = useMemo(() => sortingOf(props.sort), [props.sort]);
  const setSorting = (updater: SortingState | ((old: SortingState) => SortingState)) => {
    const next = typeof updater === "function" ? updater(sorting) : updater;
    props.onSort(sortParamOf(next));
  };
  const [globalFilter, setGlobalFilter] = useState("");
  const visible = useMemo(
    () => props.metrics.filter((m) => props.chosen.includes(m.id)),
    [props.metrics, props.chosen],
  );

  /** The metric the rank is by: the sorted one, else the first shown. */
  const rankMetric = useMemo(
    () => visible.find((m) => m.id === sorting[0]?.id) ?? visible[0] ?? null,
    [visible, sorting],
  );
  const ranks = useMemo(
    () => (rankMetric ? ranksBy(props.rows, rankMetric) : new Map<string, number>()),
    [props.rows, rankMetric],
  );

  const columns = useMemo(
    () =>
      helper.columns([
        helper.accessor("name", {
          header: t.regionName,
          sortFn: "alphanumeric",
          cell: (info) => info.getValue(),
        }),
        helper.accessor("code", { header: t.regionCode, sortFn: "alphanumeric" }),
        ...visible.map((m) =>
          helper.accessor((r) => r.values[m.id]?.value ?? undefined, {
            id: m.id,
            header: columnHeader(m, lang),
            sortFn: "basic",
            sortUndefined: "last",
            enableGlobalFilter: false,
            cell: (info) => {
              const v = info.row.original.values[m.id];
              const status = v?.status ?? "NO_DATA";
              return (
                <span className={`cell status-${status}`} style={{ color: statusColor(status, m.target) }}>
                  {v?.value == null ? "—" : formatBare(v.value, m, lang)}
                </span>
              );
            },
          }),
        ),
      ]),
    [visible, lang, t],
  );

  const table = useTable({
    features,
    columns,
    data: props.rows,
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: "includesString",
    getColumnCanGlobalFilter: (column) => column.id === "name" || column.id === "code",
  });

  const shownRows = table.getRowModel().rows;
  const hasMissing = shownRows.some((r) => visible.some((m) => r.original.values[m.id]?.value == null));

  const exportCsv = () => {
    const csv = tableCsv(
      shownRows.map((r) => r.original),
      visible,
      t,
      lang,
    );
    downloadText(csv, props.fileName);
  };
  const [xlsxBusy, setXlsxBusy] = useState(false);
  const exportXlsx = async () => {
    setXlsxBusy(true);
    try {
      const { toXlsx } = await import("../lib/resultTable");
      const sheet = tableSheet(
        shownRows.map((r) => r.original),
        visible,
        t,
        lang,
      );
      const buf = await toXlsx(sheet, t.table);
      downloadBlob(new Blob([buf], { type: XLSX_TYPE }), props.fileName.replace(/\.csv$/, ".xlsx"));
    } finally {
      setXlsxBusy(false);
    }
  };

  const byDomain = new Map<string, Metric[]>();
  for (const m of props.metrics) byDomain.set(m.domain, [...(byDomain.get(m.domain) ?? []), m]);

  return (
    <div className="region-table">
      <div className="table-tools">
        <input
          type="search"
          placeholder={t.filter}
          value={globalFilter}
          onChange={(e) => setGlobalFilter(e.target.value)}
          data-testid="table-filter"
          aria-label={t.filter}
        />
        <details className="column-chooser">
          <summary>{t.columns}</summary>
          {[...byDomain].map(([domain, ms]) => (
            <fieldset key={domain}>
              <legend>{domainLabel(domain, lang)}</legend>
              {ms.map((m) => (
                <label key={m.id}>
                  <input
                    type="checkbox"
                    checked={props.chosen.includes(m.id)}
                    data-testid={`col-${m.id}`}
                    onChange={(e) =>
                      props.onChoose(
                        e.target.checked
                          ? props.metrics
                              .map((x) => x.id)
                              .filter((id) => id === m.id || props.chosen.includes(id))
                          : props.chosen.filter((id) => id !== m.id),
                      )
                    }
                  />
                  {metricName(m, lang)}
                </label>
              ))}
            </fieldset>
          ))}
        </details>
        <button type="button" onClick={exportCsv} data-testid="export-csv">
          {t.exportCsv}
        </button>
        <button type="button" onClick={exportXlsx} disabled={xlsxBusy} data-testid="export-xlsx">
          {t.exportXlsx}
        </button>
      </div>
      <div className="table-wrap">
        <table className="data" data-testid="region-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                <th
                  className="rank"
                  scope="col"
                  title={rankMetric ? t.rankBy.replace("{kpi}", metricName(rankMetric, lang)) : undefined}
                >
                  {t.rank}
                </th>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none"}
                    >
                      <button
                        type="button"
                        className="th-sort"
                        onClick={header.column.getToggleSortingHandler()}
                        data-testid={`sort-${header.column.id}`}
                      >
                        <table.FlexRender header={header} />
                        <span className="sort-mark">
                          {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : ""}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {shownRows.length === 0 && (
              <tr>
                <td colSpan={visible.length + 3} className="empty">
                  {props.rows.length === 0 ? t.noChildren : t.noRows}
                </td>
              </tr>
            )}
            {shownRows.map((row) => (
              <tr key={row.id} data-testid={`row-${row.original.code}`}>
                <td className="num rank" data-testid="rank">
                  {ranks.get(row.original.code) ?? "—"}
                </td>
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={cell.column.id === "name" || cell.column.id === "code" ? "" : "num"}
                  >
                    {cell.column.id === "name" ? (
                      <button type="button" className="link" onClick={() => props.onDrill(row.original.code)}>
                        {row.original.name}
                      </button>
                    ) : (
                      <table.FlexRender cell={cell} />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="table-note" data-testid="table-note">
        {rankMetric && t.rankBy.replace("{kpi}", metricName(rankMetric, lang))}
        {hasMissing && ` · ${t.dashMeans}`}
      </p>
    </div>
  );
}

/** The URL's sort ("id:desc") as TanStack's sorting state. */
export function sortingOf(param: string | null): SortingState {
  const m = param?.match(/^([\w.-]+):(asc|desc)$/);
  return m?.[1] ? [{ id: m[1], desc: m[2] === "desc" }] : [];
}

export function sortParamOf(s: SortingState): string | null {
  const first = s[0];
  return first ? `${first.id}:${first.desc ? "desc" : "asc"}` : null;
}

/**
 * Competition ranks (1, 2, 2, 4) of the rows with a value of the metric, best first: highest first
 * unless lower is better (direction DOWN). Rows without a value have no rank.
 */
export function ranksBy(rows: readonly TableRow[], m: Metric): Map<string, number> {
  return competitionRanks(
    rows.map((r) => ({ code: r.code, v: r.values[m.id]?.value })),
    m,
  );
}
