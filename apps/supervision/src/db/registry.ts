import type { Database } from "@hsa/db";
import { asc, eq } from "drizzle-orm";
import { type AgreementEvent, type AgreementState, baselineHistory } from "./agreement";
import { agreementHistory } from "./schema";

// The registry's writes (registerInstitution, updateInstitutionAgreement) are declared facts:
// ../facts/registry.ts. These are the agreement history helpers they, the demo load and reads share.

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The agreement history of one institution in recording order. */
export async function historyOf(db: Database | Tx, institutionId: string): Promise<AgreementEvent[]> {
  return db
    .select({ effectiveOn: agreementHistory.effectiveOn, status: agreementHistory.status })
    .from(agreementHistory)
    .where(eq(agreementHistory.institutionId, institutionId))
    .orderBy(asc(agreementHistory.id));
}

/** History rows to insert for institutions loaded without one (demo data): `baselineHistory`. */
export function baselineRows(
  rows: readonly (AgreementState & { id: string })[],
  recordedBy: string,
  source: string,
) {
  return rows.flatMap((r) =>
    baselineHistory(r).map((e) => ({ ...e, institutionId: r.id, recordedBy, source })),
  );
}
