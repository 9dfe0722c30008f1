// 环比 / 同比 from the graph's previous / yearAgo totals, and quality flags (issue 15: numbers a
// leader can trust). The components are rendered with react-dom/server, as the browser would get them.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Overview } from "../src/components/Overview";
import { Changes, Flags } from "../src/components/Quality";
import { type DomainData, domainQuery, type KpiSeries, type KpiValue, type Metric } from "../src/lib/api";
import { parseCsv } from "../src/lib/csv";
import { messages } from "../src/lib/i18n";
import { changes, comparableValue, comparedRanges } from "../src/lib/kpi";
import { flagsText, knownFlags, quartersCsv } from "../src/lib/quality";

const metric = (over: Partial<Metric>): Metric => ({
  id: "enrollment.rate",
  domain: "enrollment",
  nameZh: "参保率",
  nameEn: "Enrollment rate",
  unit: "%",
  unitEn: "%",
  precision: 2,
  numeratorZh: "参保人数",
  numeratorEn: "Enrolled persons",
  denominatorZh: "应参保人数",
  denominatorEn: "Persons to enrol",
  aggregation: "FLOW",
  target: 95,
  higherIsBetter: true,
  direction: "UP",
  targetRule: "AT_LEAST",
  ...over,
});
const RATE = metric({});
const AMOUNT = metric({
  id: "procurement.purchase_amount",
  domain: "procurement",
  nameZh: "药品耗材采购总金额",
  nameEn: "Purchase amount",
  unit: "万元",
  unitEn: "×10k yuan",
  denominatorZh: null,
  denominatorEn: null,
  target: null,
  direction: "NEUTRAL",
  targetRule: "NONE",
});

/** A range total with value num/den (rates) or num (amounts in 万元, from yuan). */
const value = (num: number, den: number | null, over: Partial<KpiValue> = {}): KpiValue => ({
  quarter: null,
  numerator: num,
  denominator: den,
  value: den == null ? num / 10_000 : (100 * num) / den,
  target: null,
  status: "MET",
  flags: [],
  ...over,
});

const series = (id: string, total: KpiValue, previous?: KpiValue | null, yearAgo?: KpiValue | null) =>
  ({ metric: { id }, total, points: [], previous, yearAgo }) satisfies KpiSeries;

describe("环比 / 同比 from the graph's previous and yearAgo range totals", () => {
  it("compares a rate's range total in percentage points, coloured by the metric's direction", () => {
    // 9,750 of 10,000 (97.5%) against 9,625 of 10,000 (96.25%) and 9,900 of 10,000 (99%).
    const s = series(RATE.id, value(9_750, 10_000), value(9_625, 10_000), value(9_900, 10_000));
    const c = changes(s, RATE);
    expect(c.qoq.change).toEqual({ text: "+1.25 个百分点", direction: "up" });
    expect(c.qoq.goodness).toBe("good");
    expect(c.yoy.change).toEqual({ text: "−1.50 个百分点", direction: "down" });
    expect(c.yoy.goodness).toBe("bad");
    expect(changes(s, RATE, "en").qoq.change?.text).toBe("+1.25 pp");
  });

  it("compares amounts relatively and never colours a NEUTRAL metric", () => {
    // 1,100,000 yuan against 1,000,000 (+10%) and 1,250,000 (−12%).
    const s = series(AMOUNT.id, value(1_100_000, null), value(1_000_000, null), value(1_250_000, null));
    const c = changes(s, AMOUNT);
    expect(c.qoq).toEqual({ change: { text: "+10.00%", direction: "up" }, goodness: "flat" });
    expect(c.yoy).toEqual({ change: { text: "−12.00%", direction: "down" }, goodness: "flat" });
  });

  it("has no change when the compared range is missing, has no data or is zero for an amount", () => {
    const noData = value(0, 0, { value: null, status: "NO_DATA" });
    expect(comparableValue(noData)).toBeNull();
    expect(comparableValue(null)).toBeNull();
    const c = changes(series(RATE.id, value(9_750, 10_000), null, noData), RATE);
    expect(c.qoq.change).toBeNull();
    expect(c.yoy.change).toBeNull();
    expect(changes(series(AMOUNT.id, value(5, null), value(0, null)), AMOUNT).qoq.change).toBeNull();
    // Nothing in the range itself: nothing to compare either.
    const empty = series(RATE.id, noData, value(9_625, 10_000), value(9_900, 10_000));
    expect(changes(empty, RATE).qoq.change).toBeNull();
  });

  it("names the ranges compared: the preceding range of the same length and a year earlier", () => {
    expect(comparedRanges("2024Q3", "2025Q2")).toEqual({
      previous: { from: "2023Q3", to: "2024Q2" },
      yearAgo: { from: "2023Q3", to: "2024Q2" },
    });
    expect(comparedRanges("2024Q4", "2024Q4")).toEqual({
      previous: { from: "2024Q3", to: "2024Q3" },
      yearAgo: { from: "2023Q4", to: "2023Q4" },
    });
    expect(comparedRanges("2024Q1", "2024Q2")).toEqual({
      previous: { from: "2023Q3", to: "2023Q4" },
      yearAgo: { from: "2023Q1", to: "2023Q2" },
    });
  });

  it("titles each change with the range it is compared with, and '—' with 无可比数据", () => {
    const s = series(RATE.id, value(9_750, 10_000), value(9_625, 10_000), null);
    const zh = renderToStaticMarkup(
      createElement(Changes, {
        series: s,
        metric: RATE,
        from: "2024Q1",
        to: "2024Q2",
        lang: "zh",
        t: messages("zh"),
      }),
    );
    expect(zh).toContain('title="环比：与上一同长区间 2023年第三季度–2023年第四季度 相比"');
    expect(zh).toContain("+1.25 个百分点");
    expect(zh).toContain('title="无可比数据 · 同比：与上年同期 2023年第一季度–2023年第二季度 相比"');
    expect(zh).toMatch(/同比 <span data-testid="change-yoy-text">—<\/span>/);
    const en = renderToStaticMarkup(
      createElement(Changes, {
        series: s,
        metric: RATE,
        from: "2024Q1",
        to: "2024Q2",
        lang: "en",
        t: messages("en"),
      }),
    );
    expect(en).toContain("QoQ: compared with the preceding range of the same length, 2023 Q3–2023 Q4");
    expect(en).toContain("No comparable data · YoY: compared with the same range a year earlier");
  });

  it("asks for previous, yearAgo and flags for the region's own kpis only, not its children", () => {
    const q = domainQuery("enrollment");
    const [region, children] = q.split(/\bchildren\s*\{/);
    // (whitespace-insensitive: the text is the generated typed document's, printed by graphql)
    expect(region).toMatch(/previous\s*\{\s*value\s+status\s*\}/);
    expect(region).toMatch(/yearAgo\s*\{\s*value\s+status\s*\}/);
    expect(region).toMatch(/total\s*\{[^}]*flags\s*\}/);
    expect(region).toMatch(/points\s*\{[^}]*flags\s*\}/);
    expect(children).not.toMatch(/previous|yearAgo|flags/);
  });
});

describe("quality flags", () => {
  const t = messages("zh");
  it("shows each flag as text with its meaning as a title; unknown flags are dropped", () => {
    expect(knownFlags(["OUTLIER", "SOMETHING_NEW", "PARTIAL_REPORTING"])).toEqual([
      "PARTIAL_REPORTING",
      "OUTLIER",
    ]);
    expect(flagsText(["OUTLIER", "ABOVE_MAXIMUM"], t, "zh")).toBe("超过上限；异常值");
    expect(flagsText(["PARTIAL_REPORTING"], messages("en"), "en")).toBe("Partial reporting");
    const html = renderToStaticMarkup(createElement(Flags, { value: { flags: ["PARTIAL_REPORTING"] }, t }));
    expect(html).toContain("⚠ 部分上报");
    expect(html).toContain(`title="${t.flagTitlePARTIAL_REPORTING}"`);
    expect(renderToStaticMarkup(createElement(Flags, { value: { flags: [] }, t }))).toBe("");
  });

  it("puts the range total's flags on the KPI card, next to its value", () => {
    const data: DomainData = {
      domain: "enrollment",
      metrics: [RATE],
      region: {
        code: "150700",
        name: "呼伦贝尔市",
        level: "CITY",
        path: [],
        kpis: [series(RATE.id, value(10_300, 10_000, { flags: ["ABOVE_MAXIMUM", "PARTIAL_REPORTING"] }))],
      },
      children: [],
    };
    const html = renderToStaticMarkup(
      createElement(Overview, {
        domains: [{ domain: "enrollment", status: "ok", data }],
        from: "2024Q1",
        to: "2024Q4",
        lang: "zh",
        t,
        onOpen: () => {},
        onRetry: () => {},
      }),
    );
    expect(html).toContain('data-testid="card-flags"');
    expect(html).toContain("⚠ 超过上限");
    expect(html).toContain("⚠ 部分上报");
    expect(html).not.toContain("⚠ 异常值");
    // No previous / yearAgo in the answer: both changes are "—".
    expect(html.match(/data-testid="change-(qoq|yoy)-text">—</g)).toHaveLength(2);
  });

  it("writes each quarter's flags and the range total's in the per-quarter CSV", () => {
    const points: KpiValue[] = [
      value(9_500, 10_000, { quarter: "2024Q1" }),
      value(4_000, 5_000, { quarter: "2024Q2", status: "MISSED", flags: ["PARTIAL_REPORTING", "OUTLIER"] }),
    ];
    const s: KpiSeries = {
      metric: { id: RATE.id },
      total: value(13_500, 15_000, { status: "MISSED", target: 95, flags: ["PARTIAL_REPORTING"] }),
      points,
    };
    const csv = parseCsv(quartersCsv(RATE, s, t, "zh", 2));
    expect(csv[0]).toEqual(["季度", "分子", "分母", "数值 (%)", "状态", "数据质量"]);
    expect(csv[1]).toEqual(["2024年第一季度", "9500", "10000", "95.00", "达标", ""]);
    expect(csv[2]).toEqual(["2024年第二季度", "4000", "5000", "80.00", "未达标", "部分上报；异常值"]);
    expect(csv[3]).toEqual(["区间合计", "13500", "15000", "90.00", "未达标", "部分上报"]);
    // in English, the value's unit as the catalogue declares it in English
    const en = parseCsv(quartersCsv(AMOUNT, { ...s, metric: { id: AMOUNT.id } }, messages("en"), "en", 2));
    expect(en[0]?.[2]).toBe("Value (×10k yuan)");
  });
});
