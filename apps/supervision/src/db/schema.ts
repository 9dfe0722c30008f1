import { auditTable, reportingTables } from "@hsa/reporting/tables";
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";

/** Everything of this subgraph lives in its own PostgreSQL schema. */
export const supervision = pgSchema("supervision");

export const INSTITUTION_KINDS = ["HOSPITAL", "PHARMACY", "CLINIC", "VILLAGE_CLINIC"] as const;
export const GRADES = ["I", "II", "III"] as const;
export const OWNERSHIPS = ["PUBLIC", "PRIVATE"] as const;
export const AGREEMENT_STATUSES = ["ACTIVE", "SUSPENDED", "TERMINATED"] as const;
export const INSPECTION_KINDS = ["ROUTINE", "SPECIAL", "FLYING", "CROSS"] as const;
export const DISPOSITION_KINDS = [
  "INTERVIEW",
  "RECOVERY",
  "PENALTY",
  "REFUSAL",
  "DEDUCTION",
  "SELF_CORRECTION",
] as const;

export const institutionKind = supervision.enum("institution_kind", INSTITUTION_KINDS);
export const institutionGrade = supervision.enum("institution_grade", GRADES);
export const ownership = supervision.enum("ownership", OWNERSHIPS);
export const agreementStatus = supervision.enum("agreement_status", AGREEMENT_STATUSES);
export const inspectionKind = supervision.enum("inspection_kind", INSPECTION_KINDS);
export const dispositionKind = supervision.enum("disposition_kind", DISPOSITION_KINDS);

/** A designated medical institution or pharmacy (定点医药机构) with its service agreement. */
export const institution = supervision.table(
  "institution",
  {
    /** readable, e.g. "150724-H-001" (county code, kind letter, number) */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: institutionKind("kind").notNull(),
    grade: institutionGrade("grade"),
    ownership: ownership("ownership").notNull(),
    /** the reporting unit (county) it belongs to */
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    agreementStatus: agreementStatus("agreement_status").notNull(),
    agreementStart: date("agreement_start", { mode: "string" }).notNull(),
    agreementEnd: date("agreement_end", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("institution_region_idx").on(t.regionCode, t.id),
    uniqueIndex("institution_region_name_idx").on(t.regionCode, t.name),
    check(
      "institution_agreement_dates",
      sql`${t.agreementEnd} is null or ${t.agreementEnd} >= ${t.agreementStart}`,
    ),
  ],
);

/**
 * The institution's agreement status history (migration 0004): every registration and agreement
 * change, with the date it took effect. The status on a date is the last row effective on or
 * before it (by effective_on, then id). Counts of designated institutions at a quarter's end read
 * it, so a suspension counts from its date on and never rewrites a past quarter.
 */
export const agreementHistory = supervision.table(
  "agreement_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    institutionId: text("institution_id")
      .notNull()
      .references(() => institution.id),
    /** the day this status took effect (a mutation: the day it was made, China time) */
    effectiveOn: date("effective_on", { mode: "string" }).notNull(),
    status: agreementStatus("status").notNull(),
    /** the agreement end date as of this change */
    agreementEnd: date("agreement_end", { mode: "string" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    recordedBy: text("recorded_by").notNull(),
    /** "mutation <name>", "demo", "migration 0004" */
    source: text("source").notNull(),
  },
  (t) => [
    index("agreement_history_institution_idx").on(t.institutionId, t.effectiveOn, t.id),
    /** the few institutions ever suspended: the only ones whose history changes a count */
    index("agreement_history_suspended_idx").on(t.institutionId).where(sql`${t.status} = 'SUSPENDED'`),
  ],
);

/** One inspection of an institution. region_code and quarter are denormalised for the KPI filters. */
export const inspection = supervision.table(
  "inspection",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    institutionId: text("institution_id")
      .notNull()
      .references(() => institution.id),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    inspectedOn: date("inspected_on", { mode: "string" }).notNull(),
    /** quarter of inspected_on, e.g. "2023Q1" */
    quarter: varchar("quarter", { length: 6 }).notNull(),
    kind: inspectionKind("kind").notNull(),
    findings: text("findings").notNull(),
    recordedBy: text("recorded_by").notNull(),
    /** the client's idempotency key: a retried recordInspection with the same key creates nothing */
    requestId: text("request_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("inspection_quarter_region_idx").on(t.quarter, t.regionCode),
    index("inspection_region_order_idx").on(t.regionCode, t.inspectedOn, t.id),
    index("inspection_institution_idx").on(t.institutionId, t.inspectedOn, t.id),
    /** covers the national distinct-inspected count (an index-only scan of the quarters asked) */
    index("inspection_quarter_region_institution_idx").on(t.quarter, t.regionCode, t.institutionId),
    /**
     * The idempotency key / import reference is unique per county (migration 0005), not nationally:
     * a reference used in another county is another inspection, so whether one exists out of scope
     * can never be probed by reusing it.
     */
    uniqueIndex("inspection_region_request_id_idx").on(t.regionCode, t.requestId),
  ],
);

/** What an inspection led to. Money is integer fen; an interview has no amount. */
export const disposition = supervision.table(
  "disposition",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    inspectionId: bigint("inspection_id", { mode: "number" })
      .notNull()
      .references(() => inspection.id),
    kind: dispositionKind("kind").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }),
    note: text("note").notNull().default(""),
  },
  (t) => [
    index("disposition_inspection_idx").on(t.inspectionId),
    check("disposition_amount_non_negative", sql`${t.amountFen} is null or ${t.amountFen} >= 0`),
    check("disposition_interview_no_amount", sql`(${t.kind} = 'INTERVIEW') = (${t.amountFen} is null)`),
  ],
);

/**
 * County × quarter inspection counts, kept by the database (triggers on inspection, migration 0003):
 * inspections and distinct institutions inspected, recomputed from the raw rows for every
 * county-quarter a statement touches.
 */
export const inspectionSummary = supervision.table(
  "inspection_summary",
  {
    quarter: varchar("quarter", { length: 6 }).notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    inspections: integer("inspections").notNull(),
    inspected: integer("inspected").notNull(),
  },
  (t) => [primaryKey({ columns: [t.quarter, t.regionCode] })],
);

/**
 * County × quarter (of the inspection) × institution with an INTERVIEW disposition, kept by the
 * database (the triggers of migration 0003, extended by 0010): the distinct institutions interviewed
 * over a range are counted over these rows.
 */
export const interviewSummary = supervision.table(
  "interview_summary",
  {
    quarter: varchar("quarter", { length: 6 }).notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    institutionId: text("institution_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.quarter, t.regionCode, t.institutionId] }),
    index("interview_summary_institution_idx").on(t.institutionId),
  ],
);

/**
 * Institutions interviewed over any range at every level (nation, province, city, county), as signed
 * rows summed over institutions: kept by the database (triggers on interview_summary, migration 0011,
 * which explains the signs). Read by `distinctInterviewedMany`.
 */
export const interviewLevel = supervision.table(
  "interview_level",
  {
    depth: smallint("depth").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    asOf: varchar("as_of", { length: 6 }).notNull(),
    interviewed: bigint("interviewed", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.depth, t.regionCode, t.quarter, t.asOf] })],
);

/** Each institution's signed rows of `interview_level` (migration 0011), so that a change takes back its old ones. */
export const interviewSpan = supervision.table(
  "interview_span",
  {
    institutionId: text("institution_id").notNull(),
    depth: smallint("depth").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    asOf: varchar("as_of", { length: 6 }).notNull(),
    n: smallint("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.depth, t.regionCode, t.quarter, t.asOf] })],
);

/**
 * County × quarter × disposition kind (quarter and county of the inspection): count and amount in fen,
 * kept by the database (triggers on disposition and inspection, migration 0003).
 */
export const dispositionSummary = supervision.table(
  "disposition_summary",
  {
    quarter: varchar("quarter", { length: 6 }).notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    kind: dispositionKind("kind").notNull(),
    dispositions: integer("dispositions").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    /** distinct institutions with a disposition of this kind (interviews count institutions, migration 0006) */
    institutions: integer("institutions").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.quarter, t.regionCode, t.kind] })],
);

/**
 * Who changed what when (the one audit shape, @hsa/reporting): recorded inspections (kind
 * "inspection", key {id}) and registered or changed institutions (kind "institution", key {id}).
 */
export const auditEvent = auditTable(supervision);

export type InstitutionRow = typeof institution.$inferSelect;
export type InstitutionInsert = typeof institution.$inferInsert;

/** An institution's registered values (no bookkeeping columns): what a registration stores and audits, and the demo copies. */
export const INSTITUTION_VALUES = [
  "id",
  "name",
  "kind",
  "grade",
  "ownership",
  "regionCode",
  "agreementStatus",
  "agreementStart",
  "agreementEnd",
] as const satisfies readonly (keyof InstitutionInsert)[];
export type InspectionRow = typeof inspection.$inferSelect;
export type DispositionRow = typeof disposition.$inferSelect;
export type AgreementHistoryRow = typeof agreementHistory.$inferSelect;

/** The reporting workflow (approval state per county and quarter, its history, imports): @hsa/reporting. */
export const { reportState, reportEvent, reportImport } = reportingTables(supervision);
