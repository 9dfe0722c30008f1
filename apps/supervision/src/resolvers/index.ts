import type { Database } from "@hsa/db";
import {
  computeValue,
  type KpiSeries,
  kpiStatus,
  type MetricDefinition,
  type Observation,
  withTargetOverrides,
} from "@hsa/kpi";
import { quarterIndex } from "@hsa/periods";
import { getRegion, type Region } from "@hsa/regions";
import { completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  auditEntryToGraphQL,
  badInput,
  buildKpiSeries,
  canSee,
  decodeCursor,
  encodeCursor,
  forbidden,
  hasRole,
  type KeyedLoader,
  keyedLoader,
  metricsForGraphQL,
  notFound,
  type ObservationTable,
  type Principal,
  pageSize,
  parseKpiArgs,
  perRequest,
  type RegionRollupLoader,
  type ResolverMap,
  regionRollupLoader,
  requireRegionInScope,
  requireRole,
  type SubgraphContext,
  toConnection,
} from "@hsa/subgraph-kit";
import {
  getInstitution,
  getInstitutions,
  type InspectionScope,
  type InspectionWithDispositions,
  type InstitutionFilter,
  listAudit,
  listInspections,
  listInstitutions,
  recordInspection,
  registerInstitution,
  updateAgreement,
} from "../db/queries";
import { distinctInspectedMany, sumsByQuarterMany } from "../db/rollup";
import type { DispositionRow, InstitutionRow } from "../db/schema";
import { formulas, type SupervisionMetricId, type SupervisionSums, supervisionMetrics } from "../metrics";
import { supervisionWorkflow } from "../reporting";
import {
  fenToYuan,
  quarterOfDate,
  type RecordInspectionInput,
  type RegisterInstitutionInput,
  validateAgreementChange,
  validateInspection,
  validateInstitution,
  yuanToFen,
} from "./validation";

export * from "./validation";

function institutionToGraphQL(row: InstitutionRow) {
  return { ...row, __typename: "Institution" as const };
}

function dispositionToGraphQL(d: DispositionRow) {
  return {
    id: String(d.id),
    kind: d.kind,
    amountYuan: d.amountFen === null ? null : fenToYuan(d.amountFen),
    note: d.note,
  };
}

function inspectionToGraphQL(row: InspectionWithDispositions, inst: InstitutionRow | undefined) {
  return {
    ...row,
    id: String(row.id),
    institutionRow: inst,
    dispositions: row.dispositions.map(dispositionToGraphQL),
  };
}
type InspectionNode = ReturnType<typeof inspectionToGraphQL>;

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

/** The institution, if it exists and the caller may see its region: NOT_FOUND / FORBIDDEN otherwise. */
async function institutionInScope(
  db: Database,
  p: Principal,
  id: string,
  argName: string,
): Promise<InstitutionRow> {
  const inst = await getInstitution(db, id);
  if (!inst) throw notFound(`no institution with id ${id}`, { argumentName: argName });
  if (!canSee(p, inst.regionCode)) {
    throw forbidden(
      `institution ${id} is in region ${inst.regionCode}, outside your scope (${p.scope ?? "none"})`,
      {
        regionCode: inst.regionCode,
      },
    );
  }
  return inst;
}

async function inspectionConnection(
  db: Database,
  scope: InspectionScope,
  cursorQuery: string,
  args: { first?: number | null; after?: string | null },
) {
  const size = pageSize(args.first);
  const after = args.after ? decodeCursor(args.after, cursorQuery, ["string", "number"] as const) : null;
  const { rows, total } = await listInspections(db, scope, after, size);
  const insts = await getInstitutions(
    db,
    rows.map((r) => r.institutionId),
  );
  return toConnection(
    rows,
    size,
    total,
    (r) => encodeCursor(cursorQuery, [r.inspectedOn, r.id]),
    (r) => inspectionToGraphQL(r, insts.get(r.institutionId)),
  );
}

/** Per-request loaders of the KPI roll-ups (batched over regions). */
interface KpiLoaders {
  sums: RegionRollupLoader<string[], Map<string, SupervisionSums>>;
  distinct: RegionRollupLoader<{ from: string; to: string }, number>;
  /** Institutions by id (entity references from other subgraphs: one statement per request). */
  institutions: KeyedLoader<string, InstitutionRow>;
}

/** Builds the KPI series; coverage's range total is the distinct count over the whole range, not a sum of quarters. */
async function supervisionKpis(
  load: KpiLoaders,
  catalogue: readonly MetricDefinition[],
  regionCode: string,
  args: { from: string; to: string; metrics?: string[] | null },
  /** adds the reporting-completeness observations (@hsa/reporting) to the table */
  addCompleteness: (req: ReturnType<typeof parseKpiArgs>, table: ObservationTable) => Promise<void>,
): Promise<KpiSeries[]> {
  const req = parseKpiArgs(catalogue, args);
  const sums = await load.sums.load(regionCode, req.quarters);
  const table: ObservationTable = new Map();
  for (const m of req.metrics) {
    const f = formulas[m.id as SupervisionMetricId];
    if (!f) continue; // a reporting-completeness KPI: added below
    const byQuarter = new Map<string, Observation>();
    for (const [quarter, s] of sums) {
      byQuarter.set(quarter, { quarter, numerator: s[f.num], denominator: f.den ? s[f.den] : null });
    }
    table.set(m.id, byQuarter);
  }
  await addCompleteness(req, table);
  const series = buildKpiSeries(req, regionCode, table);
  const coverage = series.find((s) => s.metric.id === "supervision.inspection_coverage");
  if (coverage && coverage.total.status !== "NO_DATA") {
    const last = req.quarters[req.quarters.length - 1] as string;
    // The designated institutions at the end of the range are already in the sums.
    const numerator = await load.distinct.load(regionCode, { from: args.from, to: args.to });
    const denominator = sums.get(last)?.active ?? 0;
    const value = computeValue(coverage.metric, numerator, denominator);
    coverage.total = {
      ...coverage.total,
      numerator,
      denominator,
      value,
      status: kpiStatus(coverage.metric, value),
    };
  }
  return series;
}

export function createResolvers(
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
  workflow: Workflow = supervisionWorkflow(db),
): ResolverMap {
  // Targets are configurable per KPI (HSA_KPI_TARGETS); the formulas are not. The reporting
  // completeness KPIs (@hsa/reporting) complete the catalogue.
  const catalogue = withTargetOverrides(
    [...supervisionMetrics, ...completenessMetrics("supervision", workflow.deadlineDays)],
    env.HSA_KPI_TARGETS,
  );
  // Per request: a region and its children are summed in one statement per kind (no query per child).
  const kpiLoaders = perRequest(
    (_ctx: SubgraphContext): KpiLoaders => ({
      sums: regionRollupLoader(
        (codes, quarters: string[]) => sumsByQuarterMany(db, codes, quarters),
        () => new Map<string, SupervisionSums>(),
      ),
      distinct: regionRollupLoader(
        (codes, a: { from: string; to: string }) => distinctInspectedMany(db, codes, a.from, a.to),
        () => 0,
      ),
      institutions: keyedLoader((ids: string[]) => getInstitutions(db, ids)),
    }),
  );
  return {
    Query: {
      supervisionMetrics: () => metricsForGraphQL(catalogue),
      institution: async (_: unknown, args: { id: string }, ctx: SubgraphContext) => {
        const inst = await getInstitution(db, args.id);
        if (!inst) return null;
        requireRegionInScope(ctx.principal, inst.regionCode, "id");
        return institutionToGraphQL(inst);
      },
      supervisionAudit: async (
        _: unknown,
        args: { regionCode: string; entityId?: string | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, args.regionCode, "regionCode");
        const rows = await listAudit(db, args.regionCode, args.entityId ?? null);
        return rows.map(auditEntryToGraphQL);
      },
    },
    Mutation: {
      registerInstitution: async (
        _: unknown,
        { input }: { input: RegisterInstitutionInput },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
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
        const inst = await institutionInScope(db, ctx.principal, input.institutionId, "input.institutionId");
        const end = input.agreementEnd === undefined ? inst.agreementEnd : input.agreementEnd;
        const problems = validateAgreementChange(inst, input.agreementStatus, end);
        if (problems.length) throw badProblems("agreement change", problems);
        const res = await updateAgreement(
          db,
          inst.id,
          { agreementStatus: input.agreementStatus, agreementEnd: end },
          { sub: ctx.principal.sub, name: ctx.principal.name },
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
        const inst = await institutionInScope(db, ctx.principal, input.institutionId, "input.institutionId");
        const problems = validateInspection(input, inst);
        if (problems.length) throw badProblems("inspection", problems);
        const res = await recordInspection(
          db,
          {
            institutionId: inst.id,
            regionCode: inst.regionCode,
            inspectedOn: input.inspectedOn,
            quarter: quarterOfDate(input.inspectedOn),
            kind: input.kind,
            findings: input.findings.trim(),
            requestId: input.requestId ?? null,
            dispositions: input.dispositions.map((d) => ({
              kind: d.kind,
              amountFen: d.kind === "INTERVIEW" ? null : (yuanToFen(d.amountYuan ?? "") as bigint),
              note: d.note?.trim() ?? "",
            })),
          },
          { sub: ctx.principal.sub, name: ctx.principal.name },
          // An approved county-quarter is locked: checked inside the transaction.
          (tx) =>
            workflow.assertWritable(tx, {
              regionCode: inst.regionCode,
              quarter: quarterOfDate(input.inspectedOn),
            }),
        );
        if (!res.created && res.inspection.institutionId !== inst.id) {
          throw badProblems("inspection", [
            {
              field: "requestId",
              message: `requestId "${input.requestId}" was already used for another inspection`,
            },
          ]);
        }
        ctx.log.info({ inspectionId: res.inspection.id, created: res.created }, "inspection recorded");
        return { inspection: inspectionToGraphQL(res.inspection, inst), created: res.created };
      },
    },
    Region: {
      supervisionKpis: async (
        region: Region,
        args: { from: string; to: string; metrics?: string[] | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, region.code);
        return supervisionKpis(kpiLoaders(ctx), catalogue, region.code, args, (req, table) =>
          workflow.addCompleteness(ctx, region.code, req, table),
        );
      },
      institutions: async (
        region: Region,
        args: { filter?: InstitutionFilter | null; first?: number | null; after?: string | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, region.code);
        const filter = args.filter ?? {};
        const size = pageSize(args.first);
        const cursorQuery = `institutions:${region.code}:${JSON.stringify([
          filter.kind ?? null,
          filter.grade ?? null,
          filter.ownership ?? null,
          filter.agreementStatus ?? null,
          filter.nameContains ?? null,
        ])}`;
        const after = args.after ? decodeCursor(args.after, cursorQuery, ["string"] as const)[0] : null;
        const { rows, total } = await listInstitutions(db, region.code, filter, after, size);
        return toConnection(
          rows,
          size,
          total,
          (r) => encodeCursor(cursorQuery, [r.id]),
          institutionToGraphQL,
        );
      },
      inspections: async (
        region: Region,
        args: { from: string; to: string; first?: number | null; after?: string | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, region.code);
        if (quarterIndex(args.from) > quarterIndex(args.to)) {
          throw badInput(`from (${args.from}) is after to (${args.to})`, { argumentName: "from" });
        }
        return inspectionConnection(
          db,
          { regionCode: region.code, from: args.from, to: args.to },
          `inspections:${region.code}:${args.from}:${args.to}`,
          args,
        );
      },
    },
    Institution: {
      // Entity references from other subgraphs get the same scope filter: outside it, null.
      __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
        const inst = await kpiLoaders(ctx).institutions.load(ref.id);
        if (!inst || !canSee(ctx.principal, inst.regionCode)) return null;
        return institutionToGraphQL(inst);
      },
      region: (inst: InstitutionRow) => getRegion(inst.regionCode),
      inspections: async (
        inst: InstitutionRow,
        args: { first?: number | null; after?: string | null },
        ctx: SubgraphContext,
      ) => {
        // Reached only through a scope-checked institution; checked again (defence in depth).
        requireRegionInScope(ctx.principal, inst.regionCode);
        return inspectionConnection(
          db,
          { institutionId: inst.id },
          `inspections:institution:${inst.id}`,
          args,
        );
      },
    },
    Inspection: {
      institution: async (i: InspectionNode, _: unknown, ctx: SubgraphContext) =>
        institutionToGraphQL(
          i.institutionRow ?? ((await kpiLoaders(ctx).institutions.load(i.institutionId)) as InstitutionRow),
        ),
      region: (i: InspectionNode) => getRegion(i.regionCode),
    },
  };
}
