import type { Lang } from "./format";
import { en } from "./i18nEn";
import { EXPLORER_ZH } from "./i18nExplorer";
import { LEADERSHIP_ZH } from "./i18nLeadership";
import { TOKENS_ZH } from "./i18nTokens";

const zh = {
  appTitle: "医保数据驾驶舱",
  appSubtitle: "医疗保障局 · 医保数据平台",
  signIn: "登录",
  signOut: "退出",
  signInTitle: "登录医保数据驾驶舱",
  pasteToken: "粘贴访问令牌 (JWT)",
  tokenPlaceholder: "eyJhbGciOi…",
  signInWithToken: "使用令牌登录",
  demoUsers: "演示用户",
  demoHint: "演示模式：选择一个演示用户直接登录",
  badToken: "这不是有效的令牌",
  sessionExpired: "登录已失效，请重新登录",
  scope: "管辖范围",
  roles: "角色",
  region: "地区",
  range: "季度范围",
  from: "起",
  to: "止",
  overview: "概览",
  table: "地区明细表",
  language: "English",
  loading: "加载中…",
  noData: "本季度暂无上报数据",
  noDataRange: "所选季度范围暂无上报数据",
  unavailable: "暂不可用",
  unavailableHint: "该业务子系统暂时无法访问，其他数据不受影响",
  forbidden: "无权查看该地区的数据",
  rank: "排名",
  rankBy: "排名按「{kpi}」（由好到差；同值同名次）",
  dashMeans: "“—”表示该地区在所选季度范围内没有上报数据",
  forbiddenRegion: "你无权查看地区 {code} 的数据：它不在你的管辖范围内。",
  unknownRegion: "找不到地区代码 {code}：请检查链接，或从地区列表中选择。",
  noSuchRegion: "找不到该地区",
  error: "数据加载失败",
  retry: "重试",
  target: "目标",
  noTarget: "无目标值",
  qoq: "环比",
  yoy: "同比",
  /** {range}: the compared range, e.g. 2023年第三季度–2024年第二季度 */
  qoqTitle: "环比：与上一同长区间 {range} 相比",
  yoyTitle: "同比：与上年同期 {range} 相比",
  noComparable: "无可比数据",
  flags: "数据质量",
  flagABOVE_MAXIMUM: "超过上限",
  flagPARTIAL_REPORTING: "部分上报",
  flagOUTLIER: "异常值",
  flagTitleABOVE_MAXIMUM: "超过上限：数值超过该指标可能的最大值（如占比超过 100%），请核对上报数据",
  flagTitlePARTIAL_REPORTING: "部分上报：并非所有应上报单位都上报了该数值涉及的季度，数值可能偏低或不完整",
  flagTitleOUTLIER: "异常值：与本地区历史及同级地区相比明显异常，请核实",
  exportQuarters: "导出分季度 CSV",
  total: "区间合计",
  detail: "指标详情",
  back: "返回概览",
  trend: "分季度趋势",
  axisFrom: "纵轴从 {v} 开始（未从 0 开始，便于看清变化）",
  comparison: "下级地区对比",
  numerator: "分子",
  denominator: "分母",
  value: "数值",
  quarter: "季度",
  status: "状态",
  clickToDrill: "点击地区可下钻",
  columns: "选择指标列",
  filter: "筛选地区…",
  exportCsv: "导出 CSV",
  regionName: "地区名称",
  regionCode: "区划代码",
  noChildren: "该地区没有下级地区",
  noRows: "没有符合条件的地区",
  determiningRange: "正在确定最近有数据的季度…",
  breadcrumb: "当前位置",
  statusMET: "达标",
  statusNEAR: "接近",
  statusMISSED: "未达标",
  statusNO_DATA: "无数据",
  statusNO_TARGET: "无目标",
  targetElapsed: "序时进度",
  domain_enrollment: "参保",
  domain_procurement: "集采与网采",
  domain_payment: "支付方式改革",
  domain_supervision: "基金监管",
  latestQuarter: "最新季度",
  rangeInvalid: "起始季度不能晚于截止季度",
  backToScope: "返回本辖区",
  navDashboard: "数据概览",
  navEntry: "数据填报",
  navImport: "数据导入",
  navApprovals: "审核",
  reportForm: "报表类型",
  county: "县区",
  reportQuarter: "报告季度",
  statusDRAFT: "草稿",
  statusSUBMITTED: "已提交",
  statusAPPROVED: "已审核",
  reportStatus: "报表状态",
  deadline: "报送截止",
  submittedAt: "提交时间",
  approvedAt: "审核时间",
  reopenedBecause: "退回原因",
  statusUnavailable: "审核状态暂不可用",
  save: "保存",
  saving: "保存中…",
  saved: "已保存",
  unchanged: "数据未变化，无需保存",
  submitForApproval: "提交审核",
  submitted: "已提交审核",
  approvedLocked: "该报表已审核，不能修改；如需更正请联系审核人退回。",
  submittedHint: "已提交，等待审核；修改后需重新提交。",
  fixProblems: "请先修正标出的问题",
  noFigures: "尚未填报",
  storedFigures: "已载入已上报的数据",
  loadFailed: "已上报数据暂时无法读取",
  lookupFailed: "选项暂时无法读取，请直接输入编码",
  choose: "请选择…",
  removeRow: "删除",
  noCounties: "管辖范围内没有县级报告单位",
  importKind: "导入类型",
  chooseFile: "选择文件",
  dryRun: "校验（不写入）",
  doImport: "导入",
  layout: "文件格式",
  layoutHint:
    "CSV 文件，UTF-8（可带 BOM）或 GB18030 编码；首行为列名（中文或英文），列顺序不限。一行有错则整个文件不写入。",
  downloadTemplate: "下载模板",
  column: "列",
  columnKey: "英文列名",
  required: "必填",
  optional: "可选",
  description: "说明",
  phase_upload: "上传",
  phase_parse: "解析",
  phase_validate: "校验",
  phase_write: "写入",
  rowsUnit: "行",
  resultOk: "导入成功",
  resultDryOk: "校验通过，可以导入",
  resultFailed: "文件有错误，未写入任何数据",
  rows: "数据行",
  inserted: "新增",
  updated: "更新",
  unchangedRows: "未变化",
  encoding: "编码",
  line: "行号",
  cellValue: "值",
  reason: "原因",
  errorsShown: "共 {n} 处错误",
  errorsTruncated: "共 {n} 处错误，仅列出前 {m} 处",
  importFailed: "导入失败",
  approvalsFor: "审核",
  expected: "应报",
  received: "已报",
  pending: "待审核",
  approve: "审核通过",
  reopen: "退回",
  reopenReason: "退回原因（必填）",
  reopenConfirm: "确认退回",
  cancel: "取消",
  reasonRequired: "请填写退回原因（至少 2 个字）",
  history: "历史",
  hideHistory: "收起",
  noHistory: "暂无审核记录",
  onTime: "按时",
  late: "逾期",
  hasData: "已填报",
  actions: "操作",
  action_SUBMIT: "提交",
  action_APPROVE: "审核通过",
  action_REOPEN: "退回",
  actor: "操作人",
  time: "时间",
  completeness: "报表完整率",
  timeliness: "报表及时率",
  reportsReceived: "已报 / 应报",
  notReporter: "填报需要填报员（reporter）角色",
  notApprover: "审核需要审核人（approver）角色",
  allStatuses: "全部状态",
  ...TOKENS_ZH,
  ...EXPLORER_ZH,
  ...LEADERSHIP_ZH,
};

export type Messages = typeof zh;

export function messages(lang: Lang): Messages {
  return lang === "en" ? en : zh;
}

/** Domain names the graph announced (`Query.domains`, from the subgraph registry). */
const announced = new Map<string, { nameZh: string; nameEn: string }>();

export function rememberDomainNames(
  domains: readonly { name: string; nameZh: string; nameEn: string }[],
): void {
  for (const d of domains) announced.set(d.name, { nameZh: d.nameZh, nameEn: d.nameEn });
}

/** The names the graph announced, to keep with the session (a reload restores them). */
export function announcedDomainNames(): DomainName[] {
  return [...announced].map(([name, n]) => ({ name, ...n }));
}

export interface DomainName {
  name: string;
  nameZh: string;
  nameEn: string;
}

/** A domain's label: as the graph names it, else the built-in translation, else its id. */
export function domainLabel(domain: string, lang: Lang): string {
  const a = announced.get(domain);
  if (a) return lang === "en" ? a.nameEn : a.nameZh;
  const key = `domain_${domain}` as keyof Messages;
  return key in zh ? messages(lang)[key] : domain;
}

/** English names of the regions are not in the graph: keep the Chinese name, add the code. */
export function metricName(m: { nameZh: string; nameEn: string }, lang: Lang): string {
  return lang === "en" ? m.nameEn : m.nameZh;
}
