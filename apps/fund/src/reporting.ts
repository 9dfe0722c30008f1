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
import { mergeResolvers } from "@hsa/subgraph-kit";
import {
  assistance,
  fundBalance,
  outpatientPooling,
  remoteSettlement,
  reportEvent,
  reportImport,
  reportState,
} from "./db/schema";
import { fundFacts, fundFactsSDL } from "./facts";

/** The approval workflow of the fund domain: one report per county and quarter, made of its four facts. */
export function fundWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "fund",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn(
      ...[fundBalance, remoteSettlement, outpatientPooling, assistance].map((t) => ({
        table: t,
        regionCode: t.regionCode,
        quarter: t.quarter,
      })),
    ),
    // Query.fundReportLayouts: the import help (and forms) of the four facts come from the graph
    facts: fundFacts,
  });
}

/** Everything the reporting workflow adds to the fund subgraph: approval, the four mutations and imports. */
export function fundReporting(db: Database) {
  const workflow = fundWorkflow(db);
  return {
    workflow,
    resolvers: mergeResolvers(
      workflowResolvers(workflow),
      ...fundFacts.map((f) => f.resolvers(db, workflow)),
    ),
    uploads: importRoutes(
      db,
      workflow,
      fundFacts.map((f) => f.importKind(db, workflow) as never),
    ),
  };
}

export const fundReportingSDL = [reportingSharedSDL, workflowSDL("fund"), ...fundFactsSDL];
