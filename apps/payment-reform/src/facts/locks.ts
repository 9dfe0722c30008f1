// The closed-settlement-year lock (README "Reporting data in"): once a pool's DIP settlement of a
// year is CLOSED, the figures it was computed from are locked until an admin reopens it. One
// definition for the declared facts (a FactLock) and for the commands (settlement, POOL budget).
import type { Database } from "@hsa/db";
import type { FactLock, FactValues } from "@hsa/reporting";
import { badInput } from "@hsa/subgraph-kit";
import { and, eq, or } from "drizzle-orm";
import { poolingAreaOf, type Tx } from "../db/queries";
import { dipSettlement } from "../db/schema";

const pairKey = (pool: string, year: number) => `${pool}:${year}`;

export function closedReason(pool: string, year: number): string {
  return `${pool} ${year} 年 DIP 清算已关闭，须由管理员重新打开 / the DIP settlement of ${pool} for ${year} is closed; an admin must reopen it`;
}

/** The closed (pool, year) pairs among these, read FOR SHARE (inside a write: closing waits for it). */
export async function closedPairs(
  db: Database | Tx,
  pairs: readonly { pool: string; year: number }[],
): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const s = dipSettlement;
  const unique = [...new Map(pairs.map((p) => [pairKey(p.pool, p.year), p])).values()];
  const rows = await db
    .select({ poolingArea: s.poolingArea, year: s.year })
    .from(s)
    .where(
      and(
        or(...unique.map((p) => and(eq(s.poolingArea, p.pool), eq(s.year, p.year)))),
        eq(s.status, "CLOSED"),
      ),
    )
    .for("share");
  return new Set(rows.map((r) => pairKey(r.poolingArea, r.year)));
}

/** A fact's pool: its stored pooling area, else (a CSV row not yet resolved) its county's. */
const poolOf = (f: FactValues) =>
  f.poolingArea ? String(f.poolingArea) : poolingAreaOf(String(f.regionCode));

/** DIP case facts (and stored rows they move) of a closed pool-year are locked; reported on `quarter`. */
export const closedYearLock: FactLock = {
  field: "quarter",
  async locked(db, values) {
    const keyed = values.map((f) => ({ pool: poolOf(f), year: Number(String(f.quarter).slice(0, 4)) }));
    const closed = await closedPairs(db, keyed);
    return keyed.flatMap((p, index) =>
      closed.has(pairKey(p.pool, p.year)) ? [{ index, reason: closedReason(p.pool, p.year) }] : [],
    );
  },
};

/** The same lock for a command on one pool-year: BAD_USER_INPUT until an admin reopens it. */
export async function refuseClosed(tx: Database | Tx, pool: string, year: number, field: string) {
  if ((await closedPairs(tx, [{ pool, year }])).size) {
    throw badInput(`the DIP settlement of ${pool} for ${year} is closed; an admin must reopen it`, {
      problems: [{ field, message: `${pool} ${year} is closed` }],
    });
  }
}
