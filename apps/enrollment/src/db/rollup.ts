import { type Database, levelGroups, levelTable, rowsOf } from "@hsa/db";
import { readSums, type Sums } from "@hsa/kpi";
import { sql } from "drizzle-orm";
import { type EnrollmentSumName, enrollmentSums } from "../metrics";
import { reportLevel } from "./levels";

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
): Promise<Map<string, Map<string, Sums<EnrollmentSumName>>>> {
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
  const out = new Map<string, Map<string, Sums<EnrollmentSumName>>>(g.codes.map((c) => [c, new Map()]));
  for (const r of rowsOf<Record<string, string>>(result)) {
    out.get(String(r.code))?.set(String(r.quarter), readSums(enrollmentSums, r));
  }
  return out;
}
