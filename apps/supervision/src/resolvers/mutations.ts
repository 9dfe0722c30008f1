import type { Database } from "@hsa/db";
import { getRegion } from "@hsa/regions";
import type { Workflow } from "@hsa/reporting";
import {
  badInput,
  forbidden,
  hasRole,
  notFound,
  type Principal,
  requireRegionInScope,
  requireRole,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import type { InspectionWithDispositions } from "../db/queries";
import { type RegistryGuard, registerInstitution, updateAgreement } from "../db/registry";
import type { InstitutionRow } from "../db/schema";
import { inspectionFact, validateInspection } from "../facts";
import type { Resolvers } from "../generated/resolvers";
import { requireVisibleInstitution } from "./access";
import {
  type RecordInspectionInput,
  type RegisterInstitutionInput,
  validateAgreementChange,
  validateInstitution,
} from "./validation";
import { inspectionToGraphQL, institutionToGraphQL } from "./views";

function badProblems(what: string, problems: { field: string; message: string }[]) {
  return badInput(`invalid ${what}: ${problems.map((p) => p.message).join("; ")}`, { problems });
}

function requireAnyRole(p: Principal, roles: ("reporter" | "approver")[]): void {
  if (!roles.some((r) => hasRole(p, r))) {
    throw forbidden(
      `this operation needs one of the roles ${roles.map((r) => `"${r}"`).join(", ")}; your roles: ${p.roles.join(", ") || "none"}`,
    );
  }
}

/**
 * Approval covers the registry: a registration or agreement change that would alter the count of
 * designated institutions (coverage's denominator) at the end of an approved county-quarter is
 * refused until an approver reopens it. Status changes take effect on the day they are made, so
 * only a retroactive date (an agreement start or end in the past) or an approved current quarter
 * can trip it.
 */
function approvedRegistryGuard(workflow: Workflow): RegistryGuard {
  return async (tx, regionCode, quarters) => {
    if (quarters.length === 0) return;
    const approved = (
      await workflow.approvedAmong(
        tx,
        quarters.map((quarter) => ({ regionCode, quarter })),
      )
    ).map((k) => k.quarter);
    if (approved.length === 0) return;
    approved.sort();
    const list = approved.join(", ");
    throw forbidden(
      `该登记变更会改变 ${regionCode} ${getRegion(regionCode)?.name ?? ""} 已审核季度（${list}）的定点医药机构数；请先由审核人退回这些季度。This registry change would alter the designated institutions counted in approved quarters of ${regionCode} (${list}): an approver must reopen them first.`,
      { reason: "REPORT_APPROVED", regionCode, quarters: approved },
    );
  };
}

/** registerInstitution, updateInstitutionAgreement, recordInspection. */
export function mutationResolvers(db: Database, workflow: Workflow): Resolvers {
  const registryGuard = approvedRegistryGuard(workflow);
  return {
    Mutation: {
      registerInstitution: async (
        _: unknown,
        { input }: { input: RegisterInstitutionInput },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        // A registration touches no stored institution: its county is the only side to check.
        requireRegionInScope(ctx.principal, input.regionCode, "input.regionCode");
        const problems = validateInstitution(input);
        if (problems.length) throw badProblems("institution", problems);
        const row = await registerInstitution(
          db,
          {
            name: input.name.trim(),
            kind: input.kind,
            grade: input.grade ?? null,
            ownership: input.ownership,
            regionCode: input.regionCode,
            agreementStatus: "ACTIVE",
            agreementStart: input.agreementStart,
            agreementEnd: input.agreementEnd ?? null,
          },
          { sub: ctx.principal.sub, name: ctx.principal.name },
          registryGuard,
        );
        if (!row) {
          throw badProblems("institution", [
            {
              field: "name",
              message: `${input.regionCode} already has an institution named "${input.name.trim()}"`,
            },
          ]);
        }
        ctx.log.info({ institutionId: row.id }, "institution registered");
        return institutionToGraphQL(row);
      },
      updateInstitutionAgreement: async (
        _: unknown,
        {
          input,
        }: {
          input: {
            institutionId: string;
            agreementStatus: InstitutionRow["agreementStatus"];
            agreementEnd?: string | null;
          };
        },
        ctx: SubgraphContext,
      ) => {
        requireAnyRole(ctx.principal, ["reporter", "approver"]);
        // The stored institution is the side to check (the change moves it nowhere).
        const inst = await requireVisibleInstitution(
          db,
          ctx.principal,
          input.institutionId,
          "input.institutionId",
        );
        const end = input.agreementEnd === undefined ? inst.agreementEnd : input.agreementEnd;
        const problems = validateAgreementChange(inst, input.agreementStatus, end);
        if (problems.length) throw badProblems("agreement change", problems);
        const res = await updateAgreement(
          db,
          inst.id,
          { agreementStatus: input.agreementStatus, agreementEnd: end },
          { sub: ctx.principal.sub, name: ctx.principal.name },
          registryGuard,
        );
        if (!res) throw notFound(`no institution with id ${input.institutionId}`);
        return { institution: institutionToGraphQL(res.row), changed: res.changed };
      },
      recordInspection: async (
        _: unknown,
        { input }: { input: RecordInspectionInput },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        // The inspection's county is its institution's (the stored one, scope-checked here, no
        // existence oracle); a requestId names an inspection of that county only (unique per
        // county), so no stored row outside it can be reached. The declared fact (../facts.ts)
        // validates, checks the approval lock, writes with the dispositions and audits.
        const inst = await requireVisibleInstitution(
          db,
          ctx.principal,
          input.institutionId,
          "input.institutionId",
        );
        const problems = validateInspection(input as unknown as Record<string, unknown>, inst);
        if (problems.length) throw badProblems("inspection", problems);
        const { values } = inspectionFact.check(input as unknown as Record<string, unknown>);
        const written = await inspectionFact.writeMutation(
          db,
          workflow,
          ctx,
          [{ ...values, regionCode: inst.regionCode }],
          "recordInspection",
          // a requestId already recorded: nothing written, the stored inspection returned
          { keepStored: true },
        );
        const { row, changed } = written.rows[0] as { row: Record<string, unknown>; changed: boolean };
        const stored = row as unknown as InspectionWithDispositions;
        ctx.log.info({ inspectionId: stored.id, created: changed }, "inspection recorded");
        return { inspection: inspectionToGraphQL(stored, inst), created: changed };
      },
    },
  };
}
