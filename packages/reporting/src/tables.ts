import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  type PgSchema,
  primaryKey,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";

export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * The reporting tables of one subgraph, created in its own PostgreSQL schema (each subgraph owns
 * the approval state of its own domain, so an import and an approval check run in one transaction):
 *
 * - `report_state`: one row per county (reporting unit) and quarter once anything happened to it;
 *   no row means DRAFT, never submitted.
 * - `report_event`: every workflow step (submit, approve, reopen) with who, when and why.
 * - `report_import`: every CSV import that wrote something (audit rows point to it).
 */
export function reportingTables(schema: PgSchema) {
  const reportState = schema.table(
    "report_state",
    {
      regionCode: varchar("region_code", { length: 6 }).notNull(),
      quarter: varchar("quarter", { length: 6 }).notNull(),
      status: varchar("status", { length: 16 }).$type<ReportStatus>().notNull(),
      /** first submission: what timeliness (received on time) is measured on */
      firstSubmittedAt: timestamp("first_submitted_at", { withTimezone: true }),
      submittedAt: timestamp("submitted_at", { withTimezone: true }),
      submittedBy: text("submitted_by"),
      approvedAt: timestamp("approved_at", { withTimezone: true }),
      approvedBy: text("approved_by"),
      reopenedAt: timestamp("reopened_at", { withTimezone: true }),
      reopenedBy: text("reopened_by"),
      reopenReason: text("reopen_reason"),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [
      primaryKey({ columns: [t.regionCode, t.quarter] }),
      index("report_state_quarter_idx").on(t.quarter, t.regionCode),
      check("report_state_status", sql`${t.status} in ('DRAFT', 'SUBMITTED', 'APPROVED')`),
    ],
  );
  const reportEvent = schema.table(
    "report_event",
    {
      id: bigserial("id", { mode: "number" }).primaryKey(),
      at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
      regionCode: varchar("region_code", { length: 6 }).notNull(),
      quarter: varchar("quarter", { length: 6 }).notNull(),
      action: varchar("action", { length: 16 }).notNull(),
      fromStatus: varchar("from_status", { length: 16 }).$type<ReportStatus>().notNull(),
      toStatus: varchar("to_status", { length: 16 }).$type<ReportStatus>().notNull(),
      actorSub: text("actor_sub").notNull(),
      actorName: text("actor_name").notNull(),
      reason: text("reason"),
    },
    (t) => [index("report_event_region_quarter_idx").on(t.regionCode, t.quarter)],
  );
  const reportImport = schema.table("report_import", {
    id: text("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    sha256: text("sha256").notNull(),
    encoding: text("encoding").notNull(),
    rows: integer("rows").notNull(),
    inserted: integer("inserted").notNull(),
    updated: integer("updated").notNull(),
    unchanged: integer("unchanged").notNull(),
    actorSub: text("actor_sub").notNull(),
    actorName: text("actor_name").notNull(),
  });
  return { reportState, reportEvent, reportImport };
}

/**
 * The one audit shape of every subgraph, `audit_event` in its own schema: one row per change of a
 * stored fact (or of another audited entity) — who (token subject, name, roles and scope), when,
 * what (the fact kind and its natural key as JSON, the county and quarter it belongs to), old → new
 * values as JSON, and where it came from (a mutation, or an import named by its `report_import` id).
 * `defineFact` writes it; `auditHistory` reads it. Created by `sql/audit-event.sql`.
 */
export function auditTable(schema: PgSchema) {
  return schema.table(
    "audit_event",
    {
      id: bigserial("id", { mode: "number" }).primaryKey(),
      occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
      actorSub: text("actor_sub").notNull(),
      actorName: text("actor_name").notNull(),
      /** the token's roles and scope at the time (null on rows from before audit_event) */
      actorRoles: text("actor_roles").array(),
      actorScope: varchar("actor_scope", { length: 6 }),
      /** the mutation or import, e.g. "reportEnrollment", "importPurchases" */
      action: text("action").notNull(),
      /** the fact kind (its import kind, e.g. "enrollment", "purchases") or another audited entity */
      kind: text("kind").notNull(),
      /** the natural key, e.g. {"institutionId":"150724-H-001","quarter":"2024Q1","category":"DRUG"} */
      key: jsonb("key").$type<Record<string, string | number | null>>().notNull(),
      /** the county (reporting unit) and quarter the change belongs to (null: not tied to one) */
      regionCode: varchar("region_code", { length: 6 }),
      quarter: varchar("quarter", { length: 6 }),
      oldValue: jsonb("old_value").$type<Record<string, unknown> | null>(),
      newValue: jsonb("new_value").$type<Record<string, unknown>>().notNull(),
      /** "mutation <name>" or "import <id> (<file>)"; null on rows from before the reporting workflow */
      source: text("source"),
      /** the import's `report_import` id (null: not an import) */
      importId: text("import_id"),
    },
    (t) => [index("audit_event_region_quarter_idx").on(t.regionCode, t.quarter)],
  );
}

export type AuditTable = ReturnType<typeof auditTable>;
export type AuditEventRow = AuditTable["$inferSelect"];

export type ReportingTables = ReturnType<typeof reportingTables>;
export type ReportStateRow = ReportingTables["reportState"]["$inferSelect"];
export type ReportEventRow = ReportingTables["reportEvent"]["$inferSelect"];
export type ReportImportRow = ReportingTables["reportImport"]["$inferSelect"];
