import { type Database, regionGroups, rowsOf, toNumber } from "@hsa/db";
import { sql } from "drizzle-orm";
import type { EnrollmentSums } from "../metrics";
import { quarterlyReport } from "./schema";

/**
 * Per-quarter sums over the reporting units of each region in `codes`, for quarters in [from, to],
 * in one statement (a region and all its children at once): code → quarter → sums.
 */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, EnrollmentSums>>> {
  const t = quarterlyReport;
  const g = regionGroups(codes);
  const result = await db.execute(sql`
    select ${g.code} as code, ${t.quarter} as quarter,
      count(*)::text as reports,
      sum(${t.insuredEmployee} + ${t.insuredResident})::text as insured,
      sum(${t.registeredPopulation})::text as population,
      sum(${t.evoucherActivated})::text as activated,
      sum(${t.settlementsTotal})::text as settlements,
      sum(${t.settlementsEvoucher})::text as settlements_evoucher,
      sum(${t.remoteRegistrations})::text as remote_registrations,
      sum(${t.remoteHospitalisations})::text as remote_hospitalisations,
      sum(${t.subsidisedPersons})::text as subsidised,
      (sum(${t.subsidyAmountFen})::numeric / 100)::text as subsidy_yuan
    from ${t} join ${g.table} on ${g.on(t.regionCode)}
    where ${t.quarter} between ${from} and ${to}
    group by 1, 2`);
  const out = new Map<string, Map<string, EnrollmentSums>>(g.codes.map((c) => [c, new Map()]));
  for (const r of rowsOf<Record<string, string>>(result)) {
    out.get(String(r.code))?.set(String(r.quarter), {
      reports: toNumber(r.reports),
      insured: toNumber(r.insured),
      registeredPopulation: toNumber(r.population),
      evoucherActivated: toNumber(r.activated),
      settlementsTotal: toNumber(r.settlements),
      settlementsEvoucher: toNumber(r.settlements_evoucher),
      remoteRegistrations: toNumber(r.remote_registrations),
      remoteHospitalisations: toNumber(r.remote_hospitalisations),
      subsidisedPersons: toNumber(r.subsidised),
      subsidyAmountYuan: toNumber(r.subsidy_yuan),
    });
  }
  return out;
}
