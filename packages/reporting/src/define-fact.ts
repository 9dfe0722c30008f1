import type { Database } from "@hsa/db";
import {
  badInput,
  type ResolverMap,
  requireRegionInScope,
  requireRole,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { getTableColumns } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { auditEventRow, auditTableOf } from "./audit";
import type { CellValue, ColumnSpec } from "./csv-layout";
import type { RowError } from "./csv-reader";
import { type FactAccess, requireValuesInScope } from "./fact-access";
import { type ChildrenDeclaration, childCollection, withChildren } from "./fact-children";
import { columnOf, columnSpecOf, type FactValues, type FieldSpec, type Problem } from "./fact-fields";
import type { FactHooks, FactImportHooks } from "./fact-hooks";
import { type ReportLayout, reportLayout } from "./fact-layout";
import { checkedRule, type FactRule } from "./fact-rules";
import {
  type AuditEvent,
  type FactLock,
  type FactTable,
  movedProblems,
  movedRows,
  storedRows,
  type WriteResult,
  writeFacts,
} from "./fact-write";

export type { FactRule } from "./fact-rules";

import type { ImportActor, ImportKind, ImportRow } from "./import-kind";
import type { AuditTable } from "./tables";
import type { Workflow } from "./workflow";

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
   * What audit rows hold. Default: every stored value, written to `audit_event` (the one audit shape,
   * `auditTable`) in the fact table's own schema. `table` and `row` map the event to a table of the
   * subgraph's own instead (the former per-subgraph shapes, until they move to audit_event).
   */
  audit?: {
    table?: PgTable;
    row?(e: AuditEvent): Record<string, unknown>;
    /** the stored properties audit rows hold (default: all) */
    values?: readonly string[];
    /** the audited entity as one string (default `<kind>:<key values joined by ":">`) */
    entityKey?(f: FactValues): string;
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
  /** the table its audit rows go to: `audit_event` of its schema, or null when the fact maps them elsewhere */
  auditTable: AuditTable | null;
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
   * Writes facts of one mutation in a transaction: their county-quarters must not be approved, then
   * writeFacts (stored rows of other counties checked against the caller's scope, idempotent, audited).
   */
  writeMutation(
    db: Database,
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

const quote = (s: string) => JSON.stringify(s);

export function defineFact(decl: FactDeclaration): Fact {
  // A stored row is locked per county-quarter: a key without the quarter could move a row out of an
  // approved quarter unchecked (only a change of county is checked as a move).
  const quarter = decl.quarter ?? "";
  if (decl.approval !== false && !decl.key.includes(quarter) && !decl.children) {
    throw new Error(`fact "${decl.kind}": its key must include the quarter column "${decl.quarter}"`);
  }
  const all = Object.entries(decl.fields);
  const inputs = all.filter(([, f]) => !f.csvOnly);
  const stored = inputs.map(([n, f]) => columnOf(n, f));
  if (!stored.includes(decl.region)) stored.push(decl.region);
  if (quarter && !stored.includes(quarter)) stored.push(quarter);
  for (const d of decl.derived ?? []) if (!stored.includes(d)) stored.push(d);
  // only the table's columns are stored (a fact may take its region or an input from elsewhere)
  const tableColumns = getTableColumns(decl.table);
  for (let i = stored.length - 1; i >= 0; i--)
    if (!((stored[i] as string) in tableColumns)) stored.splice(i, 1);
  if (!(decl.region in tableColumns) && !decl.regionStored)
    throw new Error(`fact "${decl.kind}": its region "${decl.region}" is no column: declare regionStored`);
  const role = decl.role ?? "reporter";
  const inputOf = new Map(inputs.map(([n, f]) => [columnOf(n, f), n]));
  const zhOf = (prop: string) => decl.fields[inputOf.get(prop) ?? prop]?.zh ?? prop;
  const own = decl.audit?.table;
  if (own && !decl.audit?.row)
    throw new Error(`fact "${decl.kind}": an audit table of its own needs audit.row`);
  const shared = own ? null : auditTableOf(decl.table);
  const entityKey =
    decl.audit?.entityKey ?? ((f: FactValues) => `${decl.kind}:${decl.key.map((k) => f[k]).join(":")}`);
  const table: FactTable = {
    noun: decl.noun,
    kind: decl.kind,
    table: decl.table,
    key: decl.key,
    region: decl.region,
    quarter,
    ...(decl.regionStored ? { regionStored: decl.regionStored } : {}),
    stored,
    audited: decl.audit?.values ?? stored,
    entityKey,
    stamp: decl.stamp,
    audit: {
      table: own ?? (shared as AuditTable),
      row: own ? (decl.audit?.row as (e: AuditEvent) => Record<string, unknown>) : auditEventRow,
    },
    locks: decl.locks ?? [],
  };
  const kids = decl.children
    ? childCollection(decl.children, {
        noun: decl.noun,
        table,
        inputs,
        regionColumn: zhOf(decl.regionFrom?.field ?? decl.region),
        quarterColumn: zhOf(decl.quarterFrom?.field ?? quarter),
      })
    : null;
  const rules = (decl.rules ?? []).map((r) => checkedRule(r, decl.fields));
  const ruleProblems = (f: FactValues, bad: Set<string>, now = new Date()) =>
    rules.filter((r) => r.uses.every((u) => !bad.has(u)) && !r.holds(f, now));

  /** The input's stored values and every problem of it (by input field). */
  function check(
    input: Record<string, unknown>,
    now = new Date(),
    at = "",
  ): { problems: Problem[]; values: FactValues } {
    const problems: Problem[] = [];
    const values: FactValues = {};
    const bad = new Set<string>();
    for (const [name, f] of inputs) {
      const raw = input[name];
      if ((raw === null || raw === undefined) && f.optional) {
        values[columnOf(name, f)] = f.fallback ?? null;
        continue;
      }
      const r = f.schema(name, now).safeParse(raw);
      if (r.success) values[columnOf(name, f)] = r.data;
      else {
        bad.add(name);
        for (const issue of r.error.issues) problems.push({ field: `${at}${name}`, message: issue.message });
      }
    }
    if (decl.quarterFrom && !bad.has(decl.quarterFrom.field)) values[quarter] = decl.quarterFrom.of(values);
    for (const r of ruleProblems(values, bad, now))
      problems.push({ field: `${at}${r.field}`, message: r.message(values).en });
    if (kids) {
      const c = kids.check(input[kids.decl.name], now, at);
      problems.push(...c.problems);
      withChildren(values, c.values);
    }
    return { problems, values };
  }

  const validate = (input: Record<string, unknown>, now = new Date()) => check(input, now).problems;

  function valuesOf(input: Record<string, unknown>): FactValues {
    const { problems, values } = check(input, new Date());
    if (problems.length) throw new Error(problems.map((p) => p.message).join("; "));
    return values;
  }

  function toFact(v: Record<string, CellValue>) {
    const now = new Date();
    const fact: FactValues = {};
    for (const [name, f] of inputs) fact[columnOf(name, f)] = v[f.csvKey ?? name] ?? f.fallback ?? null;
    // read, never stored: for rules such as "the county given matches the institution's"
    for (const [name, f] of all) if (f.csvOnly) fact[name] = v[f.csvKey ?? name] ?? null;
    if (decl.quarterFrom) fact[quarter] = decl.quarterFrom.of(fact);
    if (decl.regionFrom) {
      const code = decl.regionFrom.of(fact);
      if (code === null)
        return { problems: [{ column: zhOf(decl.regionFrom.field), reason: decl.regionFrom.problem(fact) }] };
      fact[decl.region] = code;
    }
    const broken = ruleProblems(fact, new Set(), now);
    const child = kids?.fromRow(v, now);
    if (broken.length || child?.problems.length) {
      return {
        problems: [
          ...broken.map((r) => {
            const m = r.message(fact);
            return {
              column: zhOf(columnOf(r.field, decl.fields[r.field] as FieldSpec)),
              reason: `${m.zh} / ${m.en}`,
            };
          }),
          ...(child?.problems ?? []),
        ],
      };
    }
    if (child) withChildren(fact, child.child ? [child.child] : []);
    return {
      fact,
      report: { regionCode: String(fact[decl.region]), quarter: String(fact[quarter]) },
      // with children, one row per child: the same child twice is the duplicate
      key: [
        ...decl.key.map((k) => String(fact[k])),
        ...(child?.child ? Object.values(child.child).map(String) : []),
      ].join("|"),
    };
  }

  const columns = [...all.map(([n, f]) => columnSpecOf(n, f)), ...(kids?.columns ?? [])];

  function importKind(db: Database, workflow: Workflow, extra?: ImportCheck): ImportKind<FactValues> {
    const imp = decl.import;
    if (!imp) throw new Error(`${decl.kind}: the fact declares no import`);
    if (decl.approval === false) throw new Error(`${decl.kind}: an import needs the county-quarter report`);
    const regionColumn = zhOf(decl.regionFrom?.field ?? decl.region);
    return {
      kind: decl.kind,
      title: decl.title,
      columns,
      ...(imp.maxBytes ? { maxBytes: imp.maxBytes } : {}),
      ...(inputOf.get(decl.region) === "regionCode" ? {} : { regionColumn }),
      toFact,
      async check(all: readonly ImportRow<FactValues>[], actor: ImportActor): Promise<RowError[]> {
        const errors = [
          ...(imp.check ? await imp.check(db, all, actor) : []),
          ...(extra ? await extra(db, all, actor) : []),
        ];
        for (const lock of decl.locks ?? []) {
          for (const hit of await lock.locked(
            db,
            all.map((r) => r.fact),
          ))
            errors.push({
              line: (all[hit.index] as ImportRow<FactValues>).line,
              column: zhOf(columnOf(lock.field, decl.fields[lock.field] as FieldSpec)),
              reason: hit.reason,
            });
        }
        if (kids) return [...errors, ...(await kids.importProblems(db, workflow, all, actor))];
        // (an import that never moves a row refuses it in the write: FORBIDDEN, see fact-hooks.ts)
        if (decl.key.includes(decl.region) || imp.moves === "refuse") return errors;
        // the stored rows of the other rows' keys: another county's only within the scope, unapproved
        const bad = new Set(errors.map((e) => e.line));
        const rows = all.filter((r) => !bad.has(r.line));
        const facts = rows.map((r) => r.fact);
        const moved = movedRows(table, facts, await storedRows(db, table, facts, false));
        const problems = await movedProblems(db, workflow, moved, actor.principal);
        return [
          ...errors,
          ...problems.map((p) => ({
            line: (rows[p.index] as ImportRow<FactValues>).line,
            column: regionColumn,
            reason: p.reason,
          })),
        ];
      },
      async write(tx, rows, actor, progress) {
        // with children: the rows of one key are one fact
        const grouped = kids?.group(rows) ?? {
          facts: rows.map((x) => x.fact),
          lines: rows.map((x) => x.line),
        };
        await decl.beforeWrite?.(tx, grouped.facts, actor);
        const o = {
          workflow,
          principal: actor.principal,
          actor,
          action: imp.action,
          source: actor.source,
          ...(actor.importId ? { importId: actor.importId } : {}),
          mode: "import" as const,
          lines: grouped.lines,
          refuseMoves: imp.moves === "refuse",
        };
        const r = kids
          ? await kids.write(tx, grouped.facts, o, progress)
          : await writeFacts(tx, table, grouped.facts, o, progress);
        return { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged };
      },
    };
  }

  function writeMutation(
    db: Database,
    workflow: Workflow,
    ctx: SubgraphContext,
    facts: readonly FactValues[],
    action: string,
    opts?: { keepStored?: boolean },
  ): Promise<WriteResult> {
    const { sub, name } = ctx.principal;
    // Checked here too, not only by the generated resolver: a subgraph calling writeMutation from
    // its own resolver gets the role and the new values' scope checked all the same.
    requireRole(ctx.principal, role);
    if (decl.regionStored)
      requireValuesInScope(ctx.principal, facts, [decl.region, ...decl.regionStored], decl.noun);
    else for (const f of facts) requireRegionInScope(ctx.principal, String(f[decl.region]), decl.region);
    return db.transaction(async (tx) => {
      // An approved county-quarter is locked until an approver reopens it.
      const reports = new Map(
        facts.map((f) => {
          const k = { regionCode: String(f[decl.region]), quarter: String(f[quarter]) };
          return [`${k.regionCode}|${k.quarter}`, k];
        }),
      );
      if (decl.approval !== false) for (const k of reports.values()) await workflow.assertWritable(tx, k);
      await decl.beforeWrite?.(tx, facts, { sub, name });
      const o = {
        workflow,
        principal: ctx.principal,
        actor: { sub, name },
        action,
        source: `mutation ${action}`,
        mode: "mutation" as const,
      };
      return kids ? kids.write(tx, facts, o, undefined, opts?.keepStored) : writeFacts(tx, table, facts, o);
    });
  }

  function resolvers(db: Database, workflow: Workflow): ResolverMap {
    const m = decl.mutation;
    if (!m) return {};
    const regionInput = inputOf.get(decl.region) ?? decl.region;
    return {
      Mutation: {
        [m.name]: async (_: unknown, { input }: { input: Record<string, unknown> }, ctx: SubgraphContext) => {
          requireRole(ctx.principal, role);
          // The new values' side: the county reported for must be in the caller's scope.
          requireRegionInScope(ctx.principal, String(input[regionInput]), `input.${regionInput}`);
          const { problems, values: fact } = check(input, new Date());
          if (problems.length)
            throw badInput(`invalid ${decl.noun}: ${problems.map((p) => p.message).join("; ")}`, {
              problems,
            });
          const written = await writeMutation(db, workflow, ctx, [fact], m.name);
          const one = written.rows[0] as { row: Record<string, unknown>; changed: boolean };
          ctx.log.info(
            { regionCode: fact[decl.region], quarter: fact[quarter], changed: one.changed },
            decl.noun,
          );
          return m.payload(one.row, one.changed);
        },
      },
    };
  }

  const sdl = decl.mutation
    ? [
        `${quote(decl.mutation.inputDoc)}\ninput ${decl.mutation.inputType} {`,
        ...inputs.map(
          ([n, f]) =>
            `  ${quote(f.doc ?? `${f.zh}。${f.help}`)}\n  ${n}: ${f.graphqlType}${f.optional ? "" : "!"}`,
        ),
        ...(kids ? [kids.inputField] : []),
        "}",
        "",
        "extend type Mutation {",
        `  """\n  ${decl.mutation.doc.split("\n").join("\n  ")}\n  """`,
        `  ${decl.mutation.name}(\n    ${quote(decl.mutation.argDoc)}\n    input: ${decl.mutation.inputType}!\n  ): ${decl.mutation.payloadType}!`,
        "}",
        "",
        ...(kids ? [kids.inputSDL] : []),
      ].join("\n")
    : "";

  const layout = reportLayout(decl);
  return {
    decl,
    auditTable: shared,
    entityKey,
    columns,
    validate,
    valuesOf,
    check,
    writeMutation,
    importKind,
    resolvers,
    sdl,
    layout,
  };
}
