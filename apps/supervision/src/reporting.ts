import type { Database } from "@hsa/db";
import { defineReporting, withChildren } from "@hsa/reporting";
import type { SubgraphContext } from "@hsa/subgraph-kit";
import type { DispositionRow, InspectionRow } from "./db/schema";
import { inspection, reportEvent, reportImport, reportState } from "./db/schema";
import { inspectionFact } from "./facts";

export { inspectionColumns, inspectionFact } from "./facts";

/**
 * What the reporting workflow adds to the supervision subgraph: one report per county (the inspected
 * institution's) and quarter, made of its inspections; their import. recordInspection's SDL is the
 * declared fact's, its resolver the subgraph's own (the institution decides the county).
 */
export const supervisionReporting = defineReporting({
  domain: "supervision",
  tables: { reportState, reportEvent, reportImport },
  reported: [inspection],
  layouts: [inspectionFact],
  imports: [inspectionFact],
  sdl: [inspectionFact.sdl],
});
export const supervisionWorkflow = supervisionReporting.workflow;
export const supervisionReportingSDL = supervisionReporting.sdl;

/** An inspection as stored: its values and its dispositions (amounts in fen). */
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

/**
 * Writes an inspection with its dispositions through recordInspection's writer (one transaction,
 * approval lock, audit) without the API's checks: for tests and tools that hold valid values.
 */
export async function recordInspectionRow(
  db: Database,
  input: NewInspection,
  actor: { sub: string; name: string },
) {
  const { dispositions, ...values } = input;
  const ctx = { principal: { ...actor, scope: "000000", roles: ["reporter"] } } as unknown as SubgraphContext;
  const written = await inspectionFact.writeMutation(
    db,
    supervisionWorkflow(db),
    ctx,
    [withChildren({ ...values }, dispositions)],
    "recordInspection",
  );
  return written.rows[0];
}
