/**
 * The layout of a declared fact, as `Query.<domain>ReportLayouts` answers it: what a client needs to
 * build an entry form and the import help without a copy of the declaration — the mutation and
 * import kind, every field (GraphQL type, CSV headers, labels, unit, required, bounds, choices,
 * help) and the cross-field rules in words (the `atMost` ones also as a comparison a form can check).
 * Made from the declaration alone, so a new fact needs no client change.
 */
import type { FactDeclaration } from "./define-fact";
import { columnOf, type FieldSpec, unitWords } from "./fact-fields";

export type ReportFieldKind = "REGION" | "QUARTER" | "COUNT" | "YUAN" | "TEXT" | "ENUM" | "DECIMAL" | "DATE";

export interface ReportLayoutChoice {
  value: string;
  labelZh: string;
  labelEn: string;
  /** every CSV spelling of the value (Chinese label, English value, …) */
  aliases: string[];
}

export interface ReportLayoutField {
  name: string;
  kind: ReportFieldKind;
  /** the GraphQL input type (with `!` when required); null for a field read from the CSV only */
  graphqlType: string | null;
  /** part of the API input (false: read from the CSV and shown, never stored, e.g. a name) */
  inInput: boolean;
  headerZh: string;
  headerEn: string;
  aliases: string[];
  labelZh: string;
  labelEn: string;
  unit: string | null;
  unitZh: string | null;
  unitEn: string | null;
  required: boolean;
  /** what an empty optional value stands for, e.g. "0" (yuan as a decimal string) */
  defaultValue: string | null;
  /** bounds of a number (decimal strings; yuan in yuan) */
  min: string | null;
  max: string | null;
  /** decimals a number may have (counts 0, yuan 2) */
  decimals: number | null;
  maxLength: number | null;
  choices: ReportLayoutChoice[];
  refersTo: string | null;
  /** a value the client makes up per submission (an idempotency key), not a person */
  clientKey: boolean;
  helpZh: string;
  helpEn: string;
}

export interface ReportLayoutRule {
  /** the field a broken rule is reported on */
  field: string;
  uses: string[];
  textZh: string;
  textEn: string;
  /** Σ sum ≤ Σ atMost (input fields), when the rule is such a comparison; else both empty */
  sum: string[];
  atMost: string[];
  /**
   * How a client can check it: AT_MOST (Σ sum ≤ Σ atMost), NOT_AFTER_TODAY (the date `field` is not
   * after today, China time), EMPTY_WHEN (`field` empty while `whenField` is one of `whenValues`,
   * else above 0), OTHER (only the server can: the words tell).
   */
  check: "AT_MOST" | "NOT_AFTER_TODAY" | "EMPTY_WHEN" | "OTHER";
  whenField: string | null;
  whenValues: string[];
}

/** A fact's child collection (e.g. an inspection's dispositions): a list in its input, one CSV row per child. */
export interface ReportLayoutChildren {
  /** the parent input's list field, e.g. "dispositions" */
  name: string;
  labelZh: string;
  labelEn: string;
  /** at most this many per fact */
  max: number;
  /** the GraphQL input type of one child */
  inputType: string;
  /** in CSV column order (after the parent's) */
  fields: ReportLayoutField[];
  rules: ReportLayoutRule[];
}

export interface ReportLayout {
  /** the fact's name: its import kind when it has one (e.g. "enrollment", "purchases") */
  fact: string;
  titleZh: string;
  titleEn: string;
  /** the mutation that writes it (generated or hand-written), null when none */
  mutation: string | null;
  /** the generated mutation's input type */
  inputType: string | null;
  /** when one mutation call reports one fact per value of an enum field: that field and the input's list */
  groupBy: string | null;
  groupList: string | null;
  /** POST /import/<kind>; null without a CSV import */
  importKind: string | null;
  /** the natural key, as input fields */
  key: string[];
  /** when the quarter is no field of its own: the field it comes from (e.g. a date's quarter) */
  quarterFrom: string | null;
  fields: ReportLayoutField[];
  rules: ReportLayoutRule[];
  /** its child collection, if any */
  children: ReportLayoutChildren | null;
}

const KIND: Record<FieldSpec["kind"], ReportFieldKind> = {
  region: "REGION",
  quarter: "QUARTER",
  count: "COUNT",
  yuan: "YUAN",
  text: "TEXT",
  enum: "ENUM",
  decimal: "DECIMAL",
};

const INT_MAX = "2147483647";

/** `zh` without a trailing unit in brackets: 资助参保金额（元） → 资助参保金额. */
const labelOf = (zh: string) => zh.replace(/\s*[（(][^（）()]*[）)]\s*$/, "") || zh;

function fieldLayout(name: string, f: FieldSpec): ReportLayoutField {
  const unit = f.unit ? unitWords(f.unit) : null;
  const fallback = f.fallback ?? null;
  const labels = f.cell.kind === "enum" ? f.cell.values : {};
  return {
    name,
    kind: f.cell.kind === "date" ? "DATE" : KIND[f.kind],
    graphqlType: f.csvOnly ? null : `${f.graphqlType}${f.optional ? "" : "!"}`,
    inInput: !f.csvOnly,
    headerZh: f.zh,
    headerEn: f.csvKey ?? name,
    aliases: [...(f.aliases ?? [])],
    labelZh: f.labelZh ?? labelOf(f.zh),
    labelEn: f.en ?? name,
    unit: f.unit ?? null,
    unitZh: unit?.zh ?? null,
    unitEn: unit?.en ?? null,
    required: !f.optional,
    defaultValue:
      fallback === null
        ? null
        : typeof fallback === "bigint" && f.kind === "yuan"
          ? fenText(fallback)
          : String(fallback),
    min: f.kind === "count" || f.kind === "yuan" ? "0" : null,
    max: f.kind === "count" ? INT_MAX : null,
    decimals: f.kind === "count" ? 0 : f.kind === "yuan" ? 2 : null,
    maxLength: f.cell.kind === "text" ? (f.cell.maxLength ?? null) : null,
    choices: (f.choices ?? []).map((c) => ({
      value: c.value,
      labelZh: c.zh,
      labelEn: c.en,
      aliases: Object.keys(labels).filter((l) => labels[l] === c.value),
    })),
    refersTo: f.refersTo ?? null,
    clientKey: f.clientKey ?? false,
    helpZh: f.helpZh ?? f.help,
    helpEn: f.help,
  };
}

/** "All settlements" → "all settlements" (not "DIP fund"). */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? `${s[0]?.toLowerCase()}${s.slice(1)}` : s);

const fenText = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

/** The rules of some fields in the layout's terms (their words default to ones made from the labels). */
function rulesLayout(
  decl: { rules?: FactDeclaration["rules"]; fields: FactDeclaration["fields"] },
  fields: readonly ReportLayoutField[],
): ReportLayoutRule[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const names = (list: readonly string[], lang: "zh" | "en") =>
    list.map((n) => (lang === "zh" ? byName.get(n)?.labelZh : byName.get(n)?.labelEn) ?? n);
  const choice = (field: string, value: string, lang: "zh" | "en") => {
    const c = byName.get(field)?.choices.find((x) => x.value === value);
    return (lang === "zh" ? c?.labelZh : c?.labelEn) ?? value;
  };
  return (decl.rules ?? []).map((r): ReportLayoutRule => {
    const sum = [...(r.sum ?? [])];
    const atMost = [...(r.atMost ?? [])];
    const when = r.emptyWhen ?? null;
    const [label] = names([r.field], "zh");
    const [labelEn] = names([r.field], "en");
    const check = sum.length
      ? "AT_MOST"
      : r.notAfterToday
        ? "NOT_AFTER_TODAY"
        : when
          ? "EMPTY_WHEN"
          : "OTHER";
    const made =
      check === "AT_MOST"
        ? {
            zh: `${names(sum, "zh").join("与")}${sum.length > 1 ? "之和" : ""}不能大于${names(atMost, "zh").join("与")}`,
            en: `${names(sum, "en").join(" + ")} must not exceed ${names(atMost, "en").map(lowerFirst).join(" + ")}`,
          }
        : check === "NOT_AFTER_TODAY"
          ? { zh: `${label}不能晚于今天`, en: `${labelEn} must not be in the future` }
          : when
            ? {
                zh: `${names([when.field], "zh")[0]}为${when.values.map((v) => choice(when.field, v, "zh")).join("、")}时不填${label}，否则须大于 0`,
                en: `${labelEn}: none for ${when.values.map((v) => choice(when.field, v, "en")).join(", ")}, otherwise above 0`,
              }
            : { zh: `${label}须符合跨字段规则`, en: `${r.field}: a rule across fields` };
    const words = r.words ?? made;
    return {
      field: r.field,
      uses: [
        ...(r.uses ??
          (when ? [when.field, r.field] : r.notAfterToday ? [r.notAfterToday] : [...sum, ...atMost])),
      ],
      textZh: words.zh,
      textEn: words.en,
      sum,
      atMost,
      check,
      whenField: when?.field ?? null,
      whenValues: [...(when?.values ?? [])],
    };
  });
}

/** The layout of a fact declaration. */
export function reportLayout(decl: FactDeclaration): ReportLayout {
  const entries = Object.entries(decl.fields);
  const fields = entries.map(([n, f]) => fieldLayout(n, f));
  const inputOf = new Map(entries.filter(([, f]) => !f.csvOnly).map(([n, f]) => [columnOf(n, f), n]));
  const mutation = decl.mutation?.name ?? decl.writtenBy?.mutation ?? null;
  const c = decl.children;
  const childFields = c ? Object.entries(c.fields).map(([n, f]) => fieldLayout(n, f)) : [];
  return {
    fact: decl.kind,
    titleZh: decl.title.zh,
    titleEn: decl.title.en,
    mutation,
    inputType: decl.mutation?.inputType ?? null,
    groupBy: decl.writtenBy?.groupBy?.field ?? null,
    groupList: decl.writtenBy?.groupBy?.list ?? null,
    importKind: decl.import ? decl.kind : null,
    key: decl.key.map((k) => inputOf.get(k) ?? k),
    quarterFrom: decl.quarterFrom?.field ?? null,
    fields,
    rules: rulesLayout(decl, fields),
    children: c
      ? {
          name: c.name,
          labelZh: c.title?.zh ?? c.name,
          labelEn: c.title?.en ?? c.name,
          max: c.max,
          inputType: c.inputType,
          fields: childFields,
          rules: rulesLayout(c, childFields),
        }
      : null,
  };
}

export { reportLayoutSharedSDL } from "./fact-layout-sdl";
