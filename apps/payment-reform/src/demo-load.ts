import { type BulkWriter, bulkLoad, copyRows, type Database } from "@hsa/db";
import { demoPayment, type PaymentDemo, paymentDemoPools } from "@hsa/demo-data";
import * as t from "./db/schema";
import { type caseRows, DEMO_REPORTER, scoredCaseRows } from "./demo";
import { computeSettlement, formatScaled } from "./settlement";

/** Rows kept in memory before they are COPYed. */
const FLUSH_ROWS = 50_000;

/**
 * Loads the demo dataset (every pooling area of the country, see @hsa/demo-data `demoPayment`)
 * into an empty payment database by COPY, in one transaction, with the settlements of its closed
 * (CLOSED) and open (OPEN) years computed from the same aggregates with the same settlement math
 * as `insertPaymentDemo` (Σ points and prepayments per institution, the pool's budget). A database
 * that already holds DIP cases is left alone. Generated pool by pool, flushed every ~50,000 rows.
 * Returns the rows inserted.
 */
export async function loadPaymentDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
  opts: { scope?: string } = {},
): Promise<{ inserted: number; skipped: boolean }> {
  const [any] = await db.select({ id: t.dipCaseAggregate.institutionId }).from(t.dipCaseAggregate).limit(1);
  if (any) return { inserted: 0, skipped: true };
  const pools = paymentDemoPools(opts.scope);
  const inserted = await bulkLoad(db, async (w) => {
    const ids = { budget: await firstId(w, "global_budget"), settlement: await firstId(w, "dip_settlement") };
    let buffer = emptyBuffer();
    let done = 0;
    const flush = async () => {
      done += await copyBuffer(w, buffer);
      buffer = emptyBuffer();
    };
    for (const [k, pool] of pools.entries()) {
      addPool(buffer, demoPayment({ scope: pool }), ids);
      if (bufferRows(buffer) >= FLUSH_ROWS) {
        await flush();
        onProgress?.(k + 1, pools.length);
      }
    }
    await flush();
    onProgress?.(pools.length, pools.length);
    // COPY with explicit ids: move the serial sequences past them.
    for (const [table, next] of [
      ["global_budget", ids.budget],
      ["dip_settlement", ids.settlement],
    ] as const) {
      if (next > 1)
        await w.exec(`select setval(pg_get_serial_sequence('payment.${table}', 'id'), ${next - 1})`);
    }
    return done;
  });
  return { inserted, skipped: false };
}

async function firstId(w: BulkWriter, table: string): Promise<number> {
  const [row] = await w.exec(`select coalesce(max(id), 0)::int + 1 as id from payment.${table}`);
  return Number(row?.id ?? 1);
}

type Buffer = {
  groups: PaymentDemo["groups"];
  coefficients: PaymentDemo["coefficients"];
  institutions: PaymentDemo["institutions"];
  cases: ReturnType<typeof caseRows>;
  budgets: (typeof t.globalBudget.$inferInsert)[];
  spend: (typeof t.globalBudgetSpend.$inferInsert)[];
  settlements: (typeof t.dipSettlement.$inferInsert)[];
  lines: (typeof t.dipSettlementLine.$inferInsert)[];
};

function emptyBuffer(): Buffer {
  return {
    groups: [],
    coefficients: [],
    institutions: [],
    cases: [],
    budgets: [],
    spend: [],
    settlements: [],
    lines: [],
  };
}

function bufferRows(b: Buffer): number {
  return Object.values(b).reduce((s, rows: unknown[]) => s + rows.length, 0);
}

/** An institution's Σ points (scaled by 10^4) and prepayments in one pool and year, and its county. */
type SettlementInput = { regionCode: string; points4: bigint; prepaidFen: bigint };

/** One pool's rows, budgets and settlements numbered from `ids` (advanced). */
function addPool(b: Buffer, demo: PaymentDemo, ids: { budget: number; settlement: number }) {
  b.groups.push(...demo.groups);
  b.coefficients.push(...demo.coefficients);
  b.institutions.push(...demo.institutions);
  const { rows: cases, points4 } = scoredCaseRows(demo);
  b.cases.push(...cases);
  const poolBudgets = new Map<string, bigint>(); // pool:year → budget
  for (const { spend, ...budget } of demo.budgets) {
    const id = ids.budget++;
    b.budgets.push({ ...budget, id, updatedBy: DEMO_REPORTER });
    for (const s of spend) b.spend.push({ ...s, budgetId: id, reportedBy: DEMO_REPORTER });
    if (budget.kind === "POOL") poolBudgets.set(`${budget.key}:${budget.year}`, budget.budgetFen);
  }
  // As settlementInputs: Σ points and prepayments per pool, year and institution (in the cases' order).
  const byPoolYear = new Map<string, Map<string, SettlementInput>>();
  for (const [i, c] of cases.entries()) {
    const key = `${c.poolingArea}:${c.quarter.slice(0, 4)}`;
    let inputs = byPoolYear.get(key);
    if (!inputs) {
      inputs = new Map();
      byPoolYear.set(key, inputs);
    }
    const acc = inputs.get(c.institutionId);
    if (!acc) {
      inputs.set(c.institutionId, {
        regionCode: c.regionCode,
        points4: points4[i] ?? 0n,
        prepaidFen: c.fundPrepaidFen,
      });
      continue;
    }
    acc.points4 += points4[i] ?? 0n;
    acc.prepaidFen += c.fundPrepaidFen;
    if (c.regionCode < acc.regionCode) acc.regionCode = c.regionCode;
  }
  for (const pool of demo.pools) {
    for (const [years, status] of [
      [demo.closedYears, "CLOSED"],
      [demo.openYears, "OPEN"],
    ] as const) {
      for (const year of years) {
        const budgetFen = poolBudgets.get(`${pool}:${year}`);
        const inputs = byPoolYear.get(`${pool}:${year}`) ?? new Map<string, SettlementInput>();
        if (budgetFen === undefined || inputs.size === 0) continue;
        const deductions = new Map(
          demo.deductions
            .filter((d) => d.poolingArea === pool && d.year === year)
            .map((d) => [d.institutionId, d.deductionFen] as const),
        );
        const result = computeSettlement(
          budgetFen,
          [...inputs].map(([institutionId, i]) => ({
            institutionId,
            regionCode: i.regionCode,
            points4: i.points4,
            prepaidFen: i.prepaidFen,
            deductionFen: deductions.get(institutionId) ?? 0n,
          })),
        );
        const id = ids.settlement++;
        const now = new Date();
        b.settlements.push({
          id,
          poolingArea: pool,
          year,
          status,
          budgetFen: result.budgetFen,
          totalPoints: formatScaled(result.totalPoints4),
          pointValue: formatScaled(result.pointValue8, 8),
          runBy: DEMO_REPORTER,
          runAt: now,
          closedBy: status === "CLOSED" ? DEMO_REPORTER : null,
          closedAt: status === "CLOSED" ? now : null,
        });
        for (const l of result.lines) {
          b.lines.push({
            settlementId: id,
            institutionId: l.institutionId,
            regionCode: l.regionCode,
            points: formatScaled(l.points4),
            grossFen: l.grossFen,
            prepaidFen: l.prepaidFen,
            deductionFen: l.deductionFen,
            netFen: l.netFen,
          });
        }
      }
    }
  }
}

/** COPYs a buffer, parents before children. Returns the rows written. */
async function copyBuffer(w: BulkWriter, b: Buffer): Promise<number> {
  let n = 0;
  n += await copyRows(w, t.dipGroup, ["poolingArea", "year", "code", "name", "type", "score"], b.groups);
  n += await copyRows(
    w,
    t.institutionCoefficient,
    ["poolingArea", "year", "grade", "coefficient"],
    b.coefficients,
  );
  n += await copyRows(
    w,
    t.dipInstitution,
    ["institutionId", "regionCode", "poolingArea", "grade", "sinceYear"],
    b.institutions,
  );
  n += await copyRows(
    w,
    t.dipCaseAggregate,
    [
      "institutionId",
      "regionCode",
      "poolingArea",
      "quarter",
      "groupCode",
      "groupType",
      "cases",
      "score",
      "coefficient",
      "points",
      "fundPrepaidFen",
      "dipFundFen",
      "inpatientFundFen",
      "reportedBy",
    ],
    b.cases,
  );
  n += await copyRows(
    w,
    t.globalBudget,
    [
      "id",
      "kind",
      "poolingArea",
      "regionCode",
      "key",
      "name",
      "year",
      "budgetFen",
      "surplusRetainedShare",
      "overspendSharedShare",
      "updatedBy",
    ],
    b.budgets,
  );
  n += await copyRows(w, t.globalBudgetSpend, ["budgetId", "quarter", "spentFen", "reportedBy"], b.spend);
  n += await copyRows(
    w,
    t.dipSettlement,
    [
      "id",
      "poolingArea",
      "year",
      "status",
      "budgetFen",
      "totalPoints",
      "pointValue",
      "runBy",
      "runAt",
      "closedBy",
      "closedAt",
    ],
    b.settlements,
  );
  n += await copyRows(
    w,
    t.dipSettlementLine,
    [
      "settlementId",
      "institutionId",
      "regionCode",
      "points",
      "grossFen",
      "prepaidFen",
      "deductionFen",
      "netFen",
    ],
    b.lines,
  );
  return n;
}
