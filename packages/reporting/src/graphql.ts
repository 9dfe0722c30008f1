import { domainNameZh, type ResolverMap, type SubgraphContext } from "@hsa/subgraph-kit";
import { reportLayoutSharedSDL } from "./fact-layout";
import type { ReportStatus } from "./tables";
import type { Workflow } from "./workflow";

/**
 * Types every subgraph shares (identical SDL, @shareable): the state of one county's quarterly
 * report in one domain and one step of its workflow.
 */
export const reportingSharedSDL = /* GraphQL */ `
"上报状态：DRAFT（填报中或已退回）→ SUBMITTED（县级已提交）→ APPROVED（市级已审核）；审核人可填写理由退回。DRAFT (being entered, or reopened) → SUBMITTED (by the county) → APPROVED (by the city); an approver may reopen with a reason."
enum ReportStatus {
  "草稿：填报中，或已被退回。Draft: being entered, or reopened."
  DRAFT
  "已提交：县级已提交，待审核。Submitted by the county, waiting for approval."
  SUBMITTED
  "已审核：市级已审核通过，数据锁定直至退回。Approved by the city; figures locked until reopened."
  APPROVED
}

"某县级上报单位某季度在某领域的上报流程状态。The workflow state of one county's (reporting unit's) report for one quarter in one domain."
type ReportState @shareable {
  "领域：enrollment（参保）| procurement（招采）| payment（支付方式改革）| supervision（基金监管）。Domain: enrollment | procurement | payment | supervision."
  domain: String!
  "县级区划代码（六位）。County region code (six digits)."
  regionCode: ID!
  "县级区划名称。County name."
  regionName: String!
  "季度，如 2024Q1。Quarter, e.g. 2024Q1."
  quarter: Quarter!
  "当前状态。Current status."
  status: ReportStatus!
  "该县该季度是否已上报任何数据。Whether any figures have been reported for this county and quarter."
  hasData: Boolean!
  "上报截止时间（ISO 时间；季度末 + HSA_REPORT_DEADLINE_DAYS 天，北京时间 24:00）。When the report is due (ISO time; the quarter's end + HSA_REPORT_DEADLINE_DAYS, 24:00 China time)."
  deadline: String!
  "首次提交时间（及时性以此计算）。First submission (timeliness is measured on it)."
  firstSubmittedAt: String
  "最近一次提交时间（ISO）。Last submission time (ISO)."
  submittedAt: String
  "最近一次提交人。Who submitted last."
  submittedBy: String
  "是否在截止时间前首次提交；提交前为 null。First submitted by the deadline; null until submitted."
  onTime: Boolean
  "审核通过时间（ISO）。Approval time (ISO)."
  approvedAt: String
  "审核人。Who approved."
  approvedBy: String
  "最近一次退回时间（ISO）。Last reopening time (ISO)."
  reopenedAt: String
  "最近一次退回人。Who reopened last."
  reopenedBy: String
  "最近一次退回的理由。Why the report was last reopened."
  reopenReason: String
}

"上报流程中的一步：谁在何时、因何将其从哪个状态改到哪个状态。One step of a report's workflow: who moved it from which status to which, when and why."
type ReportEvent @shareable {
  "事件编号。Event id."
  id: ID!
  "发生时间（ISO）。When it happened (ISO time)."
  at: String!
  "领域。Domain (enrollment | procurement | payment | supervision)."
  domain: String!
  "县级区划代码（六位）。County region code (six digits)."
  regionCode: ID!
  "季度，如 2024Q1。Quarter, e.g. 2024Q1."
  quarter: Quarter!
  "操作：SUBMIT（提交）| APPROVE（审核）| REOPEN（退回）。Action: SUBMIT | APPROVE | REOPEN."
  action: String!
  "操作前状态。Status before."
  fromStatus: ReportStatus!
  "操作后状态。Status after."
  toStatus: ReportStatus!
  "操作人标识（令牌 sub）。Actor id (token sub)."
  actorSub: String!
  "操作人姓名。Actor name."
  actorName: String!
  "理由（退回时必填）。Reason (required when reopening)."
  reason: String
}
${reportLayoutSharedSDL}`;

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The workflow fields of one domain: Region.<domain>ReportStates, <domain>ReportHistory, submit/approve/reopen. */
export function workflowSDL(domain: string): string {
  const P = pascal(domain);
  const zh = domainNameZh(domain);
  const key = /* GraphQL */ `
    "县级区划代码（六位，上报单位），如 150724。County region code (six digits, a reporting unit), e.g. 150724."
    regionCode: ID!
    "季度，如 2024Q1。Quarter, e.g. 2024Q1."
    quarter: Quarter!`;
  return /* GraphQL */ `
extend type Region {
  """
  本区域所辖每个县级上报单位在 [from, to] 每个季度的${zh}上报状态（每季度内按代码排序）；status 可筛选（如 SUBMITTED：待审核）。
  每次最多 12,000 个县·季度。超出你的权限范围时返回 FORBIDDEN。
  The ${domain} report status of every county (reporting unit) of this region for each quarter of
  [from, to], counties in code order within each quarter; status filters (e.g. SUBMITTED: what
  waits for approval). At most 12,000 county-quarters per request. FORBIDDEN outside your scope.
  """
  ${domain}ReportStates(
    "起始季度（含），如 2024Q1。First quarter (inclusive), e.g. 2024Q1."
    from: Quarter!
    "结束季度（含）。Last quarter (inclusive)."
    to: Quarter!
    "只返回该状态的上报。Only reports in this status."
    status: ReportStatus
  ): [ReportState!]!
}

extend type Query {
  "某县某季度${zh}上报的流程历史（提交、审核、退回），按时间先后。The workflow history (submit, approve, reopen) of one county's ${domain} report for a quarter, oldest first."
  ${domain}ReportHistory(${key}
  ): [ReportEvent!]!
  """
  ${zh}领域每种上报数据的版式（字段、中英文列名、单位、必填、取值范围、说明和跨字段规则），由事实声明生成；录入表单和导入说明据此生成（关闭内省时也可用）。
  The layout of every kind of ${domain} figures (fields, Chinese and English headers, units,
  required, bounds, help and the rules across fields), made from the fact declarations: entry forms
  and the import help are built from it (works with introspection off).
  """
  ${domain}ReportLayouts: [ReportLayout!]!
}

extend type Mutation {
  """
  提交某县某季度的${zh}上报（需 reporter 角色，县在权限范围内）：DRAFT → SUBMITTED。须已上报数据；重复提交不产生变化。
  Submits a county's ${domain} report for a quarter (role reporter, county in scope): DRAFT →
  SUBMITTED. Needs reported figures. Submitting again changes nothing.
  """
  submit${P}Report(${key}
  ): ReportState!
  """
  审核通过已提交的上报（需 approver 角色，权限高于该县，如其所属市）：SUBMITTED → APPROVED。退回前数据不能被修改或导入覆盖。
  Approves a submitted report (role approver, scope above the county, e.g. its city): SUBMITTED →
  APPROVED. Approved figures cannot be changed by mutations or imports until reopened.
  """
  approve${P}Report(${key}
  ): ReportState!
  "填写理由退回已提交或已审核的上报（需 approver 角色）：→ DRAFT，记入审计。Reopens a submitted or approved report with a reason (role approver): → DRAFT. Audited."
  reopen${P}Report(${key}
    "退回理由（必填）。Why the report is reopened (required)."
    reason: String!
  ): ReportState!
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
      [`${d}ReportLayouts`]: () => workflow.layouts,
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
