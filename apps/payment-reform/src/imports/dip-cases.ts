// The CSV import `dip-cases` of the payment subgraph: the registry, catalogue and settlement checks
// of its rows, and the batched write (points computed exactly as reportDipCases computes them).
import type { Database } from "@hsa/db";
import { getRegion } from "@hsa/regions";
import {
  type ImportActor,
  ImportConflict,
  type ImportKind,
  type ImportRow,
  type RowError,
  type Tx,
  type WriteCounts,
} from "@hsa/reporting";
import { forbidden } from "@hsa/subgraph-kit";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { poolingAreaOf } from "../db/queries";
import {
  auditLog,
  COEFFICIENT_GRADES,
  type CoefficientGrade,
  dipCaseAggregate,
  dipGroup,
  dipInstitution,
  dipSettlement,
  type GroupType,
  institutionCoefficient,
} from "../db/schema";
import { DEFAULT_COEFFICIENTS } from "../metrics";
import { casePoints, formatScaled, numericToScaled } from "../settlement";
import {
  countyOfInstitution,
  DIP_FUND_COLUMN,
  dipCaseColumns,
  GROUP_COLUMN,
  INSTITUTION_COLUMN,
} from "./columns";
import { describeOthers, hospitalsOf } from "./registry";

/** What the supervision registry says about an institution, and the DIP figures that follow from it. */
interface Resolved {
  poolingArea: string;
  grade: CoefficientGrade;
  groupType: GroupType;
  score4: bigint;
  coefficient4: bigint;
}

/** One imported row: an institution's cases of one DIP group in one quarter. */
export interface DipCaseFact {
  institutionId: string;
  regionCode: string;
  quarter: string;
  groupCode: string;
  cases: number;
  fundPrepaidFen: bigint;
  dipFundFen: bigint;
  inpatientFundFen: bigint;
  /** set by the import's check (the registry, the catalogue and the coefficient) before anything is written */
  resolved?: Resolved;
}

const yearOf = (quarter: string) => Number(quarter.slice(0, 4));
const pairKey = (pool: string, year: number) => `${pool}:${year}`;

/** The audit JSON of a DIP case aggregate, the same for the mutation and the import. */
export function dipCaseAuditJson(r: {
  cases: number;
  points: string;
  fundPrepaidFen: bigint;
  dipFundFen: bigint;
  inpatientFundFen: bigint;
}) {
  return {
    cases: r.cases,
    points: formatScaled(numericToScaled(r.points)),
    fundPrepaidFen: r.fundPrepaidFen.toString(),
    dipFundFen: r.dipFundFen.toString(),
    inpatientFundFen: r.inpatientFundFen.toString(),
  };
}

/** Problems of the DIP case rows that need the registry and the catalogue; fills `fact.resolved` of the good rows. */
async function checkDipCases(
  db: Database,
  supervisionUrl: string,
  rows: readonly ImportRow<DipCaseFact>[],
  actor: ImportActor,
): Promise<RowError[]> {
  const errors: RowError[] = [];
  const counties = [...new Set(rows.map((r) => r.fact.regionCode))];
  const registry = await hospitalsOf(supervisionUrl, counties, actor.authorization);
  const missing = [...new Set(rows.map((r) => r.fact.institutionId).filter((id) => !registry.has(id)))];
  // Error path only: tell "a pharmacy" from "unknown" for the ids that are not hospitals (at most 200 asked).
  const others = await describeOthers(supervisionUrl, missing.slice(0, 200), actor.authorization);

  const pairs = new Map<string, { pool: string; year: number }>();
  for (const r of rows) {
    const pool = poolingAreaOf(r.fact.regionCode);
    pairs.set(pairKey(pool, yearOf(r.fact.quarter)), { pool, year: yearOf(r.fact.quarter) });
  }
  const byPair = (t: { poolingArea: PgColumn; year: PgColumn }) =>
    or(...[...pairs.values()].map((p) => and(eq(t.poolingArea, p.pool), eq(t.year, p.year))));
  const [groups, coefficients, closed] = await Promise.all([
    db.select().from(dipGroup).where(byPair(dipGroup)),
    db.select().from(institutionCoefficient).where(byPair(institutionCoefficient)),
    db
      .select({ poolingArea: dipSettlement.poolingArea, year: dipSettlement.year })
      .from(dipSettlement)
      .where(and(byPair(dipSettlement), eq(dipSettlement.status, "CLOSED"))),
  ]);
  const catalogue = new Map(groups.map((g) => [`${pairKey(g.poolingArea, g.year)}:${g.code}`, g]));
  const hasCatalogue = new Set(groups.map((g) => pairKey(g.poolingArea, g.year)));
  const coefficient = new Map(
    coefficients.map((c) => [`${pairKey(c.poolingArea, c.year)}:${c.grade}`, c.coefficient]),
  );
  const closedPairs = new Set(closed.map((s) => pairKey(s.poolingArea, s.year)));

  for (const { line, fact } of rows) {
    const err = (column: string, reason: string, value?: string) =>
      errors.push({ line, column, reason, value });
    const id = fact.institutionId;
    const inst = registry.get(id);
    if (!inst) {
      const other = others.get(id);
      if (other && other.regionCode === fact.regionCode)
        err(
          INSTITUTION_COLUMN,
          `${id} 是 ${other.kind}，只有住院医院按 DIP 付费 / a ${other.kind}: only inpatient hospitals are paid by DIP`,
          id,
        );
      else
        err(
          INSTITUTION_COLUMN,
          `未知的机构 / unknown institution "${id}": register it in the supervision subgraph first`,
          id,
        );
      continue;
    }
    const pool = poolingAreaOf(fact.regionCode);
    const year = yearOf(fact.quarter);
    const pk = pairKey(pool, year);
    if (closedPairs.has(pk)) {
      err(
        "季度",
        `${pool} ${year} 年 DIP 清算已关闭，须由管理员重新打开 / the DIP settlement of ${pool} for ${year} is closed; an admin must reopen it`,
        fact.quarter,
      );
      continue;
    }
    if (!hasCatalogue.has(pk)) {
      err(
        "季度",
        `统筹区 ${pool} 没有 ${year} 年的 DIP 病种目录 / pooling area ${pool} has no DIP catalogue for ${year}`,
        fact.quarter,
      );
      continue;
    }
    const group = catalogue.get(`${pk}:${fact.groupCode}`);
    if (!group) {
      err(
        GROUP_COLUMN,
        `${pool} ${year} 年目录中没有病种 "${fact.groupCode}" / unknown DIP group "${fact.groupCode}" in the ${year} catalogue of ${pool}`,
        fact.groupCode,
      );
      continue;
    }
    const grade = (COEFFICIENT_GRADES as readonly string[]).includes(inst.grade ?? "")
      ? (inst.grade as CoefficientGrade)
      : "NONE";
    const c = coefficient.get(`${pk}:${grade}`) ?? DEFAULT_COEFFICIENTS[grade];
    fact.resolved = {
      poolingArea: pool,
      grade,
      groupType: group.type,
      score4: numericToScaled(group.score),
      coefficient4: numericToScaled(c),
    };
  }
  return errors;
}

const BATCH = 1_000;

/**
 * Writes imported DIP case aggregates: points computed exactly as reportDipCases does; only new or
 * changed rows are written, each with an audit row (old → new, source). A closed settlement year
 * (closed since the check) stops the whole import.
 */
async function writeDipCases(
  tx: Tx,
  rows: readonly ImportRow<DipCaseFact>[],
  actor: ImportActor,
  progress: (done: number) => void,
): Promise<WriteCounts> {
  const t = dipCaseAggregate;
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const facts = rows.map((r) => {
    if (!r.fact.resolved) throw new Error(`line ${r.line} was not checked`);
    return r.fact as DipCaseFact & { resolved: Resolved };
  });

  const pairs = new Map(
    facts.map((f) => [pairKey(f.resolved.poolingArea, yearOf(f.quarter)), f] as const),
  ).values();
  const conds = [...pairs].map((f) =>
    and(eq(dipSettlement.poolingArea, f.resolved.poolingArea), eq(dipSettlement.year, yearOf(f.quarter))),
  );
  const [closed] = await tx
    .select({ poolingArea: dipSettlement.poolingArea, year: dipSettlement.year })
    .from(dipSettlement)
    .where(and(or(...conds), eq(dipSettlement.status, "CLOSED")))
    .limit(1)
    .for("share");
  if (closed) {
    throw new ImportConflict(
      `the DIP settlement of ${closed.poolingArea} for ${closed.year} was closed during the import; nothing was written`,
    );
  }

  // Eligible inpatient institutions, as reportDipCases registers them (first year reported).
  const institutions = new Map<string, typeof dipInstitution.$inferInsert>();
  for (const f of facts) {
    const known = institutions.get(f.institutionId);
    if (!known || known.sinceYear > yearOf(f.quarter)) {
      institutions.set(f.institutionId, {
        institutionId: f.institutionId,
        regionCode: f.regionCode,
        poolingArea: f.resolved.poolingArea,
        grade: f.resolved.grade,
        sinceYear: yearOf(f.quarter),
      });
    }
  }
  const list = [...institutions.values()];
  for (let i = 0; i < list.length; i += BATCH)
    await tx
      .insert(dipInstitution)
      .values(list.slice(i, i + BATCH))
      .onConflictDoNothing();

  for (let i = 0; i < facts.length; i += BATCH) {
    const batch = facts.slice(i, i + BATCH);
    const byReport = new Map<string, { id: string; quarter: string; groups: string[] }>();
    for (const f of batch) {
      const k = `${f.institutionId}|${f.quarter}`;
      const e = byReport.get(k) ?? { id: f.institutionId, quarter: f.quarter, groups: [] };
      e.groups.push(f.groupCode);
      byReport.set(k, e);
    }
    const existing = await tx
      .select()
      .from(t)
      .where(
        or(
          ...[...byReport.values()].map((r) =>
            and(eq(t.institutionId, r.id), eq(t.quarter, r.quarter), inArray(t.groupCode, r.groups)),
          ),
        ),
      )
      .for("update");
    const stored = new Map(existing.map((r) => [`${r.institutionId}|${r.quarter}|${r.groupCode}`, r]));
    const now = new Date();
    const values: (typeof t.$inferInsert)[] = [];
    const audits: (typeof auditLog.$inferInsert)[] = [];
    for (const [k, f] of batch.entries()) {
      const { score4, coefficient4 } = f.resolved;
      const points = formatScaled(casePoints(f.cases, score4, coefficient4));
      const old = stored.get(`${f.institutionId}|${f.quarter}|${f.groupCode}`);
      // The stored side (issue 14): the engine checked the row's county (the id's) against the scope;
      // a stored row under another county or pool would be moved by this write: never by an import.
      if (old && (old.regionCode !== f.regionCode || old.poolingArea !== f.resolved.poolingArea)) {
        throw forbidden(
          `line ${rows[i + k]?.line}: the stored figures of ${f.institutionId} ${f.quarter} ${f.groupCode} are recorded under another county or pooling area; an import never moves figures between counties: nothing was written`,
        );
      }
      const same =
        old &&
        old.cases === f.cases &&
        numericToScaled(old.points) === numericToScaled(points) &&
        old.fundPrepaidFen === f.fundPrepaidFen &&
        old.dipFundFen === f.dipFundFen &&
        old.inpatientFundFen === f.inpatientFundFen;
      if (same) {
        counts.unchanged++;
        continue;
      }
      if (old) counts.updated++;
      else counts.inserted++;
      const row = {
        institutionId: f.institutionId,
        regionCode: f.regionCode,
        poolingArea: f.resolved.poolingArea,
        quarter: f.quarter,
        groupCode: f.groupCode,
        groupType: f.resolved.groupType,
        cases: f.cases,
        score: formatScaled(score4),
        coefficient: formatScaled(coefficient4),
        points,
        fundPrepaidFen: f.fundPrepaidFen,
        dipFundFen: f.dipFundFen,
        inpatientFundFen: f.inpatientFundFen,
        reportedBy: actor.sub,
        updatedAt: now,
      };
      values.push(row);
      audits.push({
        actorSub: actor.sub,
        actorName: actor.name,
        action: "importDipCases",
        entityKey: `dip_case:${f.institutionId}:${f.quarter}:${f.groupCode}`,
        oldValue: old ? dipCaseAuditJson(old) : null,
        newValue: dipCaseAuditJson(row),
        source: actor.source,
      });
    }
    if (values.length) {
      const excluded = (col: string) => sql.raw(`excluded.${col}`);
      await tx
        .insert(t)
        .values(values)
        .onConflictDoUpdate({
          target: [t.institutionId, t.quarter, t.groupCode],
          set: {
            regionCode: excluded("region_code"),
            poolingArea: excluded("pooling_area"),
            groupType: excluded("group_type"),
            cases: excluded("cases"),
            score: excluded("score"),
            coefficient: excluded("coefficient"),
            points: excluded("points"),
            fundPrepaidFen: excluded("fund_prepaid_fen"),
            dipFundFen: excluded("dip_fund_fen"),
            inpatientFundFen: excluded("inpatient_fund_fen"),
            reportedBy: excluded("reported_by"),
            updatedAt: excluded("updated_at"),
          },
        });
      await tx.insert(auditLog).values(audits);
    }
    progress(Math.min(i + BATCH, facts.length));
  }
  return counts;
}

/** CSV import of DIP case aggregates: POST /import/dip-cases, `npm run import -- dip-cases <file>`. */
export function dipCaseImport(db: Database, supervisionUrl: string): ImportKind<DipCaseFact> {
  return {
    kind: "dip-cases",
    // the county is the institution id's first six digits: scope errors point at that column
    regionColumn: INSTITUTION_COLUMN,
    title: {
      zh: "DIP 病例汇总（机构 × 病种 × 季度）",
      en: "DIP case aggregates (institution × group × quarter)",
    },
    columns: dipCaseColumns,
    toFact(v) {
      const institutionId = v.institutionId as string;
      const county = countyOfInstitution(institutionId);
      const problems: { column: string; reason: string }[] = [];
      if (!county) {
        problems.push({
          column: INSTITUTION_COLUMN,
          reason: `"${institutionId}" 不是机构编码（应以县级区划代码开头，如 150724-H-001）/ not an institution id like 150724-H-001`,
        });
      } else if (!getRegion(county)) {
        problems.push({
          column: INSTITUTION_COLUMN,
          reason: `${institutionId}: 未知的区划代码 ${county} / unknown institution (its county code ${county} does not exist)`,
        });
      }
      const fen = (x: unknown) => (x === null || x === undefined ? 0n : (x as bigint));
      const fact: DipCaseFact = {
        institutionId,
        regionCode: county ?? "",
        quarter: v.quarter as string,
        groupCode: v.groupCode as string,
        cases: v.cases as number,
        fundPrepaidFen: fen(v.fundPrepaidYuan),
        dipFundFen: fen(v.dipFundYuan),
        inpatientFundFen: fen(v.inpatientFundYuan),
      };
      if (fact.dipFundFen > fact.inpatientFundFen) {
        problems.push({
          column: DIP_FUND_COLUMN,
          reason: `DIP基金支付金额不能大于住院统筹基金支付金额 / the DIP-paid fund exceeds all inpatient fund of the group`,
        });
      }
      if (problems.length) return { problems };
      return {
        fact,
        report: { regionCode: fact.regionCode, quarter: fact.quarter },
        key: `${fact.institutionId}|${fact.quarter}|${fact.groupCode}`,
      };
    },
    check: (rows, actor) => checkDipCases(db, supervisionUrl, rows, actor),
    write: writeDipCases,
  };
}
