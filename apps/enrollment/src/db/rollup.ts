import { type Database, regionGroups, rowsOf } from "@hsa/db";
import { readSums, type Sums } from "@hsa/kpi";
import { sql } from "drizzle-orm";
import { type EnrollmentSumName, enrollmentSums } from "../metrics";
import { quarterlyReport } from "./schema";

/**
 * Per-quarter sums over the reporting units of each region in `codes`, for quarters in [from, to],
 * in one statement (a region and all its children at once): code → quarter → the named sums
 * declared in ../metrics (each column is aliased by its sum's name).
 */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, Sums<EnrollmentSumName>>>> {
  const t = quarterlyReport;
  const g = regionGroups(codes);
  const result = await db.execute(sql`
    select ${g.code} as code, ${t.quarter} as quarter,
      count(*)::text as "reports",
      sum(${t.insuredEmployee})::text as "insuredEmployee",
      sum(${t.insuredResident})::text as "insuredResident",
      sum(${t.registeredPopulation})::text as "registeredPopulation",
      sum(${t.evoucherActivated})::text as "evoucherActivated",
      sum(${t.settlementsTotal})::text as "settlementsTotal",
      sum(${t.settlementsEvoucher})::text as "settlementsEvoucher",
      sum(${t.remoteRegistrations})::text as "remoteRegistrations",
      sum(${t.remoteHospitalisations})::text as "remoteHospitalisations",
      sum(${t.subsidisedPersons})::text as "subsidisedPersons",
      (sum(${t.subsidyAmountFen})::numeric / 100)::text as "subsidyAmountYuan"
    from ${t} join ${g.table} on ${g.on(t.regionCode)}
    where ${t.quarter} between ${from} and ${to}
    group by 1, 2`);
  const out = new Map<string, Map<string, Sums<EnrollmentSumName>>>(g.codes.map((c) => [c, new Map()]));
  for (const r of rowsOf<Record<string, string>>(result)) {
    out.get(String(r.code))?.set(String(r.quarter), readSums(enrollmentSums, r));
  }
  return out;
}
