/**
 * `defineReporting`: what the reporting workflow adds to one subgraph, declared once — its domain,
 * workflow tables, the tables of reported figures, its declared facts (generated mutations, CSV
 * imports, layouts) and any resolvers of its own that need the workflow. From it come the SDL the
 * subgraph serves with its schema.graphql, its workflow, and the parts of a start (resolvers,
 * upload routes, coverage) that `defineSubgraph` (@hsa/subgraph-kit) takes.
 */
import type { Database, DbHandle } from "@hsa/db";
import {
  mergeResolvers,
  type ResolverInput,
  type StartOptions,
  type SubgraphDefinition,
  type SubgraphParts,
} from "@hsa/subgraph-kit";
import { getTableColumns } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Fact } from "./define-fact";
import type { FactValues } from "./fact-fields";
import { reportingSharedSDL, workflowResolvers, workflowSDL } from "./graphql";
import type { ImportKind } from "./import-kind";
import { importRoutes } from "./import-upload";
import type { ReportingTables } from "./tables";
import { createWorkflow, latestReportedIn, reportedKeysIn, type Workflow } from "./workflow";

/** A table of reported figures: its rows' county (`regionCode`) and quarter (`quarter`). */
export type ReportedTable = PgTable & { regionCode: PgColumn; quarter: PgColumn };

/** An import kind made for one start: the workflow's, with the subgraph's own checks (e.g. a peer's). */
export type ImportOf = (db: Database, workflow: Workflow, opts: StartOptions) => ImportKind<FactValues>;

export interface ReportingDeclaration {
  /** enrollment | procurement | payment | … */
  domain: string;
  /** the workflow's tables in the subgraph's schema (`reportingTables(<schema>)`) */
  tables: ReportingTables;
  /**
   * The tables whose rows are a county-quarter's reported figures (it may submit once it has one).
   * The first one's county-quarters are the demo's reports (`markDemoReports`).
   */
  reported: readonly [ReportedTable, ...ReportedTable[]];
  /** declared facts served whole: their generated mutation (resolver and SDL) and their CSV import */
  facts?: readonly Fact[];
  /** declared facts whose layouts `Query.<domain>ReportLayouts` answers (default: none) */
  layouts?: readonly Fact[];
  /** more CSV import kinds: a declared fact's as it is, or one made with the subgraph's own checks */
  imports?: readonly (Fact | ImportOf)[];
  /** more SDL (a piece given twice, e.g. a fact's, is served once) */
  sdl?: readonly string[];
  /** resolvers of the subgraph's reporting that need the workflow (e.g. its audit field) */
  resolvers?: (db: Database, workflow: Workflow, opts: StartOptions) => ResolverInput;
}

export interface DeclaredReporting {
  /** the SDL served with the subgraph's schema.graphql (`defineSubgraph`'s `extraSDL`) */
  sdl: string[];
  workflow(db: Database): Workflow;
  /**
   * The parts of one start for `defineSubgraph`: the subgraph's own resolvers (made with the
   * workflow) merged with the workflow's, the facts' mutations and the reporting resolvers; the
   * upload routes of every import kind; the workflow as the KPIs' reporting coverage.
   */
  parts(
    own: (db: Database, workflow: Workflow, opts: StartOptions) => ResolverInput,
  ): (handle: DbHandle, opts: StartOptions) => SubgraphParts;
  /** Demo only: the first reported table's county-quarters approved, from `submittedFrom` on submitted. */
  markDemoReports(db: Database, submittedFrom: string): Promise<number>;
  /**
   * What a subgraph fills `defineSubgraph` with from its reporting: `extraSDL`, `parts` (with its own
   * resolvers), `reportLayouts` (its declared facts' layouts) and, given the demo's last quarter,
   * `loadDemoReports`.
   */
  subgraph(
    own: (db: Database, workflow: Workflow, opts: StartOptions) => ResolverInput,
    demoSubmittedFrom?: string,
  ): Pick<SubgraphDefinition, "extraSDL" | "parts" | "reportLayouts" | "loadDemoReports">;
}

export function defineReporting(decl: ReportingDeclaration): DeclaredReporting {
  const facts = decl.facts ?? [];
  const sources = decl.reported.map((t) => ({ table: t, regionCode: t.regionCode, quarter: t.quarter }));
  const reportedKeys = reportedKeysIn(...sources);
  const latestReported = latestReportedIn(...sources);
  const workflow = (db: Database) =>
    createWorkflow({
      domain: decl.domain,
      db,
      tables: decl.tables,
      reportedKeys,
      latestReported,
      ...(decl.layouts ? { facts: decl.layouts } : {}),
    });
  const imports = [...facts, ...(decl.imports ?? [])];
  const sdl = [
    reportingSharedSDL,
    workflowSDL(decl.domain),
    ...new Set([...facts.map((f) => f.sdl), ...(decl.sdl ?? [])].filter((s) => s !== "")),
  ];
  const parts: DeclaredReporting["parts"] = (own) => (handle, opts) => {
    const { db } = handle;
    const w = workflow(db);
    return {
      resolvers: mergeResolvers<ResolverInput>(
        own(db, w, opts),
        workflowResolvers(w),
        ...facts.map((f) => f.resolvers(db, w)),
        decl.resolvers?.(db, w, opts) ?? {},
      ),
      uploads: importRoutes(
        db,
        w,
        imports.map(
          (i) => (typeof i === "function" ? i(db, w, opts) : i.importKind(db, w)) as ImportKind<never>,
        ),
      ),
      coverage: w,
    };
  };
  const markDemoReports: DeclaredReporting["markDemoReports"] = (db, submittedFrom) => {
    const [table] = decl.reported;
    const columns = getTableColumns(table);
    return workflow(db).markDemoReports(
      {
        table,
        regionColumn: (columns.regionCode as PgColumn).name,
        quarterColumn: (columns.quarter as PgColumn).name,
      },
      submittedFrom,
    );
  };
  return {
    sdl,
    workflow,
    parts,
    markDemoReports,
    subgraph: (own, demoSubmittedFrom) => ({
      extraSDL: sdl,
      parts: parts(own),
      reportLayouts: (decl.layouts ?? []).map((f) => f.layout),
      ...(demoSubmittedFrom
        ? { loadDemoReports: (db: Database) => markDemoReports(db, demoSubmittedFrom) }
        : {}),
    }),
  };
}
