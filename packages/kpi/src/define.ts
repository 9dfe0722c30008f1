import type { Direction, Domain, MetricDefinition, TargetRule } from "./types";

const DIRECTIONS: readonly Direction[] = ["UP", "DOWN", "NEUTRAL"];
const TARGET_RULES: readonly TargetRule[] = ["NONE", "AT_LEAST", "AT_MOST", "BAND", "ELAPSED"];
export const DEFAULT_PRECISION = 2;
const DOMAINS: readonly Domain[] = ["enrollment", "procurement", "payment", "supervision", "fund"];

function isBlank(s: string | null | undefined): boolean {
  return s === null || s === undefined || s.trim() === "";
}

/**
 * Validates a metric catalogue and returns it unchanged (with its literal types kept).
 * Throws when an id is duplicated or does not start with `${domain}.`, or when a ratio
 * metric does not describe its denominator.
 */
export function defineMetrics<const T extends readonly MetricDefinition[]>(defs: T): T {
  const seen = new Set<string>();
  for (const def of defs) {
    if (!DOMAINS.includes(def.domain)) {
      throw new Error(`metric "${def.id}": unknown domain "${def.domain}"`);
    }
    if (!def.id.startsWith(`${def.domain}.`) || def.id.length <= def.domain.length + 1) {
      throw new Error(`metric "${def.id}": id must start with "${def.domain}." followed by a name`);
    }
    if (seen.has(def.id)) throw new Error(`metric "${def.id}": duplicate id`);
    seen.add(def.id);
    if (
      (def.valueKind === "ratio" || def.valueKind === "quotient") &&
      (isBlank(def.denominatorZh) || isBlank(def.denominatorEn))
    ) {
      throw new Error(`metric "${def.id}": a ${def.valueKind} needs denominatorZh and denominatorEn`);
    }
    if (def.target !== null && !Number.isFinite(def.target)) {
      throw new Error(`metric "${def.id}": target must be a finite number or null`);
    }
    if (def.nearTolerance !== undefined && !(Number.isFinite(def.nearTolerance) && def.nearTolerance >= 0)) {
      throw new Error(`metric "${def.id}": nearTolerance must be a non-negative number`);
    }
    checkJudgement(def);
  }
  return defs;
}

function checkJudgement(def: MetricDefinition): void {
  const where = `metric "${def.id}"`;
  if (!DIRECTIONS.includes(def.direction)) throw new Error(`${where}: unknown direction "${def.direction}"`);
  if (!TARGET_RULES.includes(def.targetRule))
    throw new Error(`${where}: unknown targetRule "${def.targetRule}"`);
  if ((def.direction === "UP" && !def.higherIsBetter) || (def.direction === "DOWN" && def.higherIsBetter)) {
    throw new Error(`${where}: higherIsBetter (deprecated) contradicts direction ${def.direction}`);
  }
  if ((def.targetRule === "NONE") !== (def.target === null)) {
    throw new Error(`${where}: targetRule NONE goes with target null, and only with it`);
  }
  const low = def.targetLow ?? null;
  const high = def.targetHigh ?? null;
  if (def.targetRule === "BAND") {
    if (low === null || high === null || !Number.isFinite(low) || !Number.isFinite(high) || low > high) {
      throw new Error(`${where}: a BAND needs finite targetLow <= targetHigh`);
    }
  } else if (low !== null || high !== null) {
    throw new Error(`${where}: targetLow/targetHigh belong to a BAND`);
  }
  if (def.maximum != null && !Number.isFinite(def.maximum))
    throw new Error(`${where}: maximum must be finite`);
  if (
    def.precision !== undefined &&
    !(Number.isInteger(def.precision) && def.precision >= 0 && def.precision <= 6)
  ) {
    throw new Error(`${where}: precision must be an integer 0..6`);
  }
  if (
    def.periodStartMonth !== undefined &&
    !(Number.isInteger(def.periodStartMonth) && def.periodStartMonth >= 1 && def.periodStartMonth <= 12)
  ) {
    throw new Error(`${where}: periodStartMonth must be 1..12`);
  }
}

/**
 * Applies per-KPI target overrides, e.g. `HSA_KPI_TARGETS='{"procurement.network_rate.drug": 98}'`
 * (provinces set their own targets; null removes a target). Unknown ids and non-numbers are
 * rejected loudly so a typo does not silently keep the default.
 */
export function withTargetOverrides<T extends MetricDefinition>(
  catalogue: readonly T[],
  json: string | undefined,
): T[] {
  if (!json) return [...catalogue];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error("HSA_KPI_TARGETS is not valid JSON: expected an object of metric id → target");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new Error("HSA_KPI_TARGETS must be a JSON object of metric id → target");
  }
  const overrides = parsed as Record<string, unknown>;
  const ids = new Set(catalogue.map((m) => m.id));
  const domains = new Set(catalogue.map((m) => m.domain));
  for (const [id, target] of Object.entries(overrides)) {
    // Only this catalogue's domain is checked: one variable serves every subgraph.
    if (!domains.has(id.split(".")[0] as Domain)) continue;
    if (!ids.has(id)) throw new Error(`HSA_KPI_TARGETS: unknown metric id "${id}"`);
    if (target !== null && (typeof target !== "number" || !Number.isFinite(target))) {
      throw new Error(`HSA_KPI_TARGETS: the target of "${id}" must be a number or null`);
    }
  }
  return catalogue.map((m) => (m.id in overrides ? retarget(m, overrides[m.id] as number | null) : m));
}

/**
 * A new target keeps the rule's shape: null → NONE; a number on a NONE metric → AT_MOST when
 * lower is better, else AT_LEAST; a BAND moves with its target (same width either side).
 */
function retarget<T extends MetricDefinition>(m: T, target: number | null): T {
  if (target === null) return { ...m, target: null, targetRule: "NONE", targetLow: null, targetHigh: null };
  if (m.targetRule === "NONE") {
    return { ...m, target, targetRule: m.direction === "DOWN" ? "AT_MOST" : "AT_LEAST" };
  }
  if (m.targetRule === "BAND") {
    const shift = target - (m.target ?? ((m.targetLow ?? target) + (m.targetHigh ?? target)) / 2);
    return {
      ...m,
      target,
      targetLow: (m.targetLow ?? target) + shift,
      targetHigh: (m.targetHigh ?? target) + shift,
    };
  }
  return { ...m, target };
}
