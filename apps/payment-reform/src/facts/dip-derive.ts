// The derived values of DIP case facts (the `derived` of dipCaseFact): the pool, and from its
// catalogue and coefficients of the quarter's year the group type, score, coefficient and points =
// cases × score × coefficient (exact, 4 decimals). One computation for the mutation and the import.
import type { Database } from "@hsa/db";
import type { FactValues, ImportActor, ImportRow, RowError } from "@hsa/reporting";
import { and, eq, or } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { poolingAreaOf } from "../db/queries";
import { COEFFICIENT_GRADES, type CoefficientGrade, dipGroup, institutionCoefficient } from "../db/schema";
import { describeOthers, hospitalsOf } from "../imports/registry";
import { DEFAULT_COEFFICIENTS } from "../metrics";
import { casePoints, formatScaled, numericToScaled } from "../settlement";

const yearOf = (quarter: string) => Number(quarter.slice(0, 4));
const pairKey = (pool: string, year: number) => `${pool}:${year}`;

/** Why a fact's values cannot be derived: on which input field (catalogue problems). */
export interface DeriveProblem {
  index: number;
  field: "quarter" | "groupCode";
  zh: string;
  en: string;
  value: string;
}

/** A hospital grade as the coefficient table knows it (anything else: NONE). */
export function coefficientGrade(grade: string | null | undefined): CoefficientGrade {
  return (COEFFICIENT_GRADES as readonly string[]).includes(grade ?? "")
    ? (grade as CoefficientGrade)
    : "NONE";
}

/**
 * Sets the derived values of each fact (its `regionCode`, `quarter`, `groupCode`, `cases` and
 * `grade` given), reading the catalogues and coefficients of every pool-year at once; the facts
 * whose pool has no catalogue for the year, or whose group is not in it, are left and listed.
 */
export async function deriveDipCases(db: Database, facts: readonly FactValues[]): Promise<DeriveProblem[]> {
  const pairs = new Map<string, { pool: string; year: number }>();
  for (const f of facts) {
    const pool = poolingAreaOf(String(f.regionCode));
    const year = yearOf(String(f.quarter));
    pairs.set(pairKey(pool, year), { pool, year });
  }
  if (pairs.size === 0) return [];
  const byPair = (t: { poolingArea: PgColumn; year: PgColumn }) =>
    or(...[...pairs.values()].map((p) => and(eq(t.poolingArea, p.pool), eq(t.year, p.year))));
  const [groups, coefficients] = await Promise.all([
    db.select().from(dipGroup).where(byPair(dipGroup)),
    db.select().from(institutionCoefficient).where(byPair(institutionCoefficient)),
  ]);
  const catalogue = new Map(groups.map((g) => [`${pairKey(g.poolingArea, g.year)}:${g.code}`, g]));
  const hasCatalogue = new Set(groups.map((g) => pairKey(g.poolingArea, g.year)));
  const coefficient = new Map(
    coefficients.map((c) => [`${pairKey(c.poolingArea, c.year)}:${c.grade}`, c.coefficient]),
  );
  const problems: DeriveProblem[] = [];
  facts.forEach((f, index) => {
    const pool = poolingAreaOf(String(f.regionCode));
    const year = yearOf(String(f.quarter));
    const pk = pairKey(pool, year);
    const code = String(f.groupCode);
    if (!hasCatalogue.has(pk)) {
      problems.push({
        index,
        field: "quarter",
        zh: `统筹区 ${pool} 没有 ${year} 年的 DIP 病种目录`,
        en: `pooling area ${pool} has no DIP catalogue for ${year}`,
        value: String(f.quarter),
      });
      return;
    }
    const group = catalogue.get(`${pk}:${code}`);
    if (!group) {
      problems.push({
        index,
        field: "groupCode",
        zh: `${pool} ${year} 年目录中没有病种 "${code}"`,
        en: `unknown DIP group "${code}" in the ${year} catalogue of ${pool}`,
        value: code,
      });
      return;
    }
    const grade = coefficientGrade(f.grade as string | null);
    const score4 = numericToScaled(group.score);
    const coefficient4 = numericToScaled(coefficient.get(`${pk}:${grade}`) ?? DEFAULT_COEFFICIENTS[grade]);
    f.poolingArea = pool;
    f.groupType = group.type;
    f.score = formatScaled(score4);
    f.coefficient = formatScaled(coefficient4);
    f.points = formatScaled(casePoints(f.cases as number, score4, coefficient4));
  });
  return problems;
}

/**
 * The import's checks of DIP case rows that need the registry and the catalogue (supervision asked
 * in batches with the importer's token): an inpatient hospital known to supervision, then the
 * derived values; the good rows' facts get their grade and derived values.
 */
export async function checkDipCaseRows(
  db: Database,
  supervisionUrl: string,
  rows: readonly ImportRow<FactValues>[],
  actor: ImportActor,
): Promise<RowError[]> {
  const errors: RowError[] = [];
  const counties = [...new Set(rows.map((r) => String(r.fact.regionCode)))];
  const registry = await hospitalsOf(supervisionUrl, counties, actor.authorization);
  const ids = rows.map((r) => String(r.fact.institutionId));
  const missing = [...new Set(ids.filter((id) => !registry.has(id)))];
  // Error path only: tell "a pharmacy" from "unknown" for the ids that are not hospitals (at most 200 asked).
  const others = await describeOthers(supervisionUrl, missing.slice(0, 200), actor.authorization);
  const known: ImportRow<FactValues>[] = [];
  for (const row of rows) {
    const id = String(row.fact.institutionId);
    const inst = registry.get(id);
    if (inst) {
      row.fact.grade = coefficientGrade(inst.grade);
      known.push(row);
      continue;
    }
    const other = others.get(id);
    const reason =
      other && other.regionCode === row.fact.regionCode
        ? `${id} 是 ${other.kind}，只有住院医院按 DIP 付费 / a ${other.kind}: only inpatient hospitals are paid by DIP`
        : `未知的机构 / unknown institution "${id}": register it in the supervision subgraph first`;
    errors.push({ line: row.line, column: "机构编码", reason, value: id });
  }
  const problems = await deriveDipCases(
    db,
    known.map((r) => r.fact),
  );
  for (const p of problems)
    errors.push({
      line: (known[p.index] as ImportRow<FactValues>).line,
      column: p.field === "quarter" ? "季度" : "病种编码",
      reason: `${p.zh} / ${p.en}`,
      value: p.value,
    });
  return errors;
}
