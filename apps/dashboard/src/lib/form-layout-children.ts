/**
 * The entry form of a fact with a child collection (layout `children`, e.g. an inspection with its
 * dispositions): the fact's fields once, its children as repeated rows (none or more, at most the
 * layout's `max`), checked with the layout's rules of both, and saved in one mutation call with the
 * children as the input's list. A field the client makes up (`clientKey`, the idempotency key) takes
 * the submission's request id.
 */
import type { FormSpec, Problem } from "./form-core";
import {
  fieldSpec,
  inputValue,
  isContext,
  lowerFirst,
  quarterProblems,
  ruleProblems,
} from "./form-layout-parts";
import type { ReportLayout } from "./layouts";

type Children = NonNullable<ReportLayout["children"]>;

export function childrenForm(
  layout: ReportLayout,
  children: Children,
  base: Pick<FormSpec, "id" | "fact" | "domain" | "zh" | "en">,
  doc: string,
): FormSpec {
  const inputs = layout.fields.filter((f) => f.inInput);
  const shown = inputs.filter((f) => !isContext(f) && !f.clientKey);
  const each = children.fields.filter((f) => f.inInput);
  return {
    ...base,
    fields: shown.map(fieldSpec),
    rows: {
      zh: children.labelZh,
      en: children.labelEn,
      min: 0,
      addZh: `添加${children.labelZh}`,
      addEn: `Add ${lowerFirst(children.labelEn)}`,
      fields: each.map(fieldSpec),
    },
    check(values, rows, ctx) {
      const own = (f: { name: string; labelZh: string; labelEn: string }) => ({
        key: f.name,
        zh: f.labelZh,
        en: f.labelEn,
      });
      const problems: Problem[] = [...quarterProblems(layout, values, ctx.quarter)];
      // a date already outside the quarter is not also reported as in the future
      const taken = new Set(problems.map((p) => p.field));
      for (const r of layout.rules)
        problems.push(
          ...ruleProblems(layout.fields, r, values, own, ctx.today).filter((p) => !taken.has(p.field)),
        );
      if (rows.length > children.max)
        problems.push({
          field: null,
          zh: `${children.labelZh}最多 ${children.max} 项`,
          en: `At most ${children.max} ${children.labelEn}`,
        });
      rows.forEach((row, i) => {
        for (const r of children.rules)
          problems.push(
            ...ruleProblems(
              children.fields,
              r,
              row,
              (f) => ({ key: f.name, zh: f.labelZh, en: f.labelEn }),
              ctx.today,
            ).map((p) => ({ ...p, field: p.field === null ? null : `rows.${i}.${p.field}` })),
          );
      });
      return problems;
    },
    load: null,
    save: {
      doc,
      variables(values, rows, ctx) {
        const input: Record<string, unknown> = {};
        for (const f of inputs)
          input[f.name] = f.clientKey
            ? ctx.requestId
            : f.kind === "REGION"
              ? ctx.unit
              : f.kind === "QUARTER"
                ? ctx.quarter
                : inputValue(f, values[f.name]);
        input[children.name] = rows.map((r) =>
          Object.fromEntries(each.map((f) => [f.name, inputValue(f, r[f.name])])),
        );
        return { input };
      },
    },
  };
}
