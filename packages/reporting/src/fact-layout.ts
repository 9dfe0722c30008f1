/**
 * The layout of a declared fact, as `Query.<domain>ReportLayouts` answers it: what a client needs to
 * build an entry form and the import help without a copy of the declaration — the mutation and
 * import kind, every field (GraphQL type, CSV headers, labels, unit, required, bounds, choices,
 * help) and the cross-field rules in words (the `atMost` ones also as a comparison a form can check).
 * Made from the declaration alone, so a new fact needs no client change.
 */
import type { FactDeclaration } from "./define-fact";
import { columnOf, type FieldSpec, unitWords } from "./fact-fields";

export type ReportFieldKind = "REGION" | "QUARTER" | "COUNT" | "YUAN" | "TEXT" | "ENUM" | "DECIMAL";

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
  fields: ReportLayoutField[];
  rules: ReportLayoutRule[];
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
    kind: KIND[f.kind],
    graphqlType: f.csvOnly ? null : `${f.graphqlType}${f.optional ? "" : "!"}`,
    inInput: !f.csvOnly,
    headerZh: f.zh,
    headerEn: name,
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
    helpZh: f.helpZh ?? f.help,
    helpEn: f.help,
  };
}

/** "All settlements" → "all settlements" (not "DIP fund"). */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? `${s[0]?.toLowerCase()}${s.slice(1)}` : s);

const fenText = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

/** The layout of a fact declaration. */
export function reportLayout(decl: FactDeclaration): ReportLayout {
  const entries = Object.entries(decl.fields);
  const fields = entries.map(([n, f]) => fieldLayout(n, f));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const inputOf = new Map(entries.filter(([, f]) => !f.csvOnly).map(([n, f]) => [columnOf(n, f), n]));
  const names = (list: readonly string[], lang: "zh" | "en") =>
    list.map((n) => (lang === "zh" ? byName.get(n)?.labelZh : byName.get(n)?.labelEn) ?? n);
  const rules = (decl.rules ?? []).map((r): ReportLayoutRule => {
    const sum = [...(r.sum ?? [])];
    const atMost = [...(r.atMost ?? [])];
    const words =
      r.words ??
      (sum.length
        ? {
            zh: `${names(sum, "zh").join("与")}${sum.length > 1 ? "之和" : ""}不能大于${names(atMost, "zh").join("与")}`,
            en: `${names(sum, "en").join(" + ")} must not exceed ${names(atMost, "en").map(lowerFirst).join(" + ")}`,
          }
        : { zh: `${names([r.field], "zh")[0]}须符合跨字段规则`, en: `${r.field}: a rule across fields` });
    return {
      field: r.field,
      uses: [...(r.uses ?? [...sum, ...atMost])],
      textZh: words.zh,
      textEn: words.en,
      sum,
      atMost,
    };
  });
  const mutation = decl.mutation?.name ?? decl.writtenBy?.mutation ?? null;
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
    fields,
    rules,
  };
}

/** The shared GraphQL types of layouts (identical in every subgraph, @shareable). */
export const reportLayoutSharedSDL = /* GraphQL */ `
"上报字段的类型。The kind of a reported field."
enum ReportFieldKind {
  "县级区划代码。A county-level region code."
  REGION
  "季度（YYYYQn）。A quarter (YYYYQn)."
  QUARTER
  "非负整数。A whole number ≥ 0."
  COUNT
  "金额（元，最多两位小数）。An amount in yuan, at most two decimals."
  YUAN
  "文本。Text."
  TEXT
  "枚举（choices 之一）。One of the choices."
  ENUM
  "小数（如系数，最多 decimals 位小数）。A decimal number (e.g. a coefficient), at most decimals places."
  DECIMAL
}

"一种上报数据（声明的事实）的版式：录入表单和 CSV 导入说明由此生成。The layout of one kind of reported figures (a declared fact): entry forms and the import help are made from it."
type ReportLayout @shareable {
  "事实名（有 CSV 导入时即导入类型），如 enrollment、purchases。The fact's name (its import kind when it has one)."
  fact: String!
  "中文名称。Chinese title."
  titleZh: String!
  "英文名称。English title."
  titleEn: String!
  "写入它的 mutation，无则为 null。The mutation that writes it; null when none."
  mutation: String
  "生成的 mutation 的输入类型。The input type of the generated mutation."
  inputType: String
  "一次 mutation 按该枚举字段的每个值各上报一条时：该字段。When one mutation call reports one fact per value of this enum field: the field."
  groupBy: String
  "……以及输入中的列表参数名。…and the input's list argument."
  groupList: String
  "CSV 导入类型（POST /import/<kind>），无导入时为 null。The CSV import kind (POST /import/<kind>); null without an import."
  importKind: String
  "自然键（字段名）。The natural key (field names)."
  key: [String!]!
  "字段，按 CSV 列顺序。The fields, in CSV column order."
  fields: [ReportLayoutField!]!
  "跨字段规则。Rules across fields."
  rules: [ReportLayoutRule!]!
}

"上报版式中的一个字段：API 输入、CSV 列和表单字段。One field of a layout: API input, CSV column and form field."
type ReportLayoutField @shareable {
  "字段名（API 输入名，也是英文列名）。Field name (the API input's, also the English CSV header)."
  name: String!
  "类型。Kind."
  kind: ReportFieldKind!
  "GraphQL 输入类型（必填带 !）；仅 CSV 的列为 null。GraphQL input type (with ! when required); null for a CSV-only column."
  graphqlType: String
  "是否属于 API 输入（否：仅 CSV 中供阅读，如名称）。Part of the API input (false: in the CSV for readers only, e.g. a name)."
  inInput: Boolean!
  "中文列名。Chinese CSV header."
  headerZh: String!
  "英文列名。English CSV header."
  headerEn: String!
  "也接受的列名。More accepted headers."
  aliases: [String!]!
  "表单中文标签。Chinese form label."
  labelZh: String!
  "表单英文标签。English form label."
  labelEn: String!
  "单位代码，如 persons、yuan。Unit key, e.g. persons, yuan."
  unit: String
  "单位中文，如 人、元。Unit in Chinese."
  unitZh: String
  "单位英文。Unit in English."
  unitEn: String
  "是否必填。Whether a value is required."
  required: Boolean!
  "选填且为空时记为的值，如 0。What an empty optional value stands for, e.g. 0."
  defaultValue: String
  "数值下限（十进制字符串，金额以元计）。Lower bound of a number (decimal string; yuan)."
  min: String
  "数值上限。Upper bound of a number."
  max: String
  "允许的小数位数（整数 0，金额 2）。Decimals allowed (counts 0, yuan 2)."
  decimals: Int
  "文本最大长度。Longest text."
  maxLength: Int
  "枚举的可选值。The choices of an enum field."
  choices: [ReportLayoutChoice!]!
  "值为哪种对象的编号，如 Institution。The GraphQL type whose id the value is, e.g. Institution."
  refersTo: String
  "中文说明。Help in Chinese."
  helpZh: String!
  "英文说明。Help in English."
  helpEn: String!
}

"枚举字段的一个可选值。One choice of an enum field."
type ReportLayoutChoice @shareable {
  "值（GraphQL 枚举值）。The value (GraphQL enum value)."
  value: String!
  "中文名。Chinese name."
  labelZh: String!
  "英文名。English name."
  labelEn: String!
  "CSV 中可写的形式。Its accepted CSV spellings."
  aliases: [String!]!
}

"跨字段规则。A rule across fields."
type ReportLayoutRule @shareable {
  "违反时报告在该字段上。The field a broken rule is reported on."
  field: String!
  "涉及的字段。The fields it reads."
  uses: [String!]!
  "中文表述。In words, Chinese."
  textZh: String!
  "英文表述。In words, English."
  textEn: String!
  "规则为 Σ sum ≤ Σ atMost 时：左边的字段。When the rule is Σ sum ≤ Σ atMost: the left-hand fields."
  sum: [String!]!
  "……右边的字段。…the right-hand fields."
  atMost: [String!]!
}
`;
