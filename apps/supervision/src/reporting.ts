import type { Database } from "@hsa/db";
import {
  createWorkflow,
  importRoutes,
  reportedKeysIn,
  reportingSharedSDL,
  type Workflow,
  withChildren,
  workflowResolvers,
  workflowSDL,
} from "@hsa/reporting";
import type { SubgraphContext } from "@hsa/subgraph-kit";
import type { DispositionRow, InspectionRow } from "./db/schema";
import { inspection, reportEvent, reportImport, reportState } from "./db/schema";
import { inspectionFact } from "./facts";

export { inspectionColumns, inspectionFact } from "./facts";

/** The approval workflow of supervision reports: one per county (the inspected institution's) and quarter. */
export function supervisionWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "supervision",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn({
      table: inspection,
      regionCode: inspection.regionCode,
      quarter: inspection.quarter,
    }),
    facts: [inspectionFact],
  });
}

/** Everything the reporting workflow adds to the supervision subgraph. */
export function supervisionReporting(db: Database) {
  const workflow = supervisionWorkflow(db);
  const kind = inspectionFact.importKind(db, workflow);
  return {
    workflow,
    kind,
    resolvers: workflowResolvers(workflow),
    uploads: importRoutes(db, workflow, [kind as never]),
  };
}

export const supervisionReportingSDL = [reportingSharedSDL, workflowSDL("supervision"), inspectionFact.sdl];

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
