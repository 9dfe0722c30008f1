/**
 * The reporting workflow as the dashboard uses it: per domain, the report states of a region's
 * counties, a report's history, submit / approve / reopen. The documents are typed documents
 * generated from src/graphql/domain/reporting.graphql (template domain `enrollment`), re-targeted to
 * each domain by `forDomain`; the gateway's persisted-operation list is generated from the same
 * documents.
 */
import {
  ApproveEnrollmentReportDocument,
  ReopenEnrollmentReportDocument,
  ReportHistory_EnrollmentDocument,
  ReportingUnitsDocument,
  ReportStates_EnrollmentDocument,
  SubmitEnrollmentReportDocument,
} from "../gql/graphql";
import { GqlError, KNOWN_DOMAINS, type RegionRef, request } from "./api";
import { forDomain, operationName, textOf } from "./documents";
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

export const reportingDocs = {
  states: (domain: string) => forDomain(ReportStates_EnrollmentDocument, domain),
  history: (domain: string) => forDomain(ReportHistory_EnrollmentDocument, domain),
  submit: (domain: string) => forDomain(SubmitEnrollmentReportDocument, domain),
  approve: (domain: string) => forDomain(ApproveEnrollmentReportDocument, domain),
  reopen: (domain: string) => forDomain(ReopenEnrollmentReportDocument, domain),
};

/** The texts of the per-domain workflow documents, as sent. */
export const reportingQueries = {
  states: (domain: string) => textOf(reportingDocs.states(domain)),
  history: (domain: string) => textOf(reportingDocs.history(domain)),
  submit: (domain: string) => textOf(reportingDocs.submit(domain)),
  approve: (domain: string) => textOf(reportingDocs.approve(domain)),
  reopen: (domain: string) => textOf(reportingDocs.reopen(domain)),
};

export { operationName };

/** Report states of every county of `code` for the quarter(s), with the region's name. */
export async function fetchReportStates(
  token: string,
  domain: string,
  code: string,
  from: string,
  to: string,
  signal?: AbortSignal,
): Promise<{ region: RegionRef; states: ReportState[] }> {
  const data = await request(token, reportingDocs.states(domain), { code, from, to }, { signal });
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
  const data = await request(token, reportingDocs.history(domain), { regionCode, quarter });
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
  const data =
    action === "reopen"
      ? await request(token, reportingDocs.reopen(domain), { regionCode, quarter, reason: reason ?? "" })
      : await request(token, reportingDocs[action](domain), { regionCode, quarter });
  return data.state;
}

/** The counties (reporting units) at or below a scope, for the county picker: two levels down. */
export const UNITS_QUERY = textOf(ReportingUnitsDocument);

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
  const data = await request(token, ReportingUnitsDocument, { code: scope });
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
