import type { Database } from "@hsa/db";
import { auditHistory, defineReporting } from "@hsa/reporting";
import {
  badInput,
  peerUrl,
  requireRegionInScope,
  type StartOptions,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
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

/** Institutions are owned by supervision: reports and imports are checked against it (SUPERVISION_URL). */
export const supervisionUrl = (opts?: StartOptions) =>
  peerUrl("supervision", opts?.peers, "http://127.0.0.1:4004/graphql");

/** What the reporting workflow adds to the procurement subgraph: purchases and VBP progress, their audit. */
export const procurementReporting = defineReporting({
  domain: "procurement",
  tables: { reportState, reportEvent, reportImport },
  reported: [purchase, vbpProgress],
  layouts: [purchaseFact, vbpProgressFact],
  // the mutations are the subgraph's own (one call per group of facts); the imports check institutions
  imports: [
    (db, w, opts) => purchaseFact.importKind(db, w, importChecks(supervisionUrl(opts)).purchases),
    (db, w, opts) => vbpProgressFact.importKind(db, w, importChecks(supervisionUrl(opts)).vbpProgress),
  ],
  resolvers: (db) => auditResolvers(db),
});
export const procurementWorkflow = procurementReporting.workflow;
