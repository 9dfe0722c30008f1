import { bulkLoad, copyRows, type Database } from "@hsa/db";
import { demoSupervision } from "@hsa/demo-data";
import { countInstitutions } from "./db/queries";
import { baselineRows } from "./db/registry";
import { agreementHistory, disposition, INSTITUTION_VALUES, inspection, institution } from "./db/schema";

export const DEMO_REPORTER = "demo-data";

/**
 * Loads the demo dataset (institutions with their agreement history, inspections, dispositions of
 * every reporting unit: whole registries in 内蒙古, 湖南 and 青海, a sample elsewhere — see
 * @hsa/demo-data) into an empty supervision database by COPY, in one transaction; a database that
 * already holds institutions is left alone (a second start reuses the data). Returns the rows
 * inserted (institutions + inspections + dispositions; history rows not counted, as `insertDemo`).
 */
export async function loadSupervisionDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
  opts: { scope?: string } = {},
): Promise<{ inserted: number; skipped: boolean }> {
  if ((await countInstitutions(db)) > 0) return { inserted: 0, skipped: true };
  const data = demoSupervision({ scope: opts.scope });
  const dispositions = data.inspections.reduce((s, i) => s + i.dispositions.length, 0);
  const total = data.institutions.length + data.inspections.length + dispositions;
  const inserted = await bulkLoad(db, async (w) => {
    // Inspections numbered here (the table is empty), so their dispositions can name them. Asked
    // before any COPY: an `exec` sends the rows copied so far, and this way every row of the load is
    // sent together after the last progress line (one COPY per table, see `bulkLoad`).
    const [first] = await w.exec(
      `select nextval(pg_get_serial_sequence('supervision.inspection', 'id'))::int as id`,
    );
    const base = Number(first?.id ?? 1);
    let done = await copyRows(w, institution, INSTITUTION_VALUES, data.institutions);
    await copyRows(
      w,
      agreementHistory,
      ["institutionId", "effectiveOn", "status", "agreementEnd", "recordedBy", "source"],
      baselineRows(data.institutions, DEMO_REPORTER, "demo"),
    );
    onProgress?.(done, total);
    done += await copyRows(
      w,
      inspection,
      ["id", "institutionId", "regionCode", "inspectedOn", "quarter", "kind", "findings", "recordedBy"],
      data.inspections.map(({ dispositions: _d, ...i }, k) => ({
        ...i,
        id: base + k,
        recordedBy: DEMO_REPORTER,
      })),
    );
    done += await copyRows(
      w,
      disposition,
      ["inspectionId", "kind", "amountFen", "note"],
      data.inspections.flatMap((i, k) => i.dispositions.map((d) => ({ ...d, inspectionId: base + k }))),
    );
    onProgress?.(done, total);
    if (data.inspections.length > 0) {
      await w.exec(
        `select setval(pg_get_serial_sequence('supervision.inspection', 'id'), ${base + data.inspections.length - 1})`,
      );
    }
    return done;
  });
  return { inserted, skipped: false };
}
