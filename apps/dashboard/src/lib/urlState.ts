import type { Lang } from "./format";
import { compareQuarters, isQuarter } from "./quarters";

export type Tab = "overview" | "table";

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
}

export const DEFAULT_VIEW: ViewState = {
  region: null,
  from: null,
  to: null,
  kpi: null,
  tab: "overview",
  lang: "zh",
  cols: [],
};

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
  if (v.lang !== "zh") p.set("lang", v.lang);
  const s = p.toString();
  return s ? `?${s}` : "";
}
