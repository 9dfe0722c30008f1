/**
 * `defineFact`: one reported fact declared once (the declaration's shape is below), compiled
 * (fact-compile.ts) into its validation, its CSV import kind (fact-import.ts), its mutation and
 * `writeMutation` (fact-mutation.ts), and its layout (fact-layout.ts).
 */
import type { Database } from "@hsa/db";
import type { ResolverMap, SubgraphContext } from "@hsa/subgraph-kit";
import type { PgTable } from "drizzle-orm/pg-core";
import type { ColumnSpec } from "./csv-layout";
import type { RowError } from "./csv-reader";
import type { FactAccess } from "./fact-access";
import type { ChildrenDeclaration } from "./fact-children";
import { compileFact } from "./fact-compile";
import type { FactValues, FieldSpec, Problem } from "./fact-fields";
import type { FactHooks, FactImportHooks } from "./fact-hooks";
import { factImport } from "./fact-import";
import { type ReportLayout, reportLayout } from "./fact-layout";
import type { FactLock } from "./fact-locks";
import { factMutation } from "./fact-mutation";
import type { FactRule } from "./fact-rules";
import type { WriteResult } from "./fact-write";
import type { ImportActor, ImportKind, ImportRow, Tx } from "./import-kind";
import type { AuditTable } from "./tables";
import type { Workflow } from "./workflow";

export type { FactRule } from "./fact-rules";

/** Checks of imported rows needing the database or another subgraph (row errors; those rows are not written). */
export type ImportCheck = (
  db: Database,
  rows: readonly ImportRow<FactValues>[],
  actor: ImportActor,
) => Promise<RowError[]>;

export interface FactDeclaration extends FactHooks, FactAccess {
  /** import kind (URL segment, CLI name), e.g. "enrollment" */
  kind: string;
  /** what one fact is, in messages, e.g. "enrollment report" */
  noun: string;
  title: { zh: string; en: string };
  table: PgTable;
  /** the fields in CSV order: API input, CSV columns and stored values */
  fields: Record<string, FieldSpec>;
  /** the natural key, as stored properties */
  key: readonly string[];
  /** the stored properties of the county and quarter the fact belongs to (scope, approval lock) */
  region: string;
  /** required unless `approval: false` (then the fact has no county-quarter report) */
  quarter?: string;
  /**
   * When the county is not a field of its own: where a CSV row's county comes from (e.g. the first
   * six digits of an institution id), null when it cannot be told (then `problem` on that column).
   */
  regionFrom?: { field: string; of(f: FactValues): string | null; problem(f: FactValues): string };
  /** When the quarter is not a field of its own: the quarter of a fact from another field (e.g. a date's). */
  quarterFrom?: { field: string; of(f: FactValues): string | null };
  /**
   * A child collection (e.g. an inspection's dispositions, fact-children.ts): validated with the
   * fact, written and audited in its transaction. A fact with children may be keyed without its
   * quarter: its writer checks a move of county or quarter.
   */
  children?: ChildrenDeclaration;
  rules?: readonly FactRule[];
  /** lock rules besides the approval lock (e.g. a closed settlement year), for new and stored rows */
  locks?: readonly FactLock[];
  /** bookkeeping columns of a written row, e.g. { reportedBy, updatedAt } */
  stamp(actor: { sub: string; name: string }, now: Date): Record<string, unknown>;
  /**
   * What audit rows hold. Every change is an `audit_event` row (the one audit shape, `auditTable`) in
   * the fact table's own schema; by default it holds every stored value under the natural key.
   */
  audit?: {
    /** the stored properties audit rows hold (default: all) */
    values?: readonly string[];
    /** the audited entity as one string (default `<kind>:<key values joined by ":">`) */
    entityKey?(f: FactValues): string;
    /** the kind audit rows are written with and read by (default: the fact's `kind`), e.g. "inspection" */
    kind?: string;
    /**
     * The audit row's key from the written row — its generated columns included, e.g. an inspection's
     * `id` — (default: the natural key's values). `entityKey` then reads this key's values.
     */
    key?(row: FactValues): Record<string, string | number | null>;
  };
  mutation?: {
    name: string;
    /** the GraphQL input type, e.g. EnrollmentReportInput, and its description */
    inputType: string;
    inputDoc: string;
    /** the mutation's description and payload type */
    doc: string;
    argDoc: string;
    payloadType: string;
    /** the payload from the stored row */
    payload(row: Record<string, unknown>, changed: boolean): unknown;
  };
  /**
   * A mutation written by hand in the subgraph (not generated from `mutation`) that writes this
   * fact, for the layout: its name, and — when one call reports several facts, one per value of an
   * enum field (e.g. purchases per category) — that field and the input's list argument.
   */
  writtenBy?: { mutation: string; groupBy?: { field: string; list: string } };
  import?: FactImportHooks & {
    action: string;
    maxBytes?: number;
    /** checks needing the database or another subgraph, for all rows at once (e.g. unknown institutions) */
    check?: ImportCheck;
  };
}

/** A declared fact: everything its write paths need, generated from one declaration. */
export interface Fact {
  decl: FactDeclaration;
  /** the table its audit rows go to: `audit_event` of its table's schema */
  auditTable: AuditTable;
  /** the kind of its audit rows (`audit.kind`, default its `kind`) */
  auditKind: string;
  /** the audited entity of a fact's (or an audit row's key's) values as one string, e.g. "purchase:150724-H-001:2024Q1:DRUG" */
  entityKey(f: FactValues): string;
  /** the CSV layout (documented, shown by the dashboard) */
  columns: readonly ColumnSpec[];
  /** every problem of an API input at once, by field (empty: valid) */
  validate(input: Record<string, unknown>, now?: Date): Problem[];
  /** the stored values of a valid API input */
  valuesOf(input: Record<string, unknown>): FactValues;
  /** the stored values of an API input and its problems (field names prefixed with `at`) */
  check(input: Record<string, unknown>, now?: Date, at?: string): { problems: Problem[]; values: FactValues };
  /**
   * Writes facts of one mutation in a transaction (a savepoint when given the caller's transaction,
   * e.g. a command that computes the facts from stored figures it reads in it): their county-quarters
   * must not be approved, then writeFacts (stored rows of other counties checked against the caller's
   * scope, idempotent, audited).
   */
  writeMutation(
    db: Database | Tx,
    workflow: Workflow,
    ctx: SubgraphContext,
    facts: readonly FactValues[],
    action: string,
    /** keepStored (facts with children): a stored fact of the key is returned unchanged (insert once) */
    opts?: { keepStored?: boolean },
  ): Promise<WriteResult>;
  /** the CSV import (POST /import/<kind>); `check` adds the subgraph's own checks (e.g. a peer's) */
  importKind(db: Database, workflow: Workflow, check?: ImportCheck): ImportKind<FactValues>;
  /** the mutation's resolver */
  resolvers(db: Database, workflow: Workflow): ResolverMap;
  /** the SDL of the input type and the mutation field */
  sdl: string;
  /** what `Query.<domain>ReportLayouts` answers for this fact (fields, units, rules; see fact-layout) */
  layout: ReportLayout;
}

export function defineFact(decl: FactDeclaration): Fact {
  const c = compileFact(decl);
  const { columns, importKind } = factImport(c);
  const { writeMutation, resolvers, sdl } = factMutation(c);
  return {
    decl,
    auditTable: c.table.auditTable,
    auditKind: c.table.auditKind,
    entityKey: c.entityKey,
    columns,
    validate: (input, now = new Date()) => c.check(input, now).problems,
    valuesOf(input) {
      const { problems, values } = c.check(input, new Date());
      if (problems.length) throw new Error(problems.map((p) => p.message).join("; "));
      return values;
    },
    check: c.check,
    writeMutation,
    importKind,
    resolvers,
    sdl,
    layout: reportLayout(decl),
  };
}
