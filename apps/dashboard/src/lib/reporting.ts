/**
 * The reporting workflow as the dashboard uses it: per domain, the report states of a region's
 * counties, a report's history, submit / approve / reopen. Every document is built here (per domain,
 * like Dashboard_<domain>) so the gateway's persisted-operation list can be generated from the
 * same builders (`reportingDocuments`).
 */
import { GqlError, gql, KNOWN_DOMAINS, type RegionRef } from "./api";
import { currentQuarter, fromIndex, quarterIndex } from "./quarters";

export type ReportStatus = "DRAFT" | "SUBMITTED" | "APPROVED";

export interface ReportState {
  domain: string;
  regionCode: string;
  regionName: string;
  quarter: string;
  status: ReportStatus;
  hasData: boolean;
  deadline: string;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  onTime: boolean | null;
  approvedAt: string | null;
  approvedBy: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

export interface ReportEvent {
  id: string;
  at: string;
  action: string;
  fromStatus: ReportStatus;
  toStatus: ReportStatus;
  actorName: string;
  reason: string | null;
}

const STATE =
  "domain regionCode regionName quarter status hasData deadline firstSubmittedAt submittedAt submittedBy onTime approvedAt approvedBy reopenedAt reopenedBy reopenReason";

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function checkDomain(domain: string): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(domain)) throw new Error(`bad domain name ${domain}`);
  return domain;
}

export const reportingQueries = {
  states: (domain: string) => {
    const d = checkDomain(domain);
    return `query ReportStates_${d}($code: ID!, $from: Quarter!, $to: Quarter!) { region(code: $code) { code name level states: ${d}ReportStates(from: $from, to: $to) { ${STATE} } } }`;
  },
  history: (domain: string) => {
    const d = checkDomain(domain);
    return `query ReportHistory_${d}($regionCode: ID!, $quarter: Quarter!) { history: ${d}ReportHistory(regionCode: $regionCode, quarter: $quarter) { id at action fromStatus toStatus actorName reason } }`;
  },
  submit: (domain: string) => {
    const P = pascal(checkDomain(domain));
    return `mutation Submit${P}Report($regionCode: ID!, $quarter: Quarter!) { state: submit${P}Report(regionCode: $regionCode, quarter: $quarter) { ${STATE} } }`;
  },
  approve: (domain: string) => {
    const P = pascal(checkDomain(domain));
    return `mutation Approve${P}Report($regionCode: ID!, $quarter: Quarter!) { state: approve${P}Report(regionCode: $regionCode, quarter: $quarter) { ${STATE} } }`;
  },
  reopen: (domain: string) => {
    const P = pascal(checkDomain(domain));
    return `mutation Reopen${P}Report($regionCode: ID!, $quarter: Quarter!, $reason: String!) { state: reopen${P}Report(regionCode: $regionCode, quarter: $quarter, reason: $reason) { ${STATE} } }`;
  },
};

/** The operation name of a document (what the dashboard sends as operationName). */
export function operationName(doc: string): string {
  const m = /^(?:query|mutation)\s+(\w+)/.exec(doc);
  if (!m?.[1]) throw new Error("document without an operation name");
  return m[1];
}

function send<T>(token: string, doc: string, variables: Record<string, unknown>, signal?: AbortSignal) {
  return gql<T>(token, doc, variables, { signal, operationName: operationName(doc) });
}

/** Report states of every county of `code` for the quarter(s), with the region's name. */
export async function fetchReportStates(
  token: string,
  domain: string,
  code: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<{ region: RegionRef; states: ReportState[] }> {
  const data = await send<{ region: (RegionRef & { states: ReportState[] }) | null }>(
    token,
    reportingQueries.states(domain),
    { code, from, to },
    signal,
  );
  if (!data.region) throw new GqlError(`region ${code} not found`, "NOT_FOUND");
  const { states, ...region } = data.region;
  return { region, states };
}

export async function fetchReportHistory(
  token: string,
  domain: string,
  regionCode: string,
  quarter: string,
): Promise<ReportEvent[]> {
  const data = await send<{ history: ReportEvent[] }>(token, reportingQueries.history(domain), {
    regionCode,
    quarter,
  });
  return data.history;
}

export async function reportAction(
  token: string,
  domain: string,
  action: "submit" | "approve" | "reopen",
  regionCode: string,
  quarter: string,
  reason?: string,
): Promise<ReportState> {
  const vars: Record<string, unknown> = { regionCode, quarter };
  if (action === "reopen") vars.reason = reason ?? "";
  const data = await send<{ state: ReportState }>(token, reportingQueries[action](domain), vars);
  return data.state;
}

/** The counties (reporting units) at or below a scope, for the county picker: two levels down. */
export const UNITS_QUERY =
  "query ReportingUnits($code: ID!) { region(code: $code) { code name level children { code name level children { code name level } } } }";

type Tree = RegionRef & { children?: Tree[] };

export function countiesOf(tree: Tree | null): RegionRef[] {
  if (!tree) return [];
  if (tree.level === "COUNTY") return [{ code: tree.code, name: tree.name, level: tree.level }];
  return (tree.children ?? []).flatMap((c) => countiesOf(c));
}

export async function fetchReportingUnits(
  token: string,
  scope: string,
): Promise<{ region: RegionRef | null; counties: RegionRef[] }> {
  const data = await send<{ region: Tree | null }>(token, UNITS_QUERY, { code: scope });
  const r = data.region;
  return { region: r ? { code: r.code, name: r.name, level: r.level } : null, counties: countiesOf(r) };
}

/** Every document of the workflow for the given domains (for the persisted-operation list). */
export function reportingDocuments(domains: readonly string[] = KNOWN_DOMAINS): string[] {
  const docs = [UNITS_QUERY];
  for (const d of domains)
    docs.push(
      reportingQueries.states(d),
      reportingQueries.history(d),
      reportingQueries.submit(d),
      reportingQueries.approve(d),
      reportingQueries.reopen(d),
    );
  return docs;
}

/** "2025-04-16T02:03:04Z" → "2025-04-16 10:03" in China time (UTC+8), as bureaus read it. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** A deadline (the end of a day, 24:00 China time) as the day it falls on: "2025-04-15". */
export function formatDeadline(iso: string | null | undefined): string {
  if (!iso) return "—";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return formatTime(new Date(t - 1).toISOString()).slice(0, 10);
}

/** The quarters a county can report: from 2018Q1 up to the current one, newest first. */
export function reportableQuarters(now = new Date()): string[] {
  const out: string[] = [];
  for (let i = quarterIndex(currentQuarter(now)); i >= quarterIndex("2018Q1"); i--) out.push(fromIndex(i));
  return out;
}
