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
import { quarterlyReport, remoteRegistration, reportEvent, reportImport, reportState } from "./db/schema";
import { enrollmentFact } from "./fact";
import { remoteRegistrationFact } from "./remote-registration";

/** The declared facts of enrollment, in the order of the registry's import kinds. */
export const enrollmentFacts = [enrollmentFact, remoteRegistrationFact] as const;

export function enrollmentWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "enrollment",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn(
      ...[quarterlyReport, remoteRegistration].map((t) => ({
        table: t,
        regionCode: t.regionCode,
        quarter: t.quarter,
      })),
    ),
    facts: enrollmentFacts,
  });
}

/** The documented CSV layout of enrollment figures (one row per county and quarter). */
export const enrollmentColumns: readonly ColumnSpec[] = enrollmentFact.columns;

/** Everything the reporting workflow adds to the enrollment subgraph. */
export function enrollmentReporting(db: Database) {
  const workflow = enrollmentWorkflow(db);
  return {
    workflow,
    resolvers: mergeResolvers(
      workflowResolvers(workflow),
      ...enrollmentFacts.map((f) => f.resolvers(db, workflow)),
    ),
    uploads: importRoutes(
      db,
      workflow,
      enrollmentFacts.map((f) => f.importKind(db, workflow) as never),
    ),
  };
}

export const enrollmentReportingSDL = [
  reportingSharedSDL,
  workflowSDL("enrollment"),
  ...enrollmentFacts.map((f) => f.sdl),
];
