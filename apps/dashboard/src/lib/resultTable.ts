/**
 * A GraphQL result as a table, for the query explorer's downloads (CSV, .xlsx): the first list of
 * objects found in `data` becomes the rows; the fields above it repeat on every row (a region's
 * name beside each of its KPIs), a list inside a row expands it again (one row per quarter), and
 * further sibling lists of objects are kept as JSON text in one cell (no cross products).
 */
export type Cell = string | number | null;

export interface ResultTable {
  /** Field paths, e.g. "region.children.code", "total.value". */
  paths: string[];
  /** Chinese headers (with the field path where no Chinese name is known). */
  headers: string[];
  rows: Cell[][];
}

type Row = Record<string, Cell>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isObjectList = (v: unknown): v is unknown[] => Array.isArray(v) && v.some(isObject);

/** True when the result's data holds a list of objects somewhere (what the downloads need). */
export function hasList(data: unknown): boolean {
  if (isObjectList(data)) return true;
  if (Array.isArray(data)) return data.some(hasList);
  if (isObject(data)) return Object.values(data).some(hasList);
  return false;
}

function scalar(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  return JSON.stringify(v);
}

function flatten(value: unknown, prefix: string): Row[] {
  if (Array.isArray(value)) {
    if (!value.some(isObject)) return [{ [prefix]: value.map((v) => String(scalar(v))).join("; ") }];
    return value.flatMap((item) => flatten(item, prefix));
  }
  if (!isObject(value)) return [{ [prefix]: scalar(value) }];
  let rows: Row[] = [{}];
  let expanded = false;
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isObjectList(v) || (isObject(v) && hasList(v))) {
      if (expanded) {
        // One list per level is expanded; a second one stays JSON in its cell.
        rows = rows.map((r) => ({ ...r, [path]: JSON.stringify(v) }));
        continue;
      }
      expanded = true;
      const sub = flatten(v, path);
      if (sub.length === 0) continue;
      rows = rows.flatMap((r) => sub.map((s) => ({ ...r, ...s })));
    } else {
      const sub = flatten(v, path);
      rows = rows.map((r) => Object.assign({}, r, ...sub));
    }
  }
  return rows;
}

/** Chinese names of the graph's common fields (the KPI contract, regions, rankings, institutions). */
const FIELD_ZH: Record<string, string> = {
  code: "区划代码",
  name: "名称",
  level: "级别",
  parent: "上级",
  children: "下级",
  region: "地区",
  regions: "地区",
  regionCode: "地区代码",
  quarter: "季度",
  year: "年度",
  metric: "指标",
  metricId: "指标",
  id: "编号",
  domain: "领域",
  nameZh: "中文名称",
  nameEn: "英文名称",
  unit: "单位",
  direction: "方向",
  targetRule: "目标规则",
  total: "合计",
  points: "分季度",
  previous: "环比",
  yearAgo: "同比",
  numerator: "分子",
  denominator: "分母",
  value: "值",
  target: "目标",
  status: "状态",
  expected: "应达值",
  flags: "数据质量",
  rank: "排名",
  previousRank: "上期排名",
  kind: "类别",
  grade: "等级",
  agreementStatus: "协议状态",
  category: "品类",
  totalYuan: "总金额（元）",
  networkYuan: "网采金额（元）",
  networkRate: "网采率",
  productName: "产品名称",
  agreedVolume: "约定量",
  purchasedVolume: "采购量",
  completion: "完成率",
  netYuan: "结算金额（元）",
  at: "时间",
  action: "操作",
  fromStatus: "原状态",
  toStatus: "新状态",
  actorName: "操作人",
  reason: "原因",
  source: "来源",
  oldValue: "原值",
  newValue: "新值",
};

/** "region.children.enrollmentKpis.total.value" → "下级·合计·值" (unknown names stay as written). */
export function chineseHeader(path: string): string {
  const parts = path.split(".").filter(Boolean);
  // The list fields carrying a domain's KPIs read better without their own name: "合计·值".
  const named = parts
    .filter((p, i) => !(/Kpis$/.test(p) && i < parts.length - 1))
    .map((p, i, all) => {
      if (p === "points" && i === all.length - 1) return "点数"; // DIP points, not a list of quarters
      return FIELD_ZH[p] ?? p;
    });
  // The top field (region, a ranking) names the whole table: keep it only when it is all there is.
  const shown =
    named.length > 1 && parts[0] && /^(region|institution|\w+Ranking)$/.test(parts[0])
      ? named.slice(1)
      : named;
  return shown.join("·");
}

/** The result's rows and columns, or null when it holds no list of objects. */
export function resultTable(data: unknown): ResultTable | null {
  if (!hasList(data)) return null;
  const rows = flatten(data, "");
  const paths: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!paths.includes(k)) paths.push(k);
  const headers = paths.map(chineseHeader);
  // Two paths with the same Chinese name keep their path, so no column is ambiguous.
  const unique = headers.map((h, i) =>
    headers.indexOf(h) !== headers.lastIndexOf(h) ? `${h}（${paths[i]}）` : h,
  );
  return { paths, headers: unique, rows: rows.map((r) => paths.map((p) => r[p] ?? null)) };
}

/** The table as an .xlsx workbook (exceljs, loaded on demand): typed numbers, Chinese headers. */
export async function toXlsx(table: ResultTable, sheetName = "查询结果"): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.creator = "HSA Graph";
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(table.headers).font = { bold: true };
  for (const r of table.rows) ws.addRow(r);
  table.headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = Math.min(40, Math.max(10, h.length * 2 + 2));
  });
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}
