import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Region as RegionRow } from '@hsa/regions';
import type { KpiSeries as KpiSeriesRow } from '@hsa/kpi';
import type { SubgraphContext } from '@hsa/subgraph-kit';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** 季度，格式 "YYYYQn"（n 为 1–4），如 "2024Q1" 即 2024年第一季度；按北京时间（UTC+8）划分。A calendar quarter as "YYYYQn" (n in 1..4), e.g. "2023Q1". Quarters follow China time (UTC+8). */
  Quarter: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** 汇总方式：流量（FLOW）跨季度求和，存量（STOCK）取区间最后一个季度。How a quantity aggregates over quarters: FLOW sums, STOCK takes the last quarter of the range. */
export type Aggregation =
  /** 流量：区间内各季度相加（如结算笔数）。Flow: the quarters of the range are summed (e.g. settlements). */
  | 'FLOW'
  /** 存量：取区间最后一个季度的值（如参保人数）。Stock: the value of the range's last quarter (e.g. insured persons). */
  | 'STOCK';

/** 某季度的预算支出。Spend of one quarter against a budget. */
export type BudgetSpend = {
  __typename?: 'BudgetSpend';
  /** 季度。Quarter. */
  quarter: Scalars['Quarter']['output'];
  /** 该季度支出（元）。Spent in the quarter (yuan). */
  spentYuan: Scalars['String']['output'];
};

/** 系数表中的医院等级；未定级机构为 NONE。Grade as the coefficient table knows it; NONE for ungraded institutions. */
export type CoefficientGrade =
  /** 一级。Grade I. */
  | 'I'
  /** 二级。Grade II. */
  | 'II'
  /** 三级。Grade III. */
  | 'III'
  /** 未定级。Ungraded. */
  | 'NONE';

/** 某机构某季度某病种的病例汇总及点数。One institution's cases of one DIP group in one quarter, with points. */
export type DipCaseAggregate = {
  __typename?: 'DipCaseAggregate';
  /** 病例数（例）。Cases. */
  cases: Scalars['Int']['output'];
  /** 机构等级系数（四位小数）。Coefficient of the institution's grade (4 decimals). */
  coefficient: Scalars['String']['output'];
  /** 按 DIP 支付的住院基金（元）。Inpatient fund paid by DIP (yuan). */
  dipFundYuan: Scalars['String']['output'];
  /** 预付基金（元）。Fund prepaid (yuan). */
  fundPrepaidYuan: Scalars['String']['output'];
  /** 病种编码。Group code. */
  groupCode: Scalars['ID']['output'];
  /** 病种类型。Group type. */
  groupType: DipGroupType;
  /** 全部住院基金（元）。All inpatient fund (yuan). */
  inpatientFundYuan: Scalars['String']['output'];
  /** 机构编号。Institution id. */
  institutionId: Scalars['ID']['output'];
  /** 点数 = 病例数 × 分值 × 系数（四位小数）。Cases × score × coefficient (4 decimals). */
  points: Scalars['String']['output'];
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['output'];
  /** 季度。Quarter. */
  quarter: Scalars['Quarter']['output'];
  /** 机构所在县级区划代码（六位）。County region code (six digits). */
  regionCode: Scalars['ID']['output'];
  /** 病种分值（四位小数）。Group score (4 decimals). */
  score: Scalars['String']['output'];
};

/** 某机构的考核扣款。An institution's assessment deduction. */
export type DipDeductionInput = {
  /** 考核扣款（元，最多两位小数）。Assessment deduction (考核扣款), yuan with at most two decimals. */
  deductionYuan: Scalars['String']['input'];
  /** 机构编号。Institution id. */
  institutionId: Scalars['ID']['input'];
};

/** DIP 病种分值目录中的一个病种。One disease group of a DIP catalogue. */
export type DipGroup = {
  __typename?: 'DipGroup';
  /** 病种编码，如 I63.9-01。Group code, e.g. I63.9-01. */
  code: Scalars['ID']['output'];
  /** 病种名称。Group name. */
  name: Scalars['String']['output'];
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['output'];
  /** 病种分值（四位小数的字符串）。Group score, a decimal string with 4 places. */
  score: Scalars['String']['output'];
  /** 病种类型。Group type. */
  type: DipGroupType;
  /** 目录年度。Catalogue year. */
  year: Scalars['Int']['output'];
};

/** 某病种的病例数及基金金额。Cases and fund amounts of one disease group. */
export type DipGroupCasesInput = {
  /** 病例数（例，非负整数）。Number of cases (a non-negative integer). */
  cases: Scalars['Int']['input'];
  /** 这些病例按 DIP 支付的住院基金（元），默认 0。Inpatient fund paid by DIP for these cases, yuan, default 0. */
  dipFundYuan: Scalars['String']['input'];
  /** 这些病例的预付基金（元，最多两位小数），默认 0。Fund prepaid (预付) for these cases, yuan, default 0. */
  fundPrepaidYuan: Scalars['String']['input'];
  /** 病种编码（统筹地区目录中的）。Group code from the pool's catalogue. */
  groupCode: Scalars['ID']['input'];
  /** 这些病例的全部住院基金（元，≥ dipFundYuan），默认 0。All inpatient fund paid for these cases, yuan (≥ dipFundYuan), default 0. */
  inpatientFundYuan: Scalars['String']['input'];
};

/** 病种类型：核心病种 / 综合病种。DIP group type: core or comprehensive. */
export type DipGroupType =
  /** 综合病种。Comprehensive group. */
  | 'COMPREHENSIVE'
  /** 核心病种。Core group. */
  | 'CORE';

/** 某统筹地区某年度的 DIP 年终清算。The year-end DIP settlement of a pooling area and year. */
export type DipSettlement = {
  __typename?: 'DipSettlement';
  /** 统筹地区 DIP 基金预算（元，两位小数）。The pool's DIP fund budget (yuan, two decimals). */
  budgetYuan: Scalars['String']['output'];
  /** 关闭人；未关闭时为 null。Who closed it; null while open. */
  closedBy?: Maybe<Scalars['String']['output']>;
  /** 你权限范围内的明细，按机构编号排序。Lines within your scope, by institution id. */
  lines: Array<DipSettlementLine>;
  /** 点值 = 预算 / 总点数（元/点），显示保留 8 位小数（金额按精确比值计算）。点值 = budget / total points, yuan per point, rounded to 8 decimals for display (money is computed from the exact ratio). */
  pointValue: Scalars['String']['output'];
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['output'];
  /** 最近一次重新打开的理由。Why it was last reopened. */
  reopenReason?: Maybe<Scalars['String']['output']>;
  /** 最近一次重新打开的人。Who reopened it last. */
  reopenedBy?: Maybe<Scalars['String']['output']>;
  /** 最近一次改变结果的运行时间（ISO）。ISO timestamp of the last run that changed the result. */
  runAt: Scalars['String']['output'];
  /** 最近一次运行人。Who ran it last. */
  runBy: Scalars['String']['output'];
  /** 清算状态。Status. */
  status: DipSettlementStatus;
  /** 统筹地区该年度全部病例点数之和（四位小数）。Σ points of all cases of the pool and year (4 decimals). */
  totalPoints: Scalars['String']['output'];
  /** 清算年度。Settlement year. */
  year: Scalars['Int']['output'];
};

/** 清算中一家机构的明细（金额为两位小数的元字符串）。One institution's line of a settlement (amounts are yuan strings with two decimals). */
export type DipSettlementLine = {
  __typename?: 'DipSettlementLine';
  /** 考核扣款（元）。Assessment deduction (yuan). */
  deductionYuan: Scalars['String']['output'];
  /** 应付金额 = 点数 × 点值，一次四舍五入到分（元）。Points × point value, rounded half-up to the fen once (yuan). */
  grossYuan: Scalars['String']['output'];
  /** 机构编号。Institution id. */
  institutionId: Scalars['ID']['output'];
  /** 净额 = 应付 − 预付 − 扣款（元；为负表示机构应退回）。Gross − prepaid − deduction in yuan (negative: the institution pays back). */
  netYuan: Scalars['String']['output'];
  /** 该机构该年度的点数（四位小数）。The institution's points for the year (4 decimals). */
  points: Scalars['String']['output'];
  /** 已预付金额（元）。Prepaid (yuan). */
  prepaidYuan: Scalars['String']['output'];
  /** 机构所在县级区划代码（六位）。County region code of the institution (six digits). */
  regionCode: Scalars['ID']['output'];
};

/** 年终清算状态。Status of a year-end settlement. */
export type DipSettlementStatus =
  /** 已关闭，不能再运行（admin 可重新打开）。Closed: cannot be re-run (an admin may reopen it). */
  | 'CLOSED'
  /** 未关闭，可重新运行。Open: can be re-run. */
  | 'OPEN';

/** 指标方向：哪个方向更好；中性（金额、数量）不着色好坏。Which way is better; NEUTRAL (amounts, volumes): never coloured good or bad. */
export type Direction =
  /** 越低越好。Lower is better. */
  | 'DOWN'
  /** 中性，不判好坏。Neutral: neither higher nor lower is better. */
  | 'NEUTRAL'
  /** 越高越好。Higher is better. */
  | 'UP';

/** 图中的业务领域（一个子图）：名称、中英文标签、指标字段和 CSV 导入类型。A domain of the graph (one subgraph): its name, labels, KPI fields and CSV import kinds. */
export type Domain = {
  __typename?: 'Domain';
  /** 本领域可导入的 CSV 类型（POST /import/<kind>）。CSV import kinds this domain accepts at POST /import/<kind>. */
  importKinds: Array<ImportKind>;
  /** 区域（Region）上的指标字段名，如 enrollmentKpis。The KPI field of Region, e.g. enrollmentKpis. */
  kpiField: Scalars['String']['output'];
  /** 查询（Query）上的指标目录字段名，如 enrollmentMetrics。The metric catalogue field of Query, e.g. enrollmentMetrics. */
  metricsField: Scalars['String']['output'];
  /** 领域名（联邦子图名），也是指标字段前缀，如 enrollment → Region.enrollmentKpis。Federation name and KPI field prefix, e.g. enrollment → Region.enrollmentKpis. */
  name: Scalars['String']['output'];
  /** 领域英文名，如 Enrollment。English name of the domain. */
  nameEn: Scalars['String']['output'];
  /** 领域中文名，如 参保。Chinese name of the domain. */
  nameZh: Scalars['String']['output'];
};

/** 总额预算及其执行情况（金额为两位小数的元字符串）。A global budget and its execution (amounts are yuan strings with two decimals). */
export type GlobalBudget = {
  __typename?: 'GlobalBudget';
  /** 预算金额（元）。Budget amount (yuan). */
  budgetYuan: Scalars['String']['output'];
  /** 执行率 = 支出 / 预算（%）；预算为 0 时为 null。Spent / budget, percent; null for a zero budget. */
  executionRate?: Maybe<Scalars['Float']['output']>;
  /** 预算编号。Budget id. */
  id: Scalars['ID']['output'];
  /** 预算 key（见 setGlobalBudget）。The budget's key (see setGlobalBudget). */
  key: Scalars['ID']['output'];
  /** 预算类别。Kind. */
  kind: GlobalBudgetKind;
  /** 预算名称。Budget name. */
  name: Scalars['String']['output'];
  /** 超支分担比例（0–1）。Share of an overspend the fund takes on (0–1). */
  overspendSharedShare: Scalars['String']['output'];
  /** 超支 = 支出 − 预算（为正时，元）。Spent − budget when positive (yuan). */
  overspendYuan: Scalars['String']['output'];
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['output'];
  /** 预算所属区域代码（统筹地区或县，六位）。Region code of the budget (the pool or a county, six digits). */
  regionCode: Scalars['ID']['output'];
  /** 留用金额 = 结余 × 结余留用比例（元）。Surplus × surplusRetainedShare (yuan). */
  retainedYuan: Scalars['String']['output'];
  /** 基金分担的超支 = 超支 × 超支分担比例（元）。Overspend × overspendSharedShare (yuan). */
  sharedOverspendYuan: Scalars['String']['output'];
  /** 各季度支出。Spend per quarter. */
  spend: Array<BudgetSpend>;
  /** 累计支出（元）。Total spent (yuan). */
  spentYuan: Scalars['String']['output'];
  /** 结余留用比例（0–1）。Share of a surplus the holder keeps (0–1). */
  surplusRetainedShare: Scalars['String']['output'];
  /** 结余 = 预算 − 支出（为正时，元）。Budget − spent when positive (yuan). */
  surplusYuan: Scalars['String']['output'];
  /** 预算年度。Budget year. */
  year: Scalars['Int']['output'];
};

/** 总额预算类别。Kind of global budget. */
export type GlobalBudgetKind =
  /** 医共体总额付费预算。County health-alliance global payment budget. */
  | 'ALLIANCE'
  /** 单个定点医疗机构的总额预算。A single institution's global budget. */
  | 'INSTITUTION'
  /** 统筹地区 DIP 基金预算。The pooling area's DIP fund budget. */
  | 'POOL';

/** CSV 导入类型。A CSV import kind. */
export type ImportKind = {
  __typename?: 'ImportKind';
  /** 导入类型标识，用于 POST /import/<kind>。Import kind id, as in POST /import/<kind>. */
  kind: Scalars['String']['output'];
  /** 导入类型英文名。English name of the import kind. */
  nameEn: Scalars['String']['output'];
  /** 导入类型中文名。Chinese name of the import kind. */
  nameZh: Scalars['String']['output'];
};

/** 定点医药机构（由基金监管子图维护），在此扩展其 DIP 清算数据。A designated institution (owned by the supervision subgraph), extended with its DIP settlements. */
export type Institution = {
  __typename?: 'Institution';
  /** 该机构的 DIP 年终清算明细，按年度先后（给定 year 时只含该年；超出你的权限范围时为空）。Its year-end DIP settlement lines, oldest year first (one year when `year` is given; empty outside your scope). */
  dipSettlements: Array<InstitutionDipSettlement>;
  /** 可读编号：县代码-类别字母-序号，如 150724-H-001。Readable id: county code, kind letter, number, e.g. 150724-H-001. */
  id: Scalars['ID']['output'];
};


/** 定点医药机构（由基金监管子图维护），在此扩展其 DIP 清算数据。A designated institution (owned by the supervision subgraph), extended with its DIP settlements. */
export type InstitutionDipSettlementsArgs = {
  year?: InputMaybe<Scalars['Int']['input']>;
};

/** 某统筹地区某年度某等级的机构系数。The institution coefficient of one grade in a pooling area and year. */
export type InstitutionCoefficient = {
  __typename?: 'InstitutionCoefficient';
  /** 系数（四位小数的字符串），如 "0.8500"。A decimal string with 4 places, e.g. "0.8500". */
  coefficient: Scalars['String']['output'];
  /** 医院等级。Grade. */
  grade: CoefficientGrade;
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['output'];
  /** 年度。Year. */
  year: Scalars['Int']['output'];
};

/** 某机构的一条清算明细，附所属清算的年度、状态和点值。One settlement line of an institution, with its settlement's year, status and point value. */
export type InstitutionDipSettlement = {
  __typename?: 'InstitutionDipSettlement';
  /** 考核扣款（元）。Assessment deduction (yuan). */
  deductionYuan: Scalars['String']['output'];
  /** 应付金额（元）。Gross amount (yuan). */
  grossYuan: Scalars['String']['output'];
  /** 净额（元；为负表示机构应退回）。Net amount in yuan (negative: the institution pays back). */
  netYuan: Scalars['String']['output'];
  /** 点值（元/点）。Point value (yuan per point). */
  pointValue: Scalars['String']['output'];
  /** 点数（四位小数）。Points (4 decimals). */
  points: Scalars['String']['output'];
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['output'];
  /** 已预付金额（元）。Prepaid (yuan). */
  prepaidYuan: Scalars['String']['output'];
  /** 清算状态。Settlement status. */
  status: DipSettlementStatus;
  /** 清算年度。Settlement year. */
  year: Scalars['Int']['output'];
};

/** 某区域某指标在一个季度区间内的序列：合计、各季度值、环比与同比。A KPI of a region over a quarter range: total, per-quarter points, previous range and year ago. */
export type KpiSeries = {
  __typename?: 'KpiSeries';
  /** 指标定义。The metric. */
  metric: Metric;
  /** 各季度的值，按时间先后。One value per quarter of the range, oldest first. */
  points: Array<KpiValue>;
  /** 环比：紧接在前、等长区间的合计（Σ分子 / Σ分母）。The range total over the preceding range of the same length (环比), Σnumerator / Σdenominator like total. */
  previous?: Maybe<KpiValue>;
  /** 区间合计（率为 Σ分子 / Σ分母）。The range total (rates as Σnumerator / Σdenominator). */
  total: KpiValue;
  /** 同比：上一年同一区间的合计。The range total over the same range one year earlier (同比). */
  yearAgo?: Maybe<KpiValue>;
};

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

/** 某区域某指标的一个值（单季度或区间合计）。One value of a KPI for a region: one quarter or a range total. */
export type KpiValue = {
  __typename?: 'KpiValue';
  /** 分母；计数和金额类指标为 null。Denominator; null for counts and amounts. */
  denominator?: Maybe<Scalars['Float']['output']>;
  /** 比较基准：目标、区间中点或（序时进度）应达进度；无目标时为 null。What the value is judged against: the target, a band's middle, or (ELAPSED) the expected progress; null without a target. */
  expected?: Maybe<Scalars['Float']['output']>;
  /** 数据质量标记。Data quality flags. */
  flags: Array<QualityFlag>;
  /** 指标编号。Metric id. */
  metricId: Scalars['ID']['output'];
  /** 分子，基本单位（人、元、分、次）。Numerator in base units: persons, yuan, fen, cases. */
  numerator: Scalars['Float']['output'];
  /** 季度，如 "2024Q1"；区间合计为 null。Quarter, e.g. "2024Q1"; null on a range total. */
  quarter?: Maybe<Scalars['Quarter']['output']>;
  /** 区域代码（GB/T 2260 六位）。Region code (GB/T 2260, six digits). */
  regionCode: Scalars['ID']['output'];
  /** 与目标比较的状态。Status against the target. */
  status: KpiStatus;
  /** 目标值（指标单位）；无目标时为 null。Target in the metric's unit; null without a target. */
  target?: Maybe<Scalars['Float']['output']>;
  /** 指标值：率 = 100 × 分子 / 分母（%）；金额按指标单位；分母为 0 或无数据时为 null。Rates: 100 × numerator / denominator (percent); amounts: in the metric's unit; null when the denominator is 0 or there is no data. */
  value?: Maybe<Scalars['Float']['output']>;
};

/** 指标目录中的一项。One entry of a subgraph's KPI catalogue. */
export type Metric = {
  __typename?: 'Metric';
  /** 跨季度汇总方式。How the metric aggregates over quarters. */
  aggregation: Aggregation;
  /** 分母的英文说明；计数和金额类指标为 null。What the denominator counts, in English; null for counts and amounts. */
  denominatorEn?: Maybe<Scalars['String']['output']>;
  /** 分母的中文说明；计数和金额类指标为 null。What the denominator counts, in Chinese; null for counts and amounts. */
  denominatorZh?: Maybe<Scalars['String']['output']>;
  /** 指标方向。Which way is better. */
  direction: Direction;
  /** 所属领域：注册表（supergraph.yaml）中子图的名称，如 enrollment（参保）、payment（支付方式改革）；Query.domains 列出全部。Domain: the subgraph's name in the registry (supergraph.yaml), e.g. enrollment, payment; Query.domains lists them all. */
  domain: Scalars['String']['output'];
  /**
   * 是否越高越好（已弃用，请用 direction）。Whether higher is better (deprecated: use direction).
   * @deprecated use direction
   */
  higherIsBetter: Scalars['Boolean']['output'];
  /** 指标编号 "<领域>.<名称>"，如 "enrollment.rate"。Metric id "<domain>.<name>", e.g. "enrollment.rate". */
  id: Scalars['ID']['output'];
  /** 最大有意义值（如占比为 100）；null 表示无上限。The largest meaningful value (e.g. 100 for a share that cannot exceed 100%); null: none. */
  maximum?: Maybe<Scalars['Float']['output']>;
  /** 英文名称，如 "Enrollment rate"。English name. */
  nameEn: Scalars['String']['output'];
  /** 中文名称，如"参保率"。Chinese name, e.g. 参保率. */
  nameZh: Scalars['String']['output'];
  /** 分子的英文说明。What the numerator counts, in English. */
  numeratorEn: Scalars['String']['output'];
  /** 分子的中文说明。What the numerator counts, in Chinese. */
  numeratorZh: Scalars['String']['output'];
  /** 显示的小数位数。Decimals to display. */
  precision: Scalars['Int']['output'];
  /** 目标值（指标单位）；无目标时为 null。Target in the metric's unit; null without a target. */
  target?: Maybe<Scalars['Float']['output']>;
  /** 区间目标上限（含）。BAND: upper bound (inclusive). */
  targetHigh?: Maybe<Scalars['Float']['output']>;
  /** 区间目标下限（含）。BAND: lower bound (inclusive). */
  targetLow?: Maybe<Scalars['Float']['output']>;
  /** 目标规则。How a value is judged against the target. */
  targetRule: TargetRule;
  /** 显示单位（中文），由指标声明，如 "%"、"万元"、"人"、"人次"、"月"。Display unit in Chinese, as the metric declares it, e.g. "%", "万元", "人", "人次", "月". */
  unit: Scalars['String']['output'];
  /** 显示单位（英文），由指标声明，如 "%"、"×10k yuan"、"persons"、"months"；未声明英文时为中文单位。Display unit in English, as the metric declares it, e.g. "%", "×10k yuan", "persons", "months"; the Chinese unit when the metric declares no English one. */
  unitEn: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * 审核通过已提交的上报（需 approver 角色，权限高于该县，如其所属市）：SUBMITTED → APPROVED。退回前数据不能被修改或导入覆盖。
   * Approves a submitted report (role approver, scope above the county, e.g. its city): SUBMITTED →
   * APPROVED. Approved figures cannot be changed by mutations or imports until reopened.
   */
  approvePaymentReport: ReportState;
  /** 关闭清算（需 approver 角色，统筹地区及清算全部明细在权限范围内）：关闭后不能再运行。Closes a settlement (role approver, the pool and every line of the settlement in scope): it can no longer be re-run. */
  closeDipSettlement: DipSettlement;
  /** 重新打开已关闭的清算（需 admin 角色，统筹地区及清算全部明细在权限范围内），记录理由。Reopens a closed settlement (role admin, the pool and every line of the settlement in scope), with the reason recorded. */
  reopenDipSettlement: DipSettlement;
  /** 填写理由退回已提交或已审核的上报（需 approver 角色）：→ DRAFT，记入审计。Reopens a submitted or approved report with a reason (role approver): → DRAFT. Audited. */
  reopenPaymentReport: ReportState;
  /**
   * 上报某总额预算某季度的基金支出（需 reporter 角色；key 指明的区域和已存预算的区域须在权限范围内，否则 FORBIDDEN——预算不存在时答复相同；权限范围内未知的预算 → BAD_USER_INPUT）。
   * Reports the fund paid against a global budget in a quarter (role reporter; the region the key
   * names and the stored budget's region in scope, FORBIDDEN otherwise — the same answer for a budget
   * that does not exist there; unknown within your scope → BAD_USER_INPUT).
   */
  reportBudgetSpend: ReportBudgetSpendPayload;
  /**
   * 上报某机构某季度的 DIP 病例数，每个病种一项（需 reporter 角色，机构所在县在权限范围内，经基金监管子图核对）。点数 = 病例数 × 病种分值 × 机构等级系数，由本子图计算。
   * 全部病种成功或全部不写；相同数据再次上报不产生变化；变更记入审计（旧值 → 新值）。机构所在县超出权限范围 → FORBIDDEN（无论是否存在答复相同）；该机构该季度已存数据记在权限外的县 → FORBIDDEN。
   * Reports one institution's DIP cases for a quarter, one item per disease group (role reporter, the
   * institution's county in scope, checked with supervision). Points = cases × group score ×
   * coefficient of the institution's grade, computed here. All groups or nothing; the same figures
   * again change nothing; changes are audited (old → new). An institution id whose county is outside
   * your scope → FORBIDDEN, the same answer whether it exists or not; stored figures of the
   * institution's quarter recorded under a county outside your scope → FORBIDDEN.
   */
  reportDipCases: ReportDipCasesPayload;
  /**
   * 运行某统筹地区的 DIP 年终清算（需 approver 角色，统筹地区在权限范围内）：点值 = 统筹地区 DIP 基金预算（其 POOL 总额预算）/ 总点数；各机构应付 = 点数 × 点值，一次四舍五入到分；
   * 净额 = 应付 − 预付 − 扣款。在一个事务中保存并审计；相同数据再次运行不产生变化。已关闭（CLOSED）的年度须由 admin 重新打开后才能再运行。已存或将写入的明细超出权限范围时返回 FORBIDDEN。
   * Runs the year-end DIP settlement of a pooling area (role approver, the pool in scope): point value
   * = the pool's DIP fund budget (its POOL global budget) / total points; each institution's gross =
   * points × point value rounded once to the fen; net = gross − prepayments − deductions. Stored and
   * audited in one transaction; running it again on the same figures changes nothing. A CLOSED year
   * is refused until an admin reopens it. FORBIDDEN when a stored line or a line it would write lies
   * outside your scope.
   */
  runDipSettlement: RunDipSettlementPayload;
  /**
   * 新建或更新总额预算（需 approver 角色，统筹地区在权限范围内）。预算由 类别、key、年度 确定，key 指明其区域：POOL — 统筹地区；INSTITUTION — 机构编号（其所在县）；
   * ALLIANCE — 自定义 key，以医共体所在县代码加连字符开头，如 "150702-ALLIANCE"（该县须在统筹地区内）。key 指向权限外区域 → FORBIDDEN（无论预算是否存在），不写入任何数据。
   * key 所指的已存预算也须在权限范围内，且不能移到其他统筹地区或县（BAD_USER_INPUT）。
   * Creates or updates a global budget (role approver, the pooling area in scope). A budget is
   * identified by kind, key and year, and its key names its region: POOL — the pooling area;
   * INSTITUTION — an institution id (its county); ALLIANCE — a key of your choice that starts with the
   * alliance's county code and a hyphen, e.g. "150702-ALLIANCE" (the county must lie in the pooling
   * area). A key can therefore only address a budget of the region it names: a key naming a region
   * outside your scope → FORBIDDEN, whether such a budget exists or not, and nothing is written. The
   * stored budget a key addresses must lie in your scope too, and it never moves to another pool or
   * county (BAD_USER_INPUT).
   */
  setGlobalBudget: SetGlobalBudgetPayload;
  /** 设置某统筹地区某年度某等级的机构系数（需 approver 角色；对此后上报的病例生效）。Sets the coefficient of a grade in a pooling area and year (role approver; applies to cases reported afterwards). */
  setInstitutionCoefficient: InstitutionCoefficient;
  /**
   * 提交某县某季度的支付方式改革上报（需 reporter 角色，县在权限范围内）：DRAFT → SUBMITTED。须已上报数据；重复提交不产生变化。
   * Submits a county's payment report for a quarter (role reporter, county in scope): DRAFT →
   * SUBMITTED. Needs reported figures. Submitting again changes nothing.
   */
  submitPaymentReport: ReportState;
};


export type MutationApprovePaymentReportArgs = {
  quarter: Scalars['Quarter']['input'];
  regionCode: Scalars['ID']['input'];
};


export type MutationCloseDipSettlementArgs = {
  poolingArea: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};


export type MutationReopenDipSettlementArgs = {
  poolingArea: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  year: Scalars['Int']['input'];
};


export type MutationReopenPaymentReportArgs = {
  quarter: Scalars['Quarter']['input'];
  reason: Scalars['String']['input'];
  regionCode: Scalars['ID']['input'];
};


export type MutationReportBudgetSpendArgs = {
  input: ReportBudgetSpendInput;
};


export type MutationReportDipCasesArgs = {
  input: ReportDipCasesInput;
};


export type MutationRunDipSettlementArgs = {
  deductions?: InputMaybe<Array<DipDeductionInput>>;
  poolingArea: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};


export type MutationSetGlobalBudgetArgs = {
  input: SetGlobalBudgetInput;
};


export type MutationSetInstitutionCoefficientArgs = {
  input: SetCoefficientInput;
};


export type MutationSubmitPaymentReportArgs = {
  quarter: Scalars['Quarter']['input'];
  regionCode: Scalars['ID']['input'];
};

/** 支付方式改革数据的一条审计记录。One audited change of a payment figure. */
export type PaymentAuditEntry = {
  __typename?: 'PaymentAuditEntry';
  /** 操作：reportDipCases | importDipCases | runDipSettlement | …。Action: reportDipCases | importDipCases | runDipSettlement | … */
  action: Scalars['String']['output'];
  /** 操作人姓名。Actor name. */
  actorName: Scalars['String']['output'];
  /** 操作人标识（令牌 sub）。Actor id (token sub). */
  actorSub: Scalars['String']['output'];
  /** 变更时间（ISO）。When the change was made (ISO time). */
  at: Scalars['String']['output'];
  /** 变更对象，如 dip_case:150724-H-001:2024Q1:I63.9-01（机构、季度、病种）。What changed, e.g. dip_case:150724-H-001:2024Q1:I63.9-01 (institution, quarter, DIP group). */
  entityKey: Scalars['String']['output'];
  /** 审计记录编号。Audit entry id. */
  id: Scalars['ID']['output'];
  /** 变更后数据（JSON）。JSON of the figures after the change. */
  newValue: Scalars['String']['output'];
  /** 变更前数据（JSON）；新建时为 null。JSON of the figures before the change (null when they were new). */
  oldValue?: Maybe<Scalars['String']['output']>;
  /** 变更来源："mutation reportDipCases" 或 "import <importId> (<文件名>)"；上报流程上线前的记录为 null。Where the change came from: "mutation reportDipCases" or "import <importId> (<file name>)" (null before the reporting workflow). */
  source?: Maybe<Scalars['String']['output']>;
};

/** 数据质量标记。A data quality flag on a KPI value. */
export type QualityFlag =
  /** 超过指标最大值（如占比超过 100%）。The value exceeds the metric's maximum (e.g. a share above 100%). */
  | 'ABOVE_MAXIMUM'
  /** 异常值：与本区域历史及同级区域相比异常。Unusual against the region's own history and its siblings. */
  | 'OUTLIER'
  /** 部分上报：该区域应上报的单位未全部上报这些季度。Not every expected reporting unit of the region reported the quarters of the value. */
  | 'PARTIAL_REPORTING';

/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type Query = {
  __typename?: 'Query';
  /**
   * 某机构 DIP 病例数据的变更历史（谁、何时、旧值 → 新值、来自哪个 mutation 或 CSV 导入），最新在前，最多 200 条；可按 quarter 和 groupCode 缩小。
   * 机构所在县（编号前六位）未知或超出你的权限范围时返回 FORBIDDEN，仅凭编号判断：无论该机构是否存在，答复相同。
   * The history of an institution's DIP case figures (who, when, old → new, and the mutation or CSV
   * import it came from), newest first, at most 200; quarter and groupCode narrow it. FORBIDDEN when
   * the institution's county (the first six digits of its id) is unknown or outside your scope,
   * decided from the id alone: the same answer whether such an institution exists or not.
   */
  dipCaseAudit: Array<PaymentAuditEntry>;
  /**
   * 某统筹地区某年度的 DIP 病种分值目录：统筹地区为地级市代码、直辖市代码（110000：北京市级统筹）或省直管县代码（429004 仙桃市）。
   * 统筹地区在你的权限范围内、或你的权限区划位于其中时可见（县可看其所属统筹地区的目录）。
   * The DIP catalogue (病种分值目录) of a pooling area for a year: a city code, a municipality's code
   * (110000: 北京 pools municipally) or a county directly under its province (429004 仙桃市). Visible
   * when the pool is in your scope or your scope lies inside it (a county sees its pool's catalogue).
   */
  dipGroups: Array<DipGroup>;
  /**
   * 某统筹地区已保存的年终清算；尚未运行时为 null。明细按你的权限范围过滤（县只看到本县机构的明细及统筹地区点值）。
   * The stored year-end settlement of a pooling area, null when it has not been run. Lines are
   * filtered to your scope (a county sees its own institutions' lines and the pool's point value).
   */
  dipSettlement?: Maybe<DipSettlement>;
  /** 图中的全部业务领域，来自子图注册表（关闭内省时也可用）。Every domain of the graph, from the subgraph registry (works with introspection off). */
  domains: Array<Domain>;
  /** 某统筹地区某年度的总额预算及其各季度支出（按你的权限范围过滤）。Global budgets of a pooling area and year with their quarterly spend (filtered to your scope). */
  globalBudgets: Array<GlobalBudget>;
  /** 某统筹地区某年度按医院等级的机构系数。Institution coefficients by grade of a pooling area and year. */
  institutionCoefficients: Array<InstitutionCoefficient>;
  /**
   * 该区域支付方式改革最近一个有上报数据的季度（该领域任一上报表里有该区域或其下级的行；未上报的季度不算），从本季度起
   * 向前最多查 24 个季度；没有则为 null。region 超出你的权限区划则 FORBIDDEN。
   * 仪表盘据此选默认区间，登录时每个领域不必再试探多个区间。
   * The latest quarter with reported payment figures for the region (a row of the region or a unit
   * below it in any of the domain's reported tables), looking back at most
   * 24 quarters from the current one; null when none. FORBIDDEN for a
   * region outside your scope. The dashboard picks its default range from it instead of probing
   * ranges per domain at sign-in.
   */
  paymentLatestQuarter?: Maybe<Scalars['Quarter']['output']>;
  /** 支付方式改革领域的指标目录。The payment-reform KPI catalogue. */
  paymentMetrics: Array<Metric>;
  /**
   * 按一个支付方式改革指标（paymentMetrics 中的编号）对某级别的区域在 from–to 区间内排名，一次汇总全部区域。within：
   * 在其下属该级别区域中排名的区域（默认：你的权限区划；超出则 FORBIDDEN），如市医保局对所辖县排名。order：默认按指标方向
   * （UP → DESC，DOWN → ASC，NEUTRAL → DESC）。数值相同者并列（竞争排名 1, 2, 2, 4）；无数值者排最后，rank 为 null。
   * first：1–500（默认：within 内该级别的全部区域）。
   * The regions of one level ranked by one payment KPI (an id from paymentMetrics) over from–to, in
   * one roll-up for all of them. within: the region whose subregions of that level are ranked
   * (default: your scope; FORBIDDEN outside it), so a city office ranks its counties. order: default
   * from the metric's direction (UP → DESC, DOWN → ASC, NEUTRAL → DESC). Ties share a rank
   * (competition ranking 1, 2, 2, 4); regions without a value come last with rank null.
   * first: 1–500 (default: every region of the level within).
   */
  paymentRanking: Array<RankedRegion>;
  /** 某县某季度支付方式改革上报的流程历史（提交、审核、退回），按时间先后。The workflow history (submit, approve, reopen) of one county's payment report for a quarter, oldest first. */
  paymentReportHistory: Array<ReportEvent>;
  /**
   * 支付方式改革领域每种上报数据的版式（字段、中英文列名、单位、必填、取值范围、说明和跨字段规则），由事实声明生成；录入表单和导入说明据此生成（关闭内省时也可用）。
   * The layout of every kind of payment figures (fields, Chinese and English headers, units,
   * required, bounds, help and the rules across fields), made from the fact declarations: entry forms
   * and the import help are built from it (works with introspection off).
   */
  paymentReportLayouts: Array<ReportLayout>;
  /** 按代码查询一个区划；超出你的权限范围时返回 FORBIDDEN。One region. FORBIDDEN when outside your scope. */
  region?: Maybe<Region>;
  /**
   * 你权限范围内的区划。给定 parent：其下级（或给定 level 时，其该级别的全部下属区划）；不给 parent：你的权限区划（或给定 level 时，其中该级别的全部区划）。
   * Regions within your scope. With parent: its children (or, with level, its descendants of that
   * level). Without parent: the region of your scope (or, with level, every region of that level in it).
   */
  regions: Array<Region>;
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryDipCaseAuditArgs = {
  groupCode?: InputMaybe<Scalars['ID']['input']>;
  institutionId: Scalars['ID']['input'];
  quarter?: InputMaybe<Scalars['Quarter']['input']>;
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryDipGroupsArgs = {
  poolingArea: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryDipSettlementArgs = {
  poolingArea: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryGlobalBudgetsArgs = {
  poolingArea: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryInstitutionCoefficientsArgs = {
  poolingArea: Scalars['ID']['input'];
  year: Scalars['Int']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryPaymentLatestQuarterArgs = {
  region: Scalars['ID']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryPaymentRankingArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  from: Scalars['Quarter']['input'];
  level: RegionLevel;
  metric: Scalars['ID']['input'];
  order?: InputMaybe<RankOrder>;
  to: Scalars['Quarter']['input'];
  within?: InputMaybe<Scalars['ID']['input']>;
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryPaymentReportHistoryArgs = {
  quarter: Scalars['Quarter']['input'];
  regionCode: Scalars['ID']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryRegionArgs = {
  code: Scalars['ID']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryRegionsArgs = {
  level?: InputMaybe<RegionLevel>;
  parent?: InputMaybe<Scalars['ID']['input']>;
};

/** 排名顺序：DESC 数值最高者居首，ASC 最低者居首。Order of a ranking: DESC puts the highest value first, ASC the lowest. */
export type RankOrder =
  /** 升序：数值最低者排第 1。Ascending: the lowest value ranks first. */
  | 'ASC'
  /** 降序：数值最高者排第 1。Descending: the highest value ranks first. */
  | 'DESC';

/** 某区域在某指标、某季度区间排名中的位置。One region's place in a ranking of one KPI over a quarter range. */
export type RankedRegion = {
  __typename?: 'RankedRegion';
  /** 区间分母合计；计数和金额类指标为 null。Range denominator; null for counts and amounts. */
  denominator?: Maybe<Scalars['Float']['output']>;
  /** 区间分子合计（基本单位：人、元、分、次）。Range numerator in base units (persons, yuan, fen, cases). */
  numerator?: Maybe<Scalars['Float']['output']>;
  /**
   * 上一等长区间（如 2023Q1–Q4 → 2022Q1–Q4）在相同区域中按相同方式的排名；该区间无数值或早于 2000Q1 时为 null。
   * The region's rank, ranked the same way among the same regions, over the preceding range of
   * the same length (2023Q1–Q4 → 2022Q1–Q4); null when it had no value there or that range starts
   * before 2000Q1.
   */
  previousRank?: Maybe<Scalars['Int']['output']>;
  /**
   * 竞争排名（1, 2, 2, 4）：数值相同的区域并列，下一名次跳过；区间内无数值（NO_DATA）的区域为 null，按代码顺序排在最后。
   * Competition ranking (1, 2, 2, 4): regions with the same value share a rank and the next rank
   * skips. null for a region without a value over the range (NO_DATA): those come last, in code order.
   */
  rank?: Maybe<Scalars['Int']['output']>;
  /** 被排名的区域。The ranked region. */
  region: Region;
  /** 与目标比较的状态。Status against the target. */
  status: KpiStatus;
  /** 区间合计，算法同 KpiSeries.total（率为 Σ分子 / Σ分母）。The range total, computed like KpiSeries.total (Σnumerator / Σdenominator for rates). */
  value?: Maybe<Scalars['Float']['output']>;
};

/** 行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties. */
export type Region = {
  __typename?: 'Region';
  /** 你权限范围内的下级区划。Child regions within your scope. */
  children: Array<Region>;
  /** 六位行政区划代码（GB/T 2260），如 150724。Six-digit GB/T 2260 code, e.g. 150724. */
  code: Scalars['ID']['output'];
  /** 本区域定点医疗机构在季度区间内上传的 DIP 病例数（例，如 鄂温克族自治旗 2022 年：3562）。DIP cases uploaded by the region's institutions over a quarter range (e.g. 鄂温克族自治旗 2022: 3562). */
  dipCaseTotal: Scalars['Int']['output'];
  /** 区划级别。Administrative level. */
  level: RegionLevel;
  /** 区划的中文名称，如 呼伦贝尔市。Name of the division, in Chinese. */
  name: Scalars['String']['output'];
  /** 上级区划；全国或上级不在你的权限范围内时为 null。The parent region, or null for the nation or when the parent is outside your scope. */
  parent?: Maybe<Region>;
  /** 从你可见的最高级区划到本区划的路径（用于面包屑导航）。From the topmost region you may see down to this one (for breadcrumbs). */
  path: Array<Region>;
  /**
   * 本区域在季度区间内的支付方式改革指标（率 = Σ分子 / Σ分母）。metrics：paymentMetrics 中的指标编号（默认全部）。超出你的权限范围时返回 FORBIDDEN。
   * Payment-reform KPIs of this region over a quarter range (rates as Σnumerator / Σdenominator).
   * metrics: ids from paymentMetrics (default: all). FORBIDDEN outside your scope.
   */
  paymentKpis: Array<KpiSeries>;
  /**
   * 本区域所辖每个县级上报单位在 [from, to] 每个季度的支付方式改革上报状态（每季度内按代码排序）；status 可筛选（如 SUBMITTED：待审核）。
   * 每次最多 12,000 个县·季度。超出你的权限范围时返回 FORBIDDEN。
   * The payment report status of every county (reporting unit) of this region for each quarter of
   * [from, to], counties in code order within each quarter; status filters (e.g. SUBMITTED: what
   * waits for approval). At most 12,000 county-quarters per request. FORBIDDEN outside your scope.
   */
  paymentReportStates: Array<ReportState>;
};


/** 行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties. */
export type RegionDipCaseTotalArgs = {
  from: Scalars['Quarter']['input'];
  to: Scalars['Quarter']['input'];
};


/** 行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties. */
export type RegionPaymentKpisArgs = {
  from: Scalars['Quarter']['input'];
  metrics?: InputMaybe<Array<Scalars['ID']['input']>>;
  to: Scalars['Quarter']['input'];
};


/** 行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties. */
export type RegionPaymentReportStatesArgs = {
  from: Scalars['Quarter']['input'];
  status?: InputMaybe<ReportStatus>;
  to: Scalars['Quarter']['input'];
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

/** 某总额预算某季度的支出上报。The fund spent against one budget in one quarter. */
export type ReportBudgetSpendInput = {
  /** 预算 key（见 setGlobalBudget），指明预算所属区域。The budget's key (see setGlobalBudget): it names the budget's region. */
  key: Scalars['ID']['input'];
  /** 预算类别。Budget kind. */
  kind: GlobalBudgetKind;
  /** 季度。Quarter. */
  quarter: Scalars['Quarter']['input'];
  /** 该季度支出（元，最多两位小数）。Spent in the quarter (yuan, at most two decimals). */
  spentYuan: Scalars['String']['input'];
};

/** 预算支出上报结果。Result of reportBudgetSpend. */
export type ReportBudgetSpendPayload = {
  __typename?: 'ReportBudgetSpendPayload';
  /** 上报后的预算。The budget after the report. */
  budget: GlobalBudget;
  /** 数据已相同、未写入时为 false。false when the same spend was already stored (nothing written). */
  changed: Scalars['Boolean']['output'];
};

/** 某机构某季度的 DIP 病例上报。One institution's DIP cases for a quarter. */
export type ReportDipCasesInput = {
  /** 各病种的病例数据（每个病种一项）。Cases per disease group (one item per group). */
  groups: Array<DipGroupCasesInput>;
  /** 机构编号（来自基金监管子图），如 150724-H-001。An institution id from the supervision subgraph, e.g. 150724-H-001. */
  institutionId: Scalars['ID']['input'];
  /** 季度，如 2024Q1。Quarter, e.g. 2024Q1. */
  quarter: Scalars['Quarter']['input'];
};

/** DIP 病例上报结果。Result of reportDipCases. */
export type ReportDipCasesPayload = {
  __typename?: 'ReportDipCasesPayload';
  /** 保存后的病种汇总。The stored aggregates. */
  aggregates: Array<DipCaseAggregate>;
  /** 新增或变更的病种数（0：数据已相同）。How many groups were new or changed (0: the same figures were already stored). */
  changed: Scalars['Int']['output'];
};

/** 上报流程中的一步：谁在何时、因何将其从哪个状态改到哪个状态。One step of a report's workflow: who moved it from which status to which, when and why. */
export type ReportEvent = {
  __typename?: 'ReportEvent';
  /** 操作：SUBMIT（提交）| APPROVE（审核）| REOPEN（退回）。Action: SUBMIT | APPROVE | REOPEN. */
  action: Scalars['String']['output'];
  /** 操作人姓名。Actor name. */
  actorName: Scalars['String']['output'];
  /** 操作人标识（令牌 sub）。Actor id (token sub). */
  actorSub: Scalars['String']['output'];
  /** 发生时间（ISO）。When it happened (ISO time). */
  at: Scalars['String']['output'];
  /** 领域。Domain (enrollment | procurement | payment | supervision). */
  domain: Scalars['String']['output'];
  /** 操作前状态。Status before. */
  fromStatus: ReportStatus;
  /** 事件编号。Event id. */
  id: Scalars['ID']['output'];
  /** 季度，如 2024Q1。Quarter, e.g. 2024Q1. */
  quarter: Scalars['Quarter']['output'];
  /** 理由（退回时必填）。Reason (required when reopening). */
  reason?: Maybe<Scalars['String']['output']>;
  /** 县级区划代码（六位）。County region code (six digits). */
  regionCode: Scalars['ID']['output'];
  /** 操作后状态。Status after. */
  toStatus: ReportStatus;
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

/** 一种上报数据（声明的事实）的版式：录入表单和 CSV 导入说明由此生成。The layout of one kind of reported figures (a declared fact): entry forms and the import help are made from it. */
export type ReportLayout = {
  __typename?: 'ReportLayout';
  /** 子项列表（如检查的处理处罚），无则为 null。Its child collection (e.g. an inspection's dispositions); null when none. */
  children?: Maybe<ReportLayoutChildren>;
  /** 事实名（有 CSV 导入时即导入类型），如 enrollment、purchases。The fact's name (its import kind when it has one). */
  fact: Scalars['String']['output'];
  /** 字段，按 CSV 列顺序。The fields, in CSV column order. */
  fields: Array<ReportLayoutField>;
  /** 一次 mutation 按该枚举字段的每个值各上报一条时：该字段。When one mutation call reports one fact per value of this enum field: the field. */
  groupBy?: Maybe<Scalars['String']['output']>;
  /** ……以及输入中的列表参数名。…and the input's list argument. */
  groupList?: Maybe<Scalars['String']['output']>;
  /** CSV 导入类型（POST /import/<kind>），无导入时为 null。The CSV import kind (POST /import/<kind>); null without an import. */
  importKind?: Maybe<Scalars['String']['output']>;
  /** 生成的 mutation 的输入类型。The input type of the generated mutation. */
  inputType?: Maybe<Scalars['String']['output']>;
  /** 自然键（字段名）。The natural key (field names). */
  key: Array<Scalars['String']['output']>;
  /** 写入它的 mutation，无则为 null。The mutation that writes it; null when none. */
  mutation?: Maybe<Scalars['String']['output']>;
  /** 季度不是单独字段时：由哪个字段得出（如日期所在季度）。When the quarter is no field of its own: the field it comes from (e.g. a date's quarter). */
  quarterFrom?: Maybe<Scalars['String']['output']>;
  /** 跨字段规则。Rules across fields. */
  rules: Array<ReportLayoutRule>;
  /** 英文名称。English title. */
  titleEn: Scalars['String']['output'];
  /** 中文名称。Chinese title. */
  titleZh: Scalars['String']['output'];
};

/** 一种上报数据的子项列表：输入中的一个列表，CSV 中每个子项一行。A fact's child collection: a list in its input, one CSV row per child. */
export type ReportLayoutChildren = {
  __typename?: 'ReportLayoutChildren';
  /** 子项字段，按 CSV 列顺序（在父项之后）。The child's fields, in CSV column order (after the parent's). */
  fields: Array<ReportLayoutField>;
  /** 一个子项的 GraphQL 输入类型。The GraphQL input type of one child. */
  inputType: Scalars['String']['output'];
  /** 英文名称。English name. */
  labelEn: Scalars['String']['output'];
  /** 中文名称。Chinese name. */
  labelZh: Scalars['String']['output'];
  /** 每条数据最多几个子项。At most this many per fact. */
  max: Scalars['Int']['output'];
  /** 输入中的列表字段名，如 dispositions。The input's list field, e.g. dispositions. */
  name: Scalars['String']['output'];
  /** 子项的规则。The child's rules. */
  rules: Array<ReportLayoutRule>;
};

/** 枚举字段的一个可选值。One choice of an enum field. */
export type ReportLayoutChoice = {
  __typename?: 'ReportLayoutChoice';
  /** CSV 中可写的形式。Its accepted CSV spellings. */
  aliases: Array<Scalars['String']['output']>;
  /** 英文名。English name. */
  labelEn: Scalars['String']['output'];
  /** 中文名。Chinese name. */
  labelZh: Scalars['String']['output'];
  /** 值（GraphQL 枚举值）。The value (GraphQL enum value). */
  value: Scalars['String']['output'];
};

/** 上报版式中的一个字段：API 输入、CSV 列和表单字段。One field of a layout: API input, CSV column and form field. */
export type ReportLayoutField = {
  __typename?: 'ReportLayoutField';
  /** 也接受的列名。More accepted headers. */
  aliases: Array<Scalars['String']['output']>;
  /** 枚举的可选值。The choices of an enum field. */
  choices: Array<ReportLayoutChoice>;
  /** 由客户端每次提交时生成（如幂等键 UUID），不由人填写。Made up by the client per submission (an idempotency key, e.g. a UUID), not typed by a person. */
  clientKey: Scalars['Boolean']['output'];
  /** 允许的小数位数（整数 0，金额 2）。Decimals allowed (counts 0, yuan 2). */
  decimals?: Maybe<Scalars['Int']['output']>;
  /** 选填且为空时记为的值，如 0。What an empty optional value stands for, e.g. 0. */
  defaultValue?: Maybe<Scalars['String']['output']>;
  /** GraphQL 输入类型（必填带 !）；仅 CSV 的列为 null。GraphQL input type (with ! when required); null for a CSV-only column. */
  graphqlType?: Maybe<Scalars['String']['output']>;
  /** 英文列名。English CSV header. */
  headerEn: Scalars['String']['output'];
  /** 中文列名。Chinese CSV header. */
  headerZh: Scalars['String']['output'];
  /** 英文说明。Help in English. */
  helpEn: Scalars['String']['output'];
  /** 中文说明。Help in Chinese. */
  helpZh: Scalars['String']['output'];
  /** 是否属于 API 输入（否：仅 CSV 中供阅读，如名称）。Part of the API input (false: in the CSV for readers only, e.g. a name). */
  inInput: Scalars['Boolean']['output'];
  /** 类型。Kind. */
  kind: ReportFieldKind;
  /** 表单英文标签。English form label. */
  labelEn: Scalars['String']['output'];
  /** 表单中文标签。Chinese form label. */
  labelZh: Scalars['String']['output'];
  /** 数值上限。Upper bound of a number. */
  max?: Maybe<Scalars['String']['output']>;
  /** 文本最大长度。Longest text. */
  maxLength?: Maybe<Scalars['Int']['output']>;
  /** 数值下限（十进制字符串，金额以元计）。Lower bound of a number (decimal string; yuan). */
  min?: Maybe<Scalars['String']['output']>;
  /** 字段名（API 输入名，也是英文列名）。Field name (the API input's, also the English CSV header). */
  name: Scalars['String']['output'];
  /** 值为哪种对象的编号，如 Institution。The GraphQL type whose id the value is, e.g. Institution. */
  refersTo?: Maybe<Scalars['String']['output']>;
  /** 是否必填。Whether a value is required. */
  required: Scalars['Boolean']['output'];
  /** 单位代码，如 persons、yuan。Unit key, e.g. persons, yuan. */
  unit?: Maybe<Scalars['String']['output']>;
  /** 单位英文。Unit in English. */
  unitEn?: Maybe<Scalars['String']['output']>;
  /** 单位中文，如 人、元。Unit in Chinese. */
  unitZh?: Maybe<Scalars['String']['output']>;
};

/** 跨字段规则。A rule across fields. */
export type ReportLayoutRule = {
  __typename?: 'ReportLayoutRule';
  /** ……右边的字段。…the right-hand fields. */
  atMost: Array<Scalars['String']['output']>;
  /** 客户端如何检查。How a client can check it. */
  check: ReportRuleCheck;
  /** 违反时报告在该字段上。The field a broken rule is reported on. */
  field: Scalars['String']['output'];
  /** 规则为 Σ sum ≤ Σ atMost 时：左边的字段。When the rule is Σ sum ≤ Σ atMost: the left-hand fields. */
  sum: Array<Scalars['String']['output']>;
  /** 英文表述。In words, English. */
  textEn: Scalars['String']['output'];
  /** 中文表述。In words, Chinese. */
  textZh: Scalars['String']['output'];
  /** 涉及的字段。The fields it reads. */
  uses: Array<Scalars['String']['output']>;
  /** EMPTY_WHEN：决定的字段。EMPTY_WHEN: the deciding field. */
  whenField?: Maybe<Scalars['String']['output']>;
  /** EMPTY_WHEN：该字段取这些值时为空。EMPTY_WHEN: its values for which the field is empty. */
  whenValues: Array<Scalars['String']['output']>;
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

/** 某县级上报单位某季度在某领域的上报流程状态。The workflow state of one county's (reporting unit's) report for one quarter in one domain. */
export type ReportState = {
  __typename?: 'ReportState';
  /** 审核通过时间（ISO）。Approval time (ISO). */
  approvedAt?: Maybe<Scalars['String']['output']>;
  /** 审核人。Who approved. */
  approvedBy?: Maybe<Scalars['String']['output']>;
  /** 上报截止时间（ISO 时间；季度末 + HSA_REPORT_DEADLINE_DAYS 天，北京时间 24:00）。When the report is due (ISO time; the quarter's end + HSA_REPORT_DEADLINE_DAYS, 24:00 China time). */
  deadline: Scalars['String']['output'];
  /** 领域：enrollment（参保）| procurement（招采）| payment（支付方式改革）| supervision（基金监管）。Domain: enrollment | procurement | payment | supervision. */
  domain: Scalars['String']['output'];
  /** 首次提交时间（及时性以此计算）。First submission (timeliness is measured on it). */
  firstSubmittedAt?: Maybe<Scalars['String']['output']>;
  /** 该县该季度是否已上报任何数据。Whether any figures have been reported for this county and quarter. */
  hasData: Scalars['Boolean']['output'];
  /** 是否在截止时间前首次提交；提交前为 null。First submitted by the deadline; null until submitted. */
  onTime?: Maybe<Scalars['Boolean']['output']>;
  /** 季度，如 2024Q1。Quarter, e.g. 2024Q1. */
  quarter: Scalars['Quarter']['output'];
  /** 县级区划代码（六位）。County region code (six digits). */
  regionCode: Scalars['ID']['output'];
  /** 县级区划名称。County name. */
  regionName: Scalars['String']['output'];
  /** 最近一次退回的理由。Why the report was last reopened. */
  reopenReason?: Maybe<Scalars['String']['output']>;
  /** 最近一次退回时间（ISO）。Last reopening time (ISO). */
  reopenedAt?: Maybe<Scalars['String']['output']>;
  /** 最近一次退回人。Who reopened last. */
  reopenedBy?: Maybe<Scalars['String']['output']>;
  /** 当前状态。Current status. */
  status: ReportStatus;
  /** 最近一次提交时间（ISO）。Last submission time (ISO). */
  submittedAt?: Maybe<Scalars['String']['output']>;
  /** 最近一次提交人。Who submitted last. */
  submittedBy?: Maybe<Scalars['String']['output']>;
};

/** 上报状态：DRAFT（填报中或已退回）→ SUBMITTED（县级已提交）→ APPROVED（市级已审核）；审核人可填写理由退回。DRAFT (being entered, or reopened) → SUBMITTED (by the county) → APPROVED (by the city); an approver may reopen with a reason. */
export type ReportStatus =
  /** 已审核：市级已审核通过，数据锁定直至退回。Approved by the city; figures locked until reopened. */
  | 'APPROVED'
  /** 草稿：填报中，或已被退回。Draft: being entered, or reopened. */
  | 'DRAFT'
  /** 已提交：县级已提交，待审核。Submitted by the county, waiting for approval. */
  | 'SUBMITTED';

/** 年终清算运行结果。Result of runDipSettlement. */
export type RunDipSettlementPayload = {
  __typename?: 'RunDipSettlementPayload';
  /** 结果与已存结果相同时为 false。false: the stored result was already this one. */
  changed: Scalars['Boolean']['output'];
  /** 保存后的清算。The stored settlement. */
  settlement: DipSettlement;
};

/** 机构系数设置。A coefficient to set. */
export type SetCoefficientInput = {
  /** 系数（最多四位小数，> 0）。Decimal with at most 4 places, > 0. */
  coefficient: Scalars['String']['input'];
  /** 医院等级。Grade. */
  grade: CoefficientGrade;
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['input'];
  /** 年度。Year. */
  year: Scalars['Int']['input'];
};

/** 要新建或更新的总额预算。A global budget to create or update. */
export type SetGlobalBudgetInput = {
  /** 预算金额（元，最多两位小数）。Budget amount (yuan, at most two decimals). */
  budgetYuan: Scalars['String']['input'];
  /**
   * POOL：统筹地区代码；INSTITUTION：机构编号；ALLIANCE：自定义 key，以医共体所在县代码加连字符开头，如 "150702-ALLIANCE"。
   * POOL: the pooling area; INSTITUTION: the institution id; ALLIANCE: a key of your choice starting
   * with the alliance's county code and a hyphen, e.g. "150702-ALLIANCE"
   */
  key: Scalars['ID']['input'];
  /** 预算类别。Budget kind. */
  kind: GlobalBudgetKind;
  /** 预算名称。Budget name. */
  name: Scalars['String']['input'];
  /** 超支分担比例：超支中由基金分担的份额，0–1（小数字符串），默认 0。超支分担: share of an overspend the fund takes on, 0–1 (decimal string), default 0. */
  overspendSharedShare: Scalars['String']['input'];
  /** 统筹地区代码（六位）。Pooling area code (six digits). */
  poolingArea: Scalars['ID']['input'];
  /**
   * 仅 ALLIANCE 可选：医共体所在县，须为 key 开头的县（INSTITUTION 取机构所在县，POOL 取统筹地区）。
   * ALLIANCE only, optional: the alliance's county, which must be the county its key starts with
   * (INSTITUTION takes the institution's county, POOL the pool)
   */
  regionCode?: InputMaybe<Scalars['ID']['input']>;
  /** 结余留用比例：结余中由预算持有方留用的份额，0–1（小数字符串），默认 0。结余留用: share of a surplus the holder keeps, 0–1 (decimal string), default 0. */
  surplusRetainedShare: Scalars['String']['input'];
  /** 预算年度。Budget year. */
  year: Scalars['Int']['input'];
};

/** 总额预算设置结果。Result of setGlobalBudget. */
export type SetGlobalBudgetPayload = {
  __typename?: 'SetGlobalBudgetPayload';
  /** 保存后的预算。The stored budget. */
  budget: GlobalBudget;
  /** 数据已相同、未写入时为 false。false when the budget already had these values (nothing written). */
  changed: Scalars['Boolean']['output'];
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



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Institution: Institution;
  Region: Region;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Institution:
    ( { __typename: 'Institution' }
    & GraphQLRecursivePick<FederationTypes['Institution'], {"id":true}> );
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"code":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Aggregation: Aggregation;
  BudgetSpend: ResolverTypeWrapper<BudgetSpend>;
  CoefficientGrade: CoefficientGrade;
  DipCaseAggregate: ResolverTypeWrapper<DipCaseAggregate>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DipDeductionInput: DipDeductionInput;
  DipGroup: ResolverTypeWrapper<DipGroup>;
  DipGroupCasesInput: DipGroupCasesInput;
  DipGroupType: DipGroupType;
  DipSettlement: ResolverTypeWrapper<DipSettlement>;
  DipSettlementLine: ResolverTypeWrapper<DipSettlementLine>;
  DipSettlementStatus: DipSettlementStatus;
  Direction: Direction;
  Domain: ResolverTypeWrapper<Domain>;
  GlobalBudget: ResolverTypeWrapper<GlobalBudget>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GlobalBudgetKind: GlobalBudgetKind;
  ImportKind: ResolverTypeWrapper<ImportKind>;
  Institution: ResolverTypeWrapper<{ id: string }>;
  InstitutionCoefficient: ResolverTypeWrapper<InstitutionCoefficient>;
  InstitutionDipSettlement: ResolverTypeWrapper<InstitutionDipSettlement>;
  KpiSeries: ResolverTypeWrapper<KpiSeriesRow>;
  KpiStatus: KpiStatus;
  KpiValue: ResolverTypeWrapper<KpiValue>;
  Metric: ResolverTypeWrapper<Metric>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PaymentAuditEntry: ResolverTypeWrapper<PaymentAuditEntry>;
  QualityFlag: QualityFlag;
  Quarter: ResolverTypeWrapper<Scalars['Quarter']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RankOrder: RankOrder;
  RankedRegion: ResolverTypeWrapper<Omit<RankedRegion, 'region'> & { region: ResolversTypes['Region'] }>;
  Region: ResolverTypeWrapper<RegionRow>;
  RegionLevel: RegionLevel;
  ReportBudgetSpendInput: ReportBudgetSpendInput;
  ReportBudgetSpendPayload: ResolverTypeWrapper<ReportBudgetSpendPayload>;
  ReportDipCasesInput: ReportDipCasesInput;
  ReportDipCasesPayload: ResolverTypeWrapper<ReportDipCasesPayload>;
  ReportEvent: ResolverTypeWrapper<ReportEvent>;
  ReportFieldKind: ReportFieldKind;
  ReportLayout: ResolverTypeWrapper<ReportLayout>;
  ReportLayoutChildren: ResolverTypeWrapper<ReportLayoutChildren>;
  ReportLayoutChoice: ResolverTypeWrapper<ReportLayoutChoice>;
  ReportLayoutField: ResolverTypeWrapper<ReportLayoutField>;
  ReportLayoutRule: ResolverTypeWrapper<ReportLayoutRule>;
  ReportRuleCheck: ReportRuleCheck;
  ReportState: ResolverTypeWrapper<ReportState>;
  ReportStatus: ReportStatus;
  RunDipSettlementPayload: ResolverTypeWrapper<RunDipSettlementPayload>;
  SetCoefficientInput: SetCoefficientInput;
  SetGlobalBudgetInput: SetGlobalBudgetInput;
  SetGlobalBudgetPayload: ResolverTypeWrapper<SetGlobalBudgetPayload>;
  TargetRule: TargetRule;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  BudgetSpend: BudgetSpend;
  DipCaseAggregate: DipCaseAggregate;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  DipDeductionInput: DipDeductionInput;
  DipGroup: DipGroup;
  DipGroupCasesInput: DipGroupCasesInput;
  DipSettlement: DipSettlement;
  DipSettlementLine: DipSettlementLine;
  Domain: Domain;
  GlobalBudget: GlobalBudget;
  Float: Scalars['Float']['output'];
  ImportKind: ImportKind;
  Institution: { id: string };
  InstitutionCoefficient: InstitutionCoefficient;
  InstitutionDipSettlement: InstitutionDipSettlement;
  KpiSeries: KpiSeriesRow;
  KpiValue: KpiValue;
  Metric: Metric;
  Boolean: Scalars['Boolean']['output'];
  Mutation: Record<PropertyKey, never>;
  PaymentAuditEntry: PaymentAuditEntry;
  Quarter: Scalars['Quarter']['output'];
  Query: Record<PropertyKey, never>;
  RankedRegion: Omit<RankedRegion, 'region'> & { region: ResolversParentTypes['Region'] };
  Region: RegionRow;
  ReportBudgetSpendInput: ReportBudgetSpendInput;
  ReportBudgetSpendPayload: ReportBudgetSpendPayload;
  ReportDipCasesInput: ReportDipCasesInput;
  ReportDipCasesPayload: ReportDipCasesPayload;
  ReportEvent: ReportEvent;
  ReportLayout: ReportLayout;
  ReportLayoutChildren: ReportLayoutChildren;
  ReportLayoutChoice: ReportLayoutChoice;
  ReportLayoutField: ReportLayoutField;
  ReportLayoutRule: ReportLayoutRule;
  ReportState: ReportState;
  RunDipSettlementPayload: RunDipSettlementPayload;
  SetCoefficientInput: SetCoefficientInput;
  SetGlobalBudgetInput: SetGlobalBudgetInput;
  SetGlobalBudgetPayload: SetGlobalBudgetPayload;
  String: Scalars['String']['output'];
};

export type LinkDirectiveArgs = {
  import?: Maybe<Array<Maybe<Scalars['String']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type BudgetSpendResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['BudgetSpend'] = ResolversParentTypes['BudgetSpend']> = {
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  spentYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DipCaseAggregateResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DipCaseAggregate'] = ResolversParentTypes['DipCaseAggregate']> = {
  cases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  coefficient?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dipFundYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fundPrepaidYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  groupCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  groupType?: Resolver<ResolversTypes['DipGroupType'], ParentType, ContextType>;
  inpatientFundYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  institutionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  poolingArea?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DipGroupResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DipGroup'] = ResolversParentTypes['DipGroup']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  poolingArea?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['DipGroupType'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DipSettlementResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DipSettlement'] = ResolversParentTypes['DipSettlement']> = {
  budgetYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  closedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['DipSettlementLine']>, ParentType, ContextType>;
  pointValue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  poolingArea?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reopenReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reopenedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  runAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  runBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DipSettlementStatus'], ParentType, ContextType>;
  totalPoints?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type DipSettlementLineResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['DipSettlementLine'] = ResolversParentTypes['DipSettlementLine']> = {
  deductionYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grossYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  institutionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  netYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prepaidYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DomainResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Domain'] = ResolversParentTypes['Domain']> = {
  importKinds?: Resolver<Array<ResolversTypes['ImportKind']>, ParentType, ContextType>;
  kpiField?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metricsField?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GlobalBudgetResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['GlobalBudget'] = ResolversParentTypes['GlobalBudget']> = {
  budgetYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  executionRate?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['GlobalBudgetKind'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  overspendSharedShare?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  overspendYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  poolingArea?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  retainedYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sharedOverspendYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  spend?: Resolver<Array<ResolversTypes['BudgetSpend']>, ParentType, ContextType>;
  spentYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  surplusRetainedShare?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  surplusYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImportKindResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ImportKind'] = ResolversParentTypes['ImportKind']> = {
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InstitutionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Institution'] = ResolversParentTypes['Institution'], FederationReferenceType extends FederationReferenceTypes['Institution'] = FederationReferenceTypes['Institution']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Institution']> | FederationReferenceType, FederationReferenceType, ContextType>;
  dipSettlements?: Resolver<Array<ResolversTypes['InstitutionDipSettlement']>, ParentType, ContextType, Partial<InstitutionDipSettlementsArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type InstitutionCoefficientResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['InstitutionCoefficient'] = ResolversParentTypes['InstitutionCoefficient']> = {
  coefficient?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grade?: Resolver<ResolversTypes['CoefficientGrade'], ParentType, ContextType>;
  poolingArea?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type InstitutionDipSettlementResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['InstitutionDipSettlement'] = ResolversParentTypes['InstitutionDipSettlement']> = {
  deductionYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grossYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  netYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pointValue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  points?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  poolingArea?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  prepaidYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DipSettlementStatus'], ParentType, ContextType>;
  year?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type KpiSeriesResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['KpiSeries'] = ResolversParentTypes['KpiSeries']> = {
  metric?: Resolver<ResolversTypes['Metric'], ParentType, ContextType>;
  points?: Resolver<Array<ResolversTypes['KpiValue']>, ParentType, ContextType>;
  previous?: Resolver<Maybe<ResolversTypes['KpiValue']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['KpiValue'], ParentType, ContextType>;
  yearAgo?: Resolver<Maybe<ResolversTypes['KpiValue']>, ParentType, ContextType>;
};

export type KpiValueResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['KpiValue'] = ResolversParentTypes['KpiValue']> = {
  denominator?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  expected?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  flags?: Resolver<Array<ResolversTypes['QualityFlag']>, ParentType, ContextType>;
  metricId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  numerator?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  quarter?: Resolver<Maybe<ResolversTypes['Quarter']>, ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['KpiStatus'], ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type MetricResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Metric'] = ResolversParentTypes['Metric']> = {
  aggregation?: Resolver<ResolversTypes['Aggregation'], ParentType, ContextType>;
  denominatorEn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  denominatorZh?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['Direction'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  higherIsBetter?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maximum?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  nameEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  numeratorEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  numeratorZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  precision?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  targetHigh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  targetLow?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  targetRule?: Resolver<ResolversTypes['TargetRule'], ParentType, ContextType>;
  unit?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  approvePaymentReport?: Resolver<ResolversTypes['ReportState'], ParentType, ContextType, RequireFields<MutationApprovePaymentReportArgs, 'quarter' | 'regionCode'>>;
  closeDipSettlement?: Resolver<ResolversTypes['DipSettlement'], ParentType, ContextType, RequireFields<MutationCloseDipSettlementArgs, 'poolingArea' | 'year'>>;
  reopenDipSettlement?: Resolver<ResolversTypes['DipSettlement'], ParentType, ContextType, RequireFields<MutationReopenDipSettlementArgs, 'poolingArea' | 'reason' | 'year'>>;
  reopenPaymentReport?: Resolver<ResolversTypes['ReportState'], ParentType, ContextType, RequireFields<MutationReopenPaymentReportArgs, 'quarter' | 'reason' | 'regionCode'>>;
  reportBudgetSpend?: Resolver<ResolversTypes['ReportBudgetSpendPayload'], ParentType, ContextType, RequireFields<MutationReportBudgetSpendArgs, 'input'>>;
  reportDipCases?: Resolver<ResolversTypes['ReportDipCasesPayload'], ParentType, ContextType, RequireFields<MutationReportDipCasesArgs, 'input'>>;
  runDipSettlement?: Resolver<ResolversTypes['RunDipSettlementPayload'], ParentType, ContextType, RequireFields<MutationRunDipSettlementArgs, 'poolingArea' | 'year'>>;
  setGlobalBudget?: Resolver<ResolversTypes['SetGlobalBudgetPayload'], ParentType, ContextType, RequireFields<MutationSetGlobalBudgetArgs, 'input'>>;
  setInstitutionCoefficient?: Resolver<ResolversTypes['InstitutionCoefficient'], ParentType, ContextType, RequireFields<MutationSetInstitutionCoefficientArgs, 'input'>>;
  submitPaymentReport?: Resolver<ResolversTypes['ReportState'], ParentType, ContextType, RequireFields<MutationSubmitPaymentReportArgs, 'quarter' | 'regionCode'>>;
};

export type PaymentAuditEntryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['PaymentAuditEntry'] = ResolversParentTypes['PaymentAuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorSub?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entityKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  newValue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oldValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface QuarterScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Quarter'], any> {
  name: 'Quarter';
}

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  dipCaseAudit?: Resolver<Array<ResolversTypes['PaymentAuditEntry']>, ParentType, ContextType, RequireFields<QueryDipCaseAuditArgs, 'institutionId'>>;
  dipGroups?: Resolver<Array<ResolversTypes['DipGroup']>, ParentType, ContextType, RequireFields<QueryDipGroupsArgs, 'poolingArea' | 'year'>>;
  dipSettlement?: Resolver<Maybe<ResolversTypes['DipSettlement']>, ParentType, ContextType, RequireFields<QueryDipSettlementArgs, 'poolingArea' | 'year'>>;
  domains?: Resolver<Array<ResolversTypes['Domain']>, ParentType, ContextType>;
  globalBudgets?: Resolver<Array<ResolversTypes['GlobalBudget']>, ParentType, ContextType, RequireFields<QueryGlobalBudgetsArgs, 'poolingArea' | 'year'>>;
  institutionCoefficients?: Resolver<Array<ResolversTypes['InstitutionCoefficient']>, ParentType, ContextType, RequireFields<QueryInstitutionCoefficientsArgs, 'poolingArea' | 'year'>>;
  paymentLatestQuarter?: Resolver<Maybe<ResolversTypes['Quarter']>, ParentType, ContextType, RequireFields<QueryPaymentLatestQuarterArgs, 'region'>>;
  paymentMetrics?: Resolver<Array<ResolversTypes['Metric']>, ParentType, ContextType>;
  paymentRanking?: Resolver<Array<ResolversTypes['RankedRegion']>, ParentType, ContextType, RequireFields<QueryPaymentRankingArgs, 'from' | 'level' | 'metric' | 'to'>>;
  paymentReportHistory?: Resolver<Array<ResolversTypes['ReportEvent']>, ParentType, ContextType, RequireFields<QueryPaymentReportHistoryArgs, 'quarter' | 'regionCode'>>;
  paymentReportLayouts?: Resolver<Array<ResolversTypes['ReportLayout']>, ParentType, ContextType>;
  region?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType, RequireFields<QueryRegionArgs, 'code'>>;
  regions?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType, Partial<QueryRegionsArgs>>;
};

export type RankedRegionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RankedRegion'] = ResolversParentTypes['RankedRegion']> = {
  denominator?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  numerator?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  previousRank?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  rank?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  region?: Resolver<ResolversTypes['Region'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['KpiStatus'], ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type RegionResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Region'] = ResolversParentTypes['Region'], FederationReferenceType extends FederationReferenceTypes['Region'] = FederationReferenceTypes['Region']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Region']> | FederationReferenceType, FederationReferenceType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  dipCaseTotal?: Resolver<ResolversTypes['Int'], ParentType, ContextType, RequireFields<RegionDipCaseTotalArgs, 'from' | 'to'>>;
  level?: Resolver<ResolversTypes['RegionLevel'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
  paymentKpis?: Resolver<Array<ResolversTypes['KpiSeries']>, ParentType, ContextType, RequireFields<RegionPaymentKpisArgs, 'from' | 'to'>>;
  paymentReportStates?: Resolver<Array<ResolversTypes['ReportState']>, ParentType, ContextType, RequireFields<RegionPaymentReportStatesArgs, 'from' | 'to'>>;
};

export type ReportBudgetSpendPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportBudgetSpendPayload'] = ResolversParentTypes['ReportBudgetSpendPayload']> = {
  budget?: Resolver<ResolversTypes['GlobalBudget'], ParentType, ContextType>;
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ReportDipCasesPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportDipCasesPayload'] = ResolversParentTypes['ReportDipCasesPayload']> = {
  aggregates?: Resolver<Array<ResolversTypes['DipCaseAggregate']>, ParentType, ContextType>;
  changed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ReportEventResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportEvent'] = ResolversParentTypes['ReportEvent']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorSub?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fromStatus?: Resolver<ResolversTypes['ReportStatus'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  toStatus?: Resolver<ResolversTypes['ReportStatus'], ParentType, ContextType>;
};

export type ReportLayoutResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportLayout'] = ResolversParentTypes['ReportLayout']> = {
  children?: Resolver<Maybe<ResolversTypes['ReportLayoutChildren']>, ParentType, ContextType>;
  fact?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['ReportLayoutField']>, ParentType, ContextType>;
  groupBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  groupList?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  importKind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  inputType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  key?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  mutation?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quarterFrom?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['ReportLayoutRule']>, ParentType, ContextType>;
  titleEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  titleZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReportLayoutChildrenResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportLayoutChildren'] = ResolversParentTypes['ReportLayoutChildren']> = {
  fields?: Resolver<Array<ResolversTypes['ReportLayoutField']>, ParentType, ContextType>;
  inputType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['ReportLayoutRule']>, ParentType, ContextType>;
};

export type ReportLayoutChoiceResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportLayoutChoice'] = ResolversParentTypes['ReportLayoutChoice']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReportLayoutFieldResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportLayoutField'] = ResolversParentTypes['ReportLayoutField']> = {
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  choices?: Resolver<Array<ResolversTypes['ReportLayoutChoice']>, ParentType, ContextType>;
  clientKey?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  decimals?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  defaultValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  graphqlType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  headerEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headerZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  helpEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  helpZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inInput?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ReportFieldKind'], ParentType, ContextType>;
  labelEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  labelZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  maxLength?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  refersTo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  unit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unitEn?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  unitZh?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ReportLayoutRuleResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportLayoutRule'] = ResolversParentTypes['ReportLayoutRule']> = {
  atMost?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  check?: Resolver<ResolversTypes['ReportRuleCheck'], ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sum?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  textEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  textZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  uses?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  whenField?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  whenValues?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ReportStateResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportState'] = ResolversParentTypes['ReportState']> = {
  approvedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  approvedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  deadline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  firstSubmittedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasData?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  onTime?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  regionName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reopenReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reopenedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reopenedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReportStatus'], ParentType, ContextType>;
  submittedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  submittedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RunDipSettlementPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RunDipSettlementPayload'] = ResolversParentTypes['RunDipSettlementPayload']> = {
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  settlement?: Resolver<ResolversTypes['DipSettlement'], ParentType, ContextType>;
};

export type SetGlobalBudgetPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['SetGlobalBudgetPayload'] = ResolversParentTypes['SetGlobalBudgetPayload']> = {
  budget?: Resolver<ResolversTypes['GlobalBudget'], ParentType, ContextType>;
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type Resolvers<ContextType = SubgraphContext> = {
  BudgetSpend?: BudgetSpendResolvers<ContextType>;
  DipCaseAggregate?: DipCaseAggregateResolvers<ContextType>;
  DipGroup?: DipGroupResolvers<ContextType>;
  DipSettlement?: DipSettlementResolvers<ContextType>;
  DipSettlementLine?: DipSettlementLineResolvers<ContextType>;
  Domain?: DomainResolvers<ContextType>;
  GlobalBudget?: GlobalBudgetResolvers<ContextType>;
  ImportKind?: ImportKindResolvers<ContextType>;
  Institution?: InstitutionResolvers<ContextType>;
  InstitutionCoefficient?: InstitutionCoefficientResolvers<ContextType>;
  InstitutionDipSettlement?: InstitutionDipSettlementResolvers<ContextType>;
  KpiSeries?: KpiSeriesResolvers<ContextType>;
  KpiValue?: KpiValueResolvers<ContextType>;
  Metric?: MetricResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PaymentAuditEntry?: PaymentAuditEntryResolvers<ContextType>;
  Quarter?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  RankedRegion?: RankedRegionResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  ReportBudgetSpendPayload?: ReportBudgetSpendPayloadResolvers<ContextType>;
  ReportDipCasesPayload?: ReportDipCasesPayloadResolvers<ContextType>;
  ReportEvent?: ReportEventResolvers<ContextType>;
  ReportLayout?: ReportLayoutResolvers<ContextType>;
  ReportLayoutChildren?: ReportLayoutChildrenResolvers<ContextType>;
  ReportLayoutChoice?: ReportLayoutChoiceResolvers<ContextType>;
  ReportLayoutField?: ReportLayoutFieldResolvers<ContextType>;
  ReportLayoutRule?: ReportLayoutRuleResolvers<ContextType>;
  ReportState?: ReportStateResolvers<ContextType>;
  RunDipSettlementPayload?: RunDipSettlementPayloadResolvers<ContextType>;
  SetGlobalBudgetPayload?: SetGlobalBudgetPayloadResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = SubgraphContext> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
