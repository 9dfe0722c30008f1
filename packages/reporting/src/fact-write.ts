import type { Database } from "@hsa/db";
import { badInput, canSee, forbidden, type Principal } from "@hsa/subgraph-kit";
import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { auditEventRow } from "./audit";
import { checkStoredRegions } from "./fact-access";
import { type FactValues, jsonOf } from "./fact-fields";
import { refusedMove } from "./fact-hooks";
import { type FactLock, firstLock, lockedError } from "./fact-locks";
import type { Tx, WriteCounts } from "./import-kind";
import { ImportConflict } from "./import-write";
import { keyOf } from "./report-period";
import type { AuditTable } from "./tables";
import type { Workflow } from "./workflow";
import { approvedError } from "./workflow-transitions";

/**
 * One change as every subgraph audits it: the columns of `audit_event` (tables.ts `auditTable`) that
 * defineFact writes (`auditEventRow`), with the entity key its readers show.
 */
export interface AuditEvent {
  actorSub: string;
  actorName: string;
  /** the caller's roles and scope (null: unknown, e.g. a write without a principal) */
  actorRoles: string[] | null;
  actorScope: string | null;
  /** the mutation or import that changed it, e.g. "reportEnrollment", "importEnrollment" */
  action: string;
  /** the fact kind, e.g. "enrollment", "purchases" */
  kind: string;
  /** the natural key's stored values, e.g. { institutionId: "150724-H-001", quarter: "2024Q1", category: "DRUG" } */
  key: Record<string, string | number | null>;
  /** the natural key as one string, e.g. "purchase:150724-H-001:2024Q1:DRUG" (AuditEntry.entityKey) */
  entityKey: string;
  /** "mutation <name>" or "import <id> (<file>)" */
  source: string;
  /** the import's report_import id (null: a mutation) */
  importId: string | null;
  regionCode: string;
  /** null for a fact outside the county quarterly report (e.g. a budget, a settlement, the registry) */
  quarter: string | null;
  /** the audited values before (null: new) and after, JSON-safe */
  oldValue: Record<string, string | number | null> | null;
  newValue: Record<string, string | number | null>;
}

/** What the writer needs of a fact declaration (see defineFact). */
export interface FactTable {
  noun: string;
  kind: string;
  table: PgTable;
  /** stored properties: the natural key, the region and quarter, every stored value */
  key: readonly string[];
  region: string;
  /** "" for a fact outside the county quarterly report (FactAccess.approval false) */
  quarter: string;
  /** the region properties of a fact keyed by a pool or a budget (FactAccess.regionStored) */
  regionStored?: readonly string[];
  stored: readonly string[];
  /** the values audit rows hold (default: every stored value) */
  audited: readonly string[];
  entityKey(f: FactValues): string;
  /** the kind and key of its audit rows (the key from the written row: generated columns included) */
  auditKind: string;
  auditKey(row: FactValues): Record<string, string | number | null>;
  stamp(actor: { sub: string; name: string }, now: Date): Record<string, unknown>;
  /** `audit_event` of the table's schema, where its changes are audited */
  auditTable: AuditTable;
  locks: readonly FactLock[];
  /** a fact about a stored row: its values update that row, which must exist (FactHooks.upsert false) */
  updateOnly?: boolean;
}

export interface WriteOptions {
  workflow: Workflow;
  /** the caller: whose scope a stored row of another county is checked against */
  principal: Principal | undefined;
  actor: { sub: string; name: string };
  action: string;
  source: string;
  /** the import's report_import id (imports) */
  importId?: string;
  /** an import (conflicts are ImportConflict) or a mutation (FORBIDDEN / the approval error) */
  mode: "mutation" | "import";
  /** the facts' file lines (imports), for errors */
  lines?: readonly number[];
  /** an import that never moves a stored row to another county (FactImportHooks.moves "refuse") */
  refuseMoves?: boolean;
}

/**
 * The audit event of one changed fact: `keyed` is the fact with its written row (the audit key and
 * entity key may read a generated column, FactTable.auditKey).
 */
export function auditEventOf(
  t: FactTable,
  o: WriteOptions,
  f: FactValues,
  keyed: FactValues,
  oldValue: AuditEvent["oldValue"],
  newValue: AuditEvent["newValue"],
): AuditEvent {
  return {
    actorSub: o.actor.sub,
    actorName: o.actor.name,
    actorRoles: o.principal ? [...o.principal.roles] : null,
    actorScope: o.principal?.scope ?? null,
    action: o.action,
    kind: t.auditKind,
    key: t.auditKey(keyed),
    entityKey: t.entityKey(keyed),
    source: o.source,
    importId: o.importId ?? null,
    regionCode: String(f[t.region]),
    quarter: t.quarter ? String(f[t.quarter]) : null,
    oldValue,
    newValue,
  };
}

/**
 * The changed facts of an update-only fact (FactTable.updateOnly) written to their stored rows, one
 * statement each: only the declared values and the stamp change. A fact with no stored row is
 * refused (BAD_USER_INPUT, or a conflict naming its line on an import).
 */
async function updateStored(
  tx: Tx,
  t: FactTable,
  changed: readonly FactValues[],
  olds: readonly (Row | undefined)[],
  o: WriteOptions,
  lineOf: (j: number) => number,
): Promise<Row[]> {
  const cols = columns(t);
  const stamp = t.stamp(o.actor, new Date());
  const out: Row[] = [];
  for (const [j, f] of changed.entries()) {
    if (!olds[j]) {
      const message = `no ${t.noun} ${t.entityKey(f)} is stored: nothing was written`;
      if (o.mode === "import") throw new ImportConflict(`line ${lineOf(j)}: ${message}`);
      throw badInput(message, { problems: [{ field: t.key[0] as string, message }] });
    }
    const set = {
      ...Object.fromEntries(t.stored.filter((p) => !t.key.includes(p)).map((p) => [p, f[p]])),
      ...stamp,
    };
    const where = sql.join(
      t.key.map((k) => sql`${cols[k] as PgColumn} = ${f[k]}`),
      sql` and `,
    );
    const [row] = (await tx.update(t.table).set(set).where(where).returning()) as Row[];
    if (!row) throw new Error(`${t.entityKey(f)}: the locked row was not updated`);
    out.push(row);
  }
  return out;
}

export interface WriteResult extends WriteCounts {
  /** per fact (in order): the stored row after the write and whether it changed */
  rows: { row: Record<string, unknown>; changed: boolean }[];
}

type Row = Record<string, unknown>;

export const STORED_OUTSIDE =
  "该记录已登记在您权限范围外的地区，不能修改 / the stored row of this key belongs to a region outside your scope: not changed";

function columns(t: FactTable): Record<string, PgColumn> {
  return getTableColumns(t.table) as Record<string, PgColumn>;
}

/** Keys looked up in one statement. */
const LOOKUP_BATCH = 2_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const keyString = (t: FactTable, r: Row) => t.key.map((k) => String(r[k])).join("|");

/** The stored rows of the facts' keys (locked for update inside a write), by key. */
export async function storedRows(
  db: Database | Tx,
  t: FactTable,
  facts: readonly FactValues[],
  lock: boolean,
): Promise<Map<string, Row>> {
  const cols = columns(t);
  const keyCols = t.key.map((k) => cols[k] as PgColumn);
  const out = new Map<string, Row>();
  const defs = sql.raw(keyCols.map((c) => `"${c.name}" ${c.getSQLType()}`).join(", "));
  const names = sql.raw(keyCols.map((c) => `k."${c.name}"`).join(", "));
  const tuple = sql.join(
    keyCols.map((c) => sql`${c}`),
    sql`, `,
  );
  // In batches, letting other requests in between (embedded PGlite runs in this thread).
  for (let i = 0; i < facts.length; i += LOOKUP_BATCH) {
    const keys = facts
      .slice(i, i + LOOKUP_BATCH)
      .map((f) => Object.fromEntries(keyCols.map((c, j) => [c.name, f[t.key[j] as string]])));
    const where: SQL = sql`(${tuple}) in (select ${names} from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as k(${defs}))`;
    const q = db.select().from(t.table).where(where);
    const rows = (await (lock ? q.for("update") : q)) as Row[];
    for (const r of rows) out.set(keyString(t, r), r);
    await yieldToEventLoop();
  }
  return out;
}

/** A fact whose key is stored under another county than its own (the write would move the row). */
export interface Moved {
  index: number;
  from: string;
  quarter: string;
}

/** The facts whose stored row lies in another county. */
export function movedRows(t: FactTable, facts: readonly FactValues[], stored: Map<string, Row>): Moved[] {
  if (t.key.includes(t.region)) return [];
  return facts.flatMap((f, index) => {
    const old = stored.get(keyString(t, f));
    return old && old[t.region] !== f[t.region]
      ? [{ index, from: String(old[t.region]), quarter: String(f[t.quarter]) }]
      : [];
  });
}

export interface MovedProblem extends Moved {
  /** the county left is outside the caller's scope (else: its report is approved) */
  outside: boolean;
  reason: string;
}

/**
 * Problems of moved rows: the county a row leaves must be in the caller's scope (else refused, and
 * the message names no county outside it) and its county-quarter must not be approved.
 */
export async function movedProblems(
  db: Database | Tx,
  workflow: Workflow,
  moved: readonly Moved[],
  principal: Principal | undefined,
): Promise<MovedProblem[]> {
  const out: MovedProblem[] = [];
  const inScope: (Moved & { regionCode: string })[] = [];
  for (const m of moved) {
    if (!principal || !canSee(principal, m.from)) out.push({ ...m, outside: true, reason: STORED_OUTSIDE });
    else inScope.push({ ...m, regionCode: m.from });
  }
  const approved = new Set((await workflow.approvedAmong(db, inScope)).map(keyOf));
  for (const m of inScope) {
    if (approved.has(keyOf(m)))
      out.push({
        index: m.index,
        from: m.from,
        quarter: m.quarter,
        outside: false,
        reason: `该记录原属 ${m.from} ${m.quarter}，该季度报表已审核，须先由审核人退回 / the stored row belongs to an approved report (${m.from} ${m.quarter}): an approver must reopen it first`,
      });
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Writes facts inside the caller's transaction: the stored rows of their keys are locked and
 * compared; unchanged facts are not written (counted as unchanged); a row stored under another
 * county is taken over only within the caller's scope and when that report is not approved; every
 * change is upserted (an update-only fact: updated; its row must exist) and audited (old → new). The approval lock of the facts' own county-quarters
 * is the caller's (runImport checks it for a file, the mutation before it calls this).
 */
export async function writeFacts(
  tx: Tx,
  t: FactTable,
  facts: readonly FactValues[],
  o: WriteOptions,
  progress: (done: number) => void = () => {},
): Promise<WriteResult> {
  const cols = columns(t);
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, rows: [] };
  const width = t.stored.length + Object.keys(t.stamp(o.actor, new Date())).length;
  const batchSize = Math.max(1, Math.min(2_000, Math.floor(30_000 / width)));
  for (let i = 0; i < facts.length; i += batchSize) {
    const batch = facts.slice(i, i + batchSize);
    const stored = await storedRows(tx, t, batch, true);
    // a fact keyed by a pool or a budget: its stored regions in scope, never moved (fact-access.ts)
    if (t.regionStored) checkStoredRegions(t, batch, stored, o.principal, t.key[0] as string);
    const moved = t.regionStored ? [] : movedRows(t, batch, stored);
    const move = o.refuseMoves ? moved[0] : undefined;
    if (move) throw refusedMove(o.lines?.[i + move.index] ?? i + move.index + 1);
    const problems = await movedProblems(tx, o.workflow, moved, o.principal);
    const first = problems[0];
    if (first) {
      if (o.mode === "mutation") {
        if (!first.outside) throw approvedError({ regionCode: first.from, quarter: first.quarter });
        throw forbidden(
          `the stored row of this ${t.noun} belongs to a region outside your scope (${o.principal?.scope ?? "none"}): not changed`,
        );
      }
      const line = o.lines?.[i + first.index] ?? i + first.index + 1;
      if (first.outside) throw forbidden(`line ${line}: ${first.reason}`);
      throw new ImportConflict(`line ${line}: ${first.reason}; nothing was written`);
    }
    const leaving = moved.map((m) => ({
      ...(stored.get(keyString(t, batch[m.index] as FactValues)) as FactValues),
    }));
    const locked = await firstLock(tx, t, batch, leaving);
    if (locked) {
      if (o.mode === "mutation") throw lockedError(locked.lock, locked.reason);
      const line = locked.index < 0 ? null : (o.lines?.[i + locked.index] ?? i + locked.index + 1);
      throw new ImportConflict(
        `${line === null ? "" : `line ${line}: `}${locked.reason}; nothing was written`,
      );
    }
    const changed: FactValues[] = [];
    const changedAt: number[] = [];
    const olds: (Row | undefined)[] = [];
    const slots: (Row | number)[] = [];
    // the file line of a changed fact (its position among the facts when no lines were given)
    const lineOf = (j: number) => {
      const at = i + (changedAt[j] as number);
      return o.lines?.[at] ?? at + 1;
    };
    for (const f of batch) {
      const old = stored.get(keyString(t, f));
      const oldJson = old ? jsonOf(old as FactValues, t.stored) : null;
      if (old && JSON.stringify(oldJson) === JSON.stringify(jsonOf(f, t.stored))) {
        result.unchanged++;
        slots.push(old);
        continue;
      }
      if (old) result.updated++;
      else result.inserted++;
      slots.push(changed.length);
      changedAt.push(slots.length - 1);
      changed.push(f);
      olds.push(old);
    }
    let written: Row[] = [];
    if (t.updateOnly) written = await updateStored(tx, t, changed, olds, o, lineOf);
    else if (changed.length) {
      const stamp = t.stamp(o.actor, new Date());
      const values = changed.map((f) => ({
        ...Object.fromEntries(t.stored.map((p) => [p, f[p]])),
        ...stamp,
      }));
      const set = Object.fromEntries(
        [...t.stored.filter((p) => !t.key.includes(p)), ...Object.keys(stamp)].map((p) => [
          p,
          sql.raw(`excluded."${(cols[p] as PgColumn).name}"`),
        ]),
      );
      written = (await tx
        .insert(t.table)
        .values(values)
        .onConflictDoUpdate({ target: t.key.map((k) => cols[k] as PgColumn), set })
        .returning()) as Row[];
    }
    const byKey = new Map(written.map((r) => [keyString(t, r), r]));
    if (changed.length) {
      // audited once the rows are written: the audit key may hold a generated column (FactTable.auditKey)
      const audits = changed.map((f, j) => {
        const old = olds[j];
        return auditEventRow(
          auditEventOf(
            t,
            o,
            f,
            { ...(byKey.get(keyString(t, f)) as FactValues), ...f },
            old ? jsonOf(old as FactValues, t.audited) : null,
            jsonOf(f, t.audited),
          ),
        );
      });
      await tx.insert(t.auditTable).values(audits);
    }
    for (const s of slots)
      result.rows.push(
        typeof s === "number"
          ? { row: byKey.get(keyString(t, changed[s] as FactValues)) as Row, changed: true }
          : { row: s, changed: false },
      );
    progress(Math.min(i + batchSize, facts.length));
    await yieldToEventLoop();
  }
  return result;
}
