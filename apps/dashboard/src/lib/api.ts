/** The dashboard's only server: the gateway, reached through our own origin (/graphql). */
import {
  Dashboard_EnrollmentDocument,
  DashboardChildrenDocument,
  DashboardDomainsDocument,
  DashboardRange_EnrollmentDocument,
  RegionDirectoryDocument,
  type TypedDocumentString,
} from "../gql/graphql";
import { forDomain, operationName, textOf } from "./documents";
import { rememberDomainNames } from "./i18n";
import { addQuarters, compareQuarters, currentQuarter, lastQuartersWithData } from "./quarters";
import type { DirectoryEntry } from "./regionSearch";

/** NO_TARGET: the metric has no target (issue 15) — never shown as met. */
export type KpiStatus = "MET" | "NEAR" | "MISSED" | "NO_DATA" | "NO_TARGET";

export interface Metric {
  id: string;
  domain: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  numeratorZh: string;
  numeratorEn: string;
  denominatorZh: string | null;
  denominatorEn: string | null;
  aggregation: "FLOW" | "STOCK";
  target: number | null;
  /** @deprecated use direction (still sent by the graph) */
  higherIsBetter: boolean;
  /** which way is better; NEUTRAL: changes are never coloured good or bad */
  direction?: "UP" | "DOWN" | "NEUTRAL";
  targetRule?: "NONE" | "AT_LEAST" | "AT_MOST" | "BAND" | "ELAPSED";
  targetLow?: number | null;
  targetHigh?: number | null;
}

/**
 * Why a value should be read with care (issue 15): ABOVE_MAXIMUM (above what the metric allows,
 * e.g. a share over 100%), PARTIAL_REPORTING (not every expected reporting unit reported the
 * quarters of the value), OUTLIER (unusual against the region's own history and its siblings).
 */
export type QualityFlag = "ABOVE_MAXIMUM" | "PARTIAL_REPORTING" | "OUTLIER";
export const QUALITY_FLAGS: readonly QualityFlag[] = ["ABOVE_MAXIMUM", "PARTIAL_REPORTING", "OUTLIER"];

export interface KpiValue {
  quarter: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  target: number | null;
  status: KpiStatus;
  /** what the value is judged against (ELAPSED: the expected progress); sent on range totals */
  expected?: number | null;
  /** asked for on the region's own total and points only (not its children's) */
  flags?: QualityFlag[];
}

/** A compared range total: value and status are all the card asks for. */
export type ComparedValue = Pick<KpiValue, "value" | "status">;

export interface KpiSeries {
  metric: { id: string };
  total: KpiValue;
  points: KpiValue[];
  /** the range total over the preceding range of the same length (环比); region's own kpis only */
  previous?: ComparedValue | null;
  /** the range total over the same range one year earlier (同比); region's own kpis only */
  yearAgo?: ComparedValue | null;
}

/** A child region's series: its range total, and per quarter only the value and status. */
export interface ChildKpiSeries {
  metric: { id: string };
  total: KpiValue;
  points: Pick<KpiValue, "quarter" | "value" | "status">[];
}

export interface RegionRef {
  code: string;
  name: string;
  level: "NATION" | "PROVINCE" | "CITY" | "COUNTY";
}

export interface DomainData {
  domain: string;
  metrics: Metric[];
  region: RegionRef & { path: RegionRef[]; kpis: KpiSeries[] };
  /** The children; their `kpis` only when asked for (`compare`: the table or a comparison is shown). */
  children: (RegionRef & { kpis?: ChildKpiSeries[] | null })[];
}

export class GqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** The error's extensions (e.g. reason, problems), when the graph sent any. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "GqlError";
  }
}

interface GqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
}

export type Fetcher = typeof fetch;

/** POST /graphql; GraphQL errors become a GqlError carrying extensions.code. */
export async function gql<T>(
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  opts: { signal?: AbortSignal; operationName?: string } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables, operationName: opts.operationName }),
      signal: opts.signal ?? null,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new GqlError((err as Error).message, "NETWORK");
  }
  let body: GqlResponse<T>;
  try {
    body = (await res.json()) as GqlResponse<T>;
  } catch {
    throw new GqlError(`HTTP ${res.status}`, res.status === 401 ? "UNAUTHENTICATED" : "NETWORK");
  }
  const first = body.errors?.[0];
  if (first)
    throw new GqlError(first.message, first.extensions?.code ?? "INTERNAL_SERVER_ERROR", first.extensions);
  if (!body.data) throw new GqlError(`HTTP ${res.status}`, "INTERNAL_SERVER_ERROR");
  return body.data;
}

/**
 * Sends a typed document (generated by `npm run codegen` from src/graphql/): its exact text, so
 * the gateway's persisted-operation allow-list knows it, with its operation name.
 */
export function request<R, V extends Record<string, unknown>>(
  token: string,
  doc: TypedDocumentString<R, V>,
  variables: V,
  opts: { signal?: AbortSignal } = {},
): Promise<R> {
  return gql<R>(token, textOf(doc), variables, { ...opts, operationName: operationName(doc) });
}

/** Domains assumed when the graph cannot say (an older gateway without `Query.domains`). */
export const KNOWN_DOMAINS = ["enrollment", "procurement", "payment", "supervision"];
/** Display order of the domains (参保 / 集采与网采 / 支付方式改革 / 基金监管); unknown ones after. */
export const DOMAIN_ORDER = ["enrollment", "procurement", "payment", "supervision"];

export interface DomainInfo {
  name: string;
  nameZh: string;
  nameEn: string;
}

/** Domain names in display order: the known ones first, then any new one alphabetically. */
export function orderDomains(names: readonly string[]): string[] {
  return [...new Set(names)]
    .filter((d) => /^[a-z][A-Za-z0-9]*$/.test(d))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

function order(d: string): number {
  const i = DOMAIN_ORDER.indexOf(d);
  return i === -1 ? DOMAIN_ORDER.length : i;
}

/**
 * One request: which domains does the graph serve? `Query.domains` comes from the subgraph
 * registry and works with introspection off (production); their Chinese and English names are
 * remembered for the labels (a new domain needs no dashboard change). Falls back to the known list
 * only when the graph cannot answer.
 */
export async function discoverDomains(token: string): Promise<string[]> {
  try {
    const data = await request(token, DashboardDomainsDocument, {});
    rememberDomainNames(data.domains);
    const names = orderDomains(data.domains.map((d) => d.name));
    return names.length ? names : [...KNOWN_DOMAINS];
  } catch (err) {
    if (err instanceof GqlError && err.code === "UNAUTHENTICATED") throw err;
    return [...KNOWN_DOMAINS];
  }
}

/**
 * The reporting completeness KPIs every domain adds to its catalogue (报表完整率 / 及时率): they
 * have a value for every quarter that has ended (0% when nothing came in), so they never tell
 * which quarters have figures.
 */
export function isCompletenessMetric(metricId: string): boolean {
  return /\.reporting_(completeness|timeliness)$/.test(metricId);
}

/**
 * The one operation per domain behind a view (src/graphql/domain/dashboard.graphql): the
 * catalogue, the region (breadcrumb path, range totals + points with their quality flags, and the
 * graph's own comparison totals: `previous`, the preceding range of the same length, for 环比 and
 * `yearAgo`, the same range a year earlier, for 同比) and its children — their totals (no flags or
 * comparisons) only with `compare` (default true), which the landing's overview leaves off.
 */
export function domainDocument(domain: string) {
  return forDomain(Dashboard_EnrollmentDocument, domain);
}

/** The text of `Dashboard_<domain>`, as sent. */
export function domainQuery(domain: string): string {
  return textOf(domainDocument(domain));
}

export async function fetchDomain(
  token: string,
  domain: string,
  code: string,
  from: string,
  to: string,
  signal?: AbortSignal,
  compare = true,
): Promise<DomainData> {
  const data = await request(token, domainDocument(domain), { code, from, to, compare }, { signal });
  if (!data.region) throw new GqlError(`region ${code} not found`, "NOT_FOUND");
  const { children, ...region } = data.region;
  return { domain, metrics: data.metrics, region, children };
}

/**
 * The default range: the last four quarters with data, found with light requests for the scope
 * region only (never a national ten-year query): per domain, 8 quarters up to today, stepping back
 * 8 at a time (at most 3 windows) until it finds reported data. The range ends at the latest
 * quarter that every reporting domain has reached, so no domain's cards open empty because another
 * domain reports sooner (e.g. inspections this quarter, enrollment figures a year behind).
 */
export async function defaultRange(
  token: string,
  domains: string[],
  scope: string,
  now: Date = new Date(),
): Promise<{ from: string; to: string } | null> {
  const perDomain = await Promise.all(
    domains.map(async (domain) => {
      const doc = forDomain(DashboardRange_EnrollmentDocument, domain);
      const quarters = new Set<string>();
      let to = currentQuarter(now);
      for (let window = 0; window < 3 && quarters.size === 0; window++) {
        const from = addQuarters(to, -7);
        try {
          const data = await request(token, doc, { code: scope, from, to });
          for (const s of data.region?.k ?? []) {
            if (isCompletenessMetric(s.metric.id)) continue;
            for (const p of s.points) if (p.status !== "NO_DATA" && p.quarter) quarters.add(p.quarter);
          }
        } catch (err) {
          if (err instanceof GqlError && err.code === "UNAUTHENTICATED") throw err;
          return quarters; // this domain is down: it does not decide the range
        }
        to = addQuarters(from, -1);
      }
      return quarters;
    }),
  );
  return commonRange(perDomain, 4);
}

/** The last `n` quarters with data, ending at the latest quarter every reporting domain reached. */
export function commonRange(perDomain: Set<string>[], n = 4): { from: string; to: string } | null {
  const reporting = perDomain.filter((q) => q.size > 0);
  if (reporting.length === 0) return null;
  const latest =
    reporting.map((q) => [...q].sort(compareQuarters).at(-1) ?? "").sort(compareQuarters)[0] ?? "";
  const all = reporting.flatMap((q) => [...q]).filter((q) => compareQuarters(q, latest) <= 0);
  return lastQuartersWithData(all, n);
}

export interface DemoUser {
  key: string;
  name: string;
  scope: string;
  roles: string[];
  descriptionZh: string;
  descriptionEn: string;
  token: string;
}

/** Demo users with fresh tokens, when the gateway runs in demo mode; [] otherwise. */
export async function fetchDemoUsers(): Promise<DemoUser[]> {
  try {
    const res = await fetch("/demo/users");
    if (!res.ok) return [];
    const body = (await res.json()) as unknown;
    return Array.isArray(body) ? (body as DemoUser[]) : [];
  } catch {
    return [];
  }
}

/** Children of a region, for the region picker (within the scope; the graph filters). */
export async function fetchChildren(token: string, code: string): Promise<RegionRef[]> {
  const data = await request(token, DashboardChildrenDocument, { code });
  return data.region?.children ?? [];
}

/** Every region in the caller's scope, for the region picker's search (one request, on first use). */
export async function fetchRegionDirectory(token: string): Promise<DirectoryEntry[]> {
  const data = await request(token, RegionDirectoryDocument, {});
  const withParent = (r: {
    code: string;
    name: string;
    level: RegionRef["level"];
    parent?: { name: string } | null;
  }) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    parentName: r.parent?.name ?? null,
  });
  return [
    ...data.provinces.map(withParent),
    ...data.cities.map(withParent),
    ...data.counties.map(withParent),
  ];
}
