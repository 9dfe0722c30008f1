import { forbidden } from "@hsa/subgraph-kit";
import { getTableColumns, inArray, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { auditEventRow } from "./audit";
import { checkStoredRegions, requireStoredInScope } from "./fact-access";
import type { ChildrenDeclaration } from "./fact-children";
import { type FactValues, jsonOf } from "./fact-fields";
import { firstLock, lockedError } from "./fact-locks";
import {
  auditEventOf,
  type FactTable,
  type Moved,
  type MovedProblem,
  movedProblems,
  storedRows,
  type WriteOptions,
  type WriteResult,
} from "./fact-write";
import type { Tx } from "./import-kind";
import { ImportConflict } from "./import-write";
import { approvedError } from "./workflow-transitions";

/** A parent fact carries its children under a symbol (kept by object spread, not by JSON). */
const CHILDREN: unique symbol = Symbol("children");
type WithChildren = FactValues & { [CHILDREN]?: FactValues[] };

/** The children a parent fact carries (none when not set). */
export function childrenOf(f: FactValues): FactValues[] {
  return (f as WithChildren)[CHILDREN] ?? [];
}

/** Attaches children to a parent fact (kept by object spread, not by JSON). */
export function withChildren<T extends FactValues>(f: T, children: readonly FactValues[]): T {
  (f as WithChildren)[CHILDREN] = [...children];
  return f;
}

type Row = Record<string, unknown>;
type Json = Record<string, string | number | null>;

export const keyString = (t: FactTable, r: Row) => t.key.map((k) => String(r[k])).join("|");
const hasKey = (t: FactTable, r: Row) => t.key.every((k) => r[k] !== null && r[k] !== undefined);
const BATCH = 500;

/** What the writer needs of a child collection (fact-children.ts). */
export interface ChildWriter {
  d: ChildrenDeclaration;
  t: FactTable;
  /** the children's stored properties */
  stored: readonly string[];
  json(kids: readonly FactValues[]): Json[];
  /** the children as a multiset (order ignored) */
  multiset(kids: readonly FactValues[]): string;
  /** facts whose stored row lies in another county or quarter (not the unchanged ones) */
  movedOf(facts: readonly FactValues[], old: Map<string, Row>, unchanged?: readonly boolean[]): Moved[];
}

/** The refusal of a write whose stored row leaves a county-quarter out of scope or approved. */
function movedError(first: MovedProblem, o: WriteOptions, noun: string, line: number): Error {
  if (o.mode === "mutation") {
    if (!first.outside) return approvedError({ regionCode: first.from, quarter: first.quarter });
    return forbidden(
      `the stored row of this ${noun} belongs to a region outside your scope (${o.principal?.scope ?? "none"}): not changed`,
    );
  }
  if (first.outside) return forbidden(`line ${line}: ${first.reason}`);
  return new ImportConflict(`line ${line}: ${first.reason}; nothing was written`);
}

async function storedChildren(
  d: ChildrenDeclaration,
  db: Tx,
  ids: readonly unknown[],
): Promise<Map<unknown, Row[]>> {
  const cols = getTableColumns(d.table) as Record<string, PgColumn>;
  const out = new Map<unknown, Row[]>();
  if (ids.length === 0) return out;
  const rows = (await db
    .select()
    .from(d.table)
    .where(inArray(cols[d.parentRef] as PgColumn, [...ids]))
    .orderBy(cols[d.order] as PgColumn)) as Row[];
  for (const r of rows) out.set(r[d.parentRef], [...(out.get(r[d.parentRef]) ?? []), r]);
  return out;
}

/**
 * Per batch: the stored parents of the keys (locked) and their children; a change that moves a
 * stored parent out of its county-quarter needs that one in scope and not approved; the lock rules;
 * then unchanged parents (same values, the same children in any order) are left alone, new and
 * changed ones upserted, their children replaced, and each audited old → new with its children.
 */
export async function writeWithChildren(
  c: ChildWriter,
  tx: Tx,
  facts: readonly FactValues[],
  o: WriteOptions,
  progress: (done: number) => void = () => {},
  keepStored = false,
): Promise<WriteResult> {
  const { d, t, stored, json, multiset, movedOf } = c;
  const pcols = getTableColumns(t.table) as Record<string, PgColumn>;
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, rows: [] };
  for (let i = 0; i < facts.length; i += BATCH) {
    const batch = facts.slice(i, i + BATCH);
    const parents = await storedRows(
      tx,
      t,
      batch.filter((f) => hasKey(t, f)),
      true,
    );
    const olds = batch.map((f) => (hasKey(t, f) ? parents.get(keyString(t, f)) : undefined));
    const oldKids = await storedChildren(
      d,
      tx,
      olds.flatMap((r) => (r ? [r[d.parentId]] : [])),
    );
    const kidsOf = (r: Row) => (oldKids.get(r[d.parentId]) ?? []) as FactValues[];
    const same = batch.map((f, j) => {
      const old = olds[j];
      if (!old) return false;
      if (keepStored) return true;
      return (
        JSON.stringify(jsonOf(old as FactValues, t.stored)) === JSON.stringify(jsonOf(f, t.stored)) &&
        multiset(kidsOf(old)) === multiset(childrenOf(f))
      );
    });
    // a parent keyed by a pool: its stored regions in scope and never moved; children of their own regions in scope
    if (t.regionStored) checkStoredRegions(t, batch, parents, o.principal, t.key[0] as string);
    if (d.region) childRegionsInScope(d, d.region, batch, olds, kidsOf, o);
    const problems = await movedProblems(tx, o.workflow, movedOf(batch, parents, same), o.principal);
    if (problems[0]) {
      const at = i + problems[0].index;
      throw movedError(problems[0], o, t.noun, o.lines?.[at] ?? at + 1);
    }
    const locked = await firstLock(tx, t, batch);
    if (locked) {
      if (o.mode === "mutation") throw lockedError(locked.lock, locked.reason);
      const line = o.lines?.[i + locked.index] ?? i + locked.index + 1;
      throw new ImportConflict(`line ${line}: ${locked.reason}; nothing was written`);
    }
    const changed: number[] = [];
    batch.forEach((_, j) => {
      if (same[j]) result.unchanged++;
      else {
        changed.push(j);
        if (olds[j]) result.updated++;
        else result.inserted++;
      }
    });
    // the parents: upserted by key in one statement; those without a key (e.g. no idempotency key) one by one
    const stamp = t.stamp(o.actor, new Date());
    const valuesOf = (f: FactValues) => ({
      ...Object.fromEntries(t.stored.map((p) => [p, f[p]])),
      ...stamp,
    });
    const set = Object.fromEntries(
      [...t.stored.filter((p) => !t.key.includes(p)), ...Object.keys(stamp)].map((p) => [
        p,
        sql.raw(`excluded."${(pcols[p] as PgColumn).name}"`),
      ]),
    );
    const written = new Map<number, Row>();
    const keyed = changed.filter((j) => hasKey(t, batch[j] as FactValues));
    if (keyed.length) {
      const rows = (await tx
        .insert(t.table)
        .values(keyed.map((j) => valuesOf(batch[j] as FactValues)))
        .onConflictDoUpdate({ target: t.key.map((k) => pcols[k] as PgColumn), set })
        .returning()) as Row[];
      const byKey = new Map(rows.map((r) => [keyString(t, r), r]));
      for (const j of keyed) written.set(j, byKey.get(keyString(t, batch[j] as FactValues)) as Row);
    }
    for (const j of changed.filter((j) => !hasKey(t, batch[j] as FactValues))) {
      const [row] = (await tx
        .insert(t.table)
        .values(valuesOf(batch[j] as FactValues))
        .returning()) as Row[];
      written.set(j, row as Row);
    }
    // their children, replaced as a whole
    const ccols = getTableColumns(d.table) as Record<string, PgColumn>;
    const replaced = changed.flatMap((j) => (olds[j] ? [(olds[j] as Row)[d.parentId]] : []));
    if (replaced.length) await tx.delete(d.table).where(inArray(ccols[d.parentRef] as PgColumn, replaced));
    const kidRows = changed.flatMap((j) =>
      childrenOf(batch[j] as FactValues).map((k) => ({
        ...Object.fromEntries(stored.map((p) => [p, k[p]])),
        [d.parentRef]: (written.get(j) as Row)[d.parentId],
      })),
    );
    const newKids = new Map<unknown, Row[]>();
    for (let k = 0; k < kidRows.length; k += 5_000) {
      const part = (await tx
        .insert(d.table)
        .values(kidRows.slice(k, k + 5_000))
        .returning()) as Row[];
      for (const r of part) newKids.set(r[d.parentRef], [...(newKids.get(r[d.parentRef]) ?? []), r]);
    }
    const orderOf = (r: Row) => r[d.order] as number | bigint | string;
    for (const list of newKids.values()) list.sort((a, b) => (orderOf(a) < orderOf(b) ? -1 : 1));
    // audited with the children, once the parents' generated ids are known
    const audits = changed.map((j) => {
      const f = batch[j] as FactValues;
      const old = olds[j];
      const row = written.get(j) as Row;
      return auditEventRow(
        auditEventOf(
          t,
          o,
          f,
          { ...f, ...(row as FactValues) },
          old ? withList(d, jsonOf(old as FactValues, t.audited), json(kidsOf(old))) : null,
          withList(d, jsonOf(f, t.audited), json(childrenOf(f))),
        ),
      );
    });
    for (let k = 0; k < audits.length; k += 1_000)
      await tx.insert(t.auditTable).values(audits.slice(k, k + 1_000));
    batch.forEach((_, j) => {
      const w = written.get(j);
      const row = w
        ? { ...w, [d.name]: newKids.get(w[d.parentId]) ?? [] }
        : { ...(olds[j] as Row), [d.name]: kidsOf(olds[j] as Row) };
      result.rows.push({ row, changed: w !== undefined });
    });
    progress(Math.min(i + BATCH, facts.length));
  }
  return result;
}

/**
 * The regions of the stored children of the parents a write addresses and of the new ones: in the
 * caller's scope, else FORBIDDEN (ChildrenDeclaration.region), even when nothing would change.
 */
function childRegionsInScope(
  d: ChildrenDeclaration,
  region: string,
  batch: readonly FactValues[],
  olds: readonly (Row | undefined)[],
  kidsOf: (r: Row) => FactValues[],
  o: WriteOptions,
): void {
  batch.forEach((f, j) => {
    const old = olds[j];
    const regions = [...(old ? kidsOf(old) : []), ...childrenOf(f)].map((k) => String(k[region]));
    requireStoredInScope(o.principal, new Set(regions), `cannot write this ${d.noun}`, d.name);
  });
}

/** Audit values with the children's list (JSON, like the parent's values). */
function withList(d: ChildrenDeclaration, values: Json, list: Json[]): Json {
  return { ...values, [d.name]: list } as unknown as Json;
}
