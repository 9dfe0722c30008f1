/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** 汇总方式：流量（FLOW）跨季度求和，存量（STOCK）取区间最后一个季度。How a quantity aggregates over quarters: FLOW sums, STOCK takes the last quarter of the range. */
export type Aggregation =
  /** 流量：区间内各季度相加（如结算笔数）。Flow: the quarters of the range are summed (e.g. settlements). */
  | 'FLOW'
  /** 存量：取区间最后一个季度的值（如参保人数）。Stock: the value of the range's last quarter (e.g. insured persons). */
  | 'STOCK';

/** 某病种的病例数及基金金额。Cases and fund amounts of one disease group. */
export type DipGroupCasesInput = {
  /** 病例数（例，非负整数）。Number of cases (a non-negative integer). */
  cases: number;
  /** 这些病例按 DIP 支付的住院基金（元），默认 0。Inpatient fund paid by DIP for these cases, yuan, default 0. */
  dipFundYuan?: string;
  /** 这些病例的预付基金（元，最多两位小数），默认 0。Fund prepaid (预付) for these cases, yuan, default 0. */
  fundPrepaidYuan?: string;
  /** 病种编码（统筹地区目录中的）。Group code from the pool's catalogue. */
  groupCode: string;
  /** 这些病例的全部住院基金（元，≥ dipFundYuan），默认 0。All inpatient fund paid for these cases, yuan (≥ dipFundYuan), default 0. */
  inpatientFundYuan?: string;
};

/** 指标方向：哪个方向更好；中性（金额、数量）不着色好坏。Which way is better; NEUTRAL (amounts, volumes): never coloured good or bad. */
export type Direction =
  /** 越低越好。Lower is better. */
  | 'DOWN'
  /** 中性，不判好坏。Neutral: neither higher nor lower is better. */
  | 'NEUTRAL'
  /** 越高越好。Higher is better. */
  | 'UP';

/** 一项处理结果。A disposition to record. */
export type DispositionInput = {
  /** 金额（元，最多两位小数），如 "433000.00"；除约谈整改（无金额）外必填且大于 0。Yuan, at most two decimals, e.g. "433000.00"; required (> 0) except for INTERVIEW, which has none. */
  amountYuan?: string | null | undefined;
  /** 处理类别。Kind. */
  kind: DispositionKind;
  /** 说明（可选）。Note (optional). */
  note?: string | null | undefined;
};

/** 检查的处理结果类别。Kind of disposition resulting from an inspection. */
export type DispositionKind =
  /** 预留金考核扣付。Deduction from the reserve on assessment. */
  | 'DEDUCTION'
  /** 约谈整改（无金额）。Interview and rectification (no amount). */
  | 'INTERVIEW'
  /** 行政处罚。Administrative penalty. */
  | 'PENALTY'
  /** 追回违规基金。Recovery of misused funds. */
  | 'RECOVERY'
  /** 审核拒付。Refused on review. */
  | 'REFUSAL'
  /** 自查自纠退回。Refund after self-inspection. */
  | 'SELF_CORRECTION';

/** 某县某季度的参保上报数据（全部字段必填；人数为非负整数）。One county's enrollment figures for one quarter (every field required; counts are non-negative integers). */
export type EnrollmentReportInput = {
  /** 医保电子凭证激活人数（人，季度末）。Persons with an activated e-voucher (persons, end of quarter). */
  evoucherActivated: number;
  /** 职工医保参保人数（人，季度末）。Insured persons, employee scheme (persons, end of quarter). */
  insuredEmployee: number;
  /** 居民医保参保人数（人，季度末）。Insured persons, resident scheme (persons, end of quarter). */
  insuredResident: number;
  /** 季度，如 2024Q1。Quarter, e.g. 2024Q1. */
  quarter: string;
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: string;
  /** 户籍人口（人，季度末）。Registered population (persons, end of quarter). */
  registeredPopulation: number;
  /** 季度内统筹区外住院人次。Hospitalisations outside the pooling region within the quarter (person-times). */
  remoteHospitalisations: number;
  /** 季度内异地就医备案人次。Remote-care registrations within the quarter (person-times). */
  remoteRegistrations: number;
  /** 季度内使用医保电子凭证的结算笔数（次），不超过结算笔数。E-voucher settlements within the quarter (count), at most settlementsTotal. */
  settlementsEvoucher: number;
  /** 季度内结算笔数（次）。Settlements within the quarter (count). */
  settlementsTotal: number;
  /** 季度内资助参保人数（人）。Subsidised persons within the quarter (persons). */
  subsidisedPersons: number;
  /** 资助参保金额（元，最多两位小数），如 "971700.00"。Yuan, at most two decimals, e.g. "971700.00". */
  subsidyAmountYuan: string;
};

/** 检查类别：日常检查 / 专项检查 / 飞行检查 / 交叉检查。Inspection kind: routine / special / unannounced (flying) / cross. */
export type InspectionKind =
  /** 交叉检查。Cross inspection. */
  | 'CROSS'
  /** 飞行检查。Unannounced (flying) inspection. */
  | 'FLYING'
  /** 日常检查。Routine inspection. */
  | 'ROUTINE'
  /** 专项检查。Special inspection. */
  | 'SPECIAL';

/** 指标状态：与目标比较的结果。A KPI value's status against its target. */
export type KpiStatus =
  /** 达标。Met: the value reaches the target. */
  | 'MET'
  /** 未达标。Missed: the value falls short of the target. */
  | 'MISSED'
  /** 接近目标：未达标，但差距不超过容差（率默认 5 个百分点）。Near: short of the target by no more than the tolerance (by default 5 percentage points for rates). */
  | 'NEAR'
  /** 无数据（分母为 0 或未上报）。No data: no report, or the denominator is 0. */
  | 'NO_DATA'
  /** 无目标（TargetRule NONE），永不为达标。The metric has no target (TargetRule NONE): never MET. */
  | 'NO_TARGET';

/** 采购类别：药品 / 可单独收费医用耗材 / 不可单独收费医用耗材。Purchase category: drugs / separately chargeable consumables / non-separately chargeable consumables. */
export type PurchaseCategory =
  /** 不可单独收费医用耗材。Non-separately chargeable medical consumables. */
  | 'CONSUMABLE_NON_SEPARATE'
  /** 可单独收费医用耗材。Separately chargeable medical consumables. */
  | 'CONSUMABLE_SEPARATE'
  /** 药品。Drugs. */
  | 'DRUG';

/** 某类别的采购金额。The purchase amounts of one category. */
export type PurchaseItemInput = {
  /** 采购类别（每个类别最多一项）。Category (at most one item per category). */
  category: PurchaseCategory;
  /** 网采金额（元，最多两位小数）。Network purchase amount (yuan, at most two decimals). */
  networkYuan: string;
  /** 报备的网外采购金额（元，最多两位小数），默认 0。Reported off-network amount (yuan, at most two decimals), default 0. */
  reportedOffNetworkYuan?: string;
  /** 采购总金额（元，最多两位小数），如 "8748900.00"。Yuan, at most two decimals, e.g. "8748900.00". */
  totalYuan: string;
};

/** 数据质量标记。A data quality flag on a KPI value. */
export type QualityFlag =
  /** 超过指标最大值（如占比超过 100%）。The value exceeds the metric's maximum (e.g. a share above 100%). */
  | 'ABOVE_MAXIMUM'
  /** 异常值：与本区域历史及同级区域相比异常。Unusual against the region's own history and its siblings. */
  | 'OUTLIER'
  /** 部分上报：该区域应上报的单位未全部上报这些季度。Not every expected reporting unit of the region reported the quarters of the value. */
  | 'PARTIAL_REPORTING';

/** 要记录的检查。An inspection to record. */
export type RecordInspectionInput = {
  /** 处理结果（可为空）。Dispositions (may be empty). */
  dispositions?: Array<DispositionInput>;
  /** 检查发现的问题。Findings. */
  findings: string;
  /** 检查日期（YYYY-MM-DD），不晚于今天（北京时间），不早于协议开始日期。YYYY-MM-DD, not in the future (China time), not before the agreement start. */
  inspectedOn: string;
  /** 被检查机构编号，须在你的权限范围内。Institution id, in your scope. */
  institutionId: string;
  /** 检查类别。Inspection kind. */
  kind: InspectionKind;
  /** 客户端选择的幂等键（如每次表单提交一个 UUID）：相同键重试不会重复创建。Idempotency key chosen by the client (e.g. a UUID per form submission): a retry with the same key creates nothing. */
  requestId?: string | null | undefined;
};

/** 行政区划级别（GB/T 2260）。Administrative level of a region (GB/T 2260). */
export type RegionLevel =
  /** 地级市（地级行政区）。Prefecture-level city. */
  | 'CITY'
  /** 县级（县、旗、区、县级市、管理区），即上报单位。County-level division (a reporting unit). */
  | 'COUNTY'
  /** 全国。The nation. */
  | 'NATION'
  /** 省级（省、自治区、直辖市）。Province-level division. */
  | 'PROVINCE';

/** 某机构某季度的 DIP 病例上报。One institution's DIP cases for a quarter. */
export type ReportDipCasesInput = {
  /** 各病种的病例数据（每个病种一项）。Cases per disease group (one item per group). */
  groups: Array<DipGroupCasesInput>;
  /** 机构编号（来自基金监管子图），如 150724-H-001。An institution id from the supervision subgraph, e.g. 150724-H-001. */
  institutionId: string;
  /** 季度，如 2024Q1。Quarter, e.g. 2024Q1. */
  quarter: string;
};

/** 上报字段的类型。The kind of a reported field. */
export type ReportFieldKind =
  /** 非负整数。A whole number ≥ 0. */
  | 'COUNT'
  /** 日期（YYYY-MM-DD）。A date (YYYY-MM-DD). */
  | 'DATE'
  /** 小数（如系数，最多 decimals 位小数）。A decimal number (e.g. a coefficient), at most decimals places. */
  | 'DECIMAL'
  /** 枚举（choices 之一）。One of the choices. */
  | 'ENUM'
  /** 季度（YYYYQn）。A quarter (YYYYQn). */
  | 'QUARTER'
  /** 县级区划代码。A county-level region code. */
  | 'REGION'
  /** 文本。Text. */
  | 'TEXT'
  /** 金额（元，最多两位小数）。An amount in yuan, at most two decimals. */
  | 'YUAN';

/** 某机构某季度的采购上报。One institution's purchases for a quarter. */
export type ReportPurchasesInput = {
  /** 机构编号（来自基金监管子图），如 150724-H-001。An institution id from the supervision subgraph, e.g. 150724-H-001. */
  institutionId: string;
  /** 各类别的采购金额。Purchase amounts per category. */
  items: Array<PurchaseItemInput>;
  /** 季度，如 2024Q1。Quarter, e.g. 2024Q1. */
  quarter: string;
};

/** 客户端如何检查一条规则。How a client can check a rule. */
export type ReportRuleCheck =
  /** 合计不超过上限（Σ sum ≤ Σ atMost）。Σ sum ≤ Σ atMost. */
  | 'AT_MOST'
  /** whenField 为 whenValues 之一时该字段为空，否则大于 0。The field is empty while whenField is one of whenValues, else above 0. */
  | 'EMPTY_WHEN'
  /** 日期字段不晚于今天（北京时间）。The date field is not after today (China time). */
  | 'NOT_AFTER_TODAY'
  /** 只能由服务端检查（见表述）。Only the server can check it (see the words). */
  | 'OTHER';

/** 上报状态：DRAFT（填报中或已退回）→ SUBMITTED（县级已提交）→ APPROVED（市级已审核）；审核人可填写理由退回。DRAFT (being entered, or reopened) → SUBMITTED (by the county) → APPROVED (by the city); an approver may reopen with a reason. */
export type ReportStatus =
  /** 已审核：市级已审核通过，数据锁定直至退回。Approved by the city; figures locked until reopened. */
  | 'APPROVED'
  /** 草稿：填报中，或已被退回。Draft: being entered, or reopened. */
  | 'DRAFT'
  /** 已提交：县级已提交，待审核。Submitted by the county, waiting for approval. */
  | 'SUBMITTED';

/** 某机构某季度采购某集采中选产品的数量。The volume of one VBP product an institution purchased in one quarter. */
export type ReportVbpProgressInput = {
  /** 机构编号。Institution id. */
  institutionId: string;
  /** 中选产品编号（见 vbpBatches）。Winning product id (see vbpBatches). */
  productId: string;
  /** 季度内采购量（按产品计量单位，非负整数）。Volume purchased within the quarter (in the product's unit, a non-negative integer). */
  purchasedVolume: number;
  /** 季度。Quarter. */
  quarter: string;
};

/** 目标规则：数值如何与目标比较。How a value is judged against its target. */
export type TargetRule =
  /** 不低于目标。At least the target. */
  | 'AT_LEAST'
  /** 不高于目标。At most the target. */
  | 'AT_MOST'
  /** 在 targetLow 与 targetHigh 之间（含端点）。Between targetLow and targetHigh (inclusive). */
  | 'BAND'
  /** 序时进度：不低于 目标 × 该值最后一个季度末（协议）年度已过比例。At least target × the share of the (agreement) year elapsed at the end of the value's last quarter (序时进度). */
  | 'ELAPSED'
  /** 无目标：状态为 NO_TARGET。No target: status NO_TARGET. */
  | 'NONE';

export type DashboardDomainsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardDomainsQuery = { domains: Array<{ name: string, nameZh: string, nameEn: string }> };

export type DashboardChildrenQueryVariables = Exact<{
  code: string;
}>;


export type DashboardChildrenQuery = { region: { children: Array<{ code: string, name: string, level: RegionLevel }> } | null };

export type ReportingUnitsQueryVariables = Exact<{
  code: string;
}>;


export type ReportingUnitsQuery = { region: { code: string, name: string, level: RegionLevel, children: Array<{ code: string, name: string, level: RegionLevel, children: Array<{ code: string, name: string, level: RegionLevel }> }> } | null };

export type RegionDirectoryQueryVariables = Exact<{ [key: string]: never; }>;


export type RegionDirectoryQuery = { provinces: Array<{ code: string, name: string, level: RegionLevel }>, cities: Array<{ code: string, name: string, level: RegionLevel, parent: { name: string } | null }>, counties: Array<{ code: string, name: string, level: RegionLevel, parent: { name: string } | null }> };

export type Dashboard_EnrollmentQueryVariables = Exact<{
  code: string;
  from: string;
  to: string;
  compare?: boolean | null | undefined;
}>;


export type Dashboard_EnrollmentQuery = { metrics: Array<{ id: string, domain: string, nameZh: string, nameEn: string, unit: string, unitEn: string, precision: number, numeratorZh: string, numeratorEn: string, denominatorZh: string | null, denominatorEn: string | null, aggregation: Aggregation, target: number | null, higherIsBetter: boolean, direction: Direction, targetRule: TargetRule, targetLow: number | null, targetHigh: number | null }>, region: { code: string, name: string, level: RegionLevel, path: Array<{ code: string, name: string, level: RegionLevel }>, kpis: Array<{ metric: { id: string }, total: { quarter: string | null, numerator: number, denominator: number | null, value: number | null, target: number | null, status: KpiStatus, expected: number | null, flags: Array<QualityFlag> }, points: Array<{ quarter: string | null, numerator: number, denominator: number | null, value: number | null, target: number | null, status: KpiStatus, flags: Array<QualityFlag> }>, previous: { value: number | null, status: KpiStatus } | null, yearAgo: { value: number | null, status: KpiStatus } | null }>, children: Array<{ code: string, name: string, level: RegionLevel, kpis?: Array<{ metric: { id: string }, total: { quarter: string | null, numerator: number, denominator: number | null, value: number | null, target: number | null, status: KpiStatus }, points: Array<{ quarter: string | null, value: number | null, status: KpiStatus }> }> }> } | null };

export type ReportStates_EnrollmentQueryVariables = Exact<{
  code: string;
  from: string;
  to: string;
}>;


export type ReportStates_EnrollmentQuery = { region: { code: string, name: string, level: RegionLevel, states: Array<{ domain: string, regionCode: string, regionName: string, quarter: string, status: ReportStatus, hasData: boolean, deadline: string, firstSubmittedAt: string | null, submittedAt: string | null, submittedBy: string | null, onTime: boolean | null, approvedAt: string | null, approvedBy: string | null, reopenedAt: string | null, reopenedBy: string | null, reopenReason: string | null }> } | null };

export type ReportHistory_EnrollmentQueryVariables = Exact<{
  regionCode: string;
  quarter: string;
}>;


export type ReportHistory_EnrollmentQuery = { history: Array<{ id: string, at: string, action: string, fromStatus: ReportStatus, toStatus: ReportStatus, actorName: string, reason: string | null }> };

export type SubmitEnrollmentReportMutationVariables = Exact<{
  regionCode: string;
  quarter: string;
}>;


export type SubmitEnrollmentReportMutation = { state: { domain: string, regionCode: string, regionName: string, quarter: string, status: ReportStatus, hasData: boolean, deadline: string, firstSubmittedAt: string | null, submittedAt: string | null, submittedBy: string | null, onTime: boolean | null, approvedAt: string | null, approvedBy: string | null, reopenedAt: string | null, reopenedBy: string | null, reopenReason: string | null } };

export type ApproveEnrollmentReportMutationVariables = Exact<{
  regionCode: string;
  quarter: string;
}>;


export type ApproveEnrollmentReportMutation = { state: { domain: string, regionCode: string, regionName: string, quarter: string, status: ReportStatus, hasData: boolean, deadline: string, firstSubmittedAt: string | null, submittedAt: string | null, submittedBy: string | null, onTime: boolean | null, approvedAt: string | null, approvedBy: string | null, reopenedAt: string | null, reopenedBy: string | null, reopenReason: string | null } };

export type ReopenEnrollmentReportMutationVariables = Exact<{
  regionCode: string;
  quarter: string;
  reason: string;
}>;


export type ReopenEnrollmentReportMutation = { state: { domain: string, regionCode: string, regionName: string, quarter: string, status: ReportStatus, hasData: boolean, deadline: string, firstSubmittedAt: string | null, submittedAt: string | null, submittedBy: string | null, onTime: boolean | null, approvedAt: string | null, approvedBy: string | null, reopenedAt: string | null, reopenedBy: string | null, reopenReason: string | null } };

export type ReportLayouts_EnrollmentQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportLayouts_EnrollmentQuery = { layouts: Array<{ fact: string, titleZh: string, titleEn: string, mutation: string | null, inputType: string | null, groupBy: string | null, groupList: string | null, importKind: string | null, key: Array<string>, quarterFrom: string | null, fields: Array<{ name: string, kind: ReportFieldKind, graphqlType: string | null, inInput: boolean, headerZh: string, headerEn: string, aliases: Array<string>, labelZh: string, labelEn: string, unit: string | null, unitZh: string | null, unitEn: string | null, required: boolean, defaultValue: string | null, min: string | null, max: string | null, decimals: number | null, maxLength: number | null, refersTo: string | null, clientKey: boolean, helpZh: string, helpEn: string, choices: Array<{ value: string, labelZh: string, labelEn: string, aliases: Array<string> }> }>, rules: Array<{ field: string, uses: Array<string>, textZh: string, textEn: string, sum: Array<string>, atMost: Array<string>, check: ReportRuleCheck, whenField: string | null, whenValues: Array<string> }>, children: { name: string, labelZh: string, labelEn: string, max: number, inputType: string, fields: Array<{ name: string, kind: ReportFieldKind, graphqlType: string | null, inInput: boolean, headerZh: string, headerEn: string, aliases: Array<string>, labelZh: string, labelEn: string, unit: string | null, unitZh: string | null, unitEn: string | null, required: boolean, defaultValue: string | null, min: string | null, max: string | null, decimals: number | null, maxLength: number | null, refersTo: string | null, clientKey: boolean, helpZh: string, helpEn: string, choices: Array<{ value: string, labelZh: string, labelEn: string, aliases: Array<string> }> }>, rules: Array<{ field: string, uses: Array<string>, textZh: string, textEn: string, sum: Array<string>, atMost: Array<string>, check: ReportRuleCheck, whenField: string | null, whenValues: Array<string> }> } | null }> };

export type DashboardLatestQueryVariables = Exact<{
  code: string;
}>;


export type DashboardLatestQuery = { enrollment: string | null };

export type EnrollmentReportQueryVariables = Exact<{
  regionCode: string;
  quarter: string;
}>;


export type EnrollmentReportQuery = { report: { insuredEmployee: number, insuredResident: number, registeredPopulation: number, evoucherActivated: number, settlementsTotal: number, settlementsEvoucher: number, remoteRegistrations: number, remoteHospitalisations: number, subsidisedPersons: number, subsidyAmountYuan: string, updatedAt: string } | null };

export type ReportEnrollmentMutationVariables = Exact<{
  input: EnrollmentReportInput;
}>;


export type ReportEnrollmentMutation = { result: { changed: boolean } };

export type InstitutionPurchasesQueryVariables = Exact<{
  id: string;
  quarter: string;
}>;


export type InstitutionPurchasesQuery = { institution: { id: string, purchases: Array<{ category: PurchaseCategory, totalYuan: string, networkYuan: string, reportedOffNetworkYuan: string }> } | null };

export type ReportPurchasesMutationVariables = Exact<{
  input: ReportPurchasesInput;
}>;


export type ReportPurchasesMutation = { result: { changed: number } };

export type ReportVbpProgressMutationVariables = Exact<{
  input: ReportVbpProgressInput;
}>;


export type ReportVbpProgressMutation = { result: { changed: boolean } };

export type RecordInspectionMutationVariables = Exact<{
  input: RecordInspectionInput;
}>;


export type RecordInspectionMutation = { result: { created: boolean } };

export type ReportDipCasesMutationVariables = Exact<{
  input: ReportDipCasesInput;
}>;


export type ReportDipCasesMutation = { result: { changed: number } };

export type EntryInstitutionsQueryVariables = Exact<{
  code: string;
}>;


export type EntryInstitutionsQuery = { region: { institutions: { edges: Array<{ node: { id: string, name: string } }> } } | null };

export type EntryVbpProductsQueryVariables = Exact<{ [key: string]: never; }>;


export type EntryVbpProductsQuery = { vbpBatches: Array<{ id: string, name: string, products: Array<{ id: string, name: string, unit: string }> }> };

export type EntryDipGroupsQueryVariables = Exact<{
  pool: string;
  year: number;
}>;


export type EntryDipGroupsQuery = { dipGroups: Array<{ code: string, name: string }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const DashboardDomainsDocument = new TypedDocumentString(`
    query DashboardDomains {
  domains {
    name
    nameZh
    nameEn
  }
}
    `) as unknown as TypedDocumentString<DashboardDomainsQuery, DashboardDomainsQueryVariables>;
export const DashboardChildrenDocument = new TypedDocumentString(`
    query DashboardChildren($code: ID!) {
  region(code: $code) {
    children {
      code
      name
      level
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardChildrenQuery, DashboardChildrenQueryVariables>;
export const ReportingUnitsDocument = new TypedDocumentString(`
    query ReportingUnits($code: ID!) {
  region(code: $code) {
    code
    name
    level
    children {
      code
      name
      level
      children {
        code
        name
        level
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReportingUnitsQuery, ReportingUnitsQueryVariables>;
export const RegionDirectoryDocument = new TypedDocumentString(`
    query RegionDirectory {
  provinces: regions(level: PROVINCE) {
    code
    name
    level
  }
  cities: regions(level: CITY) {
    code
    name
    level
    parent {
      name
    }
  }
  counties: regions(level: COUNTY) {
    code
    name
    level
    parent {
      name
    }
  }
}
    `) as unknown as TypedDocumentString<RegionDirectoryQuery, RegionDirectoryQueryVariables>;
export const Dashboard_EnrollmentDocument = new TypedDocumentString(`
    query Dashboard_enrollment($code: ID!, $from: Quarter!, $to: Quarter!, $compare: Boolean = true) {
  metrics: enrollmentMetrics {
    id
    domain
    nameZh
    nameEn
    unit
    unitEn
    precision
    numeratorZh
    numeratorEn
    denominatorZh
    denominatorEn
    aggregation
    target
    higherIsBetter
    direction
    targetRule
    targetLow
    targetHigh
  }
  region(code: $code) {
    code
    name
    level
    path {
      code
      name
      level
    }
    kpis: enrollmentKpis(from: $from, to: $to) {
      metric {
        id
      }
      total {
        quarter
        numerator
        denominator
        value
        target
        status
        expected
        flags
      }
      points {
        quarter
        numerator
        denominator
        value
        target
        status
        flags
      }
      previous {
        value
        status
      }
      yearAgo {
        value
        status
      }
    }
    children {
      code
      name
      level
      kpis: enrollmentKpis(from: $from, to: $to) @include(if: $compare) {
        metric {
          id
        }
        total {
          quarter
          numerator
          denominator
          value
          target
          status
        }
        points {
          quarter
          value
          status
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<Dashboard_EnrollmentQuery, Dashboard_EnrollmentQueryVariables>;
export const ReportStates_EnrollmentDocument = new TypedDocumentString(`
    query ReportStates_enrollment($code: ID!, $from: Quarter!, $to: Quarter!) {
  region(code: $code) {
    code
    name
    level
    states: enrollmentReportStates(from: $from, to: $to) {
      domain
      regionCode
      regionName
      quarter
      status
      hasData
      deadline
      firstSubmittedAt
      submittedAt
      submittedBy
      onTime
      approvedAt
      approvedBy
      reopenedAt
      reopenedBy
      reopenReason
    }
  }
}
    `) as unknown as TypedDocumentString<ReportStates_EnrollmentQuery, ReportStates_EnrollmentQueryVariables>;
export const ReportHistory_EnrollmentDocument = new TypedDocumentString(`
    query ReportHistory_enrollment($regionCode: ID!, $quarter: Quarter!) {
  history: enrollmentReportHistory(regionCode: $regionCode, quarter: $quarter) {
    id
    at
    action
    fromStatus
    toStatus
    actorName
    reason
  }
}
    `) as unknown as TypedDocumentString<ReportHistory_EnrollmentQuery, ReportHistory_EnrollmentQueryVariables>;
export const SubmitEnrollmentReportDocument = new TypedDocumentString(`
    mutation SubmitEnrollmentReport($regionCode: ID!, $quarter: Quarter!) {
  state: submitEnrollmentReport(regionCode: $regionCode, quarter: $quarter) {
    domain
    regionCode
    regionName
    quarter
    status
    hasData
    deadline
    firstSubmittedAt
    submittedAt
    submittedBy
    onTime
    approvedAt
    approvedBy
    reopenedAt
    reopenedBy
    reopenReason
  }
}
    `) as unknown as TypedDocumentString<SubmitEnrollmentReportMutation, SubmitEnrollmentReportMutationVariables>;
export const ApproveEnrollmentReportDocument = new TypedDocumentString(`
    mutation ApproveEnrollmentReport($regionCode: ID!, $quarter: Quarter!) {
  state: approveEnrollmentReport(regionCode: $regionCode, quarter: $quarter) {
    domain
    regionCode
    regionName
    quarter
    status
    hasData
    deadline
    firstSubmittedAt
    submittedAt
    submittedBy
    onTime
    approvedAt
    approvedBy
    reopenedAt
    reopenedBy
    reopenReason
  }
}
    `) as unknown as TypedDocumentString<ApproveEnrollmentReportMutation, ApproveEnrollmentReportMutationVariables>;
export const ReopenEnrollmentReportDocument = new TypedDocumentString(`
    mutation ReopenEnrollmentReport($regionCode: ID!, $quarter: Quarter!, $reason: String!) {
  state: reopenEnrollmentReport(
    regionCode: $regionCode
    quarter: $quarter
    reason: $reason
  ) {
    domain
    regionCode
    regionName
    quarter
    status
    hasData
    deadline
    firstSubmittedAt
    submittedAt
    submittedBy
    onTime
    approvedAt
    approvedBy
    reopenedAt
    reopenedBy
    reopenReason
  }
}
    `) as unknown as TypedDocumentString<ReopenEnrollmentReportMutation, ReopenEnrollmentReportMutationVariables>;
export const ReportLayouts_EnrollmentDocument = new TypedDocumentString(`
    query ReportLayouts_enrollment {
  layouts: enrollmentReportLayouts {
    fact
    titleZh
    titleEn
    mutation
    inputType
    groupBy
    groupList
    importKind
    key
    quarterFrom
    fields {
      name
      kind
      graphqlType
      inInput
      headerZh
      headerEn
      aliases
      labelZh
      labelEn
      unit
      unitZh
      unitEn
      required
      defaultValue
      min
      max
      decimals
      maxLength
      choices {
        value
        labelZh
        labelEn
        aliases
      }
      refersTo
      clientKey
      helpZh
      helpEn
    }
    rules {
      field
      uses
      textZh
      textEn
      sum
      atMost
      check
      whenField
      whenValues
    }
    children {
      name
      labelZh
      labelEn
      max
      inputType
      fields {
        name
        kind
        graphqlType
        inInput
        headerZh
        headerEn
        aliases
        labelZh
        labelEn
        unit
        unitZh
        unitEn
        required
        defaultValue
        min
        max
        decimals
        maxLength
        choices {
          value
          labelZh
          labelEn
          aliases
        }
        refersTo
        clientKey
        helpZh
        helpEn
      }
      rules {
        field
        uses
        textZh
        textEn
        sum
        atMost
        check
        whenField
        whenValues
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReportLayouts_EnrollmentQuery, ReportLayouts_EnrollmentQueryVariables>;
export const DashboardLatestDocument = new TypedDocumentString(`
    query DashboardLatest($code: ID!) {
  enrollment: enrollmentLatestQuarter(region: $code)
}
    `) as unknown as TypedDocumentString<DashboardLatestQuery, DashboardLatestQueryVariables>;
export const EnrollmentReportDocument = new TypedDocumentString(`
    query EnrollmentReport($regionCode: ID!, $quarter: Quarter!) {
  report: enrollmentReport(regionCode: $regionCode, quarter: $quarter) {
    insuredEmployee
    insuredResident
    registeredPopulation
    evoucherActivated
    settlementsTotal
    settlementsEvoucher
    remoteRegistrations
    remoteHospitalisations
    subsidisedPersons
    subsidyAmountYuan
    updatedAt
  }
}
    `) as unknown as TypedDocumentString<EnrollmentReportQuery, EnrollmentReportQueryVariables>;
export const ReportEnrollmentDocument = new TypedDocumentString(`
    mutation ReportEnrollment($input: EnrollmentReportInput!) {
  result: reportEnrollment(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<ReportEnrollmentMutation, ReportEnrollmentMutationVariables>;
export const InstitutionPurchasesDocument = new TypedDocumentString(`
    query InstitutionPurchases($id: ID!, $quarter: Quarter!) {
  institution(id: $id) {
    id
    purchases(from: $quarter, to: $quarter) {
      category
      totalYuan
      networkYuan
      reportedOffNetworkYuan
    }
  }
}
    `) as unknown as TypedDocumentString<InstitutionPurchasesQuery, InstitutionPurchasesQueryVariables>;
export const ReportPurchasesDocument = new TypedDocumentString(`
    mutation ReportPurchases($input: ReportPurchasesInput!) {
  result: reportPurchases(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<ReportPurchasesMutation, ReportPurchasesMutationVariables>;
export const ReportVbpProgressDocument = new TypedDocumentString(`
    mutation ReportVbpProgress($input: ReportVbpProgressInput!) {
  result: reportVbpProgress(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<ReportVbpProgressMutation, ReportVbpProgressMutationVariables>;
export const RecordInspectionDocument = new TypedDocumentString(`
    mutation RecordInspection($input: RecordInspectionInput!) {
  result: recordInspection(input: $input) {
    created
  }
}
    `) as unknown as TypedDocumentString<RecordInspectionMutation, RecordInspectionMutationVariables>;
export const ReportDipCasesDocument = new TypedDocumentString(`
    mutation ReportDipCases($input: ReportDipCasesInput!) {
  result: reportDipCases(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<ReportDipCasesMutation, ReportDipCasesMutationVariables>;
export const EntryInstitutionsDocument = new TypedDocumentString(`
    query EntryInstitutions($code: ID!) {
  region(code: $code) {
    institutions(first: 200) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EntryInstitutionsQuery, EntryInstitutionsQueryVariables>;
export const EntryVbpProductsDocument = new TypedDocumentString(`
    query EntryVbpProducts {
  vbpBatches {
    id
    name
    products {
      id
      name
      unit
    }
  }
}
    `) as unknown as TypedDocumentString<EntryVbpProductsQuery, EntryVbpProductsQueryVariables>;
export const EntryDipGroupsDocument = new TypedDocumentString(`
    query EntryDipGroups($pool: ID!, $year: Int!) {
  dipGroups(poolingArea: $pool, year: $year) {
    code
    name
  }
}
    `) as unknown as TypedDocumentString<EntryDipGroupsQuery, EntryDipGroupsQueryVariables>;