import { type Database, regionSubtree } from "@hsa/db";
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { getTableConfig, type PgTable, pgSchema } from "drizzle-orm/pg-core";
import type { Fact } from "./define-fact";
import type { AuditEvent } from "./fact-write";
import { type AuditEventRow, type AuditTable, auditTable } from "./tables";

const auditTables = new Map<string, AuditTable>();

/** `audit_event` of the schema a table lives in (one table object per schema). */
export function auditTableOf(table: PgTable): AuditTable {
  const { schema, name } = getTableConfig(table);
  if (!schema) throw new Error(`table ${name} lives in no schema: audit_event needs one`);
  let t = auditTables.get(schema);
  if (!t) {
    t = auditTable(pgSchema(schema));
    auditTables.set(schema, t);
  }
  return t;
}

/** An audit event as an audit_event row (its entity key is not stored: readers get it from the fact). */
export const auditEventRow = ({ entityKey: _label, ...e }: AuditEvent): AuditTable["$inferInsert"] => e;

/** At most this many entries per answer (newest first). */
export const AUDIT_LIMIT = 200;

export interface AuditQuery {
  /** whose changes: these facts' kinds (of one subgraph, all written to its audit_event) */
  facts?: readonly Fact[];
  /** and these other audited kinds (changes that are not facts, e.g. a registered institution) */
  kinds?: readonly string[];
  /** the audit_event read: default the facts' (needed when only `kinds` are given) */
  table?: AuditTable;
  /** entries of exactly this region (a county) */
  regionCode?: string;
  /** entries anywhere in this region's subtree */
  within?: string;
  /** only this quarter (null or absent: every quarter) */
  quarter?: string | null;
  /** natural-key values every entry has, e.g. { institutionId: "150724-H-001" } */
  key?: Record<string, string>;
  /** default AUDIT_LIMIT */
  limit?: number;
}

/** One audit entry as the subgraphs' `<Domain>AuditEntry` types show it. */
export interface AuditEntry {
  id: string;
  /** ISO time of the change */
  at: string;
  actorSub: string;
  actorName: string;
  actorRoles: string[] | null;
  actorScope: string | null;
  action: string;
  kind: string;
  /** the fact's entity key, e.g. "purchase:150724-H-001:2024Q1:DRUG" (Fact.entityKey of the row's key) */
  entityKey: string;
  /** the row's key values, e.g. { institutionId: "150724-H-001", quarter: "2024Q1", category: "DRUG" } */
  key: Record<string, string | number | null>;
  regionCode: string | null;
  quarter: string | null;
  /** the values before (null: new) and after, as JSON text */
  oldValue: string | null;
  newValue: string;
  source: string | null;
  importId: string | null;
}

/** An audit_event row as an AuditEntry; `label` names its entity (Fact.entityKey of its kind). */
export function auditEntryOf(r: AuditEventRow, label: (r: AuditEventRow) => string): AuditEntry {
  return {
    id: String(r.id),
    at: r.occurredAt.toISOString(),
    actorSub: r.actorSub,
    actorName: r.actorName,
    actorRoles: r.actorRoles,
    actorScope: r.actorScope,
    action: r.action,
    kind: r.kind,
    entityKey: label(r),
    key: r.key,
    regionCode: r.regionCode,
    quarter: r.quarter,
    oldValue: r.oldValue === null ? null : JSON.stringify(r.oldValue),
    newValue: JSON.stringify(r.newValue),
    source: r.source,
    importId: r.importId,
  };
}

/**
 * The audit history of some facts (and other audited kinds) in a region (optionally one quarter, optionally entries whose
 * natural key holds given values), newest first, at most `limit` entries: the one reader of
 * `audit_event` behind every subgraph's `<domain>Audit` field. Scope is the caller's to check.
 */
export async function auditHistory(db: Database, q: AuditQuery): Promise<AuditEntry[]> {
  const facts = q.facts ?? [];
  const table = q.table ?? facts[0]?.auditTable;
  if (!table) throw new Error("auditHistory: no audit_event to read (name the facts or the table)");
  const schema = getTableConfig(table).schema;
  if (facts.some((f) => getTableConfig(f.auditTable).schema !== schema))
    throw new Error("auditHistory reads facts audited in one audit_event (one subgraph's schema)");
  const byKind = new Map(facts.map((f) => [f.auditKind, f]));
  const kinds = [...byKind.keys(), ...(q.kinds ?? [])];
  if (!kinds.length) return [];
  const where: (SQL | undefined)[] = [
    inArray(table.kind, kinds),
    q.regionCode === undefined ? undefined : eq(table.regionCode, q.regionCode),
    q.within === undefined ? undefined : regionSubtree(table.regionCode, q.within),
    q.quarter ? eq(table.quarter, q.quarter) : undefined,
    q.key ? sql`${table.key} @> ${JSON.stringify(q.key)}::jsonb` : undefined,
  ];
  const rows = await db
    .select()
    .from(table)
    .where(and(...where))
    .orderBy(desc(table.id))
    .limit(q.limit ?? AUDIT_LIMIT);
  return rows.map((r) =>
    auditEntryOf(r, (row) => {
      const fact = byKind.get(row.kind);
      return fact ? fact.entityKey(row.key) : `${row.kind}:${Object.values(row.key).join(":")}`;
    }),
  );
}
