import {
  type Database,
  levelGroups,
  levelTable,
  type RegionGroups,
  regionGroups,
  rowsOf,
  toNumber,
} from "@hsa/db";
import { quarterEnd } from "@hsa/periods";
import { type SQL, sql } from "drizzle-orm";
import { AMOUNT_SUMS, type SupervisionSums } from "../metrics";
import { activeOn, joinSuspended } from "./agreement";
import { dispositionLevel, inspectionLevel } from "./levels";
import { disposition, inspection, institution } from "./schema";

/** "YYYY-MM-DD" of the last day of a quarter. */
export function quarterEndDate(quarter: string): string {
  return quarterEnd(quarter).toISOString().slice(0, 10);
}

/**
 * The coverage tiers (DESIGN §5: tertiary 100%, secondary ≥ 50%): every designated institution, and
 * the hospitals graded 三级 (III) and 二级 (II). `key` names the SQL columns, `active` / `inspected`
 * the SupervisionSums fields they fill.
 */
const COVERAGE_TIERS = [
  { key: "x", active: "active", inspected: "inspected", where: sql`true` },
  {
    key: "t",
    active: "activeTertiary",
    inspected: "inspectedTertiary",
    where: sql`${institution.kind} = 'HOSPITAL' and ${institution.grade} = 'III'`,
  },
  {
    key: "s",
    active: "activeSecondary",
    inspected: "inspectedSecondary",
    where: sql`${institution.kind} = 'HOSPITAL' and ${institution.grade} = 'II'`,
  },
] as const satisfies readonly {
  key: string;
  active: keyof SupervisionSums;
  inspected: "inspected" | "inspectedTertiary" | "inspectedSecondary";
  where: SQL;
}[];

/**
 * `sumsByQuarter` for many regions at once (a region and its children): three statements whatever
 * the number of regions — active institutions at each quarter end (from the registry and its
 * agreement history: the status in effect on that day, `activeOn`) and how many of them were
 * inspected in the quarter (coverage's numerator, overall and per tier), inspection
 * counts and disposition counts and amounts (each region's own rows of the level aggregates the
 * database keeps over the county × quarter summaries, migrations 0003 and 0007, ./levels) — each
 * grouped by region. code → quarter → sums. Same figures as `sumsByQuarterManyRaw`, which reads the
 * inspection and disposition rows.
 */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  quarters: readonly string[],
): Promise<Map<string, Map<string, SupervisionSums>>> {
  return sumsFrom(db, codes, quarters, (_, from, to) => {
    const l = levelGroups(codes);
    return [
      db.execute(sql`
        select ${l.code} as code, lv.quarter as quarter, lv.inspections::text as inspections
        from ${levelTable(inspectionLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
        where lv.quarter between ${from} and ${to}`),
      db.execute(sql`
        select ${l.code} as code, lv.quarter as quarter, lv.kind as kind,
          lv.dispositions::text as n, lv.institutions::text as institutions,
          (lv.amount_fen::numeric / 100)::text as yuan
        from ${levelTable(dispositionLevel)} lv join ${l.table} on ${l.on(sql`lv`)}
        where lv.quarter between ${from} and ${to}`),
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
  });
}

/** Counts (code, quarter, inspections) and money (code, quarter, kind, n, yuan) statements. */
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
  // Per quarter k: designated at its end (a{k}), and of those the ones inspected in it (i{k}) — the
  // coverage numerator is a subset of its denominator, so an institution terminated or suspended by
  // the quarter's end can never push coverage above 100% — overall and per tier (COVERAGE_TIERS).
  const activeCols = sql.join(
    quarters.flatMap((q, k) => {
      const on = activeOn(quarterEndDate(q));
      const seen = sql`coalesce(${q} = any(iq.quarters), false)`;
      return [
        ...COVERAGE_TIERS.map(
          (t) => sql`(count(*) filter (where ${on} and ${t.where}))::text as ${sql.raw(`a${t.key}${k}`)}`,
        ),
        ...COVERAGE_TIERS.map(
          (t) =>
            sql`(count(*) filter (where ${on} and ${t.where} and ${seen}))::text as ${sql.raw(`i${t.key}${k}`)}`,
        ),
      ];
    }),
    sql`, `,
  );
  const [countStatement, moneyStatement] = statements(g, from, to);
  const [activeRows, countRows, moneyRows] = await Promise.all([
    db.execute(sql`
      select ${g.code} as code, ${activeCols}
      from ${inst} join ${g.table} on ${g.on(inst.regionCode)}
      ${joinSuspended}
      left join (
        select ${inspection.institutionId} as institution_id, array_agg(distinct ${inspection.quarter}) as quarters
        from ${inspection} where ${inspection.quarter} between ${from} and ${to}
        group by 1
      ) as iq on iq.institution_id = ${inst.id}
      group by 1`),
    countStatement,
    moneyStatement,
  ]);
  const registry = new Map<string, Map<string, Record<string, number>>>();
  for (const r of rowsOf<Record<string, string>>(activeRows)) {
    const byQuarter = new Map<string, Record<string, number>>();
    quarters.forEach((q, k) => {
      const v: Record<string, number> = {};
      for (const t of COVERAGE_TIERS) {
        v[t.active] = toNumber(r[`a${t.key}${k}`]);
        v[t.inspected] = toNumber(r[`i${t.key}${k}`]);
      }
      byQuarter.set(q, v);
    });
    registry.set(String(r.code), byQuarter);
  }
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

/** Coverage's range-total numerators: distinct institutions inspected in the range and designated at its end. */
export type InspectedCounts = Pick<SupervisionSums, "inspected" | "inspectedTertiary" | "inspectedSecondary">;

const noneInspected = (): InspectedCounts => ({ inspected: 0, inspectedTertiary: 0, inspectedSecondary: 0 });

function inspectedCounts(rows: unknown, codes: readonly string[]): Map<string, InspectedCounts> {
  const out = new Map<string, InspectedCounts>(codes.map((c) => [c, noneInspected()]));
  for (const r of rowsOf<Record<string, string>>(rows)) {
    const v = noneInspected();
    for (const t of COVERAGE_TIERS) v[t.inspected] = toNumber(r[`i${t.key}`]);
    out.set(String(r.code), v);
  }
  return out;
}

/**
 * `distinctInspected` for many regions in one statement: code → institutions designated at the end
 * of [from, to] (`activeOn`) and inspected at least once in it, overall and per tier. Distinct
 * institutions over a range cannot be summed from per-quarter counts. Counting only institutions of
 * the denominator keeps coverage at or below 100%: one inspected, then terminated or suspended
 * before the range ends, is in neither. Regions by the institution's county.
 */
export async function distinctInspectedMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, InspectedCounts>> {
  const g = regionGroups(codes);
  const inst = institution;
  const i = inspection;
  const rows = await db.execute(sql`
    select ${g.code} as code, ${tierCounts((w) => sql`count(*) filter (where ${w})`)}
    from ${inst} join ${g.table} on ${g.on(inst.regionCode)}
    ${joinSuspended}
    where ${activeOn(quarterEndDate(to))} and exists (
      select 1 from ${i} where ${i.institutionId} = ${inst.id} and ${i.quarter} between ${from} and ${to}
    )
    group by 1`);
  return inspectedCounts(rows, g.codes);
}

/** `<count filtered by the tier>::text as i<key>` for every coverage tier. */
function tierCounts(count: (where: SQL) => SQL): SQL {
  return sql.join(
    COVERAGE_TIERS.map((t) => sql`${count(t.where)}::text as ${sql.raw(`i${t.key}`)}`),
    sql`, `,
  );
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

/**
 * The reference computation of `distinctInspectedMany`: count(distinct …) over the inspections of the
 * range joined to the registry, per region.
 */
export async function distinctInspectedManyRaw(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, InspectedCounts>> {
  const g = regionGroups(codes);
  const inst = institution;
  const i = inspection;
  const rows = await db.execute(sql`
    select ${g.code} as code, ${tierCounts((w) => sql`count(distinct ${i.institutionId}) filter (where ${w})`)}
    from ${i} join ${inst} on ${inst.id} = ${i.institutionId}
    join ${g.table} on ${g.on(inst.regionCode)}
    ${joinSuspended}
    where ${i.quarter} between ${from} and ${to} and ${activeOn(quarterEndDate(to))}
    group by 1`);
  return inspectedCounts(rows, g.codes);
}
