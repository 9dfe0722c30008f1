import type { Database } from "@hsa/db";
import {
  type ColumnSpec,
  createWorkflow,
  importRoutes,
  reportedKeysIn,
  reportingSharedSDL,
  type Workflow,
  workflowResolvers,
  workflowSDL,
} from "@hsa/reporting";
import { mergeResolvers } from "@hsa/subgraph-kit";
import { quarterlyReport, reportEvent, reportImport, reportState } from "./db/schema";
import { enrollmentFact } from "./fact";

export function enrollmentWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "enrollment",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn({
      table: quarterlyReport,
      regionCode: quarterlyReport.regionCode,
      quarter: quarterlyReport.quarter,
    }),
    facts: [enrollmentFact],
  });
}

/** The documented CSV layout of enrollment figures (one row per county and quarter). */
export const enrollmentColumns: readonly ColumnSpec[] = enrollmentFact.columns;

/** Everything the reporting workflow adds to the enrollment subgraph. */
export function enrollmentReporting(db: Database) {
  const workflow = enrollmentWorkflow(db);
  return {
    workflow,
    resolvers: mergeResolvers(workflowResolvers(workflow), enrollmentFact.resolvers(db, workflow)),
    uploads: importRoutes(db, workflow, [enrollmentFact.importKind(db, workflow) as never]),
  };
}

export const enrollmentReportingSDL = [reportingSharedSDL, workflowSDL("enrollment"), enrollmentFact.sdl];
