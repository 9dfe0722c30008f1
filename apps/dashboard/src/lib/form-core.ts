/** The form model shared by every data-entry form: field specs, parsing and client-side validation with Chinese (and English) messages, and the field builders the domain forms use. */
import type { Lang } from "./format";

export type FieldKind = "int" | "yuan" | "text" | "date" | "select";

/** Where a select's options come from when they are not fixed: a lookup in the graph. */
export type OptionSource = "institutions" | "vbpProducts" | "dipGroups";

export interface FieldSpec {
  key: string;
  zh: string;
  en: string;
  /** unit shown after the label: 人, 笔, 人次, 元 */
  unit?: { zh: string; en: string };
  kind: FieldKind;
  optional?: boolean;
  options?: { value: string; zh: string; en: string }[];
  source?: OptionSource;
  maxLength?: number;
  /** a hint under the field */
  hint?: { zh: string; en: string };
  /** fields of one group (e.g. a purchase category) are shown together under its title */
  group?: { zh: string; en: string };
  /** the label within its group (messages keep the full name) */
  short?: { zh: string; en: string };
}

export type Values = Record<string, string>;

export interface Problem {
  /** a field key; `rows.2.amountYuan` for a field of a repeated row; null: the whole form */
  field: string | null;
  zh: string;
  en: string;
}

export interface SaveContext {
  unit: string;
  quarter: string;
  /** a fresh idempotency key per submission (inspections) */
  requestId: string;
}

export interface FormSpec {
  id: string;
  /** the declared fact it writes (its layout's name, e.g. enrollment, purchases, inspections) */
  fact?: string;
  /** the reporting domain whose workflow (status, submit) the form belongs to */
  domain: string;
  zh: string;
  en: string;
  fields: FieldSpec[];
  /** repeated rows (dispositions, DIP disease groups) */
  rows?: { zh: string; en: string; fields: FieldSpec[]; min: number; addZh: string; addEn: string };
  /** checks across fields, after every field passed on its own */
  check?(values: Values, rows: Values[], ctx: { quarter: string; today: string }): Problem[];
  /** how stored figures are read (null: each entry is a new record, nothing to pre-fill) */
  load: {
    doc: string;
    /** null when the form lacks what the lookup needs (e.g. no institution chosen yet) */
    variables(ctx: { unit: string; quarter: string; values: Values }): Record<string, unknown> | null;
    pick(data: unknown): { values: Values; rows: Values[] } | null;
  } | null;
  save: {
    doc: string;
    variables(values: Values, rows: Values[], ctx: SaveContext): Record<string, unknown>;
  };
}

const INT_MAX = 2_147_483_647;
const YUAN = /^\d{1,13}(\.\d{1,2})?$/;

/** "1,234" → 1234; null when not a whole number ≥ 0. */
export function parseCount(raw: string): number | null {
  const s = raw.trim().replace(/[,，\s]/g, "");
  if (!/^\d+$/.test(s)) return null;
  const n = Number(s);
  return n <= INT_MAX ? n : null;
}

/** "1,234.5" → "1234.50"; null when not an amount ≥ 0 with at most two decimals. */
export function parseYuan(raw: string): string | null {
  const s = raw.trim().replace(/[,，\s]/g, "");
  if (!YUAN.test(s)) return null;
  const [i = "0", f = ""] = s.split(".");
  return `${BigInt(i).toString()}.${f.padEnd(2, "0")}`;
}

/** Yuan string → fen (bigint) for comparisons without floating point. */
export function yuanToFen(yuan: string): bigint {
  const [i = "0", f = ""] = yuan.split(".");
  return BigInt(i) * 100n + BigInt(f.padEnd(2, "0").slice(0, 2) || "0");
}

export const label = (f: FieldSpec, lang: Lang) =>
  lang === "en" ? (f.short?.en ?? f.en) : (f.short?.zh ?? f.zh);

/** Problems of one field's value on its own (required, whole number ≥ 0, yuan with ≤ 2 decimals, date). */
export function checkField(f: FieldSpec, raw: string | undefined, prefix = ""): Problem | null {
  const v = (raw ?? "").trim();
  const field = prefix + f.key;
  if (v === "") {
    if (f.optional) return null;
    return { field, zh: `请填写${f.zh}`, en: `${f.en} is required` };
  }
  switch (f.kind) {
    case "int":
      return parseCount(v) === null
        ? { field, zh: `${f.zh}须为不小于 0 的整数`, en: `${f.en} must be a whole number ≥ 0` }
        : null;
    case "yuan":
      return parseYuan(v) === null
        ? {
            field,
            zh: `${f.zh}须为不小于 0 的金额（元），最多两位小数`,
            en: `${f.en} must be an amount in yuan ≥ 0 with at most two decimals`,
          }
        : null;
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))
        ? null
        : { field, zh: `${f.zh}须为日期（年-月-日）`, en: `${f.en} must be a date (YYYY-MM-DD)` };
    case "select":
      return f.options && !f.options.some((o) => o.value === v)
        ? { field, zh: `请选择${f.zh}`, en: `Choose ${f.en}` }
        : null;
    case "text":
      return f.maxLength && v.length > f.maxLength
        ? {
            field,
            zh: `${f.zh}最多 ${f.maxLength} 个字`,
            en: `${f.en}: at most ${f.maxLength} characters`,
          }
        : null;
  }
}

/** Every problem of the form, so the reporter can fix them all at once. */
export function validateForm(
  spec: FormSpec,
  values: Values,
  rows: Values[],
  ctx: { quarter: string; today: string },
): Problem[] {
  const problems: Problem[] = [];
  for (const f of spec.fields) {
    const p = checkField(f, values[f.key]);
    if (p) problems.push(p);
  }
  if (spec.rows) {
    if (rows.length < spec.rows.min)
      problems.push({
        field: null,
        zh: `至少填写 ${spec.rows.min} 行${spec.rows.zh}`,
        en: `Enter at least ${spec.rows.min} ${spec.rows.en}`,
      });
    rows.forEach((r, i) => {
      for (const f of spec.rows?.fields ?? []) {
        const p = checkField(f, r[f.key], `rows.${i}.`);
        if (p) problems.push(p);
      }
    });
  }
  if (problems.length === 0 && spec.check) problems.push(...spec.check(values, rows, ctx));
  return problems;
}

/** A message for a field in the page's language. */
export function problemText(p: Problem, lang: Lang): string {
  return lang === "en" ? p.en : p.zh;
}

/**
 * The server's problems ({field, message}, e.g. reportEnrollment's extensions.problems) as form
 * problems: `input.x` / `x` → field x; `input.items.1.networkYuan` and the like stay on the form.
 */
export function serverProblems(spec: FormSpec, raw: unknown): Problem[] {
  if (!Array.isArray(raw)) return [];
  const keys = new Set(spec.fields.map((f) => f.key));
  return raw.flatMap((p) => {
    if (!p || typeof p !== "object") return [];
    const { field, message } = p as { field?: unknown; message?: unknown };
    const text = typeof message === "string" ? message : JSON.stringify(p);
    const name = typeof field === "string" ? field.replace(/^input\./, "") : "";
    return [{ field: keys.has(name) ? name : null, zh: text, en: text }];
  });
}

export const u = (zh: string, en: string) => ({ zh, en });
export const PERSONS = u("人", "persons");
export const CASES = u("人次", "cases");
export const SETTLEMENTS = u("笔", "settlements");
export const YUAN_UNIT = u("元", "yuan");

export const count = (
  key: string,
  zh: string,
  en: string,
  unit = PERSONS,
  hint?: FieldSpec["hint"],
): FieldSpec => ({
  key,
  zh,
  en,
  unit,
  kind: "int",
  hint,
});
export const yuan = (key: string, zh: string, en: string, optional = false): FieldSpec => ({
  key,
  zh,
  en,
  unit: YUAN_UNIT,
  kind: "yuan",
  optional,
});

export const INSTITUTION: FieldSpec = {
  key: "institutionId",
  zh: "定点医药机构",
  en: "Institution",
  kind: "text",
  source: "institutions",
  hint: u("机构编码，如 150724-H-001", "institution id, e.g. 150724-H-001"),
};
