// Lock rules of a declared fact besides the approval of a county-quarter (e.g. a closed settlement
// year): the rule, the first one a write runs into, and a mutation's refusal by one.
import type { Database } from "@hsa/db";
import { badInput } from "@hsa/subgraph-kit";
import type { FactValues } from "./fact-fields";
import type { FactTable } from "./fact-write";
import type { Tx } from "./import-kind";

/**
 * A lock rule besides the approval of a county-quarter (e.g. a closed settlement year): a write of
 * a locked fact, or one that moves a stored row out of a locked one, is refused.
 */
export interface FactLock {
  /** the input field a refusal is reported on */
  field: string;
  /** the locked ones among these values (stored rows or new facts), by index, with the reason */
  locked(db: Database | Tx, values: readonly FactValues[]): Promise<{ index: number; reason: string }[]>;
}

/** A mutation's refusal by a lock rule (BAD_USER_INPUT on the lock's field, with its reason). */
export function lockedError(lock: FactLock, reason: string) {
  return badInput(reason, { problems: [{ field: lock.field, message: reason }] });
}

/**
 * Refuses values a lock rule holds (lockedError), for a resolver that checks a fact's lock before it
 * computes the fact (e.g. a closed settlement year); the fact's write checks it again.
 */
export async function refuseLocked(db: Database | Tx, lock: FactLock, values: FactValues): Promise<void> {
  const [hit] = await lock.locked(db, [values]);
  if (hit) throw lockedError(lock, hit.reason);
}

/** The first lock a write of these facts (and of the stored rows they move) runs into. */
export async function firstLock(
  db: Database | Tx,
  t: FactTable,
  facts: readonly FactValues[],
  movedFrom: readonly FactValues[] = [],
): Promise<{ lock: FactLock; index: number; reason: string } | null> {
  const all = [...facts, ...movedFrom];
  for (const lock of t.locks) {
    const [hit] = await lock.locked(db, all);
    if (hit) return { lock, index: hit.index < facts.length ? hit.index : -1, reason: hit.reason };
  }
  return null;
}
