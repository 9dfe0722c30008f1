// 数据查询's downloads (a GraphQL result's list as a table with Chinese headers, CSV and .xlsx),
// 接口文档's worked examples, and the explorer's URL state.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { API_GUIDE, guideHtml, workedExamples } from "../src/lib/apiDocs";
import { parseCsv, toCsv } from "../src/lib/csv";
import { chineseHeader, hasList, resultTable, toXlsx } from "../src/lib/resultTable";
import { DEFAULT_VIEW, MAX_URL_TEXT, parseView, serializeView } from "../src/lib/urlState";

const CHILDREN = {
  region: {
    code: "150700",
    name: "呼伦贝尔市",
    children: [
      {
        code: "150702",
        name: "海拉尔区",
        kpis: [{ metric: { id: "enrollment.rate" }, total: { value: 97.5 } }],
      },
      {
        code: "150724",
        name: "鄂温克族自治旗",
        kpis: [
          { metric: { id: "enrollment.rate" }, total: { value: 95.25 } },
          { metric: { id: "enrollment.evoucher_activation" }, total: { value: null } },
        ],
      },
    ],
  },
};

describe("a result as a table", () => {
  it("repeats the fields above a list on each row and expands nested lists", () => {
    const t = resultTable(CHILDREN);
    expect(t?.paths).toEqual([
      "region.code",
      "region.name",
      "region.children.code",
      "region.children.name",
      "region.children.kpis.metric.id",
      "region.children.kpis.total.value",
    ]);
    expect(t?.headers).toEqual([
      "区划代码",
      "名称",
      "下级·区划代码",
      "下级·名称",
      "下级·kpis·指标·编号",
      "下级·kpis·合计·值",
    ]);
    expect(t?.rows).toEqual([
      ["150700", "呼伦贝尔市", "150702", "海拉尔区", "enrollment.rate", 97.5],
      ["150700", "呼伦贝尔市", "150724", "鄂温克族自治旗", "enrollment.rate", 95.25],
      ["150700", "呼伦贝尔市", "150724", "鄂温克族自治旗", "enrollment.evoucher_activation", null],
    ]);
  });

  it("offers no table for a result without a list, and keeps a second sibling list as JSON", () => {
    expect(hasList({ region: { code: "150700", name: "呼伦贝尔市" } })).toBe(false);
    expect(resultTable({ region: { code: "150700" } })).toBeNull();
    const t = resultTable({ a: [{ x: 1 }, { x: 2 }], b: [{ y: 3 }] });
    expect(t?.rows).toEqual([
      [1, '[{"y":3}]'],
      [2, '[{"y":3}]'],
    ]);
  });

  it("names the KPI fields in Chinese, without the Kpis list's own name", () => {
    expect(chineseHeader("region.enrollmentKpis.total.value")).toBe("合计·值");
    expect(chineseHeader("region.name")).toBe("名称");
    expect(chineseHeader("enrollmentRanking.region.name")).toBe("地区·名称");
    expect(chineseHeader("institution.dipSettlements.points")).toBe("dipSettlements·点数");
    expect(chineseHeader("somethingNew")).toBe("somethingNew");
  });

  it("writes CSV through the shared writer (BOM, formula-like text neutralised)", () => {
    const t = resultTable({ list: [{ name: "=HYPERLINK(1)", value: 1.5 }] });
    if (!t) throw new Error("no table");
    const csv = toCsv(t.headers, t.rows);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ["list·名称", "list·值"],
      ["'=HYPERLINK(1)", "1.5"],
    ]);
  });

  it("writes an .xlsx with Chinese headers and typed numbers", async () => {
    const t = resultTable(CHILDREN);
    if (!t) throw new Error("no table");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await toXlsx(t));
    const ws = wb.getWorksheet("查询结果");
    if (!ws) throw new Error("no sheet 查询结果");
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(t.headers);
    expect(ws.getRow(2).getCell(6).value).toBe(97.5);
    expect(ws.getRow(2).getCell(1).value).toBe("150700");
    expect(ws.getRow(4).getCell(6).value).toBeNull();
  });
});

describe("接口文档's worked examples", () => {
  it("finds every GraphQL example of docs/api.md, the city's KPIs first", () => {
    const ex = workedExamples(API_GUIDE);
    expect(ex.length).toBeGreaterThanOrEqual(4);
    expect(ex[0]?.title).toMatch(/^4\.1 /);
    expect(ex[0]?.query).toMatch(/^query CityKpis \{/);
  });

  it("renders the guide with a link per example that opens it in 数据查询", () => {
    const html = guideHtml(
      API_GUIDE,
      (q) => serializeView({ ...DEFAULT_VIEW, page: "explorer", query: q }),
      "打开",
    );
    const links = [...html.matchAll(/data-example="(\d+)"[^>]*href="([^"]+)"/g)];
    expect(links).toHaveLength(workedExamples(API_GUIDE).length);
    const first = new URLSearchParams(links[0]?.[2]?.replaceAll("&amp;", "&") ?? "");
    expect(first.get("page")).toBe("explorer");
    expect(first.get("query")).toBe(workedExamples(API_GUIDE)[0]?.query);
    expect(html).toContain("<table>");
  });
});

describe("the explorer's URL state", () => {
  it("keeps the query and variables in the URL, within a length limit", () => {
    const v = {
      ...DEFAULT_VIEW,
      page: "explorer" as const,
      query: '{ region(code: "150700") { name } }',
      variables: '{"a":1}',
    };
    expect(parseView(serializeView(v))).toEqual(v);
    expect(parseView(`?page=explorer&query=${"x".repeat(MAX_URL_TEXT + 1)}`).query).toBeNull();
    expect(parseView("?page=docs").page).toBe("docs");
  });
});
