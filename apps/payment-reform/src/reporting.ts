// The reporting workflow of issue 7 for the payment-reform subgraph (domain "payment"): approval of
// each county's quarterly DIP case report, the CSV import `dip-cases` (declared in src/facts/dip-cases.ts), and the audit of
// a figure. Global budgets, their spend and the year-end settlements are not county quarterly
// reports: they stay outside the workflow (see README.md, "Reporting data in").
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
import { mergeResolvers, type SubgraphContext } from "@hsa/subgraph-kit";
import { dipCaseAggregate, reportEvent, reportImport, reportState } from "./db/schema";
import { dipCaseFact, dipCaseImportCheck } from "./facts/dip-cases";
import type { Resolvers } from "./generated/resolvers";
import { requireInstitutionIdInScope } from "./resolvers/guards";

export { countyOfInstitution, dipCaseColumns, dipCaseFact } from "./facts/dip-cases";

/** The approval workflow of the payment domain: one report per county (the institutions' county) and quarter. */
export function paymentWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "payment",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn({
      table: dipCaseAggregate,
      regionCode: dipCaseAggregate.regionCode,
      quarter: dipCaseAggregate.quarter,
    }),
    facts: [dipCaseFact],
  });
}

function auditResolvers(db: Database): Resolvers {
  return {
    Query: {
      dipCaseAudit: async (
        _: unknown,
        args: { institutionId: string; quarter?: string | null; groupCode?: string | null },
        ctx: SubgraphContext,
      ) => {
        // decided from the id alone: an id outside the scope answers alike whether it exists or not
        requireInstitutionIdInScope(ctx, args.institutionId, "institutionId");
        // an institution's DIP case figures, newest first (at most 200), labelled "dip_case:<institution>:<quarter>:<group>"
        return auditHistory(db, {
          facts: [dipCaseFact],
          key: {
            institutionId: args.institutionId,
            ...(args.quarter ? { quarter: args.quarter } : {}),
            ...(args.groupCode ? { groupCode: args.groupCode } : {}),
          },
        });
      },
    },
  };
}

/** Everything the reporting workflow adds to the payment subgraph. */
export function paymentReporting(db: Database, { supervisionUrl }: { supervisionUrl: string }) {
  const workflow = paymentWorkflow(db);
  return {
    workflow,
    resolvers: mergeResolvers(workflowResolvers(workflow), auditResolvers(db)),
    uploads: importRoutes(db, workflow, [
      dipCaseFact.importKind(db, workflow, dipCaseImportCheck(supervisionUrl)) as never,
    ]),
  };
}

export const paymentReportingSDL = [reportingSharedSDL, workflowSDL("payment")];
