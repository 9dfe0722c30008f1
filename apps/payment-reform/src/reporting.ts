// The reporting workflow of issue 7 for the payment-reform subgraph (domain "payment"): approval of
// each county's quarterly DIP case report, the CSV import `dip-cases` (declared in src/facts/dip-cases.ts), and the audit of
// a figure. Global budgets, their spend and the year-end settlements are not county quarterly
// reports: they stay outside the workflow (see README.md, "Reporting data in").
import type { Database } from "@hsa/db";
import { auditHistory, defineReporting } from "@hsa/reporting";
import { peerUrl, type StartOptions, type SubgraphContext } from "@hsa/subgraph-kit";
import { dipCaseAggregate, reportEvent, reportImport, reportState } from "./db/schema";
import { dipCaseFact, dipCaseImportCheck } from "./facts/dip-cases";
import type { Resolvers } from "./generated/resolvers";
import { requireInstitutionIdInScope } from "./resolvers/guards";

export { countyOfInstitution, dipCaseColumns, dipCaseFact } from "./facts/dip-cases";

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

/** Institutions are owned by supervision: reports are checked against it (SUPERVISION_URL). */
export const supervisionUrl = (opts?: StartOptions) =>
  peerUrl("supervision", opts?.peers, "http://127.0.0.1:4004/graphql");

/**
 * What the reporting workflow adds to the payment subgraph: one report per county (the institutions'
 * county) and quarter, made of its DIP case aggregates; their import and audit.
 */
export const paymentReporting = defineReporting({
  domain: "payment",
  tables: { reportState, reportEvent, reportImport },
  reported: [dipCaseAggregate],
  layouts: [dipCaseFact],
  imports: [(db, w, opts) => dipCaseFact.importKind(db, w, dipCaseImportCheck(supervisionUrl(opts)))],
  resolvers: (db) => auditResolvers(db),
});
export const paymentWorkflow = paymentReporting.workflow;
