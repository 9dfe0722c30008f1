import type { Database } from "@hsa/db";
import {
  createWorkflow,
  importRoutes,
  reportedKeysIn,
  reportingSharedSDL,
  type Workflow,
  workflowResolvers,
  workflowSDL,
} from "@hsa/reporting";
import { inspection, reportEvent, reportImport, reportState } from "./db/schema";
import { inspectionsImport } from "./inspections-import";

export { type InspectionFact, inspectionColumns } from "./inspection-csv";
export { inspectionsImport } from "./inspections-import";

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
  });
}

/** Everything the reporting workflow adds to the supervision subgraph. */
export function supervisionReporting(db: Database) {
  const workflow = supervisionWorkflow(db);
  const kind = inspectionsImport(db, workflow);
  return {
    workflow,
    kind,
    resolvers: workflowResolvers(workflow),
    uploads: importRoutes(db, workflow, [kind as never]),
  };
}

export const supervisionReportingSDL = [reportingSharedSDL, workflowSDL("supervision")];
