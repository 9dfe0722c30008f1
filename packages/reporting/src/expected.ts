import { getRegion, isInSubtree, isReportingUnit, reportingUnits } from "@hsa/regions";

/**
 * Which reporting units are expected to report a domain (issue 15 item 6): the denominator of its
 * completeness KPIs and of the PARTIAL_REPORTING flag. By default every reporting unit reports
 * every domain; a bureau can narrow it per domain, e.g. payment reform before DIP reached every
 * pool, or a functional zone that reports enrollment only:
 *
 * ```sh
 * HSA_EXPECTED_UNITS='{"payment":{"include":["150000","430000"]},"procurement":{"exclude":["430671"]}}'
 * ```
 *
 * `include`: region codes whose reporting units are expected (default: the whole country);
 * `exclude`: region codes whose reporting units are not, applied after `include`. A code names
 * its whole subtree (a province, a city) or one reporting unit.
 */
export interface ExpectedUnitsRule {
  include?: readonly string[];
  exclude?: readonly string[];
}

export type ExpectedUnitsConfig = Readonly<Record<string, ExpectedUnitsRule>>;

export interface ExpectedUnits {
  /** True when every reporting unit is expected (no rule for the domain): the SQL needs no filter. */
  readonly all: boolean;
  /** Whether a reporting unit is expected to report. */
  isExpected(code: string): boolean;
  /** How many reporting units of a region's subtree are expected. */
  count(regionCode: string): number;
  /** The reporting units of a region's subtree that are expected. */
  units(regionCode: string): string[];
}

function checkCodes(domain: string, key: string, codes: unknown): string[] {
  if (codes === undefined) return [];
  if (!Array.isArray(codes) || codes.some((c) => typeof c !== "string")) {
    throw new Error(`HSA_EXPECTED_UNITS: ${domain}.${key} must be a list of region codes`);
  }
  const unknown = (codes as string[]).filter((c) => !getRegion(c));
  if (unknown.length) {
    throw new Error(
      `HSA_EXPECTED_UNITS: ${domain}.${key} names unknown or retired region code(s) ${unknown.join(", ")}`,
    );
  }
  return codes as string[];
}

/** Parses HSA_EXPECTED_UNITS (JSON); a clear error naming the bad part, never a silent default. */
export function expectedUnitsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ExpectedUnitsConfig {
  const raw = env.HSA_EXPECTED_UNITS;
  if (raw === undefined || raw.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    throw new Error(`HSA_EXPECTED_UNITS is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error(`HSA_EXPECTED_UNITS must be an object of domain → { include?, exclude? }`);
  }
  const out: Record<string, ExpectedUnitsRule> = {};
  for (const [domain, rule] of Object.entries(parsed as Record<string, unknown>)) {
    if (rule === null || typeof rule !== "object" || Array.isArray(rule)) {
      throw new Error(`HSA_EXPECTED_UNITS: ${domain} must be { include?, exclude? }`);
    }
    const extra = Object.keys(rule).filter((k) => k !== "include" && k !== "exclude");
    if (extra.length) throw new Error(`HSA_EXPECTED_UNITS: ${domain} has unknown key(s) ${extra.join(", ")}`);
    const r = rule as Record<string, unknown>;
    out[domain] = {
      ...(r.include === undefined ? {} : { include: checkCodes(domain, "include", r.include) }),
      exclude: checkCodes(domain, "exclude", r.exclude),
    };
  }
  return out;
}

/** The units expected to report `domain` under a configuration (default: from HSA_EXPECTED_UNITS). */
export function expectedUnits(
  domain: string,
  config: ExpectedUnitsConfig = expectedUnitsConfigFromEnv(),
): ExpectedUnits {
  const rule = config[domain];
  if (!rule) {
    return {
      all: true,
      isExpected: isReportingUnit,
      count: (regionCode) => reportingUnits(regionCode).length,
      units: (regionCode) => reportingUnits(regionCode).map((r) => r.code),
    };
  }
  const include = rule.include;
  const exclude = rule.exclude ?? [];
  const isExpected = (code: string) =>
    isReportingUnit(code) &&
    (include === undefined || include.some((root) => isInSubtree(code, root))) &&
    !exclude.some((root) => isInSubtree(code, root));
  const counts = new Map<string, number>();
  return {
    all: false,
    isExpected,
    units: (regionCode) =>
      reportingUnits(regionCode)
        .map((r) => r.code)
        .filter(isExpected),
    count: (regionCode) => {
      let n = counts.get(regionCode);
      if (n === undefined) {
        n = reportingUnits(regionCode).filter((r) => isExpected(r.code)).length;
        counts.set(regionCode, n);
      }
      return n;
    },
  };
}
