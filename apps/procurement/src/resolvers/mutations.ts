import type { Database } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import type { Tx, Workflow } from "@hsa/reporting";
import {
  badInput,
  canSee,
  forbidden,
  lookupInstitution,
  requireRole,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { and, eq } from "drizzle-orm";
import { audit, findAgreement, institutionVbp, productExists } from "../db/queries";
import { type PurchaseRow, purchase, vbpProgress } from "../db/schema";
import type { Resolvers } from "../generated/resolvers";
import {
  type ParsedItem,
  type Problem,
  type PurchaseItemInput,
  purchaseToGraphQL,
  validatePurchases,
} from "./purchases";

/**
 * Both sides of a write (issue 14): the new values' county has been checked (the institution's,
 * from supervision, within the caller's scope). The stored row the write would overwrite is
 * checked too: one filed under another county (data moved by hand, or an institution that changed
 * county) may be taken over only when that county is in the caller's scope as well, and its
 * county-quarter is not approved; otherwise FORBIDDEN, and nothing of it is returned.
 */
async function requireStoredRowWritable(
  tx: Tx,
  workflow: Workflow,
  ctx: SubgraphContext,
  old: { regionCode: string } | undefined,
  regionCode: string,
  quarter: string,
): Promise<void> {
  if (!old || old.regionCode === regionCode) return;
  if (!canSee(ctx.principal, old.regionCode)) {
    throw forbidden(
      `the stored row of this institution and quarter belongs to a region outside your scope (${ctx.principal.scope ?? "none"}): not changed`,
    );
  }
  // Moving the row out of its county-quarter changes that report too.
  await workflow.assertWritable(tx, { regionCode: old.regionCode, quarter });
}

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
        const actor = { sub: ctx.principal.sub, name: ctx.principal.name };
        const result = await db.transaction(async (tx) => {
          // An approved county-quarter is locked until an approver reopens it.
          await workflow.assertWritable(tx, { regionCode, quarter: input.quarter });
          const rows: PurchaseRow[] = [];
          let changed = 0;
          for (const item of parsed) {
            const key = and(
              eq(purchase.institutionId, input.institutionId),
              eq(purchase.quarter, input.quarter),
              eq(purchase.category, item.category),
            );
            const [old] = await tx.select().from(purchase).where(key).for("update");
            // The stored row's side, before anything is compared or returned.
            await requireStoredRowWritable(tx, workflow, ctx, old, regionCode, input.quarter);
            const same =
              old &&
              old.regionCode === regionCode &&
              old.totalFen === item.totalFen &&
              old.networkFen === item.networkFen &&
              old.reportedOffNetworkFen === item.reportedOffNetworkFen;
            if (old && same) {
              rows.push(old);
              continue;
            }
            const values = {
              institutionId: input.institutionId,
              regionCode,
              quarter: input.quarter,
              ...item,
              reportedBy: actor.sub,
              updatedAt: new Date(),
            };
            const [row] = await tx
              .insert(purchase)
              .values(values)
              .onConflictDoUpdate({
                target: [purchase.institutionId, purchase.quarter, purchase.category],
                set: values,
              })
              .returning();
            if (!row) throw new Error("upsert returned no row");
            const json = (r: ParsedItem) => ({
              totalFen: r.totalFen.toString(),
              networkFen: r.networkFen.toString(),
              reportedOffNetworkFen: r.reportedOffNetworkFen.toString(),
            });
            await audit(
              tx,
              actor,
              "reportPurchases",
              `purchase:${input.institutionId}:${input.quarter}:${item.category}`,
              old ? json(old) : null,
              json(item),
            );
            rows.push(row);
            changed += 1;
          }
          return { rows, changed };
        });
        return { purchases: result.rows.map(purchaseToGraphQL), changed: result.changed };
      },
      reportVbpProgress: async (
        _: unknown,
        {
          input,
        }: { input: { institutionId: string; productId: string; quarter: string; purchasedVolume: number } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        const problems: Problem[] = [];
        const current = currentQuarter();
        if (quarterIndex(input.quarter) > quarterIndex(current)) {
          problems.push({
            field: "quarter",
            message: `${input.quarter} is in the future (current quarter: ${current})`,
          });
        }
        if (!Number.isInteger(input.purchasedVolume) || input.purchasedVolume < 0) {
          problems.push({
            field: "purchasedVolume",
            message: `purchasedVolume must be a non-negative whole number (got ${input.purchasedVolume})`,
          });
        }
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
        const actor = { sub: ctx.principal.sub, name: ctx.principal.name };
        const changed = await db.transaction(async (tx) => {
          await workflow.assertWritable(tx, { regionCode, quarter: input.quarter });
          const key = and(
            eq(vbpProgress.institutionId, input.institutionId),
            eq(vbpProgress.productId, input.productId),
            eq(vbpProgress.quarter, input.quarter),
          );
          const [old] = await tx.select().from(vbpProgress).where(key).for("update");
          await requireStoredRowWritable(tx, workflow, ctx, old, regionCode, input.quarter);
          if (old && old.regionCode === regionCode && old.purchasedVolume === input.purchasedVolume)
            return false;
          const values = { ...input, regionCode, reportedBy: actor.sub, updatedAt: new Date() };
          await tx
            .insert(vbpProgress)
            .values(values)
            .onConflictDoUpdate({
              target: [vbpProgress.institutionId, vbpProgress.productId, vbpProgress.quarter],
              set: values,
            });
          await audit(
            tx,
            actor,
            "reportVbpProgress",
            `vbp:${input.institutionId}:${input.productId}:${input.quarter}`,
            old ? { purchasedVolume: old.purchasedVolume } : null,
            { purchasedVolume: input.purchasedVolume },
          );
          return true;
        });
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
