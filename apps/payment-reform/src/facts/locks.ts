// The closed-settlement-year lock (README "Reporting data in"): once a pool's DIP settlement of a
// year is CLOSED, the figures it was computed from are locked until an admin reopens it. One
// definition (a FactLock) for every declared fact it locks: DIP cases, the POOL budget, a settlement run.
import type { Database } from "@hsa/db";
import type { FactLock, FactValues } from "@hsa/reporting";
import { and, eq, or } from "drizzle-orm";
import { poolingAreaOf, type Tx } from "../db/queries";
import { dipSettlement } from "../db/schema";

const pairKey = (pool: string, year: number) => `${pool}:${year}`;

function closedReason(pool: string, year: number): string {
  return `${pool} ${year} 年 DIP 清算已关闭，须由管理员重新打开 / the DIP settlement of ${pool} for ${year} is closed; an admin must reopen it`;
}

/** The closed (pool, year) pairs among these, read FOR SHARE (inside a write: closing waits for it). */
async function closedPairs(
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

/**
 * The closed-year lock of facts that name a pool-year (`pairOf`; null: a fact this lock does not
 * concern), refusals reported on `field`: for new facts and the stored rows they move.
 */
export function closedLock(
  field: string,
  pairOf: (f: FactValues) => { pool: string; year: number } | null,
): FactLock {
  return {
    field,
    async locked(db, values) {
      const pairs = values.map(pairOf);
      const closed = await closedPairs(
        db,
        pairs.filter((p) => p !== null),
      );
      return pairs.flatMap((p, index) =>
        p && closed.has(pairKey(p.pool, p.year)) ? [{ index, reason: closedReason(p.pool, p.year) }] : [],
      );
    },
  };
}

/** DIP case facts (and stored rows they move) of a closed pool-year are locked; reported on `quarter`. */
export const closedYearLock = closedLock("quarter", (f) => ({
  pool: poolOf(f),
  year: Number(String(f.quarter).slice(0, 4)),
}));
