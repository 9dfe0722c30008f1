import { yuanToFen } from "@hsa/db";
import { isQuarterString } from "@hsa/periods";

/** How one cell is read. */
export type CellType =
  | { kind: "text"; maxLength?: number }
  | { kind: "int" }
  | { kind: "yuan" }
  | { kind: "quarter" }
  | { kind: "region" }
  | { kind: "date" }
  | { kind: "enum"; values: Record<string, string> };

export interface ColumnSpec {
  /** the field name in parsed rows (and the preferred English header) */
  key: string;
  /** Chinese header */
  zh: string;
  /** more accepted headers (English variants) */
  aliases?: readonly string[];
  type: CellType;
  /** an empty cell is allowed (default: required) */
  optional?: boolean;
  /** what the column holds, for the documentation and the dashboard */
  help: string;
}

export type CellValue = string | number | bigint | null;

export interface CellProblem {
  column: string;
  reason: string;
  value?: string;
}

/** Header text compared loosely: case, spaces, underscores, hyphens and full-width brackets ignored. */
export function normaliseHeader(h: string): string {
  return h
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-()（）]/g, "");
}

/** An enum's labels by their loose form (the first label of a form wins), made once per layout. */
const enumLookups = new WeakMap<Record<string, string>, Map<string, string>>();
function enumLookup(values: Record<string, string>): Map<string, string> {
  let m = enumLookups.get(values);
  if (!m) {
    m = new Map();
    for (const [label, value] of Object.entries(values)) {
      const k = normaliseHeader(label);
      if (!m.has(k)) m.set(k, value);
    }
    enumLookups.set(values, m);
  }
  return m;
}

const INT = /^-?\d+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads one cell; strings are trimmed, thousands separators in numbers are accepted ("1,234"). */
export function readCell(col: ColumnSpec, raw: string): { value: CellValue } | { problem: string } {
  const s = raw.trim();
  if (s === "") return col.optional ? { value: null } : { problem: "必填 / required: the cell is empty" };
  switch (col.type.kind) {
    case "text":
      if (col.type.maxLength && s.length > col.type.maxLength)
        return { problem: `at most ${col.type.maxLength} characters (got ${s.length})` };
      return { value: s };
    case "int": {
      const n = s.replace(/,/g, "");
      if (!INT.test(n)) return { problem: "不是整数 / not a whole number" };
      const v = Number(n);
      if (v < 0) return { problem: "不能为负数 / must not be negative" };
      if (!Number.isSafeInteger(v) || v > 2_147_483_647) return { problem: "数值过大 / too large" };
      return { value: v };
    }
    case "yuan": {
      const fen = yuanToFen(s.replace(/,/g, ""));
      if (fen === null)
        return { problem: "金额应为非负的元，最多两位小数 / an amount in yuan, ≥ 0, at most two decimals" };
      return { value: fen };
    }
    case "quarter": {
      const q = s.toUpperCase().replace(/\s/g, "");
      if (!isQuarterString(q)) return { problem: "季度格式应为 YYYYQn，如 2024Q1 / a quarter like 2024Q1" };
      return { value: q };
    }
    case "region":
      if (!/^\d{6}$/.test(s)) return { problem: "行政区划代码应为 6 位数字 / a six-digit region code" };
      return { value: s };
    case "date":
      if (
        !DATE.test(s) ||
        Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ||
        new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s
      )
        return { problem: "日期格式应为 YYYY-MM-DD / a date like 2024-03-31" };
      return { value: s };
    case "enum": {
      const hit = enumLookup(col.type.values).get(normaliseHeader(s));
      if (hit === undefined) {
        return { problem: `应为 / one of: ${Object.keys(col.type.values).join(", ")}` };
      }
      return { value: hit };
    }
  }
}

/** The documented layout as Markdown rows (for READMEs and the dashboard's help). */
export function layoutMarkdown(columns: readonly ColumnSpec[]): string {
  const lines = ["| 中文列名 | English header | required | content |", "| --- | --- | --- | --- |"];
  for (const c of columns) lines.push(`| ${c.zh} | ${c.key} | ${c.optional ? "no" : "yes"} | ${c.help} |`);
  return lines.join("\n");
}
