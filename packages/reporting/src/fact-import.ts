/**
 * A declared fact's CSV import kind (POST /import/<kind>): a CSV row → the fact's stored values
 * (rules, county and quarter taken from other fields, children), the batched checks (the subgraph's
 * own, lock rules, stored rows moved to another county) and the audited, idempotent write.
 */
import type { Database } from "@hsa/db";
import type { CellValue, ColumnSpec } from "./csv-layout";
import type { RowError } from "./csv-reader";
import type { ImportCheck } from "./define-fact";
import { withChildren } from "./fact-children";
import type { CompiledFact } from "./fact-compile";
import { columnOf, columnSpecOf, type FactValues, type FieldSpec } from "./fact-fields";
import { completedFacts, writtenFacts } from "./fact-hooks";
import { movedProblems, movedRows, storedRows, writeFacts } from "./fact-write";
import type { ImportActor, ImportKind, ImportRow } from "./import-kind";
import type { Workflow } from "./workflow";

export interface FactImport {
  /** the CSV layout (documented, shown by the dashboard) */
  columns: readonly ColumnSpec[];
  importKind(db: Database, workflow: Workflow, check?: ImportCheck): ImportKind<FactValues>;
}

export function factImport(c: CompiledFact): FactImport {
  const { decl, quarter, all, inputs, inputOf, zhOf, table, kids } = c;

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
    const broken = c.ruleProblems(fact, new Set(), now);
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
        const facts = completedFacts(
          grouped.facts,
          await decl.beforeWrite?.(tx, grouped.facts, actor),
          [decl.region, quarter, ...(decl.regionStored ?? [])].filter(Boolean),
          decl.kind,
        );
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
          ? await kids.write(tx, facts, o, progress)
          : await writeFacts(tx, table, facts, o, progress);
        await decl.afterWrite?.(tx, writtenFacts(facts, r), actor);
        return { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged };
      },
    };
  }

  return { columns, importKind };
}
