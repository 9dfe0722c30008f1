import type { Database } from "@hsa/db";
import { regionSubtree } from "@hsa/db";
import type { Sums } from "@hsa/kpi";
import { and, asc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import { type EnrollmentSumName, readReportSums } from "../metrics";
import {
  type QuarterlyReportInsert,
  type QuarterlyReportRow,
  quarterlyReport,
  type RemoteRegistrationRow,
  remoteRegistration,
} from "./schema";

/** The enrollment rows of a region's subtree. */
export function subtreeCondition(regionCode: string): SQL | undefined {
  return regionSubtree(quarterlyReport.regionCode, regionCode);
}

/**
 * Per-quarter named sums (../metrics) of the quarterly reports of a region's reporting units, for
 * quarters in [from, to] (the remote registrations by scheme: db/rollup.ts).
 */
export async function sumsByQuarter(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<Map<string, Partial<Sums<EnrollmentSumName>>>> {
  const t = quarterlyReport;
  const rows = await db
    .select({
      quarter: t.quarter,
      reports: sql<string>`count(*)::text`,
      insuredEmployee: sql<string>`sum(${t.insuredEmployee})::text`,
      insuredResident: sql<string>`sum(${t.insuredResident})::text`,
      registeredPopulation: sql<string>`sum(${t.registeredPopulation})::text`,
      evoucherActivated: sql<string>`sum(${t.evoucherActivated})::text`,
      settlementsTotal: sql<string>`sum(${t.settlementsTotal})::text`,
      settlementsEvoucher: sql<string>`sum(${t.settlementsEvoucher})::text`,
      remoteRegistrations: sql<string>`sum(${t.remoteRegistrations})::text`,
      remoteHospitalisations: sql<string>`sum(${t.remoteHospitalisations})::text`,
      subsidisedPersons: sql<string>`sum(${t.subsidisedPersons})::text`,
      subsidyAmountYuan: sql<string>`(sum(${t.subsidyAmountFen})::numeric / 100)::text`,
    })
    .from(t)
    .where(and(subtreeCondition(regionCode), gte(t.quarter, from), lte(t.quarter, to)))
    .groupBy(t.quarter);
  const out = new Map<string, Partial<Sums<EnrollmentSumName>>>();
  for (const r of rows) out.set(r.quarter, readReportSums(r));
  return out;
}

export async function getReport(
  db: Database,
  regionCode: string,
  quarter: string,
): Promise<QuarterlyReportRow | null> {
  const rows = await db
    .select()
    .from(quarterlyReport)
    .where(and(eq(quarterlyReport.regionCode, regionCode), eq(quarterlyReport.quarter, quarter)));
  return rows[0] ?? null;
}

export async function listReports(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<QuarterlyReportRow[]> {
  return db
    .select()
    .from(quarterlyReport)
    .where(
      and(
        eq(quarterlyReport.regionCode, regionCode),
        gte(quarterlyReport.quarter, from),
        lte(quarterlyReport.quarter, to),
      ),
    )
    .orderBy(asc(quarterlyReport.quarter));
}

/** Bulk load (demo data, imports): inserts rows that are not there yet, in batches. Returns rows inserted. */
export async function insertMissing(
  db: Database,
  rows: QuarterlyReportInsert[],
  batchSize = 2000,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const res = await db
      .insert(quarterlyReport)
      .values(batch)
      .onConflictDoNothing()
      .returning({ q: quarterlyReport.quarter });
    inserted += res.length;
  }
  return inserted;
}

/** A county's remote-care registrations by scheme in [from, to], by quarter and scheme. */
export async function listRegistrations(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<RemoteRegistrationRow[]> {
  const t = remoteRegistration;
  return db
    .select()
    .from(t)
    .where(and(eq(t.regionCode, regionCode), gte(t.quarter, from), lte(t.quarter, to)))
    .orderBy(asc(t.quarter), asc(t.scheme));
}
