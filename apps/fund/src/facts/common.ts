import { fenToYuan } from "@hsa/db";
import { type FactRule, type FactValues, type FieldSpec, field } from "@hsa/reporting";

/** The county (reporting unit) a fact belongs to; for fund income and expenditure, the pooling area's. */
export const regionCode = field.region({
  zh: "行政区划代码",
  en: "Region code",
  aliases: ["region_code", "county_code", "区划代码", "统筹区代码"],
  help: "county-level code (GB/T 2260), e.g. 150724",
  doc: "县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope.",
});

export const regionName = field.text({
  zh: "行政区划名称",
  en: "Region name",
  aliases: ["region_name", "county", "地区"],
  maxLength: 100,
  optional: true,
  csvOnly: true,
  help: "name, for people reading the file (not checked)",
});

export const quarter = field.quarter({
  zh: "季度",
  en: "Quarter",
  aliases: ["period"],
  help: "YYYYQn, e.g. 2024Q1 (not in the future)",
  doc: "季度，如 2024Q1（不能晚于当前季度）。Quarter, e.g. 2024Q1 (not in the future).",
});

/** CSV labels of the two schemes of basic medical insurance. */
export const SCHEME_VALUES: Record<string, string> = {
  职工: "EMPLOYEE",
  职工医保: "EMPLOYEE",
  职工基本医疗保险: "EMPLOYEE",
  居民: "RESIDENT",
  居民医保: "RESIDENT",
  城乡居民基本医疗保险: "RESIDENT",
  EMPLOYEE: "EMPLOYEE",
  RESIDENT: "RESIDENT",
};

export const scheme = field.oneOf({
  zh: "险种",
  en: "Scheme",
  aliases: ["scheme", "险种类型"],
  graphqlType: "FundScheme",
  labels: SCHEME_VALUES,
  help: "职工 / 居民, or EMPLOYEE / RESIDENT",
  doc: "险种：EMPLOYEE（职工医保）或 RESIDENT（居民医保）。Scheme: EMPLOYEE or RESIDENT basic medical insurance.",
});

/**
 * An English form label from an English description, without its bracketed notes: "fund expenditure
 * in the quarter (统支)" → "Fund expenditure in the quarter".
 */
const labelOf = (en: string) => {
  const label = en.replace(/\s*\([^)]*\)/g, "").trim();
  return label.charAt(0).toUpperCase() + label.slice(1);
};

/** A whole number ≥ 0 (persons, cases, visits), documented in both languages. */
export const count = (zh: string, en: string, aliases: string[], unit = "cases") =>
  field.count({
    zh,
    en: labelOf(en),
    help: en,
    doc: `${zh}（非负整数）。${en} (whole number ≥ 0).`,
    aliases,
    unit,
  });

/** Money: yuan with at most two decimals (stored as integer fen), documented in both languages. */
export const yuan = (zh: string, en: string, aliases: string[]) =>
  field.yuan({
    zh: `${zh}（元）`,
    en: labelOf(en), // the form shows the unit (yuan) itself
    aliases: [zh, ...aliases],
    help: `${en}, yuan with at most two decimals`,
    doc: `${zh}（元，最多两位小数的字符串，如 "11221200.00"）。${en}: yuan with at most two decimals, e.g. "11221200.00".`,
  });

export const stamp = (actor: { sub: string }, now: Date) => ({ reportedBy: actor.sub, updatedAt: now });

/** The audit row of any fund fact: the shared shape, every column. */
const show = (v: FactValues[string]) => (typeof v === "bigint" ? fenToYuan(v) : String(v));

/**
 * A rule `Σ small ≤ Σ large` (counts or yuan; compared stored: fen), e.g. fund paid ≤ cost within
 * the payment scope; reported on the input field `on`. Declared as data (`sum` / `atMost`), so the
 * layout carries it and the dashboard's entry form and import help check and state it too.
 */
export function notAbove(
  on: string,
  small: readonly string[],
  large: readonly string[],
  zh: { small: string; large: string },
  en: { small: string; large: string },
  fields: Record<string, FieldSpec>,
): FactRule {
  const column = (n: string) => (fields[n]?.kind === "yuan" ? `${n.slice(0, -4)}Fen` : n);
  const total = (f: FactValues, names: readonly string[]) =>
    names.reduce<bigint>((s, n) => s + BigInt(f[column(n)] as number | bigint), 0n);
  const fmt = (f: FactValues, names: readonly string[]) =>
    names.length === 1
      ? show(f[column(names[0] as string)] ?? null)
      : fenOrCount(total(f, names), names, fields);
  return {
    field: on,
    sum: small,
    atMost: large,
    message: (f) => ({
      zh: `${zh.small} (${fmt(f, small)}) 不能大于${zh.large} (${fmt(f, large)})`,
      en: `${en.small} (${fmt(f, small)}) cannot exceed ${en.large} (${fmt(f, large)})`,
    }),
  };
}

function fenOrCount(v: bigint, names: readonly string[], fields: Record<string, FieldSpec>): string {
  return fields[names[0] as string]?.kind === "yuan" ? fenToYuan(v) : v.toString();
}

/** A stored fact row as GraphQL shows it: every `<x>Fen` (bigint) as `<x>Yuan` (string), dates as ISO text. */
export type GraphQLView<R> = {
  [K in keyof R as K extends `${infer P}Fen` ? (R[K] extends bigint ? `${P}Yuan` : K) : K]: R[K] extends
    | bigint
    | Date
    ? string
    : R[K];
};

/**
 * The GraphQL view of a stored fact row: every `<x>Fen` as `<x>Yuan` (a decimal string), the
 * update time as ISO text.
 */
export function rowToGraphQL<R extends object>(row: R): GraphQLView<R> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.endsWith("Fen") && typeof v === "bigint") out[`${k.slice(0, -3)}Yuan`] = fenToYuan(v);
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out as GraphQLView<R>;
}

/**
 * The output type of a fact (its stored figures as reported, money as yuan strings) and its
 * mutation's payload, from the same field declarations as the input: one list of figures.
 */
export function reportTypeSDL(
  typeName: string,
  doc: string,
  fields: Record<string, FieldSpec>,
  payload: { name: string; mutation: string },
): string {
  const lines = Object.entries(fields)
    .filter(([, f]) => !f.csvOnly)
    .map(([n, f]) => `  ${JSON.stringify(f.doc ?? `${f.zh}。${f.help}`)}\n  ${n}: ${f.graphqlType}!`);
  return [
    `${JSON.stringify(doc)}\ntype ${typeName} {`,
    ...lines,
    `  "最近一次上报人。Who reported these figures last."\n  reportedBy: String!`,
    `  "最近更新时间（ISO）。Last update time (ISO)."\n  updatedAt: String!`,
    "}",
    "",
    `"${payload.mutation} 的结果。Result of ${payload.mutation}."\ntype ${payload.name} {`,
    `  "保存后的数据。The stored figures."\n  report: ${typeName}!`,
    `  "数据已相同、未写入时为 false。false when the same figures were already stored (nothing written)."\n  changed: Boolean!`,
    "}",
    "",
  ].join("\n");
}
