import { describe, expect, it } from "vitest";
import {
  allRegions,
  ancestors,
  children,
  descendants,
  getRegion,
  isInSubtree,
  isRegionCodeFormat,
  isReportingUnit,
  NATION_CODE,
  type Region,
  type RegionLevel,
  RegionNotFoundError,
  regionPath,
  reportingUnits,
  requireRegion,
  subtreePrefix,
} from "../src/index";

const codes = (regions: readonly Region[]): string[] => regions.map((r) => r.code);

describe("known regions", () => {
  it.each<[string, string, RegionLevel, string | null]>([
    ["000000", "全国", "NATION", null],
    ["150000", "内蒙古自治区", "PROVINCE", "000000"],
    ["150700", "呼伦贝尔市", "CITY", "150000"],
    ["150724", "鄂温克族自治旗", "COUNTY", "150700"],
    ["430000", "湖南省", "PROVINCE", "000000"],
    ["430600", "岳阳市", "CITY", "430000"],
    ["430671", "岳阳市屈原管理区", "COUNTY", "430600"],
    ["430900", "益阳市", "CITY", "430000"],
    ["630000", "青海省", "PROVINCE", "000000"],
    ["110101", "东城区", "COUNTY", "110000"],
    ["500101", "万州区", "COUNTY", "500000"],
    ["500229", "城口县", "COUNTY", "500000"],
    ["441900", "东莞市", "CITY", "440000"],
    ["429004", "仙桃市", "COUNTY", "420000"],
    ["469001", "五指山市", "COUNTY", "460000"],
    ["460300", "三沙市", "CITY", "460000"],
  ])("%s %s", (code, name, level, parentCode) => {
    expect(getRegion(code)).toEqual({ code, name, level, parentCode });
    expect(requireRegion(code).name).toBe(name);
  });

  it("excludes Taiwan, Hong Kong, Macau and placeholder rows", () => {
    for (const code of ["710000", "810000", "810001", "820000", "820008", "130101", "110100", "500100"]) {
      expect(getRegion(code)).toBeUndefined();
    }
    expect(allRegions().some((r) => r.name === "市辖区" || r.name === "县")).toBe(false);
  });
});

describe("counts and ordering", () => {
  it("has 31 provinces", () => {
    expect(descendants(NATION_CODE, "PROVINCE")).toHaveLength(31);
    expect(children(NATION_CODE)).toHaveLength(31);
  });

  it("allRegions is sorted by code with the nation first", () => {
    const all = codes(allRegions());
    expect(all[0]).toBe(NATION_CODE);
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
  });

  it("every non-nation region has a known parent one level up", () => {
    const depth: Record<RegionLevel, number> = { NATION: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 };
    for (const region of allRegions()) {
      if (region.level === "NATION") continue;
      const parent = requireRegion(region.parentCode ?? "");
      expect(depth[parent.level]).toBeLessThan(depth[region.level]);
      expect(region.code.startsWith(subtreePrefix(parent.code))).toBe(true);
    }
  });
});

describe("navigation", () => {
  it("children of 呼伦贝尔市 are its counties", () => {
    const kids = children("150700");
    expect(kids.length).toBeGreaterThan(10);
    for (const kid of kids) {
      expect(kid.code.startsWith("1507")).toBe(true);
      expect(kid.level).toBe("COUNTY");
      expect(kid.parentCode).toBe("150700");
    }
    expect(codes(kids)).toEqual([...codes(kids)].sort());
    expect(codes(kids)).toContain("150724");
  });

  it("children are [] for leaves and unknown codes", () => {
    expect(children("150724")).toEqual([]);
    expect(children("441900")).toEqual([]);
    expect(children("999999")).toEqual([]);
    expect(children("nope")).toEqual([]);
  });

  it("ancestors and regionPath", () => {
    expect(codes(ancestors("430671"))).toEqual(["430600", "430000", "000000"]);
    expect(codes(ancestors("110101"))).toEqual(["110000", "000000"]);
    expect(ancestors(NATION_CODE)).toEqual([]);
    expect(ancestors("999999")).toEqual([]);
    expect(codes(regionPath("430671"))).toEqual(["000000", "430000", "430600", "430671"]);
    expect(codes(regionPath(NATION_CODE))).toEqual(["000000"]);
    expect(regionPath("999999")).toEqual([]);
  });

  it("isInSubtree", () => {
    expect(isInSubtree("430671", "430671")).toBe(true);
    expect(isInSubtree("430671", "430600")).toBe(true);
    expect(isInSubtree("430671", "430000")).toBe(true);
    expect(isInSubtree("430671", NATION_CODE)).toBe(true);
    expect(isInSubtree("110101", "110000")).toBe(true);
    expect(isInSubtree("430671", "430900")).toBe(false);
    expect(isInSubtree("430600", "430671")).toBe(false);
    expect(isInSubtree("430671", "150000")).toBe(false);
    expect(isInSubtree("999999", NATION_CODE)).toBe(false);
    expect(isInSubtree("430671", "999999")).toBe(false);
    expect(isInSubtree("430699", "430600")).toBe(false);
  });

  it("descendants excludes the region itself and filters by level", () => {
    const all = descendants("430000");
    expect(codes(all)).not.toContain("430000");
    expect(codes(all)).toContain("430600");
    expect(codes(all)).toContain("430671");
    expect(descendants("430000", "CITY").every((r) => r.level === "CITY")).toBe(true);
    expect(codes(descendants("430000", "CITY"))).toEqual(codes(children("430000")));
    expect(descendants("430000", "PROVINCE")).toEqual([]);
    expect(descendants(NATION_CODE)).toHaveLength(allRegions().length - 1);
    expect(descendants("999999")).toEqual([]);
  });
});

describe("reporting units", () => {
  it("nation-wide: counties plus childless cities, never a city with children", () => {
    const units = reportingUnits(NATION_CODE);
    const unitCodes = new Set(codes(units));
    for (const code of ["441900", "442000", "460400", "620200", "460300", "430671", "110101", "429004"]) {
      expect(unitCodes.has(code)).toBe(true);
    }
    for (const unit of units) {
      expect(children(unit.code)).toEqual([]);
      expect(unit.level === "COUNTY" || unit.level === "CITY").toBe(true);
    }
    expect(unitCodes.has("430600")).toBe(false);
    expect(unitCodes.has("150700")).toBe(false);
  });

  it("a leaf is its own reporting unit", () => {
    expect(codes(reportingUnits("441900"))).toEqual(["441900"]);
    expect(codes(reportingUnits("430671"))).toEqual(["430671"]);
    expect(isReportingUnit("441900")).toBe(true);
    expect(isReportingUnit("430671")).toBe(true);
    expect(isReportingUnit("430600")).toBe(false);
    expect(isReportingUnit(NATION_CODE)).toBe(false);
    expect(isReportingUnit("999999")).toBe(false);
  });

  it("for every region, reportingUnits == the reporting units matching subtreePrefix", () => {
    const allUnits = reportingUnits(NATION_CODE);
    for (const region of allRegions()) {
      const prefix = subtreePrefix(region.code);
      const byPrefix = codes(allUnits.filter((u) => u.code.startsWith(prefix)));
      expect(codes(reportingUnits(region.code)), region.code).toEqual(byPrefix);
      // The prefix also covers exactly the subtree's regions.
      const subtree = [region.code, ...codes(descendants(region.code))].sort();
      const matching = codes(allRegions()).filter((c) => c.startsWith(prefix));
      expect(matching, region.code).toEqual(subtree);
    }
  });
});

describe("subtreePrefix", () => {
  it("has the documented lengths", () => {
    expect(subtreePrefix(NATION_CODE)).toBe("");
    expect(subtreePrefix("430000")).toBe("43");
    expect(subtreePrefix("430600")).toBe("4306");
    expect(subtreePrefix("430671")).toBe("430671");
    expect(subtreePrefix("441900")).toBe("4419");
  });
});

describe("unknown codes", () => {
  it("getRegion / requireRegion", () => {
    expect(getRegion("999999")).toBeUndefined();
    expect(getRegion("")).toBeUndefined();
    expect(() => requireRegion("999999")).toThrow(RegionNotFoundError);
    expect(() => requireRegion("999999")).toThrow(/999999/);
    expect(() => subtreePrefix("999999")).toThrow(RegionNotFoundError);
    expect(reportingUnits("999999")).toEqual([]);
  });

  it("isRegionCodeFormat", () => {
    expect(isRegionCodeFormat("430671")).toBe(true);
    expect(isRegionCodeFormat("999999")).toBe(true);
    expect(isRegionCodeFormat("43067")).toBe(false);
    expect(isRegionCodeFormat("4306711")).toBe(false);
    expect(isRegionCodeFormat("43067a")).toBe(false);
    expect(isRegionCodeFormat("")).toBe(false);
  });
});
