/**
 * The GB/T 2260 administrative-division hierarchy of mainland China:
 * nation → province → city → county, one vintage (REGION_VINTAGE). Data: data/regions.json,
 * data/retired.json (retired codes → successors), data/functional-zones.json (see README).
 */
import data from "../data/regions.json" with { type: "json" };
import retiredData from "../data/retired.json" with { type: "json" };

export type RegionLevel = "NATION" | "PROVINCE" | "CITY" | "COUNTY";

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/** The one vintage of the division list (see README “Data”). */
export const REGION_VINTAGE = Object.freeze({
  standard: "GB/T 2260",
  edition: "国家统计局 2021年统计用区划代码 (county level and above)",
  /** Publication date of the edition (国家统计局, 2021-12-30); it includes the 2021 county changes. */
  published: "2021-12-30",
});

/** A county-level code of an older vintage (or a row that is not a county), and where its figures go. */
export interface RetiredRegion {
  code: string;
  name: string;
  /** The live reporting unit that took it over. */
  successorCode: string;
  /** Year of the change. */
  year: number;
  reason: string;
}

/** 全国: the root of the hierarchy. */
export const NATION_CODE = "000000";

export class RegionNotFoundError extends Error {
  readonly code: string;

  constructor(code: string) {
    super(`Unknown region code: ${JSON.stringify(code)}`);
    this.name = "RegionNotFoundError";
    this.code = code;
  }
}

const CODE_FORMAT = /^\d{6}$/;

export function isRegionCodeFormat(code: string): boolean {
  return CODE_FORMAT.test(code);
}

// ---------------------------------------------------------------------------
// Indexes, built once at module load.

const NATION: Region = Object.freeze({ code: NATION_CODE, name: "全国", level: "NATION", parentCode: null });

const byCode = new Map<string, Region>([[NATION_CODE, NATION]]);
const childrenOf = new Map<string, Region[]>();

function levelOf(code: string): Exclude<RegionLevel, "NATION"> {
  if (code.endsWith("0000")) return "PROVINCE";
  if (code.endsWith("00")) return "CITY";
  return "COUNTY";
}

function parentCodeOf(
  code: string,
  level: Exclude<RegionLevel, "NATION">,
  known: ReadonlySet<string>,
): string {
  const province = `${code.slice(0, 2)}0000`;
  if (level === "PROVINCE") return NATION_CODE;
  if (level === "CITY") return province;
  const city = `${code.slice(0, 4)}00`;
  // Municipalities (北京 110101, 重庆 5001xx/5002xx) have no city level in the data.
  return known.has(city) ? city : province;
}

const rows: readonly (readonly string[])[] = data;
const knownCodes = new Set<string>();
for (const row of rows) {
  const code = row[0];
  if (code !== undefined) knownCodes.add(code);
}

for (const [code, name] of rows) {
  if (code === undefined || name === undefined || !CODE_FORMAT.test(code) || code === NATION_CODE) {
    throw new Error(`regions.json: bad row ${JSON.stringify([code, name])}`);
  }
  const level = levelOf(code);
  const parentCode = parentCodeOf(code, level, knownCodes);
  if (!knownCodes.has(parentCode) && parentCode !== NATION_CODE) {
    throw new Error(`regions.json: ${code} has no parent ${parentCode}`);
  }
  byCode.set(code, Object.freeze({ code, name, level, parentCode }));
}

const sortedRegions: readonly Region[] = Object.freeze(
  [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code)),
);

for (const region of sortedRegions) {
  if (region.parentCode === null) continue;
  let siblings = childrenOf.get(region.parentCode);
  if (siblings === undefined) {
    siblings = [];
    childrenOf.set(region.parentCode, siblings);
  }
  siblings.push(region); // already in code order
}

function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const retiredByCode = new Map<string, RetiredRegion>();
for (const [code, name, successorCode, year, reason] of retiredData.retired as [
  string,
  string,
  string,
  number,
  string,
][]) {
  if (byCode.has(code)) throw new Error(`retired.json: ${code} is also a live region`);
  retiredByCode.set(code, Object.freeze({ code, name, successorCode, year, reason }));
}
for (const r of retiredByCode.values()) {
  if (!byCode.has(r.successorCode) || (childrenOf.get(r.successorCode)?.length ?? 0) > 0) {
    throw new Error(`retired.json: successor ${r.successorCode} of ${r.code} is not a live reporting unit`);
  }
}

// ---------------------------------------------------------------------------
// Lookups.

export function getRegion(code: string): Region | undefined {
  return byCode.get(code);
}

export function requireRegion(code: string): Region {
  const region = byCode.get(code);
  if (region === undefined) throw new RegionNotFoundError(code);
  return region;
}

/** Every region, sorted by code; the nation first. */
export function allRegions(): readonly Region[] {
  return sortedRegions;
}

/** Direct children sorted by code; [] for leaves and unknown codes. */
export function children(code: string): Region[] {
  return [...(childrenOf.get(code) ?? [])];
}

/** Nearest parent first, ending with the nation; [] for the nation and unknown codes. */
export function ancestors(code: string): Region[] {
  const result: Region[] = [];
  let parentCode = byCode.get(code)?.parentCode ?? null;
  while (parentCode !== null) {
    const parent = byCode.get(parentCode);
    if (parent === undefined) break;
    result.push(parent);
    parentCode = parent.parentCode;
  }
  return result;
}

/** Nation → … → the region itself; [] for unknown codes. */
export function regionPath(code: string): Region[] {
  const region = byCode.get(code);
  if (region === undefined) return [];
  return [...ancestors(code).reverse(), region];
}

/** True if `code` is `rootCode` or one of its descendants; false if either is unknown. */
export function isInSubtree(code: string, rootCode: string): boolean {
  if (!byCode.has(rootCode)) return false;
  let current = byCode.get(code);
  while (current !== undefined) {
    if (current.code === rootCode) return true;
    current = current.parentCode === null ? undefined : byCode.get(current.parentCode);
  }
  return false;
}

/** All regions below `code` (excluding it), sorted by code, optionally only one level. */
export function descendants(code: string, level?: RegionLevel): Region[] {
  const result: Region[] = [];
  const visit = (parentCode: string): void => {
    for (const child of childrenOf.get(parentCode) ?? []) {
      if (level === undefined || child.level === level) result.push(child);
      visit(child.code);
    }
  };
  visit(code);
  return result.sort((a, b) => compareCodes(a.code, b.code));
}

/**
 * `reportingUnits` of each region asked for: the tree does not change, and the completeness KPIs and
 * the cost estimate ask for the nation's ≈2,860 units on every request.
 */
const unitsOf = new Map<string, readonly Region[]>();

/**
 * The leaves of the subtree, including the region itself if it is a leaf:
 * the counties, plus cities without county children (e.g. 441900 东莞市).
 * These are the units that report data. [] for unknown codes.
 */
export function reportingUnits(code: string): readonly Region[] {
  let units = unitsOf.get(code);
  if (units === undefined) {
    const region = byCode.get(code);
    if (region === undefined) return [];
    units = Object.freeze(isLeaf(region.code) ? [region] : descendants(code).filter((r) => isLeaf(r.code)));
    unitsOf.set(code, units);
  }
  return units;
}

export function isReportingUnit(code: string): boolean {
  return byCode.has(code) && isLeaf(code);
}

function isLeaf(code: string): boolean {
  return (childrenOf.get(code)?.length ?? 0) === 0;
}

/** The retired code's entry (name, successor, year, reason); undefined for live or unknown codes. */
export function retiredRegion(code: string): RetiredRegion | undefined {
  return retiredByCode.get(code);
}

/** Every retired code, sorted by code. */
export function retiredRegions(): RetiredRegion[] {
  return [...retiredByCode.values()].sort((a, b) => compareCodes(a.code, b.code));
}

/**
 * The live code figures filed under `code` belong to: the code itself for a live region, the
 * successor for a retired one (e.g. 431121 祁阳县 → 431181 祁阳市); undefined for unknown codes.
 */
export function canonicalRegion(code: string): string | undefined {
  if (byCode.has(code)) return code;
  return retiredByCode.get(code)?.successorCode;
}

/** 北京, 天津, 上海, 重庆: each pools its medical insurance once, for the whole municipality. */
export const MUNICIPALITIES: readonly string[] = Object.freeze(["110000", "120000", "310000", "500000"]);

/**
 * The pooling area (统筹地区) a region belongs to: a municipality as a whole (110105 → 110000);
 * the city of a county (150724 → 150700); a county directly under its province (429004 仙桃市)
 * and a city pool on their own; a province or the nation is returned as is (it spans pools).
 * Throws RegionNotFoundError for unknown codes.
 */
export function poolingArea(code: string): string {
  const region = requireRegion(code);
  if (region.level === "NATION" || region.level === "PROVINCE") return region.code;
  const province = `${code.slice(0, 2)}0000`;
  if (MUNICIPALITIES.includes(province)) return province;
  if (region.level === "CITY") return region.code;
  return region.parentCode !== null && byCode.get(region.parentCode)?.level === "CITY"
    ? region.parentCode
    : region.code;
}

/**
 * SQL LIKE prefix covering exactly the subtree's codes: "" for the nation,
 * 2 digits for a province, 4 for a city, 6 for a county.
 * Throws RegionNotFoundError for unknown codes.
 */
export function subtreePrefix(code: string): string {
  switch (requireRegion(code).level) {
    case "NATION":
      return "";
    case "PROVINCE":
      return code.slice(0, 2);
    case "CITY":
      return code.slice(0, 4);
    case "COUNTY":
      return code;
  }
}
