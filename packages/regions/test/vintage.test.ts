import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  allRegions,
  canonicalRegion,
  children,
  getRegion,
  isReportingUnit,
  MUNICIPALITIES,
  NATION_CODE,
  poolingArea,
  REGION_VINTAGE,
  reportingUnits,
  retiredRegion,
  retiredRegions,
} from "../src/index";

/** The number of reporting units of the 2021 vintage (was 3008 when two vintages were mixed). */
const REPORTING_UNITS = 2863;

const zonesFile = JSON.parse(
  readFileSync(new URL("../data/functional-zones.json", import.meta.url), "utf8"),
) as {
  kept: [string, string, string][];
};

describe(`one vintage: ${REGION_VINTAGE.standard} ${REGION_VINTAGE.edition}, published ${REGION_VINTAGE.published}`, () => {
  it("pins the count of reporting units", () => {
    const units = reportingUnits(NATION_CODE);
    console.log(
      `reporting units: ${units.length} (${REGION_VINTAGE.edition}, published ${REGION_VINTAGE.published})`,
    );
    expect(units).toHaveLength(REPORTING_UNITS);
    const byLevel = { CITY: 0, COUNTY: 0 } as Record<string, number>;
    for (const u of units) byLevel[u.level] = (byLevel[u.level] ?? 0) + 1;
    // 东莞, 中山, 儋州, 嘉峪关 (cities without counties) and 三沙 (its island groups are not counties).
    expect(byLevel).toEqual({ CITY: 5, COUNTY: REPORTING_UNITS - 5 });
  });

  it("every retired code maps to a live reporting unit, and is not a region itself", () => {
    const retired = retiredRegions();
    expect(retired.length).toBeGreaterThanOrEqual(18);
    for (const r of retired) {
      expect(getRegion(r.code), r.code).toBeUndefined();
      expect(isReportingUnit(r.code), r.code).toBe(false);
      expect(isReportingUnit(r.successorCode), `${r.code} → ${r.successorCode}`).toBe(true);
      expect(canonicalRegion(r.code)).toBe(r.successorCode);
      // The successor lies in the same province, and in the same city unless it is 三沙.
      expect(r.successorCode.slice(0, 4), r.code).toBe(r.code.slice(0, 4));
    }
  });

  it("祁阳县 431121 is retired: 祁阳市 431181 reports for it", () => {
    expect(isReportingUnit("431121")).toBe(false);
    expect(getRegion("431121")).toBeUndefined();
    expect(canonicalRegion("431121")).toBe("431181");
    expect(retiredRegion("431121")).toMatchObject({ name: "祁阳县", successorCode: "431181", year: 2021 });
    expect(isReportingUnit("431181")).toBe(true);
    expect(reportingUnits("431100").filter((u) => u.name.startsWith("祁阳"))).toHaveLength(1);
  });

  it("merged districts: 三元区 and 梅列区 → 三明 三元区 350404; 孟津县 and 吉利区 → 孟津区 410308", () => {
    for (const code of ["350402", "350403"]) expect(canonicalRegion(code)).toBe("350404");
    for (const code of ["410306", "410322"]) expect(canonicalRegion(code)).toBe("410308");
    expect(canonicalRegion("350427")).toBe("350405"); // 沙县 → 沙县区
  });

  it("canonicalRegion: itself for a live region, undefined for an unknown code", () => {
    for (const code of [NATION_CODE, "430000", "430600", "431181", "430671"])
      expect(canonicalRegion(code)).toBe(code);
    expect(canonicalRegion("999999")).toBeUndefined();
    expect(canonicalRegion("429000")).toBeUndefined();
  });

  it("no county is counted twice: no two units of one parent share a name stem, but for real city/county pairs", () => {
    const stem = (name: string): string => {
      let prev: string;
      let s = name;
      do {
        prev = s;
        s = s.replace(/(自治县|自治旗|特区|林区|新区|管理区|县|市|区|旗)$/, "");
      } while (s !== prev && s.length > 1);
      return s;
    };
    // A county-level city and the county around it, both live (临夏市/临夏县, 和田市/和田县, 伊宁市/伊宁县).
    const genuinePairs = new Set(["622901 622921", "653201 653221", "654002 654021"]);
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const u of reportingUnits(NATION_CODE)) {
      const key = `${u.parentCode} ${stem(u.name)}`;
      const other = seen.get(key);
      if (other !== undefined && !genuinePairs.has(`${other} ${u.code}`))
        duplicates.push(`${other}/${u.code} ${u.name}`);
      seen.set(key, u.code);
    }
    expect(duplicates).toEqual([]);
  });

  it("statistical zones: only the functional zones of data/functional-zones.json are units", () => {
    const zoneUnits = reportingUnits(NATION_CODE).filter((u) => u.code[4] === "7");
    expect(zoneUnits.map((u) => u.code)).toEqual(zonesFile.kept.map(([code]) => code).sort());
    expect(isReportingUnit("430671")).toBe(true); // 屈原管理区 stays
    expect(getRegion("130171")).toBeUndefined(); // 石家庄高新技术产业开发区
    expect(getRegion("320571")?.name).toBe("苏州工业园区");
  });

  it("the island groups of 三沙 are not counties; 三沙市 is one unit", () => {
    expect(children("460300")).toEqual([]);
    expect(isReportingUnit("460300")).toBe(true);
    for (const code of ["460321", "460322", "460323"]) expect(canonicalRegion(code)).toBe("460300");
  });

  it("省直管 counties sit directly under their province; the pseudo-cities are gone", () => {
    for (const code of ["419000", "429000", "469000", "659000"]) expect(getRegion(code)).toBeUndefined();
    for (const [code, province] of [
      ["419001", "410000"],
      ["429004", "420000"],
      ["429021", "420000"],
      ["469001", "460000"],
      ["659001", "650000"],
    ] as const) {
      expect(getRegion(code)?.parentCode, code).toBe(province);
      expect(isReportingUnit(code)).toBe(true);
    }
    expect(allRegions().some((r) => r.name.endsWith("直辖县级行政区划"))).toBe(false);
  });
});

describe("poolingArea", () => {
  it("a county pools with its city; a city is its own pool", () => {
    expect(poolingArea("150724")).toBe("150700");
    expect(poolingArea("430671")).toBe("430600");
    expect(poolingArea("430600")).toBe("430600");
    expect(poolingArea("441900")).toBe("441900");
    expect(poolingArea("460300")).toBe("460300");
  });

  it("省直管 counties are their own pools", () => {
    for (const code of ["429004", "429005", "429006", "429021", "419001", "469001", "659001"]) {
      expect(poolingArea(code)).toBe(code);
    }
  });

  it("北京, 天津, 上海, 重庆 pool municipally: one pool per municipality", () => {
    expect(MUNICIPALITIES).toEqual(["110000", "120000", "310000", "500000"]);
    for (const m of MUNICIPALITIES) {
      const units = reportingUnits(m);
      expect(units.length).toBeGreaterThan(10);
      expect(new Set(units.map((u) => poolingArea(u.code)))).toEqual(new Set([m]));
      expect(poolingArea(m)).toBe(m);
    }
    expect(poolingArea("500229")).toBe("500000"); // 城口县
  });

  it("provinces and the nation span pools and are returned as is; unknown codes throw", () => {
    expect(poolingArea("430000")).toBe("430000");
    expect(poolingArea(NATION_CODE)).toBe(NATION_CODE);
    expect(() => poolingArea("431121")).toThrow(/431121/);
  });
});
