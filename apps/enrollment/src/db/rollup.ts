import { type Database, levelGroups, levelTable, regionGroups, rowsOf } from "@hsa/db";
import type { Sums } from "@hsa/kpi";
import { sql } from "drizzle-orm";
import { type EnrollmentSumName, readReportSums } from "../metrics";
import { reportLevel } from "./levels";
import { remoteRegistration } from "./schema";

/** code → quarter → named sums (a quarter without rows of a fact has none of its sums). */
type ByRegion = Map<string, Map<string, Partial<Sums<EnrollmentSumName>>>>;

/**
 * Per-quarter sums over the reporting units of each region in `codes`, for quarters in [from, to],
 * in one statement (a region and all its children at once): code → quarter → the named sums
 * declared in ../metrics (each column is aliased by its sum's name). Reads each region's own rows of
 * the level aggregate the database keeps on every write (`enrollment.report_level`, ./levels): a
 * national quarter is one row, not the sum of ≈2,900 county reports.
 */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
  opts: { registrations?: boolean } = {},
): Promise<ByRegion> {
  const g = levelGroups(codes);
  const result = await db.execute(sql`
    select ${g.code} as code, lv.quarter as quarter,
      lv.source_rows::text as "reports",
      lv.insured_employee::text as "insuredEmployee",
      lv.insured_resident::text as "insuredResident",
      lv.registered_population::text as "registeredPopulation",
      lv.evoucher_activated::text as "evoucherActivated",
      lv.settlements_total::text as "settlementsTotal",
      lv.settlements_evoucher::text as "settlementsEvoucher",
      lv.remote_registrations::text as "remoteRegistrations",
      lv.remote_hospitalisations::text as "remoteHospitalisations",
      lv.subsidised_persons::text as "subsidisedPersons",
      (lv.subsidy_amount_fen::numeric / 100)::text as "subsidyAmountYuan"
    from ${levelTable(reportLevel)} lv join ${g.table} on ${g.on(sql`lv`)}
    where lv.quarter between ${from} and ${to}`);
  const out: ByRegion = new Map(g.codes.map((c) => [c, new Map()]));
  for (const r of rowsOf<Record<string, string>>(result)) {
    out.get(String(r.code))?.set(String(r.quarter), readReportSums(r));
  }
  if (opts.registrations) await addRegistrations(db, codes, from, to, out);
  return out;
}

/**
 * Adds the remote-care registrations by scheme (enrollment.remote_registration, a fact of its own)
 * to the sums, in one statement for every region asked: only when a requested KPI reads them. A
 * region × quarter without such rows has none of these sums (those KPIs are NO_DATA there).
 */
async function addRegistrations(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
  out: ByRegion,
): Promise<void> {
  const g = regionGroups(codes);
  const t = remoteRegistration;
  const result = await db.execute(sql`
    select ${g.code} as code, ${t.quarter} as quarter,
      sum(${t.registrations}) filter (where ${t.scheme} = 'EMPLOYEE')::text as "remoteRegistrationsEmployee",
      sum(${t.registrations}) filter (where ${t.scheme} = 'RESIDENT')::text as "remoteRegistrationsResident"
    from ${t} join ${g.table} on ${g.on(t.regionCode)}
    where ${t.quarter} between ${from} and ${to}
    group by 1, 2`);
  for (const r of rowsOf<Record<string, string>>(result)) {
    const byQuarter = out.get(String(r.code));
    if (!byQuarter) continue;
    const q = String(r.quarter);
    // a scheme no county of the region filed has no figure (NO_DATA), not 0
    const sums = { ...byQuarter.get(q) };
    if (r.remoteRegistrationsEmployee != null)
      sums.remoteRegistrationsEmployee = Number(r.remoteRegistrationsEmployee);
    if (r.remoteRegistrationsResident != null)
      sums.remoteRegistrationsResident = Number(r.remoteRegistrationsResident);
    byQuarter.set(q, sums);
  }
}
