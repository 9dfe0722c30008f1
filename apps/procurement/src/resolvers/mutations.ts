import type { Database } from "@hsa/db";
import type { Workflow } from "@hsa/reporting";
import { badInput, lookupInstitution, requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import { findAgreement, institutionVbp, productExists } from "../db/queries";
import type { PurchaseRow } from "../db/schema";
import { purchaseFact, vbpProgressFact } from "../facts";
import type { Resolvers } from "../generated/resolvers";
import { type PurchaseItemInput, purchaseToGraphQL, validatePurchases } from "./purchases";

/** reportPurchases and reportVbpProgress. */
export function mutationResolvers(db: Database, supervisionUrl: string, workflow: Workflow): Resolvers {
  /** The institution's county, from its owner (supervision), with the caller's scope applied. */
  async function institutionRegion(id: string, ctx: SubgraphContext): Promise<string> {
    return (await lookupInstitution(supervisionUrl, id, ctx)).regionCode;
  }

  return {
    Mutation: {
      reportPurchases: async (
        _: unknown,
        { input }: { input: { institutionId: string; quarter: string; items: PurchaseItemInput[] } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        const { problems, parsed } = validatePurchases(input.quarter, input.items);
        if (problems.length) {
          throw badInput(`invalid purchase report: ${problems.map((p) => p.message).join("; ")}`, {
            problems,
          });
        }
        // The new values' side: the institution's county, from its owner, within the scope.
        const regionCode = await institutionRegion(input.institutionId, ctx);
        const result = await purchaseFact.writeMutation(
          db,
          workflow,
          ctx,
          parsed.map((item) => ({
            ...item,
            institutionId: input.institutionId,
            quarter: input.quarter,
            regionCode,
          })),
          "reportPurchases",
        );
        const changed = result.rows.filter((r) => r.changed).length;
        return { purchases: result.rows.map((r) => purchaseToGraphQL(r.row as PurchaseRow)), changed };
      },
      reportVbpProgress: async (
        _: unknown,
        {
          input,
        }: { input: { institutionId: string; productId: string; quarter: string; purchasedVolume: number } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        const { problems } = vbpProgressFact.check(input);
        if (!(await productExists(db, input.productId))) {
          problems.push({ field: "productId", message: `unknown VBP product "${input.productId}"` });
        }
        if (problems.length)
          throw badInput(`invalid VBP progress report: ${problems.map((p) => p.message).join("; ")}`, {
            problems,
          });
        const regionCode = await institutionRegion(input.institutionId, ctx);
        const agreement = await findAgreement(db, input.institutionId, input.productId, input.quarter);
        if (!agreement) {
          throw badInput(
            `${input.institutionId} has no agreed volume of ${input.productId} in force in ${input.quarter}`,
            {
              problems: [
                { field: "productId", message: "no agreement in force for this product and quarter" },
              ],
            },
          );
        }
        const fact = { ...vbpProgressFact.valuesOf(input), regionCode };
        const written = await vbpProgressFact.writeMutation(db, workflow, ctx, [fact], "reportVbpProgress");
        const changed = written.rows[0]?.changed ?? false;
        const progress = (await institutionVbp(db, input.institutionId, regionCode, input.quarter)).find(
          (p) => p.productId === input.productId,
        );
        // the agreement was found above, so its progress is listed (the payload's progress is non-null)
        if (!progress) throw new Error(`no VBP progress of ${input.productId} after writing it`);
        return { progress, changed };
      },
    },
  };
}
