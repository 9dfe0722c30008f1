import type { Database } from "@hsa/db";
import type { Workflow } from "@hsa/reporting";
import { requireAnyRole, requireRegionInScope, requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import type { InspectionWithDispositions } from "../db/queries";
import type { InstitutionRow } from "../db/schema";
import { inspectionFact, registryFacts, validateInspection } from "../facts";
import type { Resolvers } from "../generated/resolvers";
import { requireVisibleInstitution } from "./access";
import {
  badProblems,
  type RecordInspectionInput,
  type RegisterInstitutionInput,
  validateAgreementChange,
  validateInstitution,
} from "./validation";
import { inspectionToGraphQL, institutionToGraphQL } from "./views";

/** The stored row a declared fact's write answers with (the first fact's). */
function writtenRow(written: { rows: { row: Record<string, unknown>; changed: boolean }[] }) {
  const { row, changed } = written.rows[0] as { row: Record<string, unknown>; changed: boolean };
  return { row: row as unknown as InstitutionRow, changed };
}

/** registerInstitution, updateInstitutionAgreement, recordInspection. */
export function mutationResolvers(db: Database, workflow: Workflow): Resolvers {
  // the registry's writes are declared facts (../facts/registry.ts), guarded by this workflow's approvals
  const registry = registryFacts(workflow);
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
        // the fact refuses a name already used in the county, checks the approved quarters, assigns the id
        const written = await registry.registration.writeMutation(
          db,
          workflow,
          ctx,
          [
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
          ],
          "registerInstitution",
        );
        // the id is new (allocated under the lock): anything but an insert would overwrite a registration
        if (written.inserted !== 1) throw new Error("a registration did not insert a new institution");
        const { row } = writtenRow(written);
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
        // the fact locks the row, checks the approved quarters, updates it and dates the change
        const written = await registry.agreementChange.writeMutation(
          db,
          workflow,
          ctx,
          [
            {
              id: inst.id,
              regionCode: inst.regionCode,
              agreementStatus: input.agreementStatus,
              agreementEnd: end,
            },
          ],
          "updateInstitutionAgreement",
        );
        const { row, changed } = writtenRow(written);
        return { institution: institutionToGraphQL(row), changed };
      },
      recordInspection: async (
        _: unknown,
        { input }: { input: RecordInspectionInput },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        // The inspection's county is its institution's (the stored one, scope-checked here, no
        // existence oracle); a requestId names an inspection of that county only (unique per
        // county), so no stored row outside it can be reached. The declared fact (../facts/inspection.ts)
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
