/**
 * Quarter periods (`YYYYQn`) and the `Quarter` GraphQL scalar.
 *
 * Quarters are calendar quarters; "now" and dates are read in China time (Asia/Shanghai, UTC+8).
 */
import { GraphQLError, GraphQLScalarType, Kind, print, printType, type ValueNode } from "graphql";

export interface Quarter {
  year: number;
  q: 1 | 2 | 3 | 4;
}

export class InvalidQuarterError extends Error {
  override name = "InvalidQuarterError";
}

const QUARTER_RE = /^(\d{4})Q([1-4])$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function invalidMessage(value: unknown): string {
  return `invalid quarter ${describe(value)}: expected YYYYQn with n in 1..4, e.g. "2023Q1"`;
}

function isQuarterNumber(n: number): n is 1 | 2 | 3 | 4 {
  return n === 1 || n === 2 || n === 3 || n === 4;
}

function validYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Parses a strict `YYYYQn` string (year 1900..2999). Throws {@link InvalidQuarterError}. */
export function parseQuarter(s: string): Quarter {
  if (typeof s !== "string") throw new InvalidQuarterError(invalidMessage(s));
  const m = QUARTER_RE.exec(s);
  const year = m ? Number(m[1]) : Number.NaN;
  const q = m ? Number(m[2]) : Number.NaN;
  if (!validYear(year) || !isQuarterNumber(q)) throw new InvalidQuarterError(invalidMessage(s));
  return { year, q };
}

export function isQuarterString(s: string): boolean {
  if (typeof s !== "string") return false;
  try {
    parseQuarter(s);
    return true;
  } catch {
    return false;
  }
}

function toQuarter(q: Quarter | string): Quarter {
  if (typeof q === "string") return parseQuarter(q);
  if (q !== null && typeof q === "object" && validYear(q.year) && isQuarterNumber(q.q)) {
    return { year: q.year, q: q.q };
  }
  throw new InvalidQuarterError(invalidMessage(q));
}

export function formatQuarter(q: Quarter): string {
  const v = toQuarter(q);
  return `${v.year}Q${v.q}`;
}

/** `year * 4 + (q - 1)`: consecutive quarters have consecutive indexes. */
export function quarterIndex(q: Quarter | string): number {
  const v = toQuarter(q);
  return v.year * 4 + (v.q - 1);
}

export function fromIndex(i: number): Quarter {
  if (!Number.isInteger(i)) throw new InvalidQuarterError(`invalid quarter index ${i}: not an integer`);
  const year = Math.floor(i / 4);
  const q = i - year * 4 + 1;
  if (!validYear(year) || !isQuarterNumber(q)) {
    throw new InvalidQuarterError(
      `invalid quarter index ${i}: year ${year} outside ${MIN_YEAR}..${MAX_YEAR}`,
    );
  }
  return { year, q };
}

export function compareQuarters(a: Quarter | string, b: Quarter | string): number {
  return Math.sign(quarterIndex(a) - quarterIndex(b));
}

/** Every quarter from `from` to `to`, both inclusive, formatted. */
export function quarterRange(from: Quarter | string, to: Quarter | string): string[] {
  const start = quarterIndex(from);
  const end = quarterIndex(to);
  if (start > end) {
    throw new InvalidQuarterError(
      `invalid quarter range: from ${formatQuarter(fromIndex(start))} is after to ${formatQuarter(fromIndex(end))}`,
    );
  }
  const out: string[] = [];
  for (let i = start; i <= end; i++) out.push(formatQuarter(fromIndex(i)));
  return out;
}

export function addQuarters(q: Quarter | string, n: number): string {
  if (!Number.isInteger(n)) throw new InvalidQuarterError(`invalid quarter offset ${n}: not an integer`);
  return formatQuarter(fromIndex(quarterIndex(q) + n));
}

export function previousQuarter(q: Quarter | string): string {
  return addQuarters(q, -1);
}

export function sameQuarterLastYear(q: Quarter | string): string {
  return addQuarters(q, -4);
}

const chinaDate = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "numeric",
  day: "numeric",
});

/** The calendar quarter of `date` as seen in China (Asia/Shanghai). */
export function quarterOf(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new InvalidQuarterError(`invalid date: ${String(date)}`);
  }
  let year = Number.NaN;
  let month = Number.NaN;
  for (const part of chinaDate.formatToParts(date)) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
  }
  const q = Math.floor((month - 1) / 3) + 1;
  if (!validYear(year) || !isQuarterNumber(q)) {
    throw new InvalidQuarterError(`date ${date.toISOString()} falls outside the supported quarters`);
  }
  return formatQuarter({ year, q });
}

export function currentQuarter(now?: Date): string {
  return quarterOf(now ?? new Date());
}

/** First day of the quarter, 00:00 UTC (date-only semantics). */
export function quarterStart(q: Quarter | string): Date {
  const v = toQuarter(q);
  return new Date(Date.UTC(v.year, (v.q - 1) * 3, 1));
}

/** Last day of the quarter, 00:00 UTC (date-only semantics). */
export function quarterEnd(q: Quarter | string): Date {
  const v = toQuarter(q);
  return new Date(Date.UTC(v.year, v.q * 3, 0));
}

const ZH_ORDINALS = { 1: "一", 2: "二", 3: "三", 4: "四" } as const;

/** "2023年第一季度" */
export function labelZh(q: Quarter | string): string {
  const v = toQuarter(q);
  return `${v.year}年第${ZH_ORDINALS[v.q]}季度`;
}

/** "2023 Q1" */
export function labelEn(q: Quarter | string): string {
  const v = toQuarter(q);
  return `${v.year} Q${v.q}`;
}

function badInput(message: string, node?: ValueNode): GraphQLError {
  return new GraphQLError(message, { nodes: node ?? null, extensions: { code: "BAD_USER_INPUT" } });
}

/**
 * The quarters a client may ask for (documented limit: bounded work per request). The parser
 * itself accepts 1900..2999 for internal arithmetic; the API accepts 2000Q1..2099Q4.
 */
export const API_FIRST_QUARTER = "2000Q1";
export const API_LAST_QUARTER = "2099Q4";
/** At most this many quarters in one field's [from, to] range (10 years). */
export const MAX_RANGE_QUARTERS = 40;

function coerceInput(value: unknown, node?: ValueNode): string {
  if (typeof value !== "string" || !isQuarterString(value)) throw badInput(invalidMessage(value), node);
  if (value < API_FIRST_QUARTER || value > API_LAST_QUARTER)
    throw badInput(
      `quarter ${value} is outside the supported quarters ${API_FIRST_QUARTER}..${API_LAST_QUARTER} (季度须在 ${API_FIRST_QUARTER}–${API_LAST_QUARTER} 之间)`,
      node,
    );
  return value;
}

/**
 * The problem with a [from, to] range of a request, or null: `from` after `to`, or more than
 * MAX_RANGE_QUARTERS quarters.
 */
export function rangeProblem(from: string, to: string): string | null {
  const span = quarterIndex(to) - quarterIndex(from) + 1;
  if (span < 1) return `from (${from}) is after to (${to})`;
  if (span > MAX_RANGE_QUARTERS)
    return `the range ${from}..${to} spans ${span} quarters; at most ${MAX_RANGE_QUARTERS} quarters (10 years) per field — ask for several ranges (一次最多查询 ${MAX_RANGE_QUARTERS} 个季度)`;
  return null;
}

export const QuarterScalar: GraphQLScalarType<string, string> = new GraphQLScalarType<string, string>({
  name: "Quarter",
  description:
    '季度，格式 "YYYYQn"（n 为 1–4），如 "2024Q1" 即 2024年第一季度；按北京时间（UTC+8）划分。' +
    'A calendar quarter as "YYYYQn" (n in 1..4), e.g. "2023Q1". Quarters follow China time (UTC+8).',
  serialize(value: unknown): string {
    if (typeof value === "string" && isQuarterString(value)) return value;
    if (value !== null && typeof value === "object") {
      try {
        return formatQuarter(value as Quarter);
      } catch {
        // fall through to the error below
      }
    }
    throw new GraphQLError(`Quarter cannot represent ${describe(value)}: expected a "YYYYQn" string`);
  },
  parseValue(value: unknown): string {
    return coerceInput(value);
  },
  parseLiteral(ast: ValueNode): string {
    if (ast.kind !== Kind.STRING) {
      throw badInput(
        `invalid quarter ${print(ast)} (${ast.kind} literal): expected a string YYYYQn with n in 1..4, e.g. "2023Q1"`,
        ast,
      );
    }
    return coerceInput(ast.value, ast);
  },
});

/** The `Quarter` scalar with its (zh + en) description, as SDL. */
export const quarterScalarSDL = printType(QuarterScalar);
