import {
  type Database,
  levelGroups,
  levelTable,
  type RegionGroups,
  regionGroups,
  rowsOf,
  toNumber,
} from "@hsa/db";
import { sql } from "drizzle-orm";
import { AMOUNT_SUMS, type SupervisionSums } from "../metrics";
import { type RegistryReader, registryByQuarter, registryByQuarterRaw } from "./coverage";
import { dispositionLevel, inspectionLevel } from "./levels";
import { disposition, inspection, interviewLevel, interviewSummary } from "./schema";

/**
 * Which level reads a request needs besides the registry (always read: a quarter has data when the
 * region had designated institutions then): inspection counts, and disposition counts and amounts.
 */
export interface SumsReads {
  inspections: boolean;
  dispositions: boolean;
}

const ALL_READS: SumsReads = { inspections: true, dispositions: true };

/** The reads the named sums of the requested KPIs need. */
export function readsFor(wanted: ReadonlySet<string>): SumsReads {
  const registry = /^(active|inspected)/;
  return {
    inspections: wanted.has("inspections"),
    dispositions: [...wanted].some((n) => n !== "inspections" && !registry.test(n)),
  };
}

/**
 * `sumsByQuarter` for many regions at once (a region and its children): four statements whatever
 * the number of regions, each a lookup of the regions' own rows of the level aggregates the database
 * keeps (./levels): institutions designated at each quarter end and how many of them were inspected
 * in the quarter (coverage's numerator, overall and per tier; migration 0009, ./coverage), inspection
 * counts, and disposition counts and amounts (over the county × quarter summaries, migrations 0003
 * and 0007). code → quarter → sums. Same figures as `sumsByQuarterManyRaw`, which reads the registry,
 * the inspection and the disposition rows.
 */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
  reads: SumsReads = ALL_READS,
): Promise<Map<string, Map<string, SupervisionSums>>> {
  return sumsFrom(
    db,
    codes,
    quarters,
    (_, from, to) => {
      const l = levelGroups(codes);
      return [
        !reads.inspections
          ? Promise.resolve([])
          : db.execute(sql`
        select ${l.code} as code, lv.quarter as quarter, lv.inspections::text as inspections
        from ${levelTable(inspectionLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
        where lv.quarter between ${from} and ${to}`),
        !reads.dispositions
          ? Promise.resolve([])
          : db.execute(sql`
        select ${l.code} as code, lv.quarter as quarter, lv.kind as kind,
          lv.dispositions::text as n, lv.institutions::text as institutions,
          (lv.amount_fen::numeric / 100)::text as yuan
        from ${levelTable(dispositionLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
        where lv.quarter between ${from} and ${to}`),
      ];
    },
    registryByQuarter,
  );
}

/**
 * The reference computation of `sumsByQuarterMany` from the raw inspection and disposition rows
 * (the summaries' equivalence test compares the two).
 */
export async function sumsByQuarterManyRaw(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, SupervisionSums>>> {
  return sumsFrom(
    db,
    codes,
    quarters,
    (g, from, to) => {
      const i = inspection;
      const d = disposition;
      return [
        db.execute(sql`
        select ${g.code} as code, ${i.quarter} as quarter, count(*)::text as inspections
        from ${i} join ${g.table} on ${g.on(i.regionCode)}
        where ${i.quarter} between ${from} and ${to}
        group by 1, 2`),
        db.execute(sql`
        select ${g.code} as code, ${i.quarter} as quarter, ${d.kind} as kind, count(*)::text as n,
          count(distinct ${i.institutionId})::text as institutions, (coalesce(sum(${d.amountFen}), 0)::numeric / 100)::text as yuan
        from ${d} join ${i} on ${d.inspectionId} = ${i.id} join ${g.table} on ${g.on(i.regionCode)}
        where ${i.quarter} between ${from} and ${to}
        group by 1, 2, 3`),
      ];
    },
    registryByQuarterRaw,
  );
}

/** Counts (code, quarter, inspections) and money (code, quarter, kind, n, yuan) statements. */
type SumsStatements = (g: RegionGroups, from: string, to: string) => [Promise<unknown>, Promise<unknown>];

async function sumsFrom(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
  statements: SumsStatements,
  registryOf: RegistryReader,
): Promise<Map<string, Map<string, SupervisionSums>>> {
  const g = regionGroups(codes);
  const out = new Map<string, Map<string, SupervisionSums>>(g.codes.map((c) => [c, new Map()]));
  const from = quarters[0];
  const to = quarters[quarters.length - 1];
  if (from === undefined || to === undefined) return out;
  const [countStatement, moneyStatement] = statements(g, from, to);
  const [registry, countRows, moneyRows] = await Promise.all([
    registryOf(db, g.codes, quarters),
    countStatement,
    moneyStatement,
  ]);
  const empty = (code: string, q: string): SupervisionSums => ({
    inspections: 0,
    inspected: 0,
    active: 0,
    inspectedTertiary: 0,
    activeTertiary: 0,
    inspectedSecondary: 0,
    activeSecondary: 0,
    interviews: 0,
    recoveryYuan: 0,
    penaltyYuan: 0,
    refusalYuan: 0,
    deductionYuan: 0,
    selfCorrectionYuan: 0,
    ...registry.get(code)?.get(q),
  });
  const active = (code: string, q: string) => registry.get(code)?.get(q)?.active ?? 0;
  // A quarter has data when the region had designated institutions then, or inspections.
  for (const code of g.codes) {
    const byQuarter = out.get(code) as Map<string, SupervisionSums>;
    for (const q of quarters) if (active(code, q) > 0) byQuarter.set(q, empty(code, q));
  }
  const entry = (code: string, q: string): SupervisionSums | undefined => {
    const byQuarter = out.get(code);
    if (!byQuarter) return undefined;
    const s = byQuarter.get(q) ?? empty(code, q);
    byQuarter.set(q, s);
    return s;
  };
  for (const r of rowsOf<Record<string, string>>(countRows)) {
    const s = entry(String(r.code), String(r.quarter));
    if (!s) continue;
    s.inspections = toNumber(r.inspections);
  }
  for (const r of rowsOf<Record<string, string>>(moneyRows)) {
    const s = entry(String(r.code), String(r.quarter));
    if (!s) continue;
    const kind = r.kind as keyof typeof AMOUNT_SUMS | "INTERVIEW";
    // interviews count distinct institutions interviewed (约谈 20 家), not INTERVIEW dispositions
    if (kind === "INTERVIEW") s.interviews = toNumber(r.institutions);
    else s[AMOUNT_SUMS[kind]] = toNumber(r.yuan);
  }
  return out;
}

/**
 * Distinct institutions interviewed (an INTERVIEW disposition) in [from, to], for many regions in
 * one statement: the range total of `supervision.interviews`. An institution interviewed in two
 * quarters counts once, so it cannot be a sum of the quarters' counts: the level rows of
 * `interview_level` are signed so that each institution counts once, at its last interview quarter
 * of the range (kept by the database: migration 0011), a lookup of a few rows per region. Regions by
 * the inspection's county, as `interview_summary`.
 */
export async function distinctInterviewedMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const l = levelGroups(codes);
  const rows = await db.execute(sql`
    select ${l.code} as code, coalesce(sum(lv.interviewed), 0)::text as n
    from ${interviewLevel} lv join ${l.table} on ${l.on(sql`lv`)}
    where lv.quarter between ${from} and ${to} and lv.as_of <= ${to}
    group by 1`);
  const out = new Map<string, number>(l.codes.map((c) => [c, 0]));
  for (const r of rowsOf<Record<string, string>>(rows)) out.set(String(r.code), toNumber(r.n));
  return out;
}

/** The reference computation of `distinctInterviewedMany`: count(distinct …) over `interview_summary`. */
export async function distinctInterviewedManyRaw(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const g = regionGroups(codes);
  const s = interviewSummary;
  const rows = await db.execute(sql`
    select ${g.code} as code, count(distinct ${s.institutionId})::text as n
    from ${s} join ${g.table} on ${g.on(s.regionCode)}
    where ${s.quarter} between ${from} and ${to}
    group by 1`);
  const out = new Map<string, number>(g.codes.map((c) => [c, 0]));
  for (const r of rowsOf<Record<string, string>>(rows)) out.set(String(r.code), toNumber(r.n));
  return out;
}
