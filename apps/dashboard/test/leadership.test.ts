// The landing's leadership logic (issue 19): the 红黑榜 ranks children by a KPI's direction with
// competition ranks and a rank change since the previous quarter, lists each region once, and the
// exceptions panel lists what needs attention, most serious first.
import { describe, expect, it } from "vitest";
import type { DomainData, KpiStatus, Metric } from "../src/lib/api";
import {
  bestAndWorst,
  competitionRanks,
  exceptionsOf,
  PROVINCE_TILES,
  rankChildren,
} from "../src/lib/leadership";
import { searchRegions } from "../src/lib/regionSearch";

const metric = (over: Partial<Metric>): Metric => ({
  id: "enrollment.rate",
  domain: "enrollment",
  nameZh: "参保率",
  nameEn: "Enrollment rate",
  unit: "%",
  unitEn: "%",
  precision: 2,
  numeratorZh: "",
  numeratorEn: "",
  denominatorZh: null,
  denominatorEn: null,
  aggregation: "STOCK",
  target: 95,
  higherIsBetter: true,
  direction: "UP",
  targetRule: "AT_LEAST",
  ...over,
});

const value = (
  v: number | null,
  status: KpiStatus = v == null ? "NO_DATA" : "MET",
  quarter: string | null = null,
) => ({
  quarter,
  numerator: 0,
  denominator: null,
  value: v,
  target: 95,
  status,
});

/** A child with a range total and two quarter values (2024Q3, 2024Q4). */
const child = (
  code: string,
  total: number | null,
  q3: number | null,
  q4: number | null,
  status?: KpiStatus,
) => ({
  code,
  name: `地区${code}`,
  level: "CITY" as const,
  kpis: [
    {
      metric: { id: "enrollment.rate" },
      total: value(total, status),
      points: [
        { quarter: "2024Q3", value: q3, status: (q3 == null ? "NO_DATA" : "MET") as KpiStatus },
        { quarter: "2024Q4", value: q4, status: (q4 == null ? "NO_DATA" : "MET") as KpiStatus },
      ],
    },
  ],
});

const domain = (children: DomainData["children"], metrics: Metric[] = [metric({})]): DomainData => ({
  domain: "enrollment",
  metrics,
  region: { code: "150700", name: "呼伦贝尔市", level: "CITY", path: [], kpis: [] },
  children,
});

describe("the 红黑榜", () => {
  it("ranks higher-is-better KPIs from the top, ties share a rank (1, 2, 2, 4), no value last", () => {
    const ranks = competitionRanks(
      [
        { code: "a", v: 90 },
        { code: "b", v: 97 },
        { code: "c", v: 97 },
        { code: "d", v: 80 },
        { code: "e", v: null },
      ],
      { direction: "UP" },
    );
    expect([...ranks]).toEqual([
      ["b", 1],
      ["c", 1],
      ["a", 3],
      ["d", 4],
    ]);
  });

  it("ranks lower-is-better KPIs (direction DOWN) from the smallest", () => {
    const ranks = competitionRanks(
      [
        { code: "a", v: 12 },
        { code: "b", v: 3 },
      ],
      { direction: "DOWN" },
    );
    expect(ranks.get("b")).toBe(1);
    expect(ranks.get("a")).toBe(2);
  });

  it("gives each child its rank by the range total and the places it gained since the previous quarter", () => {
    const d = domain([
      child("150702", 96, 94, 96), // 2nd in Q3, 1st in Q4: up 1
      child("150721", 97, 97, 95), // 1st in Q3, 2nd in Q4: down 1
      child("150722", 91, null, 91, "MISSED"), // no Q3 value: no change to tell
      child("150723", null, null, null),
    ]);
    const ranked = rankChildren(d, metric({}), "2024Q4");
    expect(ranked.map((r) => [r.code, r.rank, r.change, r.status])).toEqual([
      ["150721", 1, -1, "MET"],
      ["150702", 2, 1, "MET"],
      ["150722", 3, null, "MISSED"],
      ["150723", null, null, "NO_DATA"],
    ]);
  });

  it("lists the best and the worst ends, each region once, and everyone when there are few", () => {
    const many = domain(
      Array.from({ length: 13 }, (_, i) => child(`1507${String(i).padStart(2, "0")}`, 80 + i, null, null)),
    );
    const { best, worst } = bestAndWorst(rankChildren(many, metric({}), "2024Q4"), 5);
    expect(best.map((r) => r.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(worst.map((r) => r.rank)).toEqual([13, 12, 11, 10, 9]);
    const few = domain([child("150702", 96, null, null), child("150721", 90, null, null)]);
    const small = bestAndWorst(rankChildren(few, metric({}), "2024Q4"), 5);
    expect(small.best.map((r) => r.code)).toEqual(["150702", "150721"]);
    expect(small.worst).toEqual([]);
  });
});

describe("the exceptions panel", () => {
  it("lists data that cannot be right before missed targets, and the region's own flags", () => {
    const d = domain([child("150702", 96, null, null), child("150722", 91, null, null, "MISSED")]);
    d.region.kpis = [
      {
        metric: { id: "enrollment.rate" },
        total: { ...value(101.5, "MISSED"), flags: ["ABOVE_MAXIMUM"] },
        points: [],
      },
    ];
    const items = exceptionsOf([d]);
    expect(items.map((e) => [e.kind, e.regionCode])).toEqual([
      ["ABOVE_MAXIMUM", "150700"],
      ["MISSED", "150700"],
      ["MISSED", "150722"],
    ]);
  });

  it("says where reports are missing (a reporting-completeness KPI missed), never a met KPI", () => {
    const completeness = metric({ id: "enrollment.reporting_completeness", nameZh: "报表完整率" });
    const d = domain(
      [
        {
          ...child("150702", 96, null, null),
          kpis: [{ metric: { id: completeness.id }, total: value(50, "MISSED"), points: [] }],
        },
      ],
      [completeness],
    );
    expect(exceptionsOf([d]).map((e) => [e.kind, e.regionCode])).toEqual([["LATE", "150702"]]);
  });
});

describe("the tile map and the region search", () => {
  it("places 34 province-level regions on distinct tiles", () => {
    const tiles = Object.values(PROVINCE_TILES);
    expect(tiles).toHaveLength(34);
    expect(new Set(tiles.map((t) => `${t.col},${t.row}`)).size).toBe(34);
  });

  it("finds a region by name or code, exact code first, higher levels before namesakes", () => {
    const entries = [
      { code: "430600", name: "岳阳市", level: "CITY" as const, parentName: "湖南省" },
      { code: "430671", name: "屈原管理区", level: "COUNTY" as const, parentName: "岳阳市" },
      { code: "430602", name: "岳阳楼区", level: "COUNTY" as const, parentName: "岳阳市" },
    ];
    expect(searchRegions(entries, "屈原").map((e) => e.code)).toEqual(["430671"]);
    expect(searchRegions(entries, "430671").map((e) => e.code)).toEqual(["430671"]);
    expect(searchRegions(entries, "4306").map((e) => e.code)).toEqual(["430600", "430602", "430671"]);
    expect(searchRegions(entries, "岳阳").map((e) => e.code)).toEqual(["430600", "430602"]);
    expect(searchRegions(entries, "  ")).toEqual([]);
  });
});
