/** The dashboard's only server: the gateway, reached through our own origin (/graphql). */
import {
  Dashboard_EnrollmentDocument,
  DashboardChildrenDocument,
  DashboardDomainsDocument,
  DashboardLatestDocument,
  RegionDirectoryDocument,
  type TypedDocumentString,
} from "../gql/graphql";
import { allDomains, forDomain, operationName, textOf } from "./documents";
import { rememberDomainNames } from "./i18n";
import { addQuarters, compareQuarters, isQuarter } from "./quarters";
import type { DirectoryEntry } from "./regionSearch";

/** NO_TARGET: the metric has no target (issue 15) — never shown as met. */
export type KpiStatus = "MET" | "NEAR" | "MISSED" | "NO_DATA" | "NO_TARGET";

export interface Metric {
  id: string;
  domain: string;
  nameZh: string;
  nameEn: string;
  /** display unit in Chinese, as the metric declares it */
  unit: string;
  /** display unit in English, as the metric declares it (the Chinese unit when it declares none) */
  unitEn: string;
  /** decimals to display, as the metric declares it */
  precision: number;
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
  opts: { signal?: AbortSignal; operationName?: string; partial?: boolean } = {},
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
  // partial: the data the graph could give (a field of a subgraph that is down is null), unless
  // the caller is signed out.
  const signedOut = body.errors?.find((e) => e.extensions?.code === "UNAUTHENTICATED");
  if (opts.partial && body.data && !signedOut) return body.data;
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
  opts: { signal?: AbortSignal; partial?: boolean } = {},
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
 * The default range, in one request: every domain's latest reported quarter for the scope region
 * (`Query.<domain>LatestQuarter`, which leaves the completeness KPIs out and never reads a national
 * ten-year range), then the four quarters ending at the latest quarter every reporting domain has
 * reached — so no domain's cards open empty because another reports sooner (e.g. inspections this
 * quarter, enrollment figures a year behind). A domain that is down (null, with an error) does not
 * decide it.
 */
export async function defaultRange(
  token: string,
  domains: string[],
  scope: string,
): Promise<{ from: string; to: string } | null> {
  try {
    const latest = await request(
      token,
      allDomains(DashboardLatestDocument, domains),
      { code: scope },
      {
        partial: true,
      },
    );
    return commonRange(domains.map((d) => latest[d] ?? null));
  } catch (err) {
    if (err instanceof GqlError && err.code === "UNAUTHENTICATED") throw err;
    return null;
  }
}

/** The last `n` quarters up to the latest quarter every reporting domain reached (null: none reports). */
export function commonRange(latest: (string | null)[], n = 4): { from: string; to: string } | null {
  const reached = latest.filter(isQuarter).sort(compareQuarters)[0];
  return reached ? { from: addQuarters(reached, -(n - 1)), to: reached } : null;
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
