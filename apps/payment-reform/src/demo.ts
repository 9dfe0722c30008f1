import type { Database } from "@hsa/db";
import type { PaymentDemo } from "@hsa/demo-data";
import { poolBudget, settlementInputs } from "./db/queries";
import {
  dipCaseAggregate,
  dipGroup,
  dipInstitution,
  dipSettlement,
  dipSettlementLine,
  globalBudget,
  globalBudgetSpend,
  institutionCoefficient,
} from "./db/schema";
import { casePoints, computeSettlement, formatScaled, numericToScaled } from "./settlement";

export const DEMO_REPORTER = "demo-data";

async function chunked<T>(items: readonly T[], size: number, write: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

/**
 * Inserts a payment demo dataset: facts as given, points computed here (cases × score ×
 * coefficient, exactly as reportDipCases does), then the settlements of its closed years (CLOSED)
 * and open years (OPEN) computed from the stored aggregates with the same settlement math.
 */
export async function insertPaymentDemo(db: Database, demo: PaymentDemo): Promise<number> {
  let rows = 0;
  await db.transaction(async (t) => {
    const tx = t as unknown as Database;
    await chunked(demo.groups, 2000, (part) => tx.insert(dipGroup).values(part).onConflictDoNothing());
    await chunked(demo.coefficients, 2000, (part) =>
      tx.insert(institutionCoefficient).values(part).onConflictDoNothing(),
    );
    await chunked(demo.institutions, 2000, (part) =>
      tx.insert(dipInstitution).values(part).onConflictDoNothing(),
    );
    const cases = caseRows(demo);
    await chunked(cases, 2000, (part) => tx.insert(dipCaseAggregate).values(part).onConflictDoNothing());
    for (const b of demo.budgets) {
      const { spend, ...budget } = b;
      const [row] = await tx
        .insert(globalBudget)
        .values({ ...budget, updatedBy: DEMO_REPORTER })
        .onConflictDoNothing()
        .returning({ id: globalBudget.id });
      if (row && spend.length) {
        await tx
          .insert(globalBudgetSpend)
          .values(spend.map((s) => ({ ...s, budgetId: row.id, reportedBy: DEMO_REPORTER })))
          .onConflictDoNothing();
      }
      rows += 1 + spend.length;
    }
    for (const pool of demo.pools) {
      for (const [years, status] of [
        [demo.closedYears, "CLOSED"],
        [demo.openYears, "OPEN"],
      ] as const) {
        for (const year of years) rows += await settle(tx, pool, year, status, demo);
      }
    }
  });
  return rows + demo.groups.length + demo.coefficients.length + demo.institutions.length + demo.cases.length;
}

/** The demo's case aggregates as rows: points computed (cases × score × coefficient) as reportDipCases does. */
export function caseRows(demo: Pick<PaymentDemo, "groups" | "coefficients" | "institutions" | "cases">) {
  return scoredCaseRows(demo).rows;
}

/**
 * `caseRows`, with each row's points also as a bigint scaled by 10^4 (`points4[i]` for `rows[i]`,
 * what the settlement sums). Each catalogue score and coefficient is read once, not once per case.
 */
export function scoredCaseRows(
  demo: Pick<PaymentDemo, "groups" | "coefficients" | "institutions" | "cases">,
) {
  const score = new Map(
    demo.groups.map((g) => [`${g.poolingArea}:${g.year}:${g.code}`, { g, score4: numericToScaled(g.score) }]),
  );
  const coef = new Map(
    demo.coefficients.map((c) => [
      `${c.poolingArea}:${c.year}:${c.grade}`,
      { coefficient: c.coefficient, coefficient4: numericToScaled(c.coefficient) },
    ]),
  );
  const grade = new Map(demo.institutions.map((i) => [i.institutionId, i.grade]));
  const points4: bigint[] = [];
  const rows = demo.cases.map((c) => {
    const year = c.quarter.slice(0, 4);
    const s = score.get(`${c.poolingArea}:${year}:${c.groupCode}`);
    const k = coef.get(`${c.poolingArea}:${year}:${grade.get(c.institutionId) ?? "NONE"}`);
    if (!s || !k?.coefficient)
      throw new Error(`demo case without catalogue entry: ${c.groupCode} ${c.quarter}`);
    const points = casePoints(c.cases, s.score4, k.coefficient4);
    points4.push(points);
    return {
      ...c,
      groupType: s.g.type,
      score: s.g.score,
      coefficient: k.coefficient,
      points: formatScaled(points),
      reportedBy: DEMO_REPORTER,
    };
  });
  return { rows, points4 };
}

async function settle(
  tx: Database,
  pool: string,
  year: number,
  status: "OPEN" | "CLOSED",
  demo: PaymentDemo,
): Promise<number> {
  const budget = await poolBudget(tx, pool, year);
  const inputs = await settlementInputs(tx, pool, year);
  if (!budget || inputs.length === 0) return 0;
  const deductions = new Map(
    demo.deductions
      .filter((d) => d.poolingArea === pool && d.year === year)
      .map((d) => [d.institutionId, d.deductionFen] as const),
  );
  const result = computeSettlement(
    budget.budgetFen,
    inputs.map((i) => ({
      institutionId: i.institutionId,
      regionCode: i.regionCode,
      points4: numericToScaled(i.points),
      prepaidFen: BigInt(i.prepaidFen),
      deductionFen: deductions.get(i.institutionId) ?? 0n,
    })),
  );
  const [row] = await tx
    .insert(dipSettlement)
    .values({
      poolingArea: pool,
      year,
      status,
      budgetFen: result.budgetFen,
      totalPoints: formatScaled(result.totalPoints4),
      pointValue: formatScaled(result.pointValue8, 8),
      runBy: DEMO_REPORTER,
      closedBy: status === "CLOSED" ? DEMO_REPORTER : null,
      closedAt: status === "CLOSED" ? new Date() : null,
    })
    .onConflictDoNothing()
    .returning({ id: dipSettlement.id });
  if (!row) return 0;
  await chunked(result.lines, 2000, (part) =>
    tx.insert(dipSettlementLine).values(
      part.map((l) => ({
        settlementId: row.id,
        institutionId: l.institutionId,
        regionCode: l.regionCode,
        points: formatScaled(l.points4),
        grossFen: l.grossFen,
        prepaidFen: l.prepaidFen,
        deductionFen: l.deductionFen,
        netFen: l.netFen,
      })),
    ),
  );
  return 1 + result.lines.length;
}
