import type { Database } from "@hsa/db";
import {
  auditHistory,
  createWorkflow,
  importRoutes,
  reportedKeysIn,
  reportingSharedSDL,
  type Workflow,
  workflowResolvers,
  workflowSDL,
} from "@hsa/reporting";
import { badInput, mergeResolvers, requireRegionInScope, type SubgraphContext } from "@hsa/subgraph-kit";
import { purchase, reportEvent, reportImport, reportState, vbpProgress } from "./db/schema";
import { institutionCounty, purchaseFact, vbpProgressFact } from "./facts";
import type { Resolvers } from "./generated/resolvers";
import { importChecks } from "./imports/checks";

export {
  institutionCounty,
  purchaseColumns,
  purchaseFact,
  vbpProgressColumns,
  vbpProgressFact,
} from "./facts";
export { institutionRegions } from "./imports/checks";

export function procurementWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "procurement",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn(
      { table: purchase, regionCode: purchase.regionCode, quarter: purchase.quarter },
      { table: vbpProgress, regionCode: vbpProgress.regionCode, quarter: vbpProgress.quarter },
    ),
    facts: [purchaseFact, vbpProgressFact],
  });
}

// ---------------------------------------------------------------------------------------------
// Audit query

/** The audit history of an institution's procurement figures (optionally one quarter), newest first. */
function procurementAudit(db: Database, institutionId: string, county: string, quarter: string | null) {
  return auditHistory(db, {
    facts: [purchaseFact, vbpProgressFact],
    regionCode: county,
    quarter,
    key: { institutionId },
  });
}

function auditResolvers(db: Database): Resolvers {
  return {
    Query: {
      procurementAudit: (
        _: unknown,
        args: { institutionId: string; quarter?: string | null },
        ctx: SubgraphContext,
      ) => {
        const county = institutionCounty(args.institutionId);
        if (!county) {
          throw badInput(`"${args.institutionId}" is not an institution id like 150724-H-001`, {
            argumentName: "institutionId",
          });
        }
        requireRegionInScope(ctx.principal, county, "institutionId");
        return procurementAudit(db, args.institutionId, county, args.quarter ?? null);
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** Everything the reporting workflow adds to the procurement subgraph. */
export function procurementReporting(db: Database, supervisionUrl: string) {
  const workflow = procurementWorkflow(db);
  return {
    workflow,
    resolvers: mergeResolvers(workflowResolvers(workflow), auditResolvers(db)),
    uploads: importRoutes(db, workflow, [
      purchaseFact.importKind(db, workflow, importChecks(supervisionUrl).purchases) as never,
      vbpProgressFact.importKind(db, workflow, importChecks(supervisionUrl).vbpProgress) as never,
    ]),
  };
}

export const procurementReportingSDL = [reportingSharedSDL, workflowSDL("procurement")];
