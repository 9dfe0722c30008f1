// reportDipCases: one institution's DIP cases of a quarter (role reporter), written through the
// declared fact (facts/dip-cases.ts): approval and closed-year locks, the stored rows' scope,
// idempotency and audit come from defineFact; the institution (supervision) and the derived points
// (the pool's catalogue) are this subgraph's own.
import { requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import type { DipCaseRow } from "../db/schema";
import { dipCaseFact } from "../facts/dip-cases";
import { deriveDipCases } from "../facts/dip-derive";
import type { Resolvers } from "../generated/resolvers";
import { type Deps, institutionInfo, requireInstitutionIdInScope } from "./guards";
import { type DipGroupCasesInput, fail, validateDipCases } from "./validate";
import { caseToGraphQL } from "./views";

export function caseMutations(deps: Deps): Resolvers {
  const { db } = deps;
  return {
    Mutation: {
      reportDipCases: async (
        _: unknown,
        { input }: { input: { institutionId: string; quarter: string; groups: DipGroupCasesInput[] } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        // the new side's scope first, from the id alone: an id outside the scope answers alike, existing or not
        requireInstitutionIdInScope(ctx, input.institutionId, "institutionId");
        const { problems, parsed } = validateDipCases(input.quarter, input.groups, deps.now());
        if (problems.length) throw fail("invalid DIP case report", problems);
        const inst = await institutionInfo(deps, input.institutionId, ctx);
        if (inst.kind !== "HOSPITAL") {
          throw fail("invalid DIP case report", [
            {
              field: "institutionId",
              message: `${inst.id} is a ${inst.kind}: only inpatient hospitals are paid by DIP`,
            },
          ]);
        }
        const facts = parsed.map((g) => ({
          ...g,
          institutionId: inst.id,
          regionCode: inst.regionCode,
          quarter: input.quarter,
          grade: inst.grade,
        }));
        const unknown = await deriveDipCases(db, facts);
        const noCatalogue = unknown.find((p) => p.field === "quarter");
        if (noCatalogue)
          throw fail("invalid DIP case report", [{ field: "quarter", message: noCatalogue.en }]);
        if (unknown.length)
          throw fail(
            "invalid DIP case report",
            unknown.map((p) => ({ field: `groups[${p.index}].groupCode`, message: p.en })),
          );
        const written = await dipCaseFact.writeMutation(db, deps.workflow, ctx, facts, "reportDipCases");
        return {
          aggregates: written.rows.map((r) => caseToGraphQL(r.row as DipCaseRow)),
          changed: written.rows.filter((r) => r.changed).length,
        };
      },
    },
  };
}
