import { yuanToFen } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { getRegion, isReportingUnit } from "@hsa/regions";
import { z } from "zod";
import type { CellType, ColumnSpec } from "./csv-layout";
import { decimal } from "./fact-decimal";

/** A stored value of a fact: what a table column holds (money as integer fen). */
export type FactValue = string | number | bigint | null;
export type FactValues = Record<string, FactValue>;

/** One problem of a reported value, by input field (the API's extensions.problems). */
export interface Problem {
  field: string;
  message: string;
}

export interface FieldOptions {
  /** Chinese CSV header */
  zh: string;
  /** what the column holds, in English (CSV documentation, the dashboard's import help and form hints) */
  help: string;
  /** the same in Chinese (default: `help`) */
  helpZh?: string;
  /** the English label of an entry form's field (default: the field's name) */
  en?: string;
  /** the Chinese label (default: `zh` without a trailing unit in brackets, e.g. 资助参保金额（元） → 资助参保金额) */
  labelZh?: string;
  /** the GraphQL type whose id the value is (e.g. "Institution"): clients may offer a choice of them */
  refersTo?: string;
  /** the GraphQL input field's description (Chinese and English); default: `${zh}。${help}` */
  doc?: string;
  /** more accepted CSV headers */
  aliases?: readonly string[];
  /** the unit of the value: a key of UNITS (e.g. "persons", "yuan") or any word */
  unit?: string;
  /** may be empty (CSV) or null (API); `fallback` is stored then */
  optional?: boolean;
  fallback?: FactValue;
  /** read from the CSV and shown, never stored nor part of the API input (e.g. a region's name) */
  csvOnly?: boolean;
  /** the stored property (default: the field's name; yuan fields: `<name>Yuan` → `<name>Fen`) */
  column?: string;
  /** the CSV column's English header when it differs from the field's name (e.g. "reference" for requestId) */
  csvKey?: string;
  /** an optional API input whose CSV column is required (e.g. an idempotency key) */
  csvRequired?: boolean;
  /** a value the client makes up per submission (an idempotency key, e.g. a UUID), not typed by a person */
  clientKey?: boolean;
}

/** One declared field: the API input value, the CSV column and the stored column, with one schema. */
export interface FieldSpec extends FieldOptions {
  kind: "region" | "quarter" | "count" | "yuan" | "text" | "enum" | "decimal";
  cell: CellType;
  /** the GraphQL input type, without `!` */
  graphqlType: string;
  /** enum fields: the values with their names */
  choices?: readonly { value: string; zh: string; en: string }[];
  /** the input value's schema (messages as the API returns them); `now` is the current time */
  schema(name: string, now: Date): z.ZodType<FactValue>;
}

const nonNegativeInt = (name: string) =>
  z.unknown().transform((v, ctx) => {
    if (typeof v === "number" && Number.isInteger(v) && v >= 0) return v;
    ctx.addIssue({
      code: "custom",
      message: `${name} must be a non-negative whole number (got ${String(v)})`,
    });
    return z.NEVER;
  });

/** A county-level region code (a reporting unit), e.g. 150724. */
function region(o: FieldOptions): FieldSpec {
  return {
    ...o,
    kind: "region",
    cell: { kind: "region" },
    graphqlType: "ID",
    schema: () =>
      z.string().transform((code, ctx) => {
        const r = getRegion(code);
        if (!r) ctx.addIssue({ code: "custom", message: `unknown region code "${code}"` });
        else if (!isReportingUnit(r.code))
          ctx.addIssue({
            code: "custom",
            message: `${r.code} ${r.name} is a ${r.level} region; reports are made per county (reporting unit)`,
          });
        return code;
      }),
  };
}

/** A quarter (YYYYQn), never in the future. */
function quarter(o: FieldOptions): FieldSpec {
  return {
    ...o,
    kind: "quarter",
    cell: { kind: "quarter" },
    graphqlType: "Quarter",
    schema: (_name, now) =>
      z.string().transform((q, ctx) => {
        const current = currentQuarter(now);
        if (quarterIndex(q) > quarterIndex(current))
          ctx.addIssue({ code: "custom", message: `${q} is in the future (current quarter: ${current})` });
        return q;
      }),
  };
}

/** A whole number ≥ 0 (persons, cases, volumes). */
function count(o: FieldOptions): FieldSpec {
  return { ...o, kind: "count", cell: { kind: "int" }, graphqlType: "Int", schema: nonNegativeInt };
}

/** Money: yuan with at most two decimals in the API (a string) and the CSV, integer fen when stored. */
function yuan(o: FieldOptions): FieldSpec {
  return {
    ...o,
    kind: "yuan",
    unit: o.unit ?? "yuan",
    cell: { kind: "yuan" },
    graphqlType: "String",
    schema: (name) =>
      z.unknown().transform((v, ctx) => {
        const fen = typeof v === "string" ? yuanToFen(v) : null;
        if (fen !== null) return fen;
        ctx.addIssue({
          code: "custom",
          message: `${name} "${String(v)}" must be a non-negative amount in yuan with at most two decimals`,
        });
        return z.NEVER;
      }),
  };
}

/** Free text (ids, names), at most maxLength characters. */
function text(o: FieldOptions & { maxLength: number; graphqlType?: string }): FieldSpec {
  return {
    ...o,
    kind: "text",
    cell: { kind: "text", maxLength: o.maxLength },
    graphqlType: o.graphqlType ?? "String",
    schema: (name) =>
      z.string().max(o.maxLength, { message: `${name} has at most ${o.maxLength} characters` }),
  };
}

/**
 * One of a GraphQL enum's values; the CSV also accepts the labels of `labels` (label → value).
 * `names`: each value's Chinese and English name (layouts, forms); default: its first label.
 */
function oneOf(
  o: FieldOptions & {
    graphqlType: string;
    labels: Record<string, string>;
    names?: Record<string, { zh: string; en: string }>;
  },
): FieldSpec {
  const values = [...new Set(Object.values(o.labels))];
  const names = Object.fromEntries(
    values.map((v) => {
      const first = Object.keys(o.labels).find((l) => o.labels[l] === v) ?? v;
      return [v, o.names?.[v] ?? { zh: first, en: v }];
    }),
  );
  return {
    ...o,
    kind: "enum",
    choices: values.map((value) => ({ value, ...(names[value] as { zh: string; en: string }) })),
    cell: { kind: "enum", values: o.labels },
    schema: (name) =>
      z
        .string()
        .refine((v) => values.includes(v), { message: `${name} must be one of ${values.join(", ")}` }),
  };
}

/** The field builders of a fact declaration. */
export const field = { region, quarter, count, yuan, text, oneOf, decimal };

/** Units of declared fields, by key: their Chinese and English words. */
export const UNITS: Record<string, { zh: string; en: string }> = {
  persons: { zh: "人", en: "persons" },
  "person-times": { zh: "人次", en: "cases" },
  settlements: { zh: "笔", en: "settlements" },
  cases: { zh: "例", en: "cases" },
  yuan: { zh: "元", en: "yuan" },
  institutions: { zh: "家", en: "institutions" },
  "product-units": { zh: "最小包装单位", en: "units" },
};

/** The Chinese and English words of a unit (an unknown unit is its own word in both). */
export function unitWords(unit: string): { zh: string; en: string } {
  return UNITS[unit] ?? { zh: unit, en: unit };
}

/** The stored property of a field. */
export function columnOf(name: string, f: FieldSpec): string {
  if (f.column) return f.column;
  return f.kind === "yuan" && name.endsWith("Yuan") ? `${name.slice(0, -4)}Fen` : name;
}

/** The CSV column of a field. */
export function columnSpecOf(name: string, f: FieldSpec): ColumnSpec {
  return {
    key: f.csvKey ?? name,
    zh: f.zh,
    ...(f.aliases ? { aliases: f.aliases } : {}),
    type: f.cell,
    ...(f.optional && !f.csvRequired ? { optional: true } : {}),
    help: f.help,
  };
}

/** Values as JSON (bigint fen as a decimal string): what audit rows hold and idempotency compares. */
export function jsonOf(values: FactValues, props: readonly string[]): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const p of props) {
    const v = values[p] ?? null;
    out[p] = typeof v === "bigint" ? v.toString() : v;
  }
  return out;
}

/**
 * The stored values of fields from an API input and every problem of it (field names prefixed with
 * `at`); `bad`: the fields that failed, whose rules are not checked.
 */
export function parseFields(
  fields: readonly [string, FieldSpec][],
  input: Record<string, unknown>,
  now: Date,
  at = "",
): { problems: Problem[]; values: FactValues; bad: Set<string> } {
  const problems: Problem[] = [];
  const values: FactValues = {};
  const bad = new Set<string>();
  for (const [name, f] of fields) {
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
  return { problems, values, bad };
}
