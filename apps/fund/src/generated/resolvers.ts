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

/** 某县某季度的医疗救助与“两病”门诊待遇（全部字段必填）。One county's medical assistance and hypertension / diabetes outpatient benefits for one quarter (every field required). */
export type AssistanceInput = {
  /** 住院救助人次（非负整数）。inpatient assistance cases (whole number ≥ 0). */
  inpatientAssistanceCases: Scalars['Int']['input'];
  /** 住院救助金额（元，最多两位小数的字符串，如 "11221200.00"）。inpatient assistance paid: yuan with at most two decimals, e.g. "11221200.00". */
  inpatientAssistanceYuan: Scalars['String']['input'];
  /** 门诊救助人次（非负整数）。outpatient assistance cases (whole number ≥ 0). */
  outpatientAssistanceCases: Scalars['Int']['input'];
  /** 门诊救助金额（元，最多两位小数的字符串，如 "11221200.00"）。outpatient assistance paid: yuan with at most two decimals, e.g. "11221200.00". */
  outpatientAssistanceYuan: Scalars['String']['input'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['input'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['input'];
  /** 资助参保人数（非负整数）。persons whose contribution the assistance fund paid in the quarter (whole number ≥ 0). */
  subsidisedPersons: Scalars['Int']['input'];
  /** 资助参保金额（元，最多两位小数的字符串，如 "11221200.00"）。contributions paid for them: yuan with at most two decimals, e.g. "11221200.00". */
  subsidyYuan: Scalars['String']['input'];
  /** “两病”认定人次（非负整数）。persons approved for the hypertension / diabetes outpatient benefit in the quarter (whole number ≥ 0). */
  twoDiseaseApproved: Scalars['Int']['input'];
  /** “两病”基金支付（元，最多两位小数的字符串，如 "11221200.00"）。paid by the fund for them: yuan with at most two decimals, e.g. "11221200.00". */
  twoDiseaseFundPaidYuan: Scalars['String']['input'];
  /** “两病”结算人次（非负整数）。hypertension / diabetes outpatient settlements (whole number ≥ 0). */
  twoDiseaseSettlements: Scalars['Int']['input'];
};

/** 某县某季度的医疗救助与“两病”门诊待遇。One county's medical assistance and hypertension / diabetes benefits for one quarter. */
export type AssistanceReport = {
  __typename?: 'AssistanceReport';
  /** 住院救助人次（非负整数）。inpatient assistance cases (whole number ≥ 0). */
  inpatientAssistanceCases: Scalars['Int']['output'];
  /** 住院救助金额（元，最多两位小数的字符串，如 "11221200.00"）。inpatient assistance paid: yuan with at most two decimals, e.g. "11221200.00". */
  inpatientAssistanceYuan: Scalars['String']['output'];
  /** 门诊救助人次（非负整数）。outpatient assistance cases (whole number ≥ 0). */
  outpatientAssistanceCases: Scalars['Int']['output'];
  /** 门诊救助金额（元，最多两位小数的字符串，如 "11221200.00"）。outpatient assistance paid: yuan with at most two decimals, e.g. "11221200.00". */
  outpatientAssistanceYuan: Scalars['String']['output'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['output'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['output'];
  /** 最近一次上报人。Who reported these figures last. */
  reportedBy: Scalars['String']['output'];
  /** 资助参保人数（非负整数）。persons whose contribution the assistance fund paid in the quarter (whole number ≥ 0). */
  subsidisedPersons: Scalars['Int']['output'];
  /** 资助参保金额（元，最多两位小数的字符串，如 "11221200.00"）。contributions paid for them: yuan with at most two decimals, e.g. "11221200.00". */
  subsidyYuan: Scalars['String']['output'];
  /** “两病”认定人次（非负整数）。persons approved for the hypertension / diabetes outpatient benefit in the quarter (whole number ≥ 0). */
  twoDiseaseApproved: Scalars['Int']['output'];
  /** “两病”基金支付（元，最多两位小数的字符串，如 "11221200.00"）。paid by the fund for them: yuan with at most two decimals, e.g. "11221200.00". */
  twoDiseaseFundPaidYuan: Scalars['String']['output'];
  /** “两病”结算人次（非负整数）。hypertension / diabetes outpatient settlements (whole number ≥ 0). */
  twoDiseaseSettlements: Scalars['Int']['output'];
  /** 最近更新时间（ISO）。Last update time (ISO). */
  updatedAt: Scalars['String']['output'];
};

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

/** 基金与待遇上报的一条审计记录。One audit entry of a county's fund figures. */
export type FundAuditEntry = {
  __typename?: 'FundAuditEntry';
  /** 操作，如 reportFundBalance 或 importFundBalance。Action, e.g. reportFundBalance or importFundBalance. */
  action: Scalars['String']['output'];
  /** 操作人姓名。Actor name. */
  actorName: Scalars['String']['output'];
  /** 操作人标识（令牌 sub）。Actor id (token sub). */
  actorSub: Scalars['String']['output'];
  /** 变更时间（ISO）。When the change was made (ISO time). */
  at: Scalars['String']['output'];
  /** 被审计的数据，如 fund-balance:430671:2022Q4:EMPLOYEE。The audited fact, e.g. fund-balance:430671:2022Q4:EMPLOYEE. */
  entityKey: Scalars['String']['output'];
  /** 审计记录编号。Audit entry id. */
  id: Scalars['ID']['output'];
  /** 变更后数据（JSON）。JSON of the figures after the change. */
  newValue: Scalars['String']['output'];
  /** 变更前数据（JSON）；新上报时为 null。JSON of the figures before the change (null when new). */
  oldValue?: Maybe<Scalars['String']['output']>;
  /** 季度。Quarter. */
  quarter: Scalars['Quarter']['output'];
  /** 县级区划代码（六位）。County region code (six digits). */
  regionCode: Scalars['ID']['output'];
  /** 变更来源："mutation <名称>" 或 "import <importId> (<文件名>)"。Where the change came from: "mutation <name>" or "import <importId> (<file name>)". */
  source?: Maybe<Scalars['String']['output']>;
};

/** 某统筹区（上报单位）某险种某季度的基金收支（全部字段必填；金额为元，最多两位小数）。One pooling area's fund income and expenditure of one scheme for one quarter (every field required; yuan with at most two decimals). */
export type FundBalanceInput = {
  /** 累计结余（元，最多两位小数的字符串，如 "11221200.00"）。accumulated balance at the quarter's end: yuan with at most two decimals, e.g. "11221200.00". */
  accumulatedBalanceYuan: Scalars['String']['input'];
  /** 基金支出（元，最多两位小数的字符串，如 "11221200.00"）。fund expenditure in the quarter (统支): yuan with at most two decimals, e.g. "11221200.00". */
  expenditureYuan: Scalars['String']['input'];
  /** 基金收入（元，最多两位小数的字符串，如 "11221200.00"）。fund income in the quarter (for a city-pooled fund: 统收上解收入): yuan with at most two decimals, e.g. "11221200.00". */
  incomeYuan: Scalars['String']['input'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['input'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['input'];
  /** 险种：EMPLOYEE（职工医保）或 RESIDENT（居民医保）。Scheme: EMPLOYEE or RESIDENT basic medical insurance. */
  scheme: FundScheme;
};

/** 某统筹区某险种某季度的基金收支。One pooling area's fund income and expenditure of one scheme for one quarter. */
export type FundBalanceReport = {
  __typename?: 'FundBalanceReport';
  /** 累计结余（元，最多两位小数的字符串，如 "11221200.00"）。accumulated balance at the quarter's end: yuan with at most two decimals, e.g. "11221200.00". */
  accumulatedBalanceYuan: Scalars['String']['output'];
  /** 当期结余 = 基金收入 − 基金支出（元，可为负）。Current balance = income − expenditure (yuan, may be negative). */
  currentBalanceYuan: Scalars['String']['output'];
  /** 基金支出（元，最多两位小数的字符串，如 "11221200.00"）。fund expenditure in the quarter (统支): yuan with at most two decimals, e.g. "11221200.00". */
  expenditureYuan: Scalars['String']['output'];
  /** 基金收入（元，最多两位小数的字符串，如 "11221200.00"）。fund income in the quarter (for a city-pooled fund: 统收上解收入): yuan with at most two decimals, e.g. "11221200.00". */
  incomeYuan: Scalars['String']['output'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['output'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['output'];
  /** 最近一次上报人。Who reported these figures last. */
  reportedBy: Scalars['String']['output'];
  /** 险种：EMPLOYEE（职工医保）或 RESIDENT（居民医保）。Scheme: EMPLOYEE or RESIDENT basic medical insurance. */
  scheme: FundScheme;
  /** 最近更新时间（ISO）。Last update time (ISO). */
  updatedAt: Scalars['String']['output'];
};

/** 某县在季度区间内上报的四类基金与待遇数据。The four kinds of fund figures a county reported over a quarter range. */
export type FundReports = {
  __typename?: 'FundReports';
  /** 医疗救助与“两病”（按季度）。Medical assistance and 两病 benefits (by quarter). */
  assistance: Array<AssistanceReport>;
  /** 基金收支（按季度、险种）。Fund income and expenditure (by quarter and scheme). */
  balances: Array<FundBalanceReport>;
  /** 门诊统筹（按季度）。Outpatient pooling (by quarter). */
  outpatientPooling: Array<OutpatientPoolingReport>;
  /** 异地就医直接结算（按季度、险种）。Remote-care direct settlements (by quarter and scheme). */
  remoteSettlements: Array<RemoteSettlementReport>;
};

/** 基本医疗保险险种。Scheme of basic medical insurance. */
export type FundScheme =
  /** 职工基本医疗保险。Employee basic medical insurance. */
  | 'EMPLOYEE'
  /** 城乡居民基本医疗保险。Urban-rural resident basic medical insurance. */
  | 'RESIDENT';

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
  approveFundReport: ReportState;
  /** 填写理由退回已提交或已审核的上报（需 approver 角色）：→ DRAFT，记入审计。Reopens a submitted or approved report with a reason (role approver): → DRAFT. Audited. */
  reopenFundReport: ReportState;
  /**
   * 上报某县某季度的医疗救助与“两病”门诊待遇（需 reporter 角色，县在权限范围内；已审核的季度须先退回）。幂等；数据变更记入审计。
   * Reports one county's medical assistance and hypertension / diabetes benefits for one quarter (role reporter, county in scope).
   * Idempotent: the same figures again change nothing; changed figures are audited (old → new).
   * 由事实声明生成（defineFact）：录入表单以通用文档保存，返回 changed。Generated from a fact declaration (defineFact): entry forms save it with the generic document, selecting changed.
   */
  reportAssistance: ReportAssistancePayload;
  /**
   * 上报某统筹区某险种某季度的基金收支（需 reporter 角色，地区在权限范围内；已审核的季度须先退回）。幂等：相同数据再次上报不产生变化；数据变更记入审计（旧值 → 新值）。
   * Reports one pooling area's fund income and expenditure of one scheme for one quarter (role reporter, region in scope).
   * Idempotent: the same figures again change nothing; changed figures are audited (old → new).
   * 由事实声明生成（defineFact）：录入表单以通用文档保存，返回 changed。Generated from a fact declaration (defineFact): entry forms save it with the generic document, selecting changed.
   */
  reportFundBalance: ReportFundBalancePayload;
  /**
   * 上报某县某季度的门诊统筹数据（需 reporter 角色，县在权限范围内；已审核的季度须先退回）。基金支付 ≤ 符合支付范围费用 ≤ 总费用。幂等；数据变更记入审计。
   * Reports one county's outpatient pooling figures for one quarter (role reporter, county in scope).
   * Fund paid ≤ cost within scope ≤ total cost. Idempotent; changed figures are audited (old → new).
   * 由事实声明生成（defineFact）：录入表单以通用文档保存，返回 changed。Generated from a fact declaration (defineFact): entry forms save it with the generic document, selecting changed.
   */
  reportOutpatientPooling: ReportOutpatientPoolingPayload;
  /**
   * 上报某县某险种某季度的异地就医直接结算（需 reporter 角色，县在权限范围内；已审核的季度须先退回）。幂等；数据变更记入审计。
   * Reports one county's remote-care direct settlements of one scheme for one quarter (role reporter, county in scope).
   * Idempotent: the same figures again change nothing; changed figures are audited (old → new).
   * 由事实声明生成（defineFact）：录入表单以通用文档保存，返回 changed。Generated from a fact declaration (defineFact): entry forms save it with the generic document, selecting changed.
   */
  reportRemoteSettlement: ReportRemoteSettlementPayload;
  /**
   * 提交某县某季度的基金与待遇上报（需 reporter 角色，县在权限范围内）：DRAFT → SUBMITTED。须已上报数据；重复提交不产生变化。
   * Submits a county's fund report for a quarter (role reporter, county in scope): DRAFT →
   * SUBMITTED. Needs reported figures. Submitting again changes nothing.
   */
  submitFundReport: ReportState;
};


export type MutationApproveFundReportArgs = {
  quarter: Scalars['Quarter']['input'];
  regionCode: Scalars['ID']['input'];
};


export type MutationReopenFundReportArgs = {
  quarter: Scalars['Quarter']['input'];
  reason: Scalars['String']['input'];
  regionCode: Scalars['ID']['input'];
};


export type MutationReportAssistanceArgs = {
  input: AssistanceInput;
};


export type MutationReportFundBalanceArgs = {
  input: FundBalanceInput;
};


export type MutationReportOutpatientPoolingArgs = {
  input: OutpatientPoolingInput;
};


export type MutationReportRemoteSettlementArgs = {
  input: RemoteSettlementInput;
};


export type MutationSubmitFundReportArgs = {
  quarter: Scalars['Quarter']['input'];
  regionCode: Scalars['ID']['input'];
};

/** 某县某季度的门诊统筹数据（全部与其中药店、医疗机构；全部字段必填）。One county's outpatient pooling figures for one quarter (all, and of them pharmacies and medical institutions; every field required). */
export type OutpatientPoolingInput = {
  /** 门诊统筹基金支付（元，最多两位小数的字符串，如 "11221200.00"）。paid by the pooled fund: yuan with at most two decimals, e.g. "11221200.00". */
  fundPaidYuan: Scalars['String']['input'];
  /** 符合支付范围费用（元，最多两位小数的字符串，如 "11221200.00"）。cost within the payment scope (政策范围内费用): yuan with at most two decimals, e.g. "11221200.00". */
  inScopeCostYuan: Scalars['String']['input'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）基金支付（元，最多两位小数的字符串，如 "11221200.00"）。of which designated medical institutions (community health stations and centres, clinics): paid by the fund: yuan with at most two decimals, e.g. "11221200.00". */
  institutionFundPaidYuan: Scalars['String']['input'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）符合支付范围费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated medical institutions (community health stations and centres, clinics): cost within the payment scope: yuan with at most two decimals, e.g. "11221200.00". */
  institutionInScopeCostYuan: Scalars['String']['input'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）总费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated medical institutions (community health stations and centres, clinics): total cost: yuan with at most two decimals, e.g. "11221200.00". */
  institutionTotalCostYuan: Scalars['String']['input'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）门诊统筹人次（非负整数）。of which designated medical institutions (community health stations and centres, clinics): outpatient pooling visits (whole number ≥ 0). */
  institutionVisits: Scalars['Int']['input'];
  /** 本年累计享受门诊统筹人数（非负整数）。distinct persons paid by outpatient pooling in the year to the quarter's end (whole number ≥ 0). */
  personsYtd: Scalars['Int']['input'];
  /** 其中定点零售药店基金支付（元，最多两位小数的字符串，如 "11221200.00"）。of which designated retail pharmacies: paid by the fund: yuan with at most two decimals, e.g. "11221200.00". */
  pharmacyFundPaidYuan: Scalars['String']['input'];
  /** 其中定点零售药店符合支付范围费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated retail pharmacies: cost within the payment scope: yuan with at most two decimals, e.g. "11221200.00". */
  pharmacyInScopeCostYuan: Scalars['String']['input'];
  /** 其中定点零售药店总费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated retail pharmacies: total cost: yuan with at most two decimals, e.g. "11221200.00". */
  pharmacyTotalCostYuan: Scalars['String']['input'];
  /** 其中定点零售药店门诊统筹人次（非负整数）。of which designated retail pharmacies: outpatient pooling visits (whole number ≥ 0). */
  pharmacyVisits: Scalars['Int']['input'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['input'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['input'];
  /** 门诊统筹总费用（元，最多两位小数的字符串，如 "11221200.00"）。total cost of those visits: yuan with at most two decimals, e.g. "11221200.00". */
  totalCostYuan: Scalars['String']['input'];
  /** 门诊统筹人次（非负整数）。outpatient pooling visits, all designated institutions and pharmacies (whole number ≥ 0). */
  visits: Scalars['Int']['input'];
};

/** 某县某季度的门诊统筹数据。One county's outpatient pooling figures for one quarter. */
export type OutpatientPoolingReport = {
  __typename?: 'OutpatientPoolingReport';
  /** 门诊统筹基金支付（元，最多两位小数的字符串，如 "11221200.00"）。paid by the pooled fund: yuan with at most two decimals, e.g. "11221200.00". */
  fundPaidYuan: Scalars['String']['output'];
  /** 符合支付范围费用（元，最多两位小数的字符串，如 "11221200.00"）。cost within the payment scope (政策范围内费用): yuan with at most two decimals, e.g. "11221200.00". */
  inScopeCostYuan: Scalars['String']['output'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）基金支付（元，最多两位小数的字符串，如 "11221200.00"）。of which designated medical institutions (community health stations and centres, clinics): paid by the fund: yuan with at most two decimals, e.g. "11221200.00". */
  institutionFundPaidYuan: Scalars['String']['output'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）符合支付范围费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated medical institutions (community health stations and centres, clinics): cost within the payment scope: yuan with at most two decimals, e.g. "11221200.00". */
  institutionInScopeCostYuan: Scalars['String']['output'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）总费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated medical institutions (community health stations and centres, clinics): total cost: yuan with at most two decimals, e.g. "11221200.00". */
  institutionTotalCostYuan: Scalars['String']['output'];
  /** 其中定点医疗机构（含社区卫生服务站、中心、诊所）门诊统筹人次（非负整数）。of which designated medical institutions (community health stations and centres, clinics): outpatient pooling visits (whole number ≥ 0). */
  institutionVisits: Scalars['Int']['output'];
  /** 本年累计享受门诊统筹人数（非负整数）。distinct persons paid by outpatient pooling in the year to the quarter's end (whole number ≥ 0). */
  personsYtd: Scalars['Int']['output'];
  /** 其中定点零售药店基金支付（元，最多两位小数的字符串，如 "11221200.00"）。of which designated retail pharmacies: paid by the fund: yuan with at most two decimals, e.g. "11221200.00". */
  pharmacyFundPaidYuan: Scalars['String']['output'];
  /** 其中定点零售药店符合支付范围费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated retail pharmacies: cost within the payment scope: yuan with at most two decimals, e.g. "11221200.00". */
  pharmacyInScopeCostYuan: Scalars['String']['output'];
  /** 其中定点零售药店总费用（元，最多两位小数的字符串，如 "11221200.00"）。of which designated retail pharmacies: total cost: yuan with at most two decimals, e.g. "11221200.00". */
  pharmacyTotalCostYuan: Scalars['String']['output'];
  /** 其中定点零售药店门诊统筹人次（非负整数）。of which designated retail pharmacies: outpatient pooling visits (whole number ≥ 0). */
  pharmacyVisits: Scalars['Int']['output'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['output'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['output'];
  /** 最近一次上报人。Who reported these figures last. */
  reportedBy: Scalars['String']['output'];
  /** 门诊统筹总费用（元，最多两位小数的字符串，如 "11221200.00"）。total cost of those visits: yuan with at most two decimals, e.g. "11221200.00". */
  totalCostYuan: Scalars['String']['output'];
  /** 最近更新时间（ISO）。Last update time (ISO). */
  updatedAt: Scalars['String']['output'];
  /** 门诊统筹人次（非负整数）。outpatient pooling visits, all designated institutions and pharmacies (whole number ≥ 0). */
  visits: Scalars['Int']['output'];
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
  /** 图中的全部业务领域，来自子图注册表（关闭内省时也可用）。Every domain of the graph, from the subgraph registry (works with introspection off). */
  domains: Array<Domain>;
  /** 某县基金与待遇上报的审计记录（最新在前，最多 200 条）。Audit history of a county's fund figures (newest first, at most 200 entries). */
  fundAudit: Array<FundAuditEntry>;
  /**
   * 该区域基金与待遇最近一个有上报数据的季度（该领域任一上报表里有该区域或其下级的行；未上报的季度不算），从本季度起
   * 向前最多查 24 个季度；没有则为 null。region 超出你的权限区划则 FORBIDDEN。
   * 仪表盘据此选默认区间，登录时每个领域不必再试探多个区间。
   * The latest quarter with reported fund figures for the region (a row of the region or a unit
   * below it in any of the domain's reported tables), looking back at most
   * 24 quarters from the current one; null when none. FORBIDDEN for a
   * region outside your scope. The dashboard picks its default range from it instead of probing
   * ranges per domain at sign-in.
   */
  fundLatestQuarter?: Maybe<Scalars['Quarter']['output']>;
  /** 基金与待遇领域的指标目录。The fund and benefits KPI catalogue. */
  fundMetrics: Array<Metric>;
  /**
   * 按一个基金与待遇指标（fundMetrics 中的编号）对某级别的区域在 from–to 区间内排名，一次汇总全部区域。within：
   * 在其下属该级别区域中排名的区域（默认：你的权限区划；超出则 FORBIDDEN），如市医保局对所辖县排名。order：默认按指标方向
   * （UP → DESC，DOWN → ASC，NEUTRAL → DESC）。数值相同者并列（竞争排名 1, 2, 2, 4）；无数值者排最后，rank 为 null。
   * first：1–500（默认：within 内该级别的全部区域）。
   * The regions of one level ranked by one fund KPI (an id from fundMetrics) over from–to, in
   * one roll-up for all of them. within: the region whose subregions of that level are ranked
   * (default: your scope; FORBIDDEN outside it), so a city office ranks its counties. order: default
   * from the metric's direction (UP → DESC, DOWN → ASC, NEUTRAL → DESC). Ties share a rank
   * (competition ranking 1, 2, 2, 4); regions without a value come last with rank null.
   * first: 1–500 (default: every region of the level within).
   */
  fundRanking: Array<RankedRegion>;
  /** 某县某季度基金与待遇上报的流程历史（提交、审核、退回），按时间先后。The workflow history (submit, approve, reopen) of one county's fund report for a quarter, oldest first. */
  fundReportHistory: Array<ReportEvent>;
  /**
   * 基金与待遇领域每种上报数据的版式（字段、中英文列名、单位、必填、取值范围、说明和跨字段规则），由事实声明生成；录入表单和导入说明据此生成（关闭内省时也可用）。
   * The layout of every kind of fund figures (fields, Chinese and English headers, units,
   * required, bounds, help and the rules across fields), made from the fact declarations: entry forms
   * and the import help are built from it (works with introspection off).
   */
  fundReportLayouts: Array<ReportLayout>;
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
export type QueryFundAuditArgs = {
  quarter?: InputMaybe<Scalars['Quarter']['input']>;
  regionCode: Scalars['ID']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryFundLatestQuarterArgs = {
  region: Scalars['ID']['input'];
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryFundRankingArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  from: Scalars['Quarter']['input'];
  level: RegionLevel;
  metric: Scalars['ID']['input'];
  order?: InputMaybe<RankOrder>;
  to: Scalars['Quarter']['input'];
  within?: InputMaybe<Scalars['ID']['input']>;
};


/** 查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit. */
export type QueryFundReportHistoryArgs = {
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
  /**
   * 本区域在季度区间内的基金与待遇指标，由所辖县级数据汇总（率 = Σ分子 / Σ分母；存量取区间最后一个季度）。
   * metrics：fundMetrics 中的指标编号（默认全部）。超出你的权限范围时返回 FORBIDDEN。
   * Fund and benefit KPIs of this region over a quarter range, rolled up from its counties
   * (rates as Σnumerator / Σdenominator; stocks take the last quarter of the range).
   * metrics: ids from fundMetrics (default: all). FORBIDDEN outside your scope.
   */
  fundKpis: Array<KpiSeries>;
  /**
   * 本区域所辖每个县级上报单位在 [from, to] 每个季度的基金与待遇上报状态（每季度内按代码排序）；status 可筛选（如 SUBMITTED：待审核）。
   * 每次最多 12,000 个县·季度。超出你的权限范围时返回 FORBIDDEN。
   * The fund report status of every county (reporting unit) of this region for each quarter of
   * [from, to], counties in code order within each quarter; status filters (e.g. SUBMITTED: what
   * waits for approval). At most 12,000 county-quarters per request. FORBIDDEN outside your scope.
   */
  fundReportStates: Array<ReportState>;
  /** 本县（上报单位）每季度上报的基金与待遇数据，按时间先后；其他区域为空。The fund figures reported by this county (a reporting unit) per quarter, oldest first; empty for other regions. */
  fundReports: FundReports;
  /** 区划级别。Administrative level. */
  level: RegionLevel;
  /** 区划的中文名称，如 呼伦贝尔市。Name of the division, in Chinese. */
  name: Scalars['String']['output'];
  /** 上级区划；全国或上级不在你的权限范围内时为 null。The parent region, or null for the nation or when the parent is outside your scope. */
  parent?: Maybe<Region>;
  /** 从你可见的最高级区划到本区划的路径（用于面包屑导航）。From the topmost region you may see down to this one (for breadcrumbs). */
  path: Array<Region>;
};


/** 行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties. */
export type RegionFundKpisArgs = {
  from: Scalars['Quarter']['input'];
  metrics?: InputMaybe<Array<Scalars['ID']['input']>>;
  to: Scalars['Quarter']['input'];
};


/** 行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties. */
export type RegionFundReportStatesArgs = {
  from: Scalars['Quarter']['input'];
  status?: InputMaybe<ReportStatus>;
  to: Scalars['Quarter']['input'];
};


/** 行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties. */
export type RegionFundReportsArgs = {
  from: Scalars['Quarter']['input'];
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

/** 某县某险种某季度的异地就医直接结算（住院、门诊慢特病、普通门诊，省内与跨省；全部字段必填）。One county's remote-care direct settlements of one scheme for one quarter (inpatient, chronic outpatient, ordinary outpatient; within the province and across provinces; every field required). */
export type RemoteSettlementInput = {
  /** 跨省异地门诊慢特病直接结算人次（非负整数）。chronic and special disease outpatient care settled directly across provinces: cases (whole number ≥ 0). */
  chronicCrossCases: Scalars['Int']['input'];
  /** 跨省异地门诊慢特病基金支付（元，最多两位小数的字符串，如 "11221200.00"）。chronic and special disease outpatient care settled directly across provinces: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  chronicCrossYuan: Scalars['String']['input'];
  /** 省内异地门诊慢特病直接结算人次（非负整数）。chronic and special disease outpatient care settled directly within the province: cases (whole number ≥ 0). */
  chronicWithinCases: Scalars['Int']['input'];
  /** 省内异地门诊慢特病基金支付（元，最多两位小数的字符串，如 "11221200.00"）。chronic and special disease outpatient care settled directly within the province: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  chronicWithinYuan: Scalars['String']['input'];
  /** 跨省异地住院直接结算人次（非负整数）。inpatient care settled directly across provinces: cases (whole number ≥ 0). */
  inpatientCrossCases: Scalars['Int']['input'];
  /** 跨省异地住院基金支付（元，最多两位小数的字符串，如 "11221200.00"）。inpatient care settled directly across provinces: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  inpatientCrossYuan: Scalars['String']['input'];
  /** 省内异地住院直接结算人次（非负整数）。inpatient care settled directly within the province: cases (whole number ≥ 0). */
  inpatientWithinCases: Scalars['Int']['input'];
  /** 省内异地住院基金支付（元，最多两位小数的字符串，如 "11221200.00"）。inpatient care settled directly within the province: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  inpatientWithinYuan: Scalars['String']['input'];
  /** 跨省异地普通门诊直接结算人次（非负整数）。ordinary outpatient care settled directly across provinces: cases (whole number ≥ 0). */
  outpatientCrossCases: Scalars['Int']['input'];
  /** 跨省异地普通门诊基金支付（元，最多两位小数的字符串，如 "11221200.00"）。ordinary outpatient care settled directly across provinces: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  outpatientCrossYuan: Scalars['String']['input'];
  /** 省内异地普通门诊直接结算人次（非负整数）。ordinary outpatient care settled directly within the province: cases (whole number ≥ 0). */
  outpatientWithinCases: Scalars['Int']['input'];
  /** 省内异地普通门诊基金支付（元，最多两位小数的字符串，如 "11221200.00"）。ordinary outpatient care settled directly within the province: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  outpatientWithinYuan: Scalars['String']['input'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['input'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['input'];
  /** 险种：EMPLOYEE（职工医保）或 RESIDENT（居民医保）。Scheme: EMPLOYEE or RESIDENT basic medical insurance. */
  scheme: FundScheme;
};

/** 某县某险种某季度的异地就医直接结算。One county's remote-care direct settlements of one scheme for one quarter. */
export type RemoteSettlementReport = {
  __typename?: 'RemoteSettlementReport';
  /** 跨省异地门诊慢特病直接结算人次（非负整数）。chronic and special disease outpatient care settled directly across provinces: cases (whole number ≥ 0). */
  chronicCrossCases: Scalars['Int']['output'];
  /** 跨省异地门诊慢特病基金支付（元，最多两位小数的字符串，如 "11221200.00"）。chronic and special disease outpatient care settled directly across provinces: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  chronicCrossYuan: Scalars['String']['output'];
  /** 省内异地门诊慢特病直接结算人次（非负整数）。chronic and special disease outpatient care settled directly within the province: cases (whole number ≥ 0). */
  chronicWithinCases: Scalars['Int']['output'];
  /** 省内异地门诊慢特病基金支付（元，最多两位小数的字符串，如 "11221200.00"）。chronic and special disease outpatient care settled directly within the province: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  chronicWithinYuan: Scalars['String']['output'];
  /** 跨省异地住院直接结算人次（非负整数）。inpatient care settled directly across provinces: cases (whole number ≥ 0). */
  inpatientCrossCases: Scalars['Int']['output'];
  /** 跨省异地住院基金支付（元，最多两位小数的字符串，如 "11221200.00"）。inpatient care settled directly across provinces: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  inpatientCrossYuan: Scalars['String']['output'];
  /** 省内异地住院直接结算人次（非负整数）。inpatient care settled directly within the province: cases (whole number ≥ 0). */
  inpatientWithinCases: Scalars['Int']['output'];
  /** 省内异地住院基金支付（元，最多两位小数的字符串，如 "11221200.00"）。inpatient care settled directly within the province: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  inpatientWithinYuan: Scalars['String']['output'];
  /** 跨省异地普通门诊直接结算人次（非负整数）。ordinary outpatient care settled directly across provinces: cases (whole number ≥ 0). */
  outpatientCrossCases: Scalars['Int']['output'];
  /** 跨省异地普通门诊基金支付（元，最多两位小数的字符串，如 "11221200.00"）。ordinary outpatient care settled directly across provinces: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  outpatientCrossYuan: Scalars['String']['output'];
  /** 省内异地普通门诊直接结算人次（非负整数）。ordinary outpatient care settled directly within the province: cases (whole number ≥ 0). */
  outpatientWithinCases: Scalars['Int']['output'];
  /** 省内异地普通门诊基金支付（元，最多两位小数的字符串，如 "11221200.00"）。ordinary outpatient care settled directly within the province: fund paid: yuan with at most two decimals, e.g. "11221200.00". */
  outpatientWithinYuan: Scalars['String']['output'];
  /** 季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future). */
  quarter: Scalars['Quarter']['output'];
  /** 县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope. */
  regionCode: Scalars['ID']['output'];
  /** 最近一次上报人。Who reported these figures last. */
  reportedBy: Scalars['String']['output'];
  /** 险种：EMPLOYEE（职工医保）或 RESIDENT（居民医保）。Scheme: EMPLOYEE or RESIDENT basic medical insurance. */
  scheme: FundScheme;
  /** 最近更新时间（ISO）。Last update time (ISO). */
  updatedAt: Scalars['String']['output'];
};

/** reportAssistance 的结果。Result of reportAssistance. */
export type ReportAssistancePayload = {
  __typename?: 'ReportAssistancePayload';
  /** 数据已相同、未写入时为 false。false when the same figures were already stored (nothing written). */
  changed: Scalars['Boolean']['output'];
  /** 保存后的数据。The stored figures. */
  report: AssistanceReport;
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

/** reportFundBalance 的结果。Result of reportFundBalance. */
export type ReportFundBalancePayload = {
  __typename?: 'ReportFundBalancePayload';
  /** 数据已相同、未写入时为 false。false when the same figures were already stored (nothing written). */
  changed: Scalars['Boolean']['output'];
  /** 保存后的数据。The stored figures. */
  report: FundBalanceReport;
};

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

/** reportOutpatientPooling 的结果。Result of reportOutpatientPooling. */
export type ReportOutpatientPoolingPayload = {
  __typename?: 'ReportOutpatientPoolingPayload';
  /** 数据已相同、未写入时为 false。false when the same figures were already stored (nothing written). */
  changed: Scalars['Boolean']['output'];
  /** 保存后的数据。The stored figures. */
  report: OutpatientPoolingReport;
};

/** reportRemoteSettlement 的结果。Result of reportRemoteSettlement. */
export type ReportRemoteSettlementPayload = {
  __typename?: 'ReportRemoteSettlementPayload';
  /** 数据已相同、未写入时为 false。false when the same figures were already stored (nothing written). */
  changed: Scalars['Boolean']['output'];
  /** 保存后的数据。The stored figures. */
  report: RemoteSettlementReport;
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
  Region: Region;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Region:
    ( { __typename: 'Region' }
    & GraphQLRecursivePick<FederationTypes['Region'], {"code":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Aggregation: Aggregation;
  AssistanceInput: AssistanceInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  AssistanceReport: ResolverTypeWrapper<AssistanceReport>;
  Direction: Direction;
  Domain: ResolverTypeWrapper<Domain>;
  FundAuditEntry: ResolverTypeWrapper<FundAuditEntry>;
  FundBalanceInput: FundBalanceInput;
  FundBalanceReport: ResolverTypeWrapper<FundBalanceReport>;
  FundReports: ResolverTypeWrapper<FundReports>;
  FundScheme: FundScheme;
  ImportKind: ResolverTypeWrapper<ImportKind>;
  KpiSeries: ResolverTypeWrapper<KpiSeriesRow>;
  KpiStatus: KpiStatus;
  KpiValue: ResolverTypeWrapper<KpiValue>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Metric: ResolverTypeWrapper<Metric>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OutpatientPoolingInput: OutpatientPoolingInput;
  OutpatientPoolingReport: ResolverTypeWrapper<OutpatientPoolingReport>;
  QualityFlag: QualityFlag;
  Quarter: ResolverTypeWrapper<Scalars['Quarter']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RankOrder: RankOrder;
  RankedRegion: ResolverTypeWrapper<Omit<RankedRegion, 'region'> & { region: ResolversTypes['Region'] }>;
  Region: ResolverTypeWrapper<RegionRow>;
  RegionLevel: RegionLevel;
  RemoteSettlementInput: RemoteSettlementInput;
  RemoteSettlementReport: ResolverTypeWrapper<RemoteSettlementReport>;
  ReportAssistancePayload: ResolverTypeWrapper<ReportAssistancePayload>;
  ReportEvent: ResolverTypeWrapper<ReportEvent>;
  ReportFieldKind: ReportFieldKind;
  ReportFundBalancePayload: ResolverTypeWrapper<ReportFundBalancePayload>;
  ReportLayout: ResolverTypeWrapper<ReportLayout>;
  ReportLayoutChildren: ResolverTypeWrapper<ReportLayoutChildren>;
  ReportLayoutChoice: ResolverTypeWrapper<ReportLayoutChoice>;
  ReportLayoutField: ResolverTypeWrapper<ReportLayoutField>;
  ReportLayoutRule: ResolverTypeWrapper<ReportLayoutRule>;
  ReportOutpatientPoolingPayload: ResolverTypeWrapper<ReportOutpatientPoolingPayload>;
  ReportRemoteSettlementPayload: ResolverTypeWrapper<ReportRemoteSettlementPayload>;
  ReportRuleCheck: ReportRuleCheck;
  ReportState: ResolverTypeWrapper<ReportState>;
  ReportStatus: ReportStatus;
  TargetRule: TargetRule;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AssistanceInput: AssistanceInput;
  Int: Scalars['Int']['output'];
  ID: Scalars['ID']['output'];
  AssistanceReport: AssistanceReport;
  Domain: Domain;
  FundAuditEntry: FundAuditEntry;
  FundBalanceInput: FundBalanceInput;
  FundBalanceReport: FundBalanceReport;
  FundReports: FundReports;
  ImportKind: ImportKind;
  KpiSeries: KpiSeriesRow;
  KpiValue: KpiValue;
  Float: Scalars['Float']['output'];
  Metric: Metric;
  Boolean: Scalars['Boolean']['output'];
  Mutation: Record<PropertyKey, never>;
  OutpatientPoolingInput: OutpatientPoolingInput;
  OutpatientPoolingReport: OutpatientPoolingReport;
  Quarter: Scalars['Quarter']['output'];
  Query: Record<PropertyKey, never>;
  RankedRegion: Omit<RankedRegion, 'region'> & { region: ResolversParentTypes['Region'] };
  Region: RegionRow;
  RemoteSettlementInput: RemoteSettlementInput;
  RemoteSettlementReport: RemoteSettlementReport;
  ReportAssistancePayload: ReportAssistancePayload;
  ReportEvent: ReportEvent;
  ReportFundBalancePayload: ReportFundBalancePayload;
  ReportLayout: ReportLayout;
  ReportLayoutChildren: ReportLayoutChildren;
  ReportLayoutChoice: ReportLayoutChoice;
  ReportLayoutField: ReportLayoutField;
  ReportLayoutRule: ReportLayoutRule;
  ReportOutpatientPoolingPayload: ReportOutpatientPoolingPayload;
  ReportRemoteSettlementPayload: ReportRemoteSettlementPayload;
  ReportState: ReportState;
  String: Scalars['String']['output'];
};

export type LinkDirectiveArgs = {
  import?: Maybe<Array<Maybe<Scalars['String']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = SubgraphContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AssistanceReportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['AssistanceReport'] = ResolversParentTypes['AssistanceReport']> = {
  inpatientAssistanceCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inpatientAssistanceYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outpatientAssistanceCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outpatientAssistanceYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reportedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subsidisedPersons?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  subsidyYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  twoDiseaseApproved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  twoDiseaseFundPaidYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  twoDiseaseSettlements?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DomainResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Domain'] = ResolversParentTypes['Domain']> = {
  importKinds?: Resolver<Array<ResolversTypes['ImportKind']>, ParentType, ContextType>;
  kpiField?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metricsField?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FundAuditEntryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['FundAuditEntry'] = ResolversParentTypes['FundAuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorSub?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entityKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  newValue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  oldValue?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type FundBalanceReportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['FundBalanceReport'] = ResolversParentTypes['FundBalanceReport']> = {
  accumulatedBalanceYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  currentBalanceYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expenditureYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  incomeYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reportedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scheme?: Resolver<ResolversTypes['FundScheme'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type FundReportsResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['FundReports'] = ResolversParentTypes['FundReports']> = {
  assistance?: Resolver<Array<ResolversTypes['AssistanceReport']>, ParentType, ContextType>;
  balances?: Resolver<Array<ResolversTypes['FundBalanceReport']>, ParentType, ContextType>;
  outpatientPooling?: Resolver<Array<ResolversTypes['OutpatientPoolingReport']>, ParentType, ContextType>;
  remoteSettlements?: Resolver<Array<ResolversTypes['RemoteSettlementReport']>, ParentType, ContextType>;
};

export type ImportKindResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ImportKind'] = ResolversParentTypes['ImportKind']> = {
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameEn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nameZh?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  approveFundReport?: Resolver<ResolversTypes['ReportState'], ParentType, ContextType, RequireFields<MutationApproveFundReportArgs, 'quarter' | 'regionCode'>>;
  reopenFundReport?: Resolver<ResolversTypes['ReportState'], ParentType, ContextType, RequireFields<MutationReopenFundReportArgs, 'quarter' | 'reason' | 'regionCode'>>;
  reportAssistance?: Resolver<ResolversTypes['ReportAssistancePayload'], ParentType, ContextType, RequireFields<MutationReportAssistanceArgs, 'input'>>;
  reportFundBalance?: Resolver<ResolversTypes['ReportFundBalancePayload'], ParentType, ContextType, RequireFields<MutationReportFundBalanceArgs, 'input'>>;
  reportOutpatientPooling?: Resolver<ResolversTypes['ReportOutpatientPoolingPayload'], ParentType, ContextType, RequireFields<MutationReportOutpatientPoolingArgs, 'input'>>;
  reportRemoteSettlement?: Resolver<ResolversTypes['ReportRemoteSettlementPayload'], ParentType, ContextType, RequireFields<MutationReportRemoteSettlementArgs, 'input'>>;
  submitFundReport?: Resolver<ResolversTypes['ReportState'], ParentType, ContextType, RequireFields<MutationSubmitFundReportArgs, 'quarter' | 'regionCode'>>;
};

export type OutpatientPoolingReportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['OutpatientPoolingReport'] = ResolversParentTypes['OutpatientPoolingReport']> = {
  fundPaidYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inScopeCostYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  institutionFundPaidYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  institutionInScopeCostYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  institutionTotalCostYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  institutionVisits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  personsYtd?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pharmacyFundPaidYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pharmacyInScopeCostYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pharmacyTotalCostYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pharmacyVisits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reportedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totalCostYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  visits?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface QuarterScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Quarter'], any> {
  name: 'Quarter';
}

export type QueryResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  domains?: Resolver<Array<ResolversTypes['Domain']>, ParentType, ContextType>;
  fundAudit?: Resolver<Array<ResolversTypes['FundAuditEntry']>, ParentType, ContextType, RequireFields<QueryFundAuditArgs, 'regionCode'>>;
  fundLatestQuarter?: Resolver<Maybe<ResolversTypes['Quarter']>, ParentType, ContextType, RequireFields<QueryFundLatestQuarterArgs, 'region'>>;
  fundMetrics?: Resolver<Array<ResolversTypes['Metric']>, ParentType, ContextType>;
  fundRanking?: Resolver<Array<ResolversTypes['RankedRegion']>, ParentType, ContextType, RequireFields<QueryFundRankingArgs, 'from' | 'level' | 'metric' | 'to'>>;
  fundReportHistory?: Resolver<Array<ResolversTypes['ReportEvent']>, ParentType, ContextType, RequireFields<QueryFundReportHistoryArgs, 'quarter' | 'regionCode'>>;
  fundReportLayouts?: Resolver<Array<ResolversTypes['ReportLayout']>, ParentType, ContextType>;
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
  fundKpis?: Resolver<Array<ResolversTypes['KpiSeries']>, ParentType, ContextType, RequireFields<RegionFundKpisArgs, 'from' | 'to'>>;
  fundReportStates?: Resolver<Array<ResolversTypes['ReportState']>, ParentType, ContextType, RequireFields<RegionFundReportStatesArgs, 'from' | 'to'>>;
  fundReports?: Resolver<ResolversTypes['FundReports'], ParentType, ContextType, RequireFields<RegionFundReportsArgs, 'from' | 'to'>>;
  level?: Resolver<ResolversTypes['RegionLevel'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Region']>, ParentType, ContextType>;
  path?: Resolver<Array<ResolversTypes['Region']>, ParentType, ContextType>;
};

export type RemoteSettlementReportResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['RemoteSettlementReport'] = ResolversParentTypes['RemoteSettlementReport']> = {
  chronicCrossCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  chronicCrossYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  chronicWithinCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  chronicWithinYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inpatientCrossCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inpatientCrossYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  inpatientWithinCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  inpatientWithinYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outpatientCrossCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outpatientCrossYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outpatientWithinCases?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outpatientWithinYuan?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  quarter?: Resolver<ResolversTypes['Quarter'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reportedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  scheme?: Resolver<ResolversTypes['FundScheme'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReportAssistancePayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportAssistancePayload'] = ResolversParentTypes['ReportAssistancePayload']> = {
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  report?: Resolver<ResolversTypes['AssistanceReport'], ParentType, ContextType>;
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

export type ReportFundBalancePayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportFundBalancePayload'] = ResolversParentTypes['ReportFundBalancePayload']> = {
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  report?: Resolver<ResolversTypes['FundBalanceReport'], ParentType, ContextType>;
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

export type ReportOutpatientPoolingPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportOutpatientPoolingPayload'] = ResolversParentTypes['ReportOutpatientPoolingPayload']> = {
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  report?: Resolver<ResolversTypes['OutpatientPoolingReport'], ParentType, ContextType>;
};

export type ReportRemoteSettlementPayloadResolvers<ContextType = SubgraphContext, ParentType extends ResolversParentTypes['ReportRemoteSettlementPayload'] = ResolversParentTypes['ReportRemoteSettlementPayload']> = {
  changed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  report?: Resolver<ResolversTypes['RemoteSettlementReport'], ParentType, ContextType>;
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

export type Resolvers<ContextType = SubgraphContext> = {
  AssistanceReport?: AssistanceReportResolvers<ContextType>;
  Domain?: DomainResolvers<ContextType>;
  FundAuditEntry?: FundAuditEntryResolvers<ContextType>;
  FundBalanceReport?: FundBalanceReportResolvers<ContextType>;
  FundReports?: FundReportsResolvers<ContextType>;
  ImportKind?: ImportKindResolvers<ContextType>;
  KpiSeries?: KpiSeriesResolvers<ContextType>;
  KpiValue?: KpiValueResolvers<ContextType>;
  Metric?: MetricResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OutpatientPoolingReport?: OutpatientPoolingReportResolvers<ContextType>;
  Quarter?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  RankedRegion?: RankedRegionResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  RemoteSettlementReport?: RemoteSettlementReportResolvers<ContextType>;
  ReportAssistancePayload?: ReportAssistancePayloadResolvers<ContextType>;
  ReportEvent?: ReportEventResolvers<ContextType>;
  ReportFundBalancePayload?: ReportFundBalancePayloadResolvers<ContextType>;
  ReportLayout?: ReportLayoutResolvers<ContextType>;
  ReportLayoutChildren?: ReportLayoutChildrenResolvers<ContextType>;
  ReportLayoutChoice?: ReportLayoutChoiceResolvers<ContextType>;
  ReportLayoutField?: ReportLayoutFieldResolvers<ContextType>;
  ReportLayoutRule?: ReportLayoutRuleResolvers<ContextType>;
  ReportOutpatientPoolingPayload?: ReportOutpatientPoolingPayloadResolvers<ContextType>;
  ReportRemoteSettlementPayload?: ReportRemoteSettlementPayloadResolvers<ContextType>;
  ReportState?: ReportStateResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = SubgraphContext> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
};
