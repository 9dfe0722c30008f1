import { auditTable, reportingTables } from "@hsa/reporting/tables";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";

/** Everything of this subgraph lives in its own PostgreSQL schema. */
export const enrollment = pgSchema("enrollment");

/**
 * One county's (reporting unit's) enrollment figures for one quarter. Stocks (persons, population,
 * activated e-vouchers) are end-of-quarter values; flows (settlements, remote care, subsidies) are
 * counts within the quarter. Money is integer fen.
 */
export const quarterlyReport = enrollment.table(
  "quarterly_report",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    insuredEmployee: integer("insured_employee").notNull(),
    insuredResident: integer("insured_resident").notNull(),
    registeredPopulation: integer("registered_population").notNull(),
    evoucherActivated: integer("evoucher_activated").notNull(),
    settlementsTotal: integer("settlements_total").notNull(),
    settlementsEvoucher: integer("settlements_evoucher").notNull(),
    remoteRegistrations: integer("remote_registrations").notNull(),
    remoteHospitalisations: integer("remote_hospitalisations").notNull(),
    subsidisedPersons: integer("subsidised_persons").notNull(),
    subsidyAmountFen: bigint("subsidy_amount_fen", { mode: "bigint" }).notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter] }),
    index("quarterly_report_quarter_idx").on(t.quarter, t.regionCode),
    check(
      "quarterly_report_non_negative",
      sql`least(${t.insuredEmployee}, ${t.insuredResident}, ${t.registeredPopulation}, ${t.evoucherActivated}, ${t.settlementsTotal}, ${t.settlementsEvoucher}, ${t.remoteRegistrations}, ${t.remoteHospitalisations}, ${t.subsidisedPersons}) >= 0 and ${t.subsidyAmountFen} >= 0`,
    ),
    check("quarterly_report_evoucher_settlements", sql`${t.settlementsEvoucher} <= ${t.settlementsTotal}`),
  ],
);

/** 职工 (employee) or 居民 (urban-rural resident) basic medical insurance. */
export type Scheme = "EMPLOYEE" | "RESIDENT";

/**
 * One county's remote-care registrations (异地就医备案) of one scheme filed in one quarter: every
 * registration for care outside the pooling area (relocated retirees, long-term residents elsewhere,
 * referrals, temporary stays), in person-times. Broader than the quarterly report's
 * `remote_registrations`, which counts the registered ones among the hospitalisations outside the
 * pooling area (the registration rate's numerator).
 */
export const remoteRegistration = enrollment.table(
  "remote_registration",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    scheme: varchar("scheme", { length: 8 }).$type<Scheme>().notNull(),
    registrations: integer("registrations").notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter, t.scheme] }),
    index("remote_registration_quarter_idx").on(t.quarter, t.regionCode),
    check("remote_registration_scheme", sql`${t.scheme} in ('EMPLOYEE', 'RESIDENT')`),
    check("remote_registration_non_negative", sql`${t.registrations} >= 0`),
  ],
);

export type RemoteRegistrationRow = typeof remoteRegistration.$inferSelect;

export type QuarterlyReportRow = typeof quarterlyReport.$inferSelect;
export type QuarterlyReportInsert = typeof quarterlyReport.$inferInsert;

/** The reporting workflow (approval state per county and quarter, its history, imports): @hsa/reporting. */
export const { reportState, reportEvent, reportImport } = reportingTables(enrollment);

/** Who changed which figure when (old → new): the one audit shape of @hsa/reporting. */
export const auditEvent = auditTable(enrollment);
