// Write options of a declared fact beyond the reported fields (issue 16): values the subgraph
// derives before writing, hooks inside the write's transaction before (completing the facts) and
// after it (rows that reference the written ones), facts about a stored row (update only), and
// imports that never move a stored row to another county.
import { forbidden } from "@hsa/subgraph-kit";
import type { FactValues } from "./fact-fields";
import type { WriteResult } from "./fact-write";
import type { Tx } from "./import-kind";

export interface FactHooks {
  /**
   * Stored properties the subgraph computes rather than reads (e.g. DIP points = cases × score ×
   * coefficient, from the catalogue): set on every fact before it is written — by the import's
   * `check` for a CSV row, by the subgraph's resolver before `writeMutation`. They are stored,
   * compared for idempotency and upserted like the fields.
   */
  derived?: readonly string[];
  /**
   * Runs inside the write's transaction, after the approval lock and before the facts are written
   * (both paths): e.g. registering the entity a first report makes known. It may return the facts
   * completed with values only the transaction can give (e.g. an id allocated under a lock); they are
   * then the ones written. A throw writes nothing.
   */
  beforeWrite?(
    tx: Tx,
    facts: readonly FactValues[],
    actor: { sub: string; name: string },
    // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing (most do) completes nothing
  ): Promise<void | readonly FactValues[]>;
  /**
   * Runs inside the write's transaction once the facts are written and audited, with each fact's
   * stored row and whether it changed: for rows a change brings with it that reference the written
   * row (e.g. a registry's dated agreement history). A throw writes nothing.
   */
  afterWrite?(tx: Tx, written: readonly WrittenFact[], actor: { sub: string; name: string }): Promise<void>;
  /**
   * false: a fact about a stored row (e.g. an institution's agreement status, a settlement's status):
   * its values update the row of its key, which must exist (else BAD_USER_INPUT), and the row's other
   * columns stay as they are. Default: upserted by its key.
   */
  upsert?: false;
}

/** A fact as written: its values, its stored row after the write and whether the write changed it. */
export interface WrittenFact {
  fact: FactValues;
  row: Record<string, unknown>;
  changed: boolean;
}

export interface FactImportHooks {
  /**
   * "refuse": an import never moves a stored row to another county — a stored row of a key under
   * another county stops the whole import with FORBIDDEN (HTTP 403), whether that county is in the
   * caller's scope or not. Default "scoped": moved within the scope, unless that report is approved.
   */
  moves?: "scoped" | "refuse";
}

export const REFUSED_MOVE =
  "该记录已登记在其他县，导入不会在县之间移动数据 / the stored figures of this key are recorded under another county; an import never moves figures between counties: nothing was written";

/** The refusal of an import that would move a stored row (see FactImportHooks.moves). */
export function refusedMove(line: number) {
  return forbidden(`line ${line}: ${REFUSED_MOVE}`);
}

/**
 * The facts to write after `beforeWrite`: the ones it returned, which must be the same facts
 * completed — as many, in the same order, with the same values of the properties already checked
 * (the region, the quarter, the regions a stored row names), else a programming error.
 */
export function completedFacts(
  facts: readonly FactValues[],
  /** what beforeWrite returned (nothing: the facts as they are) */
  returned: unknown,
  checked: readonly string[],
  kind: string,
): readonly FactValues[] {
  if (!Array.isArray(returned)) return facts;
  const completed = returned as readonly FactValues[];
  const changed = (a: FactValues, b: FactValues) => checked.find((p) => String(a[p]) !== String(b[p]));
  const bad =
    completed.length !== facts.length
      ? "another number of facts"
      : completed.map((c, i) => changed(facts[i] as FactValues, c)).find((p) => p !== undefined);
  if (bad)
    throw new Error(
      `fact "${kind}": beforeWrite returned ${bad.includes(" ") ? bad : `another ${bad}`}: it may only complete the facts`,
    );
  return completed;
}

/** Each fact with its stored row after the write and whether it changed (FactHooks.afterWrite). */
export function writtenFacts(facts: readonly FactValues[], r: WriteResult): WrittenFact[] {
  return facts.map((fact, i) => {
    const w = r.rows[i] as { row: Record<string, unknown>; changed: boolean };
    return { fact, row: w.row, changed: w.changed };
  });
}
