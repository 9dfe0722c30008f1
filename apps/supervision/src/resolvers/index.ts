import type { Database } from "@hsa/db";
import {
  computeValue,
  type KpiSeries,
  type MetricDefinition,
  type Observation,
  rejudgeKpi,
  withTargetOverrides,
} from "@hsa/kpi";
import { quarterIndex } from "@hsa/periods";
import { type Region, requireRegion } from "@hsa/regions";
import { completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  auditEntryToGraphQL,
  badInput,
  buildKpiSeries,
  canSee,
  decodeCursor,
  encodeCursor,
  type KeyedLoader,
  keyedLoader,
  mergeResolvers,
  metricsForGraphQL,
  type ObservationTable,
  pageSize,
  parseKpiArgs,
  perRequest,
  type RegionRollupLoader,
  regionRollupLoader,
  requireRegionInScope,
  type SubgraphContext,
  toConnection,
} from "@hsa/subgraph-kit";
import {
  getInstitutions,
  type InspectionScope,
  type InstitutionFilter,
  listAudit,
  listInspections,
  listInstitutions,
} from "../db/queries";
import {
  distinctInspectedMany,
  distinctInterviewedMany,
  type InspectedCounts,
  sumsByQuarterMany,
} from "../db/rollup";
import type { InstitutionRow } from "../db/schema";
import type { Resolvers } from "../generated/resolvers";
import { formulas, type SupervisionMetricId, type SupervisionSums, supervisionMetrics } from "../metrics";
import { supervisionWorkflow } from "../reporting";
import { couldSee, findVisibleInstitution, invisibleInstitution } from "./access";
import { mutationResolvers } from "./mutations";
import { type InspectionNode, inspectionToGraphQL, institutionToGraphQL } from "./views";

export * from "./validation";

/** The coverage KPIs: range totals are distinct counts over the whole range (`distinctInspectedMany`). */
const COVERAGE_IDS = new Set<string>([
  "supervision.inspection_coverage",
  "supervision.coverage_tertiary",
  "supervision.coverage_secondary",
]);

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
  distinct: RegionRollupLoader<{ from: string; to: string }, InspectedCounts>;
  /** distinct institutions interviewed over a range (the range total of `supervision.interviews`) */
  interviewed: RegionRollupLoader<{ from: string; to: string }, number>;
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
  // Coverage's range totals: distinct institutions inspected in the range among those designated at
  // its end (an institution inspected in two quarters counts once) / designated at its end.
  const last = req.quarters[req.quarters.length - 1] as string;
  const coverages = series.filter((s) => COVERAGE_IDS.has(s.metric.id) && s.total.status !== "NO_DATA");
  // one load for every coverage KPI (the loader batches the region with its siblings)
  const inspected =
    coverages.length > 0 ? await load.distinct.load(regionCode, { from: args.from, to: args.to }) : null;
  for (const coverage of coverages) {
    const f = formulas[coverage.metric.id as SupervisionMetricId];
    if (!inspected || !f?.den) continue;
    const numerator = inspected[f.num as keyof InspectedCounts];
    const denominator = sums.get(last)?.[f.den] ?? 0;
    const value = computeValue(coverage.metric, numerator, denominator);
    // status, expected and flags judged again on the overridden figures (never the earlier ones)
    coverage.total = rejudgeKpi(coverage.metric, coverage.total, { numerator, denominator, value }, last);
  }

  // Interviews count distinct institutions (约谈 20 家): each quarter's point adds its counties'
  // distinct counts (an institution reports under its own county); the range total is the distinct
  // count over the whole range (an institution interviewed in two quarters counts once).
  const interviews = series.find((s) => s.metric.id === "supervision.interviews");
  if (interviews && interviews.total.status !== "NO_DATA" && req.quarters.length > 1) {
    const numerator = await load.interviewed.load(regionCode, { from: args.from, to: args.to });
    const value = computeValue(interviews.metric, numerator, null);
    interviews.total = rejudgeKpi(interviews.metric, interviews.total, { numerator, value });
  }
  return series;
}

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
      sums: regionRollupLoader(
        (codes, quarters: string[]) => sumsByQuarterMany(db, codes, quarters),
        () => new Map<string, SupervisionSums>(),
      ),
      distinct: regionRollupLoader(
        (codes, a: { from: string; to: string }) => distinctInspectedMany(db, codes, a.from, a.to),
        () => ({ inspected: 0, inspectedTertiary: 0, inspectedSecondary: 0 }),
      ),
      interviewed: regionRollupLoader(
        (codes, a: { from: string; to: string }) => distinctInterviewedMany(db, codes, a.from, a.to),
        () => 0,
      ),
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
        const rows = await listAudit(db, args.regionCode, args.entityId ?? null);
        return rows.map(auditEntryToGraphQL);
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
