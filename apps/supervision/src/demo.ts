import type { Database } from "@hsa/db";
import { demoSupervision } from "@hsa/demo-data";
import { countInstitutions } from "./db/queries";
import { insertDemo } from "./db/writes";

export const DEMO_REPORTER = "demo-data";

/**
 * Loads the demo dataset (institutions, inspections, dispositions of 内蒙古, 湖南 and 青海) into an
 * empty supervision database in one transaction; a database that already holds institutions is
 * left alone (a second start reuses the data). Returns the rows inserted.
 */
export async function loadSupervisionDemo(
  db: Database,
  onProgress?: (done: number, total: number) => void,
): Promise<{ inserted: number; skipped: boolean }> {
  if ((await countInstitutions(db)) > 0) return { inserted: 0, skipped: true };
  const data = demoSupervision();
  const inserted = await db.transaction((tx) =>
    insertDemo(tx as unknown as Database, data, DEMO_REPORTER, onProgress),
  );
  return { inserted, skipped: false };
}
