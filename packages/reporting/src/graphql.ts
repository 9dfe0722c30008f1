import type { ResolverMap, SubgraphContext } from "@hsa/subgraph-kit";
import type { ReportStatus } from "./tables";
import type { Workflow } from "./workflow";

/**
 * Types every subgraph shares (identical SDL, @shareable): the state of one county's quarterly
 * report in one domain and one step of its workflow.
 */
export const reportingSharedSDL = /* GraphQL */ `
"DRAFT (being entered, or reopened) → SUBMITTED (by the county) → APPROVED (by the city); an approver may reopen with a reason."
enum ReportStatus {
  DRAFT
  SUBMITTED
  APPROVED
}

"The workflow state of one county's (reporting unit's) report for one quarter in one domain."
type ReportState @shareable {
  "enrollment | procurement | payment | supervision"
  domain: String!
  regionCode: ID!
  regionName: String!
  quarter: Quarter!
  status: ReportStatus!
  "whether any figures have been reported for this county and quarter"
  hasData: Boolean!
  "when the report is due (ISO time; the quarter's end + HSA_REPORT_DEADLINE_DAYS, 24:00 China time)"
  deadline: String!
  "first submission (timeliness is measured on it)"
  firstSubmittedAt: String
  submittedAt: String
  submittedBy: String
  "first submitted by the deadline; null until submitted"
  onTime: Boolean
  approvedAt: String
  approvedBy: String
  reopenedAt: String
  reopenedBy: String
  "why the report was last reopened"
  reopenReason: String
}

"One step of a report's workflow: who moved it from which status to which, when and why."
type ReportEvent @shareable {
  id: ID!
  at: String!
  domain: String!
  regionCode: ID!
  quarter: Quarter!
  "SUBMIT | APPROVE | REOPEN"
  action: String!
  fromStatus: ReportStatus!
  toStatus: ReportStatus!
  actorSub: String!
  actorName: String!
  reason: String
}
`;

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The workflow fields of one domain: Region.<domain>ReportStates, <domain>ReportHistory, submit/approve/reopen. */
export function workflowSDL(domain: string): string {
  const P = pascal(domain);
  return /* GraphQL */ `
extend type Region {
  """
  The ${domain} report status of every county (reporting unit) of this region for each quarter of
  [from, to], counties in code order within each quarter; status filters (e.g. SUBMITTED: what
  waits for approval). At most 12,000 county-quarters per request. FORBIDDEN outside your scope.
  """
  ${domain}ReportStates(from: Quarter!, to: Quarter!, status: ReportStatus): [ReportState!]!
}

extend type Query {
  "The workflow history (submit, approve, reopen) of one county's ${domain} report for a quarter, oldest first."
  ${domain}ReportHistory(regionCode: ID!, quarter: Quarter!): [ReportEvent!]!
}

extend type Mutation {
  """
  Submits a county's ${domain} report for a quarter (role reporter, county in scope): DRAFT →
  SUBMITTED. Needs reported figures. Submitting again changes nothing.
  """
  submit${P}Report(regionCode: ID!, quarter: Quarter!): ReportState!
  """
  Approves a submitted report (role approver, scope above the county, e.g. its city): SUBMITTED →
  APPROVED. Approved figures cannot be changed by mutations or imports until reopened.
  """
  approve${P}Report(regionCode: ID!, quarter: Quarter!): ReportState!
  "Reopens a submitted or approved report with a reason (role approver): → DRAFT. Audited."
  reopen${P}Report(regionCode: ID!, quarter: Quarter!, reason: String!): ReportState!
}
`;
}

interface KeyArgs {
  regionCode: string;
  quarter: string;
}

/** The resolvers matching workflowSDL(domain). */
export function workflowResolvers(workflow: Workflow): ResolverMap {
  const d = workflow.domain;
  const P = pascal(d);
  return {
    Region: {
      [`${d}ReportStates`]: (
        region: { code: string },
        args: { from: string; to: string; status?: ReportStatus | null },
        ctx: SubgraphContext,
      ) => workflow.states(ctx.principal, region.code, args.from, args.to, args.status),
    },
    Query: {
      [`${d}ReportHistory`]: (_: unknown, args: KeyArgs, ctx: SubgraphContext) =>
        workflow.history(ctx.principal, args),
    },
    Mutation: {
      [`submit${P}Report`]: async (_: unknown, args: KeyArgs, ctx: SubgraphContext) => {
        const state = await workflow.submit(ctx.principal, args);
        ctx.log.info({ ...args, domain: d, status: state.status }, "report submitted");
        return state;
      },
      [`approve${P}Report`]: async (_: unknown, args: KeyArgs, ctx: SubgraphContext) => {
        const state = await workflow.approve(ctx.principal, args);
        ctx.log.info({ ...args, domain: d, status: state.status }, "report approved");
        return state;
      },
      [`reopen${P}Report`]: async (_: unknown, args: KeyArgs & { reason: string }, ctx: SubgraphContext) => {
        const state = await workflow.reopen(ctx.principal, args, args.reason);
        ctx.log.info({ ...args, domain: d, status: state.status }, "report reopened");
        return state;
      },
    },
  };
}
