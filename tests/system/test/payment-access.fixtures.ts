// Helpers of payment-access.integration.test.ts (issue 14): a fingerprint of every payment table to
// prove "nothing was written", stored rows planted directly in the database (rows whose region the
// API would never write, to exercise the stored side of each write), and answers compared with the
// identifier masked (no existence oracle).
import { type Database, rowsOf } from "@hsa/db";
import { schema as paymentSchema } from "@hsa/payment-reform";
import type { GqlResult } from "./stack";

const TABLES = [
  "global_budget",
  "global_budget_spend",
  "dip_case_aggregate",
  "dip_institution",
  "dip_settlement",
  "dip_settlement_line",
  "institution_coefficient",
  "dip_group",
  "audit_event",
  "report_state",
  "report_event",
  "report_import",
];

/** An md5 of every row of every payment table: equal before and after ⇔ nothing was written. */
export async function fingerprint(db: Database): Promise<Record<string, string>> {
  const cols = TABLES.map(
    (t) =>
      `(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from payment.${t} x) as ${t}`,
  );
  const [row] = rowsOf<Record<string, string>>(await db.execute(`select ${cols.join(", ")}`));
  if (!row) throw new Error("no fingerprint");
  return row;
}

/** A DIP case row stored under the given county and pool (whatever the institution's own county). */
export async function plantCase(
  db: Database,
  at: { institutionId: string; regionCode: string; poolingArea: string; quarter: string; groupCode: string },
) {
  const t = paymentSchema.dipCaseAggregate;
  await db.insert(t).values({
    ...at,
    groupType: "CORE",
    cases: 1,
    score: "1000.0000",
    coefficient: "1.0000",
    points: "1000.0000",
    fundPrepaidFen: 0n,
    dipFundFen: 0n,
    inpatientFundFen: 0n,
    reportedBy: "planted",
  });
  return () =>
    db.execute(
      `delete from payment.dip_case_aggregate where institution_id = '${at.institutionId}' and quarter = '${at.quarter}' and group_code = '${at.groupCode}'`,
    );
}

/** A settlement of a pool and year with one line of an institution of `lineRegion`. */
export async function plantSettlement(
  db: Database,
  at: {
    poolingArea: string;
    year: number;
    status: "OPEN" | "CLOSED";
    institutionId: string;
    lineRegion: string;
  },
) {
  const s = paymentSchema.dipSettlement;
  const [row] = await db
    .insert(s)
    .values({
      poolingArea: at.poolingArea,
      year: at.year,
      status: at.status,
      budgetFen: 100n,
      totalPoints: "1.0000",
      pointValue: "1.00000000",
      runBy: "planted",
    })
    .returning();
  if (!row) throw new Error("no settlement planted");
  await db.insert(paymentSchema.dipSettlementLine).values({
    settlementId: row.id,
    institutionId: at.institutionId,
    regionCode: at.lineRegion,
    points: "1.0000",
    grossFen: 100n,
    prepaidFen: 0n,
    deductionFen: 0n,
    netFen: 100n,
  });
  return () => db.execute(`delete from payment.dip_settlement where id = ${row.id}`);
}

/** A global budget stored with the given pool and county (whatever its key names). */
export async function plantBudget(
  db: Database,
  at: {
    kind: "ALLIANCE" | "INSTITUTION" | "POOL";
    key: string;
    poolingArea: string;
    regionCode: string;
    year: number;
  },
) {
  const b = paymentSchema.globalBudget;
  const [row] = await db
    .insert(b)
    .values({
      ...at,
      name: "planted",
      budgetFen: 100_000n,
      surplusRetainedShare: "0",
      overspendSharedShare: "0",
      updatedBy: "planted",
    })
    .returning();
  if (!row) throw new Error("no budget planted");
  return () => db.execute(`delete from payment.global_budget where id = ${row.id}`);
}

/** The whole answer (data and errors) as JSON with the identifier masked, to compare two answers. */
export function masked(r: GqlResult, id: string): string {
  return JSON.stringify({ status: r.status, data: r.data ?? null, errors: r.errors ?? [] }).replaceAll(
    id,
    "<id>",
  );
}
