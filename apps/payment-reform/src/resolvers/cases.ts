// reportDipCases: one institution's DIP cases of a quarter (role reporter).
import { requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import { and, eq, inArray } from "drizzle-orm";
import { audit, coefficientFor, listGroups, type Tx } from "../db/queries";
import { type DipCaseRow, dipCaseAggregate, dipInstitution } from "../db/schema";
import type { Resolvers } from "../generated/resolvers";
import { dipCaseAuditJson } from "../imports/dip-cases";
import { DEFAULT_COEFFICIENTS } from "../metrics";
import { casePoints, formatScaled, numericToScaled } from "../settlement";
import {
  actorOf,
  type Deps,
  type InstitutionInfo,
  institutionInfo,
  refuseClosed,
  requireInstitutionIdInScope,
  requireStoredInScope,
} from "./guards";
import { type DipGroupCasesInput, fail, type Problem, validateDipCases, yearOf } from "./validate";
import { caseToGraphQL } from "./views";

/**
 * The stored side of a DIP case report, locked: every stored row of the institution's quarter and
 * groups must lie in the caller's scope, and a row stored under another county or pool (a move)
 * must also be writable there (its county-quarter not approved, its pool's year not closed).
 */
async function lockStoredCases(
  deps: Deps,
  tx: Tx,
  ctx: SubgraphContext,
  inst: InstitutionInfo,
  quarter: string,
  groupCodes: string[],
): Promise<Map<string, DipCaseRow>> {
  const t = dipCaseAggregate;
  const stored = await tx
    .select()
    .from(t)
    .where(and(eq(t.institutionId, inst.id), eq(t.quarter, quarter), inArray(t.groupCode, groupCodes)))
    .for("update");
  const moved = stored.filter((r) => r.regionCode !== inst.regionCode || r.poolingArea !== inst.poolingArea);
  requireStoredInScope(
    ctx,
    moved.map((r) => r.regionCode),
    `cannot report the DIP cases of ${inst.id}`,
    "institutionId",
  );
  for (const r of new Map(moved.map((m) => [`${m.regionCode}|${m.poolingArea}`, m])).values()) {
    await deps.workflow.assertWritable(tx, { regionCode: r.regionCode, quarter });
    await refuseClosed(tx, r.poolingArea, yearOf(quarter), "quarter");
  }
  return new Map(stored.map((r) => [r.groupCode, r]));
}

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
        const year = yearOf(input.quarter);
        const catalogue = new Map((await listGroups(db, inst.poolingArea, year)).map((g) => [g.code, g]));
        if (catalogue.size === 0) {
          throw fail("invalid DIP case report", [
            {
              field: "quarter",
              message: `pooling area ${inst.poolingArea} has no DIP catalogue for ${year}`,
            },
          ]);
        }
        const unknown: Problem[] = [];
        parsed.forEach((g, i) => {
          if (!catalogue.has(g.groupCode)) {
            unknown.push({
              field: `groups[${i}].groupCode`,
              message: `unknown DIP group "${g.groupCode}" in the ${year} catalogue of ${inst.poolingArea}`,
            });
          }
        });
        if (unknown.length) throw fail("invalid DIP case report", unknown);
        const coefficient =
          (await coefficientFor(db, inst.poolingArea, year, inst.grade)) ?? DEFAULT_COEFFICIENTS[inst.grade];
        const coefficient4 = numericToScaled(coefficient);
        const actor = actorOf(ctx);
        const result = await db.transaction(async (tx) => {
          // An approved county-quarter is locked until an approver reopens it; a closed year until an admin does.
          await deps.workflow.assertWritable(tx, { regionCode: inst.regionCode, quarter: input.quarter });
          await refuseClosed(tx, inst.poolingArea, year, "quarter");
          const stored = await lockStoredCases(
            deps,
            tx,
            ctx,
            inst,
            input.quarter,
            parsed.map((g) => g.groupCode),
          );
          await tx
            .insert(dipInstitution)
            .values({
              institutionId: inst.id,
              regionCode: inst.regionCode,
              poolingArea: inst.poolingArea,
              grade: inst.grade,
              sinceYear: year,
            })
            .onConflictDoNothing();
          const rows: DipCaseRow[] = [];
          let changed = 0;
          for (const g of parsed) {
            const group = catalogue.get(g.groupCode);
            if (!group) throw new Error("group vanished");
            const score4 = numericToScaled(group.score);
            const points = formatScaled(casePoints(g.cases, score4, coefficient4));
            const old = stored.get(g.groupCode);
            const same =
              old &&
              old.regionCode === inst.regionCode &&
              old.poolingArea === inst.poolingArea &&
              old.cases === g.cases &&
              numericToScaled(old.points) === numericToScaled(points) &&
              old.fundPrepaidFen === g.fundPrepaidFen &&
              old.dipFundFen === g.dipFundFen &&
              old.inpatientFundFen === g.inpatientFundFen;
            if (old && same) {
              rows.push(old);
              continue;
            }
            const values = {
              institutionId: inst.id,
              regionCode: inst.regionCode,
              poolingArea: inst.poolingArea,
              quarter: input.quarter,
              groupCode: g.groupCode,
              groupType: group.type,
              cases: g.cases,
              score: formatScaled(score4),
              coefficient: formatScaled(coefficient4),
              points,
              fundPrepaidFen: g.fundPrepaidFen,
              dipFundFen: g.dipFundFen,
              inpatientFundFen: g.inpatientFundFen,
              reportedBy: actor.sub,
              updatedAt: new Date(),
            };
            const t = dipCaseAggregate;
            const [row] = await tx
              .insert(t)
              .values(values)
              .onConflictDoUpdate({ target: [t.institutionId, t.quarter, t.groupCode], set: values })
              .returning();
            if (!row) throw new Error("upsert returned no row");
            await audit(
              tx,
              actor,
              "reportDipCases",
              `dip_case:${inst.id}:${input.quarter}:${g.groupCode}`,
              old ? dipCaseAuditJson(old) : null,
              dipCaseAuditJson(values),
            );
            rows.push(row);
            changed += 1;
          }
          return { rows, changed };
        });
        return { aggregates: result.rows.map(caseToGraphQL), changed: result.changed };
      },
    },
  };
}
