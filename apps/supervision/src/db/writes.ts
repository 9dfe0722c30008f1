import type { Database } from "@hsa/db";
import type { InspectionFacts, InstitutionFacts } from "@hsa/demo-data";
import { baselineRows } from "./registry";
import { agreementHistory, disposition, inspection, institution } from "./schema";

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
