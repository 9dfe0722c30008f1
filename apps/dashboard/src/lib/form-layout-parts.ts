/**
 * The pieces of a layout-made entry form (form-layout.ts): a layout field as a form field, a value as
 * the mutation takes it, and the layout's rules checked on the values with Chinese (and English)
 * messages — Σ ≤ comparisons, dates not after today, amounts empty for some choices and positive
 * for the others — plus a date field that gives the fact's quarter.
 */
import {
  type FieldSpec,
  type OptionSource,
  type Problem,
  parseCount,
  parseYuan,
  type Values,
  yuanToFen,
} from "./form-core";
import type { LayoutField, LayoutRule, ReportLayout } from "./layouts";

/** The lookups behind a field whose value is the id of a graph type. */
export const SOURCES: Record<string, OptionSource> = {
  Institution: "institutions",
  VbpProduct: "vbpProducts",
  DipGroup: "dipGroups",
};

const KINDS: Record<string, FieldSpec["kind"]> = {
  COUNT: "int",
  YUAN: "yuan",
  ENUM: "select",
  TEXT: "text",
  DATE: "date",
};

/** "All settlements" → "all settlements" (not "DIP fund"). */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? `${s[0]?.toLowerCase()}${s.slice(1)}` : s);

export function fieldSpec(f: LayoutField): FieldSpec {
  const spec: FieldSpec = {
    key: f.name,
    zh: f.labelZh,
    en: f.labelEn,
    kind: KINDS[f.kind] ?? "text",
    hint: { zh: f.helpZh, en: f.helpEn },
  };
  if (f.unitZh) spec.unit = { zh: f.unitZh, en: f.unitEn ?? f.unitZh };
  if (!f.required) spec.optional = true;
  if (f.maxLength !== null) spec.maxLength = f.maxLength;
  if (f.choices.length)
    spec.options = f.choices.map((c) => ({ value: c.value, zh: c.labelZh, en: c.labelEn }));
  const source = f.refersTo ? SOURCES[f.refersTo] : undefined;
  if (source) spec.source = source;
  return spec;
}

/** A value as the mutation takes it (an empty optional one: its default, else null). */
export function inputValue(f: LayoutField, raw: string | undefined): unknown {
  const v = (raw ?? "").trim() || (f.defaultValue ?? "");
  if (v === "") return null;
  if (f.kind === "COUNT") return parseCount(v);
  if (f.kind === "YUAN") return parseYuan(v);
  return v;
}

/** A number of a field for comparisons, in minor units (fen for yuan); empty: its default, else 0. */
function amount(f: LayoutField | undefined, raw: string | undefined): bigint {
  const v = (raw ?? "").trim() || (f?.defaultValue ?? "0");
  if (f?.kind === "YUAN") return yuanToFen(parseYuan(v) ?? "0");
  return BigInt(parseCount(v) ?? 0);
}

const shown = (f: LayoutField | undefined, n: bigint) =>
  f?.kind === "YUAN" ? `${n / 100n}.${(n % 100n).toString().padStart(2, "0")}` : n.toString();

type Name = (f: LayoutField) => { key: string; zh: string; en: string };

/**
 * A rule of the layout over one set of values (`fields`: the layout's fields the rule names). Σ sum ≤
 * Σ atMost is reported on the first summand at which the running sum passes the limit (network >
 * total: on network; network + reported > total: on reported); a date must not be after `today`; an
 * amount is empty for the `whenValues` of its `whenField` and above 0 otherwise. Rules only the
 * server can check report nothing here.
 */
export function ruleProblems(
  fields: readonly LayoutField[],
  rule: LayoutRule,
  values: Values,
  name: Name,
  today = "",
): Problem[] {
  const field = (n: string) => fields.find((f) => f.name === n);
  const at = (n: string) => field(n) ?? ({ name: n } as LayoutField);
  const target = name(at(rule.field));
  const raw = (n: string) => (values[name(at(n)).key] ?? "").trim();
  if (rule.check === "NOT_AFTER_TODAY") {
    const date = raw(rule.uses[0] ?? rule.field);
    return date && today && date > today
      ? [{ field: target.key, zh: `${target.zh}不能晚于今天`, en: `${target.en} is in the future` }]
      : [];
  }
  if (rule.check === "EMPTY_WHEN" && rule.whenField) {
    const when = raw(rule.whenField);
    if (!when) return [];
    const choice = field(rule.whenField)?.choices.find((c) => c.value === when);
    const v = raw(rule.field);
    if (rule.whenValues.includes(when))
      return v
        ? [
            {
              field: target.key,
              zh: `${choice?.labelZh ?? when}不填${target.zh}`,
              en: `${choice?.labelEn ?? when}: no ${lowerFirst(target.en)}`,
            },
          ]
        : [];
    return v && amount(field(rule.field), v) > 0n
      ? []
      : [
          {
            field: target.key,
            zh: `请填写大于 0 的${target.zh}`,
            en: `Enter ${lowerFirst(target.en)} greater than 0`,
          },
        ];
  }
  if (rule.sum.length === 0) return [];
  const limitField = field(rule.atMost[0] ?? "");
  const limit = rule.atMost.reduce((s, n) => s + amount(field(n), values[name(at(n)).key]), 0n);
  const limitZh = rule.atMost.map((n) => name(at(n)).zh).join("与");
  const limitEn = rule.atMost.map((n) => lowerFirst(name(at(n)).en)).join(" + ");
  let run = 0n;
  for (const [i, n] of rule.sum.entries()) {
    run += amount(field(n), values[name(at(n)).key]);
    if (run <= limit) continue;
    const parts = rule.sum.slice(0, i + 1).map((p) => name(at(p)));
    const v = shown(field(n), run);
    const lim = shown(limitField, limit);
    return [
      {
        field: name(at(n)).key,
        zh: `${parts.map((p) => p.zh).join("与")}${parts.length > 1 ? "之和" : ""}（${v}）不能大于${limitZh}（${lim}）`,
        en: `${parts.map((p) => p.en).join(" + ")} (${v}) cannot exceed ${limitEn} (${lim})`,
      },
    ];
  }
  return [];
}

/** The quarter ("2025Q1") a date ("2025-02-03") falls in. */
export function quarterOfDate(date: string): string {
  const [y, m] = date.split("-");
  return `${y}Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

/** A date field that gives the fact's quarter (`quarterFrom`) must lie in the quarter chosen. */
export function quarterProblems(layout: ReportLayout, values: Values, quarter: string): Problem[] {
  const f = layout.quarterFrom ? layout.fields.find((x) => x.name === layout.quarterFrom) : undefined;
  const date = f?.kind === "DATE" ? (values[f.name] ?? "").trim() : "";
  if (!f || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return [];
  return quarterOfDate(date) === quarter
    ? []
    : [
        {
          field: f.name,
          zh: `${f.labelZh}须在所选季度（${quarter}）内`,
          en: `${f.labelEn} must lie in the chosen quarter (${quarter})`,
        },
      ];
}

export const isContext = (f: LayoutField) => f.kind === "REGION" || f.kind === "QUARTER";
