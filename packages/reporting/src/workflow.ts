import type { Database } from "@hsa/db";
import { regionSubtree } from "@hsa/db";
import { and, gte, lte, max } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { type ExpectedUnits, expectedUnits } from "./expected";
import type { ReportLayout } from "./fact-layout";
import { deadlineDaysFromEnv, keyOf, type ReportKey } from "./report-period";
import type { ReportingTables, ReportStateRow } from "./tables";
import { completenessQueries } from "./workflow-completeness";
import type { WorkflowContext } from "./workflow-context";
import { demoMarking } from "./workflow-demo";
import { stateListing } from "./workflow-listing";
import { approvalLock, stateTransitions } from "./workflow-transitions";

/** A fact table whose rows mark a county-quarter as reported. */
export interface FactSource {
  table: PgTable;
  regionCode: PgColumn;
  quarter: PgColumn;
}

/**
 * `reportedKeys` for a workflow: the county-quarters of a region's subtree in [from, to] with a row
 * in any of the given fact tables (e.g. procurement: purchases or VBP progress).
 */
export function reportedKeysIn(...sources: FactSource[]): WorkflowOptions["reportedKeys"] {
  return async (db, regionCode, from, to) => {
    const lists = await Promise.all(
      sources.map(
        (s) =>
          db
            .selectDistinct({ regionCode: s.regionCode, quarter: s.quarter })
            .from(s.table)
            .where(
              and(regionSubtree(s.regionCode, regionCode), gte(s.quarter, from), lte(s.quarter, to)),
            ) as unknown as Promise<ReportKey[]>,
      ),
    );
    return new Set(lists.flat().map(keyOf));
  };
}

/**
 * `latestReported` for a workflow: the last quarter (not after `upTo`) with a row of the region's
 * subtree in any of the given fact tables — one `max(quarter)` per table, read from their
 * (quarter, region) or (region, quarter) indexes.
 */
export function latestReportedIn(...sources: FactSource[]): NonNullable<WorkflowOptions["latestReported"]> {
  return async (db, regionCode, upTo) => {
    const found = await Promise.all(
      sources.map(async (s) => {
        const [row] = (await db
          .select({ quarter: max(s.quarter) })
          .from(s.table)
          .where(and(regionSubtree(s.regionCode, regionCode), lte(s.quarter, upTo)))) as unknown as {
          quarter: string | null;
        }[];
        return row?.quarter ?? null;
      }),
    );
    return found.reduce<string | null>((a, q) => (q && (a === null || q > a) ? q : a), null);
  };
}

export interface WorkflowOptions {
  /** enrollment | procurement | payment | supervision */
  domain: string;
  db: Database;
  tables: ReportingTables;
  /**
   * The county-quarters of a region's subtree (in [from, to]) for which figures were reported,
   * as `keyOf` strings: a county may only submit what it has reported.
   */
  reportedKeys(db: Database, regionCode: string, from: string, to: string): Promise<Set<string>>;
  /** The last quarter (≤ upTo) with figures reported in the region's subtree; `Query.<domain>LatestQuarter`. */
  latestReported?(db: Database, regionCode: string, upTo: string): Promise<string | null>;
  deadlineDays?: number;
  /** The units expected to report this domain (default: HSA_EXPECTED_UNITS, else every reporting unit). */
  expectedUnits?: ExpectedUnits;
  now?: () => Date;
  /** The domain's declared facts (defineFact): `Query.<domain>ReportLayouts` answers their layouts. */
  facts?: readonly { layout: ReportLayout }[];
}

export type Workflow = ReturnType<typeof createWorkflow>;

/** The approval workflow and completeness figures of one domain. */
export function createWorkflow(opts: WorkflowOptions) {
  const { db, domain } = opts;
  const { reportState: st, reportEvent: ev } = opts.tables;
  const deadlineDays = opts.deadlineDays ?? deadlineDaysFromEnv();
  const expected = opts.expectedUnits ?? expectedUnits(domain);
  const now = opts.now ?? (() => new Date());
  const c: WorkflowContext = { opts, db, domain, st, ev, deadlineDays, expected, now };
  return {
    domain,
    deadlineDays,
    tables: opts.tables,
    /** the layouts of the domain's declared facts, in declaration order */
    layouts: (opts.facts ?? []).map((f) => f.layout),
    /** the last quarter (≤ upTo) with reported figures in the region's subtree; undefined: not declared */
    latestReportedQuarter: opts.latestReported
      ? (regionCode: string, upTo: string) =>
          opts.latestReported?.(db, regionCode, upTo) ?? Promise.resolve(null)
      : undefined,
    ...stateTransitions(c),
    ...stateListing(c),
    ...approvalLock(c),
    ...completenessQueries(c),
    ...demoMarking(c),
  };
}

/** The view of one state for code that already holds the row (e.g. after an import). */
export function isApproved(row: Pick<ReportStateRow, "status"> | undefined): boolean {
  return row?.status === "APPROVED";
}
