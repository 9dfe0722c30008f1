// Stored rows → GraphQL objects (money as yuan strings, points and shares as decimal strings).
import { type Database, fenToYuan } from "@hsa/db";
import { findSettlement, settlementLines } from "../db/queries";
import type { DipCaseRow, DipSettlementLineRow, DipSettlementRow, GlobalBudgetRow } from "../db/schema";
import { budgetOutcome, formatScaled, numericToScaled } from "../settlement";

export function caseToGraphQL(row: DipCaseRow) {
  return {
    institutionId: row.institutionId,
    regionCode: row.regionCode,
    poolingArea: row.poolingArea,
    quarter: row.quarter,
    groupCode: row.groupCode,
    groupType: row.groupType,
    cases: row.cases,
    score: formatScaled(numericToScaled(row.score)),
    coefficient: formatScaled(numericToScaled(row.coefficient)),
    points: formatScaled(numericToScaled(row.points)),
    fundPrepaidYuan: fenToYuan(row.fundPrepaidFen),
    dipFundYuan: fenToYuan(row.dipFundFen),
    inpatientFundYuan: fenToYuan(row.inpatientFundFen),
  };
}

export function lineToGraphQL(line: DipSettlementLineRow) {
  return {
    institutionId: line.institutionId,
    regionCode: line.regionCode,
    points: formatScaled(numericToScaled(line.points)),
    grossYuan: fenToYuan(line.grossFen),
    prepaidYuan: fenToYuan(line.prepaidFen),
    deductionYuan: fenToYuan(line.deductionFen),
    netYuan: fenToYuan(line.netFen),
  };
}

export function settlementToGraphQL(s: DipSettlementRow, lines: DipSettlementLineRow[]) {
  return {
    poolingArea: s.poolingArea,
    year: s.year,
    status: s.status,
    budgetYuan: fenToYuan(s.budgetFen),
    totalPoints: formatScaled(numericToScaled(s.totalPoints)),
    pointValue: formatScaled(numericToScaled(s.pointValue, 8), 8),
    runBy: s.runBy,
    runAt: s.runAt.toISOString(),
    closedBy: s.closedBy,
    reopenedBy: s.reopenedBy,
    reopenReason: s.reopenReason,
    lines: lines.map(lineToGraphQL),
  };
}

export function budgetToGraphQL(b: GlobalBudgetRow, spend: { quarter: string; spentFen: bigint }[]) {
  const spent = spend.reduce((s, x) => s + x.spentFen, 0n);
  const surplus4 = numericToScaled(b.surplusRetainedShare);
  const overspend4 = numericToScaled(b.overspendSharedShare);
  const o = budgetOutcome(b.budgetFen, spent, surplus4, overspend4);
  return {
    id: String(b.id),
    kind: b.kind,
    poolingArea: b.poolingArea,
    regionCode: b.regionCode,
    key: b.key,
    name: b.name,
    year: b.year,
    budgetYuan: fenToYuan(b.budgetFen),
    surplusRetainedShare: formatScaled(surplus4),
    overspendSharedShare: formatScaled(overspend4),
    spend: spend.map((x) => ({ quarter: x.quarter, spentYuan: fenToYuan(x.spentFen) })),
    spentYuan: fenToYuan(spent),
    executionRate: b.budgetFen === 0n ? null : (100 * Number(spent)) / Number(b.budgetFen),
    surplusYuan: fenToYuan(o.surplusFen),
    retainedYuan: fenToYuan(o.retainedFen),
    overspendYuan: fenToYuan(o.overspendFen),
    sharedOverspendYuan: fenToYuan(o.sharedFen),
  };
}

/** A pool's stored settlement of a year with the lines within the scope; null when it has not been run. */
export async function settlementView(db: Database, pool: string, year: number, scope: string) {
  const s = await findSettlement(db, pool, year);
  if (!s) return null;
  return settlementToGraphQL(s, await settlementLines(db, s.id, scope));
}
