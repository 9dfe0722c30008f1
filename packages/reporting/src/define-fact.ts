import type { Database } from "@hsa/db";
import {
  badInput,
  type ResolverMap,
  requireRegionInScope,
  requireRole,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import type { PgTable } from "drizzle-orm/pg-core";
import { auditEventRow, auditTableOf } from "./audit";
import type { CellValue, ColumnSpec } from "./csv-layout";
import type { RowError } from "./csv-reader";
import { columnOf, columnSpecOf, type FactValues, type FieldSpec, type Problem } from "./fact-fields";
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
import type { ImportActor, ImportKind, ImportRow } from "./import-kind";
import type { AuditTable } from "./tables";
import type { Workflow } from "./workflow";

/** A rule across fields (e.g. network ≤ total), checked on the stored values of both paths. */
export interface FactRule {
  /** the input fields it reads: it is checked only when these are valid */
  uses: readonly string[];
  /** the input field a broken rule is reported on */
  field: string;
  holds(f: FactValues): boolean;
  /** the API's message (English) and the CSV's (Chinese, followed by the English) */
  message(f: FactValues): { zh: string; en: string };
}

/** Checks of imported rows needing the database or another subgraph (row errors; those rows are not written). */
export type ImportCheck = (
  db: Database,
  rows: readonly ImportRow<FactValues>[],
  actor: ImportActor,
) => Promise<RowError[]>;

export interface FactDeclaration {
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
  quarter: string;
  /**
   * When the county is not a field of its own: where a CSV row's county comes from (e.g. the first
   * six digits of an institution id), null when it cannot be told (then `problem` on that column).
   */
  regionFrom?: { field: string; of(f: FactValues): string | null; problem(f: FactValues): string };
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
  import?: {
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
  ): Promise<WriteResult>;
  /** the CSV import (POST /import/<kind>); `check` adds the subgraph's own checks (e.g. a peer's) */
  importKind(db: Database, workflow: Workflow, check?: ImportCheck): ImportKind<FactValues>;
  /** the mutation's resolver */
  resolvers(db: Database, workflow: Workflow): ResolverMap;
  /** the SDL of the input type and the mutation field */
  sdl: string;
}

const quote = (s: string) => JSON.stringify(s);

export function defineFact(decl: FactDeclaration): Fact {
  // A stored row is locked per county-quarter: a key without the quarter could move a row out of an
  // approved quarter unchecked (only a change of county is checked as a move).
  if (!decl.key.includes(decl.quarter)) {
    throw new Error(`fact "${decl.kind}": its key must include the quarter column "${decl.quarter}"`);
  }
  const all = Object.entries(decl.fields);
  const inputs = all.filter(([, f]) => !f.csvOnly);
  const stored = inputs.map(([n, f]) => columnOf(n, f));
  if (!stored.includes(decl.region)) stored.push(decl.region);
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
    quarter: decl.quarter,
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
  const ruleProblems = (f: FactValues, bad: Set<string>) =>
    (decl.rules ?? []).filter((r) => r.uses.every((u) => !bad.has(u)) && !r.holds(f));

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
    for (const r of ruleProblems(values, bad))
      problems.push({ field: `${at}${r.field}`, message: r.message(values).en });
    return { problems, values };
  }

  const validate = (input: Record<string, unknown>, now = new Date()) => check(input, now).problems;

  function valuesOf(input: Record<string, unknown>): FactValues {
    const { problems, values } = check(input, new Date());
    if (problems.length) throw new Error(problems.map((p) => p.message).join("; "));
    return values;
  }

  function toFact(v: Record<string, CellValue>) {
    const fact: FactValues = {};
    for (const [name, f] of inputs) fact[columnOf(name, f)] = v[name] ?? f.fallback ?? null;
    if (decl.regionFrom) {
      const code = decl.regionFrom.of(fact);
      if (code === null)
        return { problems: [{ column: zhOf(decl.regionFrom.field), reason: decl.regionFrom.problem(fact) }] };
      fact[decl.region] = code;
    }
    const broken = ruleProblems(fact, new Set());
    if (broken.length) {
      return {
        problems: broken.map((r) => {
          const m = r.message(fact);
          return {
            column: zhOf(columnOf(r.field, decl.fields[r.field] as FieldSpec)),
            reason: `${m.zh} / ${m.en}`,
          };
        }),
      };
    }
    return {
      fact,
      report: { regionCode: String(fact[decl.region]), quarter: String(fact[decl.quarter]) },
      key: decl.key.map((k) => String(fact[k])).join("|"),
    };
  }

  const columns = all.map(([n, f]) => columnSpecOf(n, f));

  function importKind(db: Database, workflow: Workflow, extra?: ImportCheck): ImportKind<FactValues> {
    const imp = decl.import;
    if (!imp) throw new Error(`${decl.kind}: the fact declares no import`);
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
        if (decl.key.includes(decl.region)) return errors;
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
        const r = await writeFacts(
          tx,
          table,
          rows.map((x) => x.fact),
          {
            workflow,
            principal: actor.principal,
            actor,
            action: imp.action,
            source: actor.source,
            ...(actor.importId ? { importId: actor.importId } : {}),
            mode: "import",
            lines: rows.map((x) => x.line),
          },
          progress,
        );
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
  ): Promise<WriteResult> {
    const { sub, name } = ctx.principal;
    // Checked here too, not only by the generated resolver: a subgraph calling writeMutation from
    // its own resolver gets the role and the new values' scope checked all the same.
    requireRole(ctx.principal, "reporter");
    for (const f of facts) requireRegionInScope(ctx.principal, String(f[decl.region]), decl.region);
    return db.transaction(async (tx) => {
      // An approved county-quarter is locked until an approver reopens it.
      const reports = new Map(
        facts.map((f) => {
          const k = { regionCode: String(f[decl.region]), quarter: String(f[decl.quarter]) };
          return [`${k.regionCode}|${k.quarter}`, k];
        }),
      );
      for (const k of reports.values()) await workflow.assertWritable(tx, k);
      return writeFacts(tx, table, facts, {
        workflow,
        principal: ctx.principal,
        actor: { sub, name },
        action,
        source: `mutation ${action}`,
        mode: "mutation",
      });
    });
  }

  function resolvers(db: Database, workflow: Workflow): ResolverMap {
    const m = decl.mutation;
    if (!m) return {};
    const regionInput = inputOf.get(decl.region) ?? decl.region;
    return {
      Mutation: {
        [m.name]: async (_: unknown, { input }: { input: Record<string, unknown> }, ctx: SubgraphContext) => {
          requireRole(ctx.principal, "reporter");
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
            { regionCode: fact[decl.region], quarter: fact[decl.quarter], changed: one.changed },
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
        "}",
        "",
        "extend type Mutation {",
        `  """\n  ${decl.mutation.doc.split("\n").join("\n  ")}\n  """`,
        `  ${decl.mutation.name}(\n    ${quote(decl.mutation.argDoc)}\n    input: ${decl.mutation.inputType}!\n  ): ${decl.mutation.payloadType}!`,
        "}",
        "",
      ].join("\n")
    : "";

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
  };
}
