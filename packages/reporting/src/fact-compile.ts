/**
 * What a fact's declaration is compiled into before its write paths are made from it (define-fact.ts):
 * the declaration checked, the stored properties, the table the writer works on (fact-write.ts), its
 * child collection, and `check`: one API input's stored values and every problem of it.
 */
import type { Role } from "@hsa/subgraph-kit";
import { getTableColumns } from "drizzle-orm";
import { auditTableOf } from "./audit";
import type { FactDeclaration } from "./define-fact";
import { type Children, childCollection, withChildren } from "./fact-children";
import { columnOf, type FactValues, type FieldSpec, jsonOf, type Problem, parseFields } from "./fact-fields";
import { checkedRule } from "./fact-rules";
import type { FactTable } from "./fact-write";

type CheckedRule = ReturnType<typeof checkedRule>;

/** A declaration compiled: what the mutation and the import of a fact share. */
export interface CompiledFact {
  decl: FactDeclaration;
  /** the stored property of the quarter ("" when the fact has none) */
  quarter: string;
  /** every field in CSV order, and those that are API input (not `csvOnly`) */
  all: readonly [string, FieldSpec][];
  inputs: readonly [string, FieldSpec][];
  /** the input field of a stored property */
  inputOf: ReadonlyMap<string, string>;
  /** the Chinese header of a stored property's field (the CSV column errors point at) */
  zhOf(prop: string): string;
  /** the role a write needs (any one of them) */
  role: Role | readonly Role[];
  entityKey(f: FactValues): string;
  table: FactTable;
  kids: Children | null;
  /** the rules a fact breaks, of those whose fields are all valid (not in `bad`) */
  ruleProblems(f: FactValues, bad: Set<string>, now?: Date): CheckedRule[];
  /** the input's stored values and every problem of it (by input field, prefixed with `at`) */
  check(input: Record<string, unknown>, now?: Date, at?: string): { problems: Problem[]; values: FactValues };
}

export function compileFact(decl: FactDeclaration): CompiledFact {
  // A stored row is locked per county-quarter: a key without the quarter could move a row out of an
  // approved quarter unchecked (only a change of county is checked as a move).
  const quarter = decl.quarter ?? "";
  if (decl.approval !== false && !decl.key.includes(quarter) && !decl.children) {
    throw new Error(`fact "${decl.kind}": its key must include the quarter column "${decl.quarter}"`);
  }
  // A missing row (BAD_USER_INPUT) must not be told apart from one outside the scope (FORBIDDEN) by
  // a client that names any key: an update-only fact is written by its subgraph's resolver, which
  // finds the row in the caller's scope first, unless its key holds its region.
  if (decl.upsert === false && (decl.mutation || decl.import) && !decl.key.includes(decl.region))
    throw new Error(
      `fact "${decl.kind}": an update-only fact whose key does not hold its region has no generated mutation or import`,
    );
  if (decl.upsert === false && decl.children)
    throw new Error(`fact "${decl.kind}": a fact with children is written whole: it cannot be update-only`);
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
  const inputOf = new Map(inputs.map(([n, f]) => [columnOf(n, f), n]));
  const zhOf = (prop: string) => decl.fields[inputOf.get(prop) ?? prop]?.zh ?? prop;
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
    auditKind: decl.audit?.kind ?? decl.kind,
    auditKey: decl.audit?.key ?? ((f: FactValues) => jsonOf(f, decl.key)),
    stamp: decl.stamp,
    auditTable: auditTableOf(decl.table),
    locks: decl.locks ?? [],
    ...(decl.upsert === false ? { updateOnly: true } : {}),
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

  function check(
    input: Record<string, unknown>,
    now = new Date(),
    at = "",
  ): { problems: Problem[]; values: FactValues } {
    const { problems, values, bad } = parseFields(inputs, input, now, at);
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

  return {
    decl,
    quarter,
    all,
    inputs,
    inputOf,
    zhOf,
    role: decl.role ?? ("reporter" as const),
    entityKey,
    table,
    kids,
    ruleProblems,
    check,
  };
}
