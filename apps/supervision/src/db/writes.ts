import type { Database } from "@hsa/db";
import type { InspectionFacts, InstitutionFacts } from "@hsa/demo-data";
import { getInspectionByReference, type InspectionWithDispositions } from "./queries";
import { type Actor, baselineRows } from "./registry";
import {
  agreementHistory,
  auditLog,
  type DispositionRow,
  disposition,
  type InspectionRow,
  inspection,
  institution,
} from "./schema";

export interface NewInspection {
  institutionId: string;
  regionCode: string;
  inspectedOn: string;
  quarter: string;
  kind: InspectionRow["kind"];
  findings: string;
  requestId: string | null;
  dispositions: { kind: DispositionRow["kind"]; amountFen: bigint | null; note: string }[];
}

export function inspectionJson(i: NewInspection | InspectionWithDispositions) {
  return {
    institutionId: i.institutionId,
    regionCode: i.regionCode,
    inspectedOn: i.inspectedOn,
    quarter: i.quarter,
    kind: i.kind,
    findings: i.findings,
    requestId: i.requestId,
    dispositions: i.dispositions.map((d) => ({
      kind: d.kind,
      amountFen: d.amountFen === null ? null : d.amountFen.toString(),
      note: d.note,
    })),
  };
}

/**
 * Writes an inspection, all its dispositions and its audit row in one transaction (all or nothing).
 * With a requestId already used in the institution's county, writes nothing and returns the stored
 * inspection (created: false). A requestId used in another county is another inspection's key: it
 * does not collide (unique per county), so it can reveal nothing outside the caller's scope.
 */
export async function recordInspection(
  db: Database,
  input: NewInspection,
  actor: Actor,
  /** runs first inside the transaction, e.g. the check that the county-quarter's report is not approved */
  guard?: (tx: Parameters<Parameters<Database["transaction"]>[0]>[0]) => Promise<void>,
): Promise<{ inspection: InspectionWithDispositions; created: boolean }> {
  return db.transaction(async (tx) => {
    await guard?.(tx);
    const t = tx as unknown as Database;
    const [row] = await tx
      .insert(inspection)
      .values({
        institutionId: input.institutionId,
        regionCode: input.regionCode,
        inspectedOn: input.inspectedOn,
        quarter: input.quarter,
        kind: input.kind,
        findings: input.findings,
        recordedBy: actor.sub,
        requestId: input.requestId,
      })
      .onConflictDoNothing({ target: [inspection.regionCode, inspection.requestId] })
      .returning();
    if (!row) {
      // The same requestId was recorded before in this county (a retried submission): return what is stored.
      const existing =
        input.requestId === null
          ? null
          : await getInspectionByReference(t, input.regionCode, input.requestId);
      if (!existing) throw new Error("inspection insert returned no row");
      return { inspection: existing, created: false };
    }
    const dispositions =
      input.dispositions.length === 0
        ? []
        : await tx
            .insert(disposition)
            .values(input.dispositions.map((d) => ({ ...d, inspectionId: row.id })))
            .returning();
    await tx.insert(auditLog).values({
      actorSub: actor.sub,
      actorName: actor.name,
      action: "recordInspection",
      source: "mutation recordInspection",
      entity: "inspection",
      entityId: String(row.id),
      regionCode: row.regionCode,
      oldValue: null,
      newValue: inspectionJson(input),
    });
    return { inspection: { ...row, dispositions }, created: true };
  });
}

/**
 * Bulk load (demo data, tests): institutions, then inspections with their dispositions, in batches.
 * Every new institution gets its agreement history (`baselineRows`). Returns the rows inserted
 * (institutions + inspections + dispositions; history rows not counted).
 */
export async function insertDemo(
  db: Database,
  data: { institutions: InstitutionFacts[]; inspections: InspectionFacts[] },
  recordedBy: string,
  onProgress?: (done: number, total: number) => void,
  batchSize = 2000,
): Promise<number> {
  let inserted = 0;
  const total = data.institutions.length + data.inspections.length;
  for (let k = 0; k < data.institutions.length; k += batchSize) {
    const batch = data.institutions.slice(k, k + batchSize);
    const res = await db
      .insert(institution)
      .values(batch)
      .onConflictDoNothing()
      .returning({ id: institution.id });
    inserted += res.length;
    // Their agreement history: the demo status as in effect since the agreement start.
    const fresh = new Set(res.map((r) => r.id));
    const history = baselineRows(
      batch.filter((i) => fresh.has(i.id)),
      recordedBy,
      "demo",
    );
    if (history.length > 0) await db.insert(agreementHistory).values(history);
    onProgress?.(Math.min(k + batchSize, data.institutions.length), total);
  }
  for (let k = 0; k < data.inspections.length; k += batchSize) {
    const batch = data.inspections.slice(k, k + batchSize);
    const ids = await db
      .insert(inspection)
      .values(batch.map(({ dispositions: _d, ...i }) => ({ ...i, recordedBy })))
      .returning({ id: inspection.id });
    // bigserial ids are drawn in VALUES order; sorting makes the pairing independent of RETURNING's order.
    ids.sort((a, b) => a.id - b.id);
    const disp = batch.flatMap((ins, j) =>
      ins.dispositions.map((d) => ({ ...d, inspectionId: (ids[j] as { id: number }).id })),
    );
    if (disp.length > 0) await db.insert(disposition).values(disp);
    inserted += ids.length + disp.length;
    onProgress?.(data.institutions.length + Math.min(k + batchSize, data.inspections.length), total);
  }
  return inserted;
}
