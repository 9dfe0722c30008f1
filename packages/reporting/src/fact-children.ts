import type { PgTable } from "drizzle-orm/pg-core";
import type { CellValue, ColumnSpec } from "./csv-layout";
import type { RowError } from "./csv-reader";
import { childrenOf, keyString, withChildren, writeWithChildren } from "./fact-children-write";
import {
  columnOf,
  columnSpecOf,
  type FactValues,
  type FieldSpec,
  jsonOf,
  type Problem,
  parseFields,
} from "./fact-fields";
import { checkedRule, type FactRule } from "./fact-rules";
import {
  type FactTable,
  type Moved,
  movedProblems,
  storedRows,
  type WriteOptions,
  type WriteResult,
} from "./fact-write";
import type { ImportActor, ImportRow, Tx } from "./import-kind";
import type { Workflow } from "./workflow";

export { childrenOf, withChildren };

/**
 * A fact's child collection (e.g. an inspection's dispositions): rows of their own table that
 * belong to one parent row, declared with the same field machinery, validated with the parent,
 * written (replaced as a whole) in the parent's transaction and audited with it. In a CSV, one row
 * per child: the rows sharing the parent's key are one parent and repeat its fields; a parent
 * without children is one row with the child columns empty.
 */
export interface ChildrenDeclaration {
  /** the parent's API input field holding the list, and the audit values' key, e.g. "dispositions" */
  name: string;
  /** one child in messages, e.g. "disposition" */
  noun: string;
  /** the collection's name in forms, e.g. 处理处罚 / dispositions (default: `name`) */
  title?: { zh: string; en: string };
  table: PgTable;
  /** the child's stored property pointing at its parent row, e.g. "inspectionId" */
  parentRef: string;
  /** the parent's stored property it points at (generated on insert), e.g. "id" */
  parentId: string;
  /** the child's stored property giving the stored order, e.g. "id" */
  order: string;
  /**
   * The child's stored property naming a region of its own (e.g. a settlement line's institution
   * county): the stored children a write replaces and the new ones must all lie in the caller's
   * scope (FORBIDDEN, nothing written).
   */
  region?: string;
  /** the child's fields (API input and CSV columns; give `csvKey` where a name clashes with the parent's) */
  fields: Record<string, FieldSpec>;
  rules?: readonly FactRule[];
  /** at most this many children per parent */
  max: number;
  /** the GraphQL input type of one child, its description and the parent input field's */
  inputType: string;
  inputDoc: string;
  doc: string;
}

type Row = Record<string, unknown>;
type Json = Record<string, string | number | null>;

/** What define-fact needs of the parent to handle its children. */
export interface ParentOf {
  noun: string;
  table: FactTable;
  /** the parent's API input fields (name, spec), in order */
  inputs: readonly [string, FieldSpec][];
  /** the CSV columns errors about a row's county and quarter point at */
  regionColumn: string;
  quarterColumn: string;
}

export interface Children {
  decl: ChildrenDeclaration;
  /** the CSV columns of a child (all optional: a parent without children has them empty) */
  columns: ColumnSpec[];
  /** the parent input field and the child input type (SDL) */
  inputField: string;
  inputSDL: string;
  /** every problem of the API's list (fields `<at><name>[i].<field>`) and the children's stored values */
  check(list: unknown, now: Date, at: string): { problems: Problem[]; values: FactValues[] };
  /** the child of one CSV row (null: the row has none) and its problems */
  fromRow(
    v: Record<string, CellValue>,
    now: Date,
  ): { child: FactValues | null; problems: { column: string; reason: string }[] };
  /** the import's rows as parent facts (rows with one key are one parent), with each one's first line */
  group<F extends FactValues>(rows: readonly ImportRow<F>[]): { facts: FactValues[]; lines: number[] };
  /** rows of one parent that disagree on its fields, too many children, stored parents moved out of a county-quarter */
  importProblems(
    db: Parameters<typeof storedRows>[0],
    workflow: Workflow,
    rows: readonly ImportRow<FactValues>[],
    actor: ImportActor,
  ): Promise<RowError[]>;
  /**
   * Writes parent facts with their children inside the caller's transaction (see writeWithChildren).
   * `keepStored`: a stored parent is returned as it is, never changed (insert-once idempotency).
   */
  write(
    tx: Tx,
    facts: readonly FactValues[],
    o: WriteOptions,
    progress?: (done: number) => void,
    keepStored?: boolean,
  ): Promise<WriteResult>;
}

const quote = (s: string) => JSON.stringify(s);

/** The values of fields from an API input: every problem at once, rules checked on valid inputs only. */
function checkFields(
  fields: readonly [string, FieldSpec][],
  rules: readonly ReturnType<typeof checkedRule>[],
  input: Record<string, unknown>,
  now: Date,
): { problems: Problem[]; values: FactValues } {
  const { problems, values, bad } = parseFields(fields, input, now);
  for (const r of rules)
    if (r.uses.every((u) => !bad.has(u)) && !r.holds(values, now))
      problems.push({ field: r.field, message: r.message(values).en });
  return { problems, values };
}

export function childCollection(d: ChildrenDeclaration, parent: ParentOf): Children {
  const t = parent.table;
  const fields = Object.entries(d.fields);
  const stored = fields.map(([n, f]) => columnOf(n, f));
  const rules = (d.rules ?? []).map((r) => checkedRule(r, d.fields));
  const columns = fields.map(([n, f]) => ({ ...columnSpecOf(n, f), optional: true }));
  const zhOfField = (name: string) => d.fields[name]?.zh ?? name;
  const json = (kids: readonly FactValues[]): Json[] => kids.map((k) => jsonOf(k, stored));
  const multiset = (kids: readonly FactValues[]) =>
    json(kids)
      .map((k) => JSON.stringify(k))
      .sort()
      .join("\n");
  const keyZh = parent.inputs
    .filter(([n, f]) => t.key.includes(columnOf(n, f)))
    .map(([, f]) => f.zh)
    .join("、");
  const tooMany = `at most ${d.max} ${d.noun}s per ${parent.noun}`;

  function check(list: unknown, now: Date, at: string) {
    const problems: Problem[] = [];
    const values: FactValues[] = [];
    const items = Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
    if (items.length > d.max) problems.push({ field: `${at}${d.name}`, message: tooMany });
    items.forEach((item, i) => {
      const p = `${d.name}[${i}]`;
      const r = checkFields(fields, rules, item ?? {}, now);
      for (const pr of r.problems)
        problems.push({ field: `${at}${p}.${pr.field}`, message: `${p}: ${pr.message}` });
      values.push(r.values);
    });
    return { problems, values };
  }

  function fromRow(v: Record<string, CellValue>, now: Date) {
    const cell = (name: string, f: FieldSpec) => v[f.csvKey ?? name] ?? null;
    if (fields.every(([n, f]) => cell(n, f) === null)) return { child: null, problems: [] };
    const problems: { column: string; reason: string }[] = [];
    const child: FactValues = {};
    for (const [name, f] of fields) {
      const value = cell(name, f);
      if (value === null && !f.optional)
        problems.push({
          column: f.zh,
          reason: `本行有${f.zh}以外的内容，${f.zh}必填 / required: the row has other values of a ${d.noun}`,
        });
      child[columnOf(name, f)] = value ?? f.fallback ?? null;
    }
    if (problems.length) return { child: null, problems };
    for (const r of rules) {
      if (r.holds(child, now)) continue;
      const m = r.message(child);
      problems.push({ column: zhOfField(r.field), reason: `${m.zh} / ${m.en}` });
    }
    return { child, problems };
  }

  function group<F extends FactValues>(rows: readonly ImportRow<F>[]) {
    const byKey = new Map<string, { fact: FactValues; kids: FactValues[]; line: number }>();
    for (const r of rows) {
      const k = keyString(t, r.fact);
      let g = byKey.get(k);
      if (!g) {
        g = { fact: { ...r.fact }, kids: [], line: r.line };
        byKey.set(k, g);
      }
      g.kids.push(...childrenOf(r.fact));
    }
    const gs = [...byKey.values()];
    return { facts: gs.map((g) => withChildren(g.fact, g.kids)), lines: gs.map((g) => g.line) };
  }

  async function importProblems(
    db: Parameters<typeof storedRows>[0],
    workflow: Workflow,
    rows: readonly ImportRow<FactValues>[],
    actor: ImportActor,
  ): Promise<RowError[]> {
    const errors: RowError[] = [];
    const groups = new Map<string, ImportRow<FactValues>[]>();
    for (const r of rows) {
      const k = keyString(t, r.fact);
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    const whole: ImportRow<FactValues>[] = [];
    for (const g of groups.values()) {
      const first = g[0] as ImportRow<FactValues>;
      let consistent = true;
      // Rows of one parent must agree on its fields.
      for (const r of g.slice(1)) {
        for (const [name, f] of parent.inputs) {
          const p = columnOf(name, f);
          if (t.key.includes(p) || String(r.fact[p]) === String(first.fact[p])) continue;
          consistent = false;
          errors.push({
            line: r.line,
            column: f.zh,
            value: String(r.fact[p]),
            reason: `与第 ${first.line} 行同一${keyZh}的 ${f.zh} 不一致 ("${String(first.fact[p])}") / differs from line ${first.line} of the same ${parent.noun}`,
          });
        }
      }
      const withKids = g.filter((r) => childrenOf(r.fact).length > 0);
      const over = withKids[d.max];
      if (over) errors.push({ line: over.line, column: columns[0]?.zh ?? null, reason: tooMany });
      if (consistent) whole.push(first);
    }
    // A stored parent leaving its county-quarter changes that report too: in scope and not approved.
    const facts = whole.map((r) => r.fact);
    const old = await storedRows(db, t, facts, false);
    const moved = movedOf(facts, old);
    for (const p of await movedProblems(db, workflow, moved, actor.principal)) {
      const f = facts[p.index] as FactValues;
      errors.push({
        line: (whole[p.index] as ImportRow<FactValues>).line,
        column: p.from !== f[t.region] ? parent.regionColumn : parent.quarterColumn,
        reason: p.reason,
      });
    }
    return errors;
  }

  /** Facts whose stored row (same key) lies in another county or quarter. */
  function movedOf(
    facts: readonly FactValues[],
    old: Map<string, Row>,
    unchanged?: readonly boolean[],
  ): Moved[] {
    return facts.flatMap((f, index) => {
      const o = old.get(keyString(t, f));
      if (!o || unchanged?.[index] || (o[t.region] === f[t.region] && o[t.quarter] === f[t.quarter]))
        return [];
      return [{ index, from: String(o[t.region]), quarter: String(o[t.quarter]) }];
    });
  }

  const write: Children["write"] = (tx, facts, o, progress, keepStored) =>
    writeWithChildren({ d, t, stored, json, multiset, movedOf }, tx, facts, o, progress, keepStored);

  const inputField = `  ${quote(d.doc)}\n  ${d.name}: [${d.inputType}!]! = []`;
  const inputSDL = [
    `${quote(d.inputDoc)}\ninput ${d.inputType} {`,
    ...fields.map(
      ([n, f]) =>
        `  ${quote(f.doc ?? `${f.zh}。${f.help}`)}\n  ${n}: ${f.graphqlType}${f.optional ? "" : "!"}`,
    ),
    "}",
    "",
  ].join("\n");

  return { decl: d, columns, inputField, inputSDL, check, fromRow, group, importProblems, write };
}
