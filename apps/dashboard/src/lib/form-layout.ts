/**
 * An entry form made from a fact's layout (layouts.ts): its fields with labels, units and help, the
 * client-side checks (required, whole numbers, yuan, choices, and the layout's rules:
 * form-layout-parts.ts) with Chinese messages, and the mutation's input. A layout that reports one
 * fact per value of an enum (`groupBy`, e.g. purchases per category) becomes one group of fields per
 * value; one with a child collection (an inspection's dispositions) repeated rows of its children.
 * The save document is the typed document of src/graphql/forms.graphql for the layout's mutation
 * when there is one (it may read more than `changed`), else the generic one of a generated mutation
 * (`saveDocumentText`: from the layout's `mutation` and `inputType`), so a new domain's facts get
 * their forms with no dashboard change. The dashboard's own: those documents and, for a few facts,
 * the query that reads stored figures.
 */
import * as generated from "../gql/graphql";
import { saveDocumentText, textOf } from "./documents";
import type { FieldSpec, FormSpec, Problem, Values } from "./form-core";
import { childrenForm } from "./form-layout-children";
import { fieldSpec, inputValue, isContext, lowerFirst, ruleProblems } from "./form-layout-parts";
import type { LayoutField, ReportLayout } from "./layouts";

/** The documents of forms.graphql that save a mutation's input: `result: <mutation>(input: $input)`. */
const SAVE_DOCS = new Map(
  Object.values(generated as Record<string, unknown>)
    .filter((v): v is string => v instanceof String)
    .map((v) => textOf(v))
    .flatMap((text) => {
      const m = /^\s*mutation\s+\w+\(\$input:[^)]*\)\s*\{\s*result:\s*(\w+)\(input:\s*\$input\)/.exec(text);
      return m?.[1] ? [[m[1], text] as const] : [];
    }),
);

/** The document a layout's form saves with: forms.graphql's for its mutation, else the generic one; null: none. */
export function saveDocument(layout: Pick<ReportLayout, "mutation" | "inputType">): string | null {
  if (!layout.mutation) return null;
  const own = SAVE_DOCS.get(layout.mutation);
  if (own) return own;
  return layout.inputType ? saveDocumentText(layout.mutation, layout.inputType) : null;
}

/** Every save document of these layouts' forms (for the persisted-operation list). */
export const saveDocuments = (layouts: readonly Pick<ReportLayout, "mutation" | "inputType">[]): string[] => [
  ...new Set(layouts.flatMap((l) => saveDocument(l) ?? [])),
];

/** How the stored figures of a fact are read: the query, its variables, the stored record(s) in its answer. */
interface StoredRead {
  doc: string;
  variables(ctx: { unit: string; quarter: string; values: Values }): Record<string, unknown> | null;
  /** one record (a flat fact) or the list of records of the groups */
  stored(data: unknown): Record<string, unknown> | Record<string, unknown>[] | null;
}

/** The facts whose stored figures the form shows (others are entered afresh). */
const STORED: Record<string, StoredRead> = {
  enrollment: {
    doc: textOf(generated.EnrollmentReportDocument),
    variables: ({ unit, quarter }) => ({ regionCode: unit, quarter }),
    stored: (data) => (data as generated.EnrollmentReportQuery).report,
  },
  purchases: {
    doc: textOf(generated.InstitutionPurchasesDocument),
    variables: ({ quarter, values }) =>
      values.institutionId?.trim() ? { id: values.institutionId.trim(), quarter } : null,
    stored: (data) => (data as generated.InstitutionPurchasesQuery).institution?.purchases ?? null,
  },
};

/** The stored-figure queries (for the persisted-operation list). */
export const storedDocuments = (): string[] => Object.values(STORED).map((s) => s.doc);

/** The entry form of a fact's layout; null when it has no mutation (nothing to save with). */
export function formFromLayout(domain: string, layout: ReportLayout): FormSpec | null {
  const doc = saveDocument(layout);
  if (!doc) return null;
  const read = STORED[layout.fact];
  const inputs = layout.fields.filter((f) => f.inInput);
  const base = { id: layout.fact, fact: layout.fact, domain, zh: layout.titleZh, en: layout.titleEn };
  if (layout.children) return childrenForm(layout, layout.children, base, doc);
  const group = layout.groupBy ? inputs.find((f) => f.name === layout.groupBy) : undefined;
  if (!group || !layout.groupList) {
    const shownFields = inputs.filter((f) => !isContext(f));
    return {
      ...base,
      fields: shownFields.map(fieldSpec),
      check: (values) =>
        layout.rules.flatMap((r) =>
          ruleProblems(layout.fields, r, values, (f) => ({ key: f.name, zh: f.labelZh, en: f.labelEn })),
        ),
      load: read
        ? {
            doc: read.doc,
            variables: read.variables,
            pick(data) {
              const r = read.stored(data);
              if (!r || Array.isArray(r)) return null;
              const values: Values = {};
              for (const f of shownFields) values[f.name] = String(r[f.name] ?? "");
              return { values, rows: [] };
            },
          }
        : null,
      save: {
        doc,
        variables(values, _rows, ctx) {
          const input: Record<string, unknown> = {};
          for (const f of inputs)
            input[f.name] =
              f.kind === "REGION"
                ? ctx.unit
                : f.kind === "QUARTER"
                  ? ctx.quarter
                  : inputValue(f, values[f.name]);
          return { input };
        },
      },
    };
  }
  if (group.choices.length === 0) return rowsForm(layout, base, inputs, group, layout.groupList, doc);
  return groupedForm(layout, base, inputs, group, layout.groupList, doc, read);
}

/**
 * A form with repeated rows, one fact per row, when the layout's `groupBy` field is not an enum
 * (e.g. DIP cases per disease group): the key fields once, the group field and the values per row.
 */
function rowsForm(
  layout: ReportLayout,
  base: Pick<FormSpec, "id" | "fact" | "domain" | "zh" | "en">,
  inputs: LayoutField[],
  group: LayoutField,
  list: string,
  doc: string,
): FormSpec {
  const shared = inputs.filter((f) => !isContext(f) && f !== group && layout.key.includes(f.name));
  const each = inputs.filter((f) => !isContext(f) && f !== group && !layout.key.includes(f.name));
  return {
    ...base,
    fields: shared.map(fieldSpec),
    rows: {
      zh: group.labelZh,
      en: group.labelEn,
      min: 1,
      addZh: `添加${group.labelZh}`,
      addEn: `Add ${lowerFirst(group.labelEn)}`,
      fields: [group, ...each].map(fieldSpec),
    },
    check(_v, rows) {
      const problems: Problem[] = [];
      const seen = new Map<string, number>();
      rows.forEach((r, i) => {
        const value = (r[group.name] ?? "").trim();
        const first = seen.get(value);
        if (first !== undefined)
          problems.push({
            field: `rows.${i}.${group.name}`,
            zh: `与第 ${first + 1} 行${group.labelZh}重复`,
            en: `The same ${lowerFirst(group.labelEn)} as row ${first + 1}`,
          });
        else seen.set(value, i);
        const prefixed = Object.fromEntries(Object.entries(r).map(([k, x]) => [`rows.${i}.${k}`, x]));
        for (const rule of layout.rules)
          problems.push(
            ...ruleProblems(layout.fields, rule, prefixed, (f) => ({
              key: `rows.${i}.${f.name}`,
              zh: f.labelZh,
              en: f.labelEn,
            })),
          );
      });
      return problems;
    },
    load: null,
    save: {
      doc,
      variables(v, rows, ctx) {
        const input: Record<string, unknown> = {};
        for (const f of inputs.filter((f) => f !== group && !each.includes(f)))
          input[f.name] =
            f.kind === "QUARTER" ? ctx.quarter : f.kind === "REGION" ? ctx.unit : inputValue(f, v[f.name]);
        input[list] = rows.map((r) => ({
          [group.name]: (r[group.name] ?? "").trim(),
          ...Object.fromEntries(each.map((f) => [f.name, inputValue(f, r[f.name])])),
        }));
        return { input };
      },
    },
  };
}

/** A form with one group of fields per value of the layout's `groupBy` enum (one fact per group). */
function groupedForm(
  layout: ReportLayout,
  base: Pick<FormSpec, "id" | "fact" | "domain" | "zh" | "en">,
  inputs: LayoutField[],
  group: LayoutField,
  list: string,
  doc: string,
  read: StoredRead | undefined,
): FormSpec {
  const shared = inputs.filter((f) => !isContext(f) && f !== group && layout.key.includes(f.name));
  const each = inputs.filter((f) => !isContext(f) && f !== group && !layout.key.includes(f.name));
  const choices = group.choices;
  const key = (c: string, f: LayoutField) => `${c}.${f.name}`;
  const filled = (v: Values, k: string) => (v[k] ?? "").trim() !== "";
  const anyFilled = (v: Values, c: string) => each.some((f) => filled(v, key(c, f)));
  const fields = [
    ...shared.map(fieldSpec),
    ...choices.flatMap((c) =>
      each.map(
        (f): FieldSpec => ({
          ...fieldSpec(f),
          key: key(c.value, f),
          zh: `${c.labelZh}${f.labelZh}`,
          en: `${c.labelEn}: ${lowerFirst(f.labelEn)}`,
          optional: true,
          group: { zh: c.labelZh, en: c.labelEn },
          short: { zh: f.labelZh, en: f.labelEn },
        }),
      ),
    ),
  ];
  return {
    ...base,
    fields,
    check(v) {
      const problems: Problem[] = [];
      for (const c of choices.filter((c) => anyFilled(v, c.value))) {
        const missing = each.filter((f) => f.required && !filled(v, key(c.value, f)));
        for (const f of missing)
          problems.push({
            field: key(c.value, f),
            zh: `填写了${c.labelZh}，请同时填写${f.labelZh}`,
            en: `${c.labelEn}: ${lowerFirst(f.labelEn)} is required`,
          });
        if (missing.length) continue;
        for (const r of layout.rules)
          problems.push(
            ...ruleProblems(layout.fields, r, v, (f) => ({
              key: key(c.value, f),
              zh: `${c.labelZh}${f.labelZh}`,
              en: `${c.labelEn}: ${lowerFirst(f.labelEn)}`,
            })),
          );
      }
      if (!choices.some((c) => anyFilled(v, c.value)))
        problems.push({
          field: null,
          zh: `请至少填写一类${group.labelZh}（${choices.map((c) => c.labelZh).join("、")}）`,
          en: `Enter at least one ${lowerFirst(group.labelEn)}`,
        });
      return problems;
    },
    load: read
      ? {
          doc: read.doc,
          variables: read.variables,
          pick(data) {
            const stored = read.stored(data);
            if (!Array.isArray(stored) || stored.length === 0) return null;
            const values: Values = {};
            for (const r of stored)
              for (const f of each) values[`${String(r[group.name])}.${f.name}`] = String(r[f.name] ?? "");
            return { values, rows: [] };
          },
        }
      : null,
    save: {
      doc,
      variables(v, _rows, ctx) {
        const input: Record<string, unknown> = {};
        for (const f of inputs.filter((f) => f === group || !each.includes(f)))
          if (f.kind === "QUARTER") input[f.name] = ctx.quarter;
          else if (f.kind === "REGION") input[f.name] = ctx.unit;
          else if (f !== group) input[f.name] = inputValue(f, v[f.name]);
        input[list] = choices
          .filter((c) => anyFilled(v, c.value))
          .map((c) => ({
            [group.name]: c.value,
            ...Object.fromEntries(each.map((f) => [f.name, inputValue(f, v[key(c.value, f)])])),
          }));
        return { input };
      },
    },
  };
}
