import type { Lang } from "./format";
import { compareQuarters, isQuarter } from "./quarters";

export type Tab = "overview" | "table";
/**
 * The dashboard (overview / table / KPI detail), one of the reporting pages, API tokens (admin),
 * the query explorer (数据查询) or the API guide (接口文档).
 */
export type Page = "dashboard" | "entry" | "import" | "approvals" | "tokens" | "explorer" | "docs";
export const PAGES: readonly Page[] = [
  "dashboard",
  "entry",
  "import",
  "approvals",
  "tokens",
  "explorer",
  "docs",
];
/** Longest query or variables text kept in the URL (browsers and proxies take ~8 k characters safely). */
export const MAX_URL_TEXT = 6000;

/** The whole view state; it lives in the URL so a copied link reproduces the view. */
export interface ViewState {
  region: string | null;
  from: string | null;
  to: string | null;
  /** A metric id: the KPI detail is open for it. */
  kpi: string | null;
  tab: Tab;
  lang: Lang;
  /** Table columns (metric ids); empty = the default choice. */
  cols: string[];
  /** Table sort: a column id and its direction, e.g. "enrollment.rate:desc"; null = unsorted. */
  sort: string | null;
  page: Page;
  /** Data entry: the form (enrollment, purchases, vbp, …). */
  form: string | null;
  /** Approvals: the domain tab. */
  domain: string | null;
  /** Data entry and approvals: the quarter reported. */
  quarter: string | null;
  /** Data entry: the county (reporting unit). */
  unit: string | null;
  /** Import: the CSV kind (enrollment, purchases, …). */
  kind: string | null;
  /** Query explorer: the GraphQL document, so a link reopens the same query. */
  query: string | null;
  /** Query explorer: the variables (JSON text). */
  variables: string | null;
}

export const DEFAULT_VIEW: ViewState = {
  region: null,
  from: null,
  to: null,
  kpi: null,
  tab: "overview",
  lang: "zh",
  cols: [],
  sort: null,
  page: "dashboard",
  form: null,
  domain: null,
  quarter: null,
  unit: null,
  kind: null,
  query: null,
  variables: null,
};

const text = (s: string | null) => (s && s.length <= MAX_URL_TEXT ? s : null);

const NAME = /^[a-z][\w-]{0,40}$/;
const name = (s: string | null) => (s && NAME.test(s) ? s : null);

export function parseView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const region = p.get("region");
  let from = p.get("from");
  let to = p.get("to");
  if (!isQuarter(from) || !isQuarter(to)) {
    from = null;
    to = null;
  } else if (compareQuarters(from, to) > 0) [from, to] = [to, from];
  const kpi = p.get("kpi");
  const cols = (p.get("cols") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^[\w.-]+$/.test(s));
  return {
    region: region && /^\d{6}$/.test(region) ? region : null,
    from,
    to,
    kpi: kpi && /^[\w.-]+$/.test(kpi) ? kpi : null,
    tab: p.get("tab") === "table" ? "table" : "overview",
    lang: p.get("lang") === "en" ? "en" : "zh",
    cols,
    sort: /^[\w.-]+:(asc|desc)$/.test(p.get("sort") ?? "") ? p.get("sort") : null,
    page: PAGES.find((x) => x === p.get("page")) ?? "dashboard",
    form: name(p.get("form")),
    domain: name(p.get("domain")),
    quarter: isQuarter(p.get("quarter")) ? p.get("quarter") : null,
    unit: /^\d{6}$/.test(p.get("unit") ?? "") ? p.get("unit") : null,
    kind: name(p.get("kind")),
    query: text(p.get("query")),
    variables: text(p.get("variables")),
  };
}

/** Only non-default values are written, in a stable order. */
export function serializeView(v: ViewState): string {
  const p = new URLSearchParams();
  if (v.region) p.set("region", v.region);
  if (v.from && v.to) {
    p.set("from", v.from);
    p.set("to", v.to);
  }
  if (v.kpi) p.set("kpi", v.kpi);
  if (v.tab !== "overview") p.set("tab", v.tab);
  if (v.cols.length > 0) p.set("cols", v.cols.join(","));
  if (v.sort) p.set("sort", v.sort);
  if (v.page !== "dashboard") p.set("page", v.page);
  if (v.form) p.set("form", v.form);
  if (v.domain) p.set("domain", v.domain);
  if (v.quarter) p.set("quarter", v.quarter);
  if (v.unit) p.set("unit", v.unit);
  if (v.kind) p.set("kind", v.kind);
  if (v.query) p.set("query", v.query);
  if (v.variables) p.set("variables", v.variables);
  if (v.lang !== "zh") p.set("lang", v.lang);
  const s = p.toString();
  return s ? `?${s}` : "";
}
