import type { Database } from "@hsa/db";
import { getRegion } from "@hsa/regions";
import type { ExpectedUnits } from "./expected";
import { reportDeadline } from "./report-period";
import type { ReportingTables, ReportStateRow, ReportStatus } from "./tables";
import type { WorkflowOptions } from "./workflow";

/** What the parts of a domain's workflow (createWorkflow) share: its options, tables and settings. */
export interface WorkflowContext {
  opts: WorkflowOptions;
  db: Database;
  domain: string;
  st: ReportingTables["reportState"];
  ev: ReportingTables["reportEvent"];
  deadlineDays: number;
  expected: ExpectedUnits;
  now: () => Date;
}

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** What the GraphQL `ReportState` type shows. */
export interface ReportStateView {
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

/** The view of a county-quarter's state row (none yet = DRAFT). */
export function stateView(
  c: Pick<WorkflowContext, "domain" | "deadlineDays">,
  regionCode: string,
  quarter: string,
  row: ReportStateRow | undefined,
  hasData: boolean,
) {
  const { domain, deadlineDays } = c;
  const deadline = reportDeadline(quarter, deadlineDays);
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  return {
    domain,
    regionCode,
    regionName: getRegion(regionCode)?.name ?? regionCode,
    quarter,
    status: row?.status ?? "DRAFT",
    hasData,
    deadline: deadline.toISOString(),
    firstSubmittedAt: iso(row?.firstSubmittedAt),
    submittedAt: iso(row?.submittedAt),
    submittedBy: row?.submittedBy ?? null,
    onTime: row?.firstSubmittedAt ? row.firstSubmittedAt.getTime() <= deadline.getTime() : null,
    approvedAt: iso(row?.approvedAt),
    approvedBy: row?.approvedBy ?? null,
    reopenedAt: iso(row?.reopenedAt),
    reopenedBy: row?.reopenedBy ?? null,
    reopenReason: row?.reopenReason ?? null,
  } satisfies ReportStateView;
}
