import type { Database } from "@hsa/db";
import { bulkLoad, copyRows, toNumber } from "@hsa/db";
import { demoEnrollment, demoRemoteRegistrations, type RemoteRegistrationFacts } from "@hsa/demo-data";
import { sql } from "drizzle-orm";
import { quarterlyReport, remoteRegistration } from "./db/schema";

export const DEMO_REPORTER = "demo-data";

/**
 * Loads the demo dataset (every reporting unit of the country) into an empty enrollment database
 * by COPY, in one transaction per table: the quarterly reports, and the remote-care registrations by
 * scheme. A table that already holds rows is left alone (a second start reuses the data; a database
 * from before the registrations gets them on its next start). Returns the rows inserted.
 */
export async function loadEnrollmentDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; skipped: boolean }> {
  const count = async (t: typeof quarterlyReport | typeof remoteRegistration) => {
    const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(t);
    return toNumber(row?.n);
  };
  let inserted = 0;
  let skipped = true;
  if ((await count(quarterlyReport)) === 0) {
    const rows = demoEnrollment().map((f) => ({ ...f, reportedBy: DEMO_REPORTER }));
    inserted += await bulkLoad(db, (w) =>
      copyRows(
        w,
        quarterlyReport,
        [
          "regionCode",
          "quarter",
          "insuredEmployee",
          "insuredResident",
          "registeredPopulation",
          "evoucherActivated",
          "settlementsTotal",
          "settlementsEvoucher",
          "remoteRegistrations",
          "remoteHospitalisations",
          "subsidisedPersons",
          "subsidyAmountFen",
          "reportedBy",
        ],
        rows,
      ),
    );
    skipped = false;
  }
  if ((await count(remoteRegistration)) === 0) {
    inserted += await insertRemoteRegistrations(db, demoRemoteRegistrations());
    skipped = false;
  }
  if (!skipped) onProgress?.(inserted, inserted);
  return { inserted, skipped };
}

/** COPYs remote-care registrations (demo facts) into their table in one transaction. Returns the rows inserted. */
export async function insertRemoteRegistrations(
  db: Database,
  facts: readonly RemoteRegistrationFacts[],
  reporter = DEMO_REPORTER,
): Promise<number> {
  if (!facts.length) return 0;
  const rows = facts.map((f) => ({ ...f, reportedBy: reporter }));
  return bulkLoad(db, (w) =>
    copyRows(w, remoteRegistration, ["regionCode", "quarter", "scheme", "registrations", "reportedBy"], rows),
  );
}
