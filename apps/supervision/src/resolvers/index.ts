import type { Database } from "@hsa/db";
import { withTargetOverrides } from "@hsa/kpi";
import { quarterIndex } from "@hsa/periods";
import { type Region, requireRegion } from "@hsa/regions";
import { auditHistory, completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  badInput,
  canSee,
  decodeCursor,
  encodeCursor,
  type KeyedLoader,
  keyedLoader,
  kpiResolver,
  mergeResolvers,
  metricsForGraphQL,
  pageSize,
  perRequest,
  requireRegionInScope,
  type SubgraphContext,
  toConnection,
} from "@hsa/subgraph-kit";
import { distinctInspectedMany, type InspectedCounts } from "../db/coverage";
import {
  getInstitutions,
  type InspectionScope,
  type InstitutionFilter,
  listInspections,
  listInstitutions,
} from "../db/queries";
import { distinctInterviewedMany, readsFor, sumsByQuarterMany } from "../db/rollup";
import type { InstitutionRow } from "../db/schema";
import { inspectionFact } from "../facts";
import type { Resolvers } from "../generated/resolvers";
import { supervisionMetrics, supervisionSums } from "../metrics";
import { supervisionWorkflow } from "../reporting";
import { couldSee, findVisibleInstitution, invisibleInstitution } from "./access";
import { mutationResolvers } from "./mutations";
import { type InspectionNode, inspectionToGraphQL, institutionToGraphQL } from "./views";

export * from "./validation";

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
  /** Institutions by id (entity references from other subgraphs: one statement per request). */
  institutions: KeyedLoader<string, InstitutionRow>;
}

/** The distinct counts of a region without inspections over the range. */
const NONE_INSPECTED: InspectedCounts = { inspected: 0, inspectedTertiary: 0, inspectedSecondary: 0 };

export function createResolvers(
  db: Database,
  env: NodeJS.ProcessEnv = process.env,
  workflow: Workflow = supervisionWorkflow(db),
): Resolvers {
  // Targets are configurable per KPI (HSA_KPI_TARGETS); the formulas are not. The reporting
  // completeness KPIs (@hsa/reporting) complete the catalogue.
  const catalogue = withTargetOverrides(
    [...supervisionMetrics, ...completenessMetrics("supervision", workflow.deadlineDays)],
    env.HSA_KPI_TARGETS,
  );
  // Per request: a region and its children are summed in one statement per kind (no query per child).
  const kpiLoaders = perRequest(
    (_ctx: SubgraphContext): KpiLoaders => ({
      institutions: keyedLoader((ids: string[]) => getInstitutions(db, ids)),
    }),
  );
  return mergeResolvers<Resolvers>(mutationResolvers(db, workflow), {
    Query: {
      supervisionMetrics: () => metricsForGraphQL(catalogue),
      // Unknown and out of scope answer alike (null, or FORBIDDEN for an id naming a county
      // outside the scope, existing or not): no existence oracle (./access.ts).
      institution: async (_: unknown, args: { id: string }, ctx: SubgraphContext) => {
        const inst = await findVisibleInstitution(db, ctx.principal, args.id);
        if (inst) return institutionToGraphQL(inst);
        if (couldSee(ctx.principal, args.id)) return null;
        throw invisibleInstitution(ctx.principal, args.id, "id");
      },
      supervisionAudit: async (
        _: unknown,
        args: { regionCode: string; entityId?: string | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, args.regionCode, "regionCode");
        // recorded inspections and registry changes, both keyed by their id in audit_event
        const entries = await auditHistory(db, {
          facts: [inspectionFact],
          kinds: ["institution"],
          within: args.regionCode,
          ...(args.entityId ? { key: { id: args.entityId } } : {}),
        });
        // (within a region: every entry has its region code)
        return entries.map((e) => ({
          ...e,
          regionCode: e.regionCode as string,
          entity: e.kind,
          entityId: String(e.key.id),
        }));
      },
    },
    Region: {
      // The declared KPIs (../metrics) from the named sums per quarter, and the distinct counts a
      // range total counts again over the whole range: coverage's institutions inspected among those
      // designated at the range's end (an institution inspected in two quarters counts once), and
      // institutions interviewed (约谈 20 家).
      supervisionKpis: kpiResolver({
        catalogue,
        source: supervisionSums,
        // every region asked for at once, only the level reads the requested KPIs need (a coverage
        // ranking reads the registry alone): one statement per read kind (the kit batches a region
        // with its children, and a ranking reads every county in one call)
        loadSums: (_ctx, codes, req) => sumsByQuarterMany(db, codes, req.quarters, readsFor(req.wanted)),
        recount: async (_ctx, codes, names, range) => {
          const [inspected, interviews] = await Promise.all([
            names.some((n) => n !== "interviews")
              ? distinctInspectedMany(db, codes, range.from, range.to)
              : undefined,
            names.includes("interviews")
              ? distinctInterviewedMany(db, codes, range.from, range.to)
              : undefined,
          ]);
          return new Map(
            codes.map((c) => {
              const i = interviews?.get(c);
              const counts = inspected && (inspected.get(c) ?? NONE_INSPECTED);
              return [c, { ...counts, ...(interviews === undefined ? {} : { interviews: i ?? 0 }) }];
            }),
          );
        },
        observations: workflow,
      }),
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
      region: (inst: InstitutionRow) => requireRegion(inst.regionCode),
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
      region: (i: InspectionNode) => requireRegion(i.regionCode),
    },
  });
}
