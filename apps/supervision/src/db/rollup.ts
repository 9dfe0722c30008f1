import { type Database, type RegionGroups, regionGroups, rowsOf, toNumber } from "@hsa/db";
import { quarterEnd } from "@hsa/periods";
import { type SQL, sql } from "drizzle-orm";
import { AMOUNT_SUMS, type SupervisionSums } from "../metrics";
import { activeOn, joinSuspended } from "./agreement";
import { disposition, dispositionSummary, inspection, inspectionSummary, institution } from "./schema";

/** "YYYY-MM-DD" of the last day of a quarter. */
export function quarterEndDate(quarter: string): string {
  return quarterEnd(quarter).toISOString().slice(0, 10);
}

/**
 * `sumsByQuarter` for many regions at once (a region and its children): three statements whatever
 * the number of regions — active institutions at each quarter end (from the registry and its
 * agreement history: the status in effect on that day, `activeOn`), inspection
 * counts and disposition counts and amounts (from the county × quarter summaries the database keeps,
 * migration 0003) — each grouped by region. code → quarter → sums. Same figures as
 * `sumsByQuarterManyRaw`, which reads the inspection and disposition rows.
 */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, SupervisionSums>>> {
  return sumsFrom(db, codes, quarters, (g, from, to) => {
    const s = inspectionSummary;
    const d = dispositionSummary;
    return [
      db.execute(sql`
        select ${g.code} as code, ${s.quarter} as quarter, sum(${s.inspections})::text as inspections,
          sum(${s.inspected})::text as inspected
        from ${s} join ${g.table} on ${g.on(s.regionCode)}
        where ${s.quarter} between ${from} and ${to}
        group by 1, 2`),
      db.execute(sql`
        select ${g.code} as code, ${d.quarter} as quarter, ${d.kind} as kind,
          sum(${d.dispositions})::text as n, sum(${d.institutions})::text as institutions,
          (sum(${d.amountFen})::numeric / 100)::text as yuan
        from ${d} join ${g.table} on ${g.on(d.regionCode)}
        where ${d.quarter} between ${from} and ${to}
        group by 1, 2, 3`),
    ];
  });
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
  return sumsFrom(db, codes, quarters, (g, from, to) => {
    const i = inspection;
    const d = disposition;
    return [
      db.execute(sql`
        select ${g.code} as code, ${i.quarter} as quarter, count(*)::text as inspections,
          count(distinct ${i.institutionId})::text as inspected
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
  });
}

/** Counts (code, quarter, inspections, inspected) and money (code, quarter, kind, n, yuan) statements. */
type SumsStatements = (g: RegionGroups, from: string, to: string) => [Promise<unknown>, Promise<unknown>];

async function sumsFrom(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
  statements: SumsStatements,
): Promise<Map<string, Map<string, SupervisionSums>>> {
  const g = regionGroups(codes);
  const out = new Map<string, Map<string, SupervisionSums>>(g.codes.map((c) => [c, new Map()]));
  const from = quarters[0];
  const to = quarters[quarters.length - 1];
  if (from === undefined || to === undefined) return out;
  const inst = institution;
  const activeCols = sql.join(
    quarters.map(
      (q, k) => sql`(count(*) filter (where ${activeOn(quarterEndDate(q))}))::text as ${sql.raw(`q${k}`)}`,
    ),
    sql`, `,
  );
  const [countStatement, moneyStatement] = statements(g, from, to);
  const [activeRows, countRows, moneyRows] = await Promise.all([
    db.execute(sql`
      select ${g.code} as code, ${activeCols}
      from ${inst} join ${g.table} on ${g.on(inst.regionCode)}
      ${joinSuspended}
      group by 1`),
    countStatement,
    moneyStatement,
  ]);
  const active = new Map<string, Map<string, number>>();
  for (const r of rowsOf<Record<string, string>>(activeRows)) {
    active.set(String(r.code), new Map(quarters.map((q, k) => [q, toNumber(r[`q${k}`])])));
  }
  const empty = (code: string, q: string): SupervisionSums => ({
    inspections: 0,
    inspected: 0,
    active: active.get(code)?.get(q) ?? 0,
    interviews: 0,
    recoveryYuan: 0,
    penaltyYuan: 0,
    refusalYuan: 0,
    deductionYuan: 0,
    selfCorrectionYuan: 0,
  });
  // A quarter has data when the region had designated institutions then, or inspections.
  for (const code of g.codes) {
    const byQuarter = out.get(code) as Map<string, SupervisionSums>;
    for (const q of quarters) if ((active.get(code)?.get(q) ?? 0) > 0) byQuarter.set(q, empty(code, q));
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
    s.inspected = toNumber(r.inspected);
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
 * `distinctInspected` for many regions in one statement: code → institutions inspected in [from, to].
 * Distinct institutions over a range cannot be summed from per-quarter counts; this reads the
 * inspections' (quarter, region_code, institution_id) index only, and deduplicates with a hash.
 */
export async function distinctInspectedMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const g = regionGroups(codes);
  const i = inspection;
  const rows = await db.execute(sql`
    select code, count(*)::text as n
    from (
      select distinct ${g.code} as code, ${i.institutionId} as institution_id
      from ${i} join ${g.table} on ${g.on(i.regionCode)}
      where ${i.quarter} between ${from} and ${to}
    ) as k
    group by 1`);
  const out = new Map<string, number>(g.codes.map((c) => [c, 0]));
  for (const r of rowsOf<Record<string, string>>(rows)) out.set(String(r.code), toNumber(r.n));
  return out;
}

/**
 * Distinct institutions interviewed (an INTERVIEW disposition) in [from, to], for many regions in
 * one statement: the range total of `supervision.interviews`. An institution interviewed in two
 * quarters counts once, so it cannot be a sum of the quarters' counts; it reads the raw rows.
 */
export async function distinctInterviewedMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const g = regionGroups(codes);
  const i = inspection;
  const d = disposition;
  const rows = await db.execute(sql`
    select ${g.code} as code, count(distinct ${i.institutionId})::text as n
    from ${i} join ${d} on ${d.inspectionId} = ${i.id} join ${g.table} on ${g.on(i.regionCode)}
    where ${i.quarter} between ${from} and ${to} and ${d.kind} = 'INTERVIEW'
    group by 1`);
  const out = new Map<string, number>(g.codes.map((c) => [c, 0]));
  for (const r of rowsOf<Record<string, string>>(rows)) out.set(String(r.code), toNumber(r.n));
  return out;
}

/** The reference computation of `distinctInspectedMany` (count(distinct …) per region). */
export async function distinctInspectedManyRaw(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const g = regionGroups(codes);
  const i = inspection;
  const where: SQL = sql`${i.quarter} between ${from} and ${to}`;
  const rows = await db.execute(sql`
    select ${g.code} as code, count(distinct ${i.institutionId})::text as n
    from ${i} join ${g.table} on ${g.on(i.regionCode)}
    where ${where}
    group by 1`);
  const out = new Map<string, number>(g.codes.map((c) => [c, 0]));
  for (const r of rowsOf<Record<string, string>>(rows)) out.set(String(r.code), toNumber(r.n));
  return out;
}
