import { yuanToFen } from "@hsa/db";
import { isQuarterString } from "@hsa/periods";
import { parse } from "csv-parse/sync";

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gb18030";

/**
 * Decodes an uploaded CSV: UTF-8 with or without a byte-order mark, else GB18030 (what Excel and
 * most Chinese Windows software export; GBK and GB2312 are subsets of it).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
  }
}

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
      const hit = Object.entries(col.type.values).find(
        ([label]) => normaliseHeader(label) === normaliseHeader(s),
      );
      if (!hit) {
        return { problem: `应为 / one of: ${Object.keys(col.type.values).join(", ")}` };
      }
      return { value: hit[1] };
    }
  }
}

export interface ParsedRow {
  /** line in the file (1 = the header) */
  line: number;
  values: Record<string, CellValue>;
}

export interface RowError {
  line: number;
  column: string | null;
  value?: string | null;
  reason: string;
}

export interface ParseResult {
  rows: ParsedRow[];
  errors: RowError[];
  /** data rows read (with or without errors) */
  rowCount: number;
}

/**
 * Parses CSV text (RFC 4180: quotes, embedded commas and line breaks) against a column layout.
 * The first row is the header, in Chinese or English, in any order; every bad cell of every row is
 * reported (line, column, reason), not only the first.
 */
export function parseCsv(
  text: string,
  columns: readonly ColumnSpec[],
  onRow?: (n: number) => void,
): ParseResult {
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, {
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as never;
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return {
      rows: [],
      errors: [{ line: e.lines ?? 1, column: null, reason: `CSV 格式错误 / malformed CSV: ${e.message}` }],
      rowCount: 0,
    };
  }
  const header = records[0];
  if (!header)
    return {
      rows: [],
      errors: [{ line: 1, column: null, reason: "文件为空 / the file is empty" }],
      rowCount: 0,
    };
  const byHeader = new Map<string, ColumnSpec>();
  for (const c of columns)
    for (const h of [c.key, c.zh, ...(c.aliases ?? [])]) byHeader.set(normaliseHeader(h), c);
  const errors: RowError[] = [];
  const positions: (ColumnSpec | null)[] = [];
  const seen = new Set<string>();
  for (const h of header.record) {
    const col = byHeader.get(normaliseHeader(h)) ?? null;
    if (h.trim() === "") positions.push(null);
    else if (!col) {
      errors.push({
        line: 1,
        column: h,
        reason: `未知的列 / unknown column; expected: ${columns.map((c) => `${c.zh} (${c.key})`).join(", ")}`,
      });
      positions.push(null);
    } else if (seen.has(col.key)) {
      errors.push({ line: 1, column: h, reason: `列重复 / the column ${col.key} appears twice` });
      positions.push(null);
    } else {
      seen.add(col.key);
      positions.push(col);
    }
  }
  for (const c of columns) {
    if (!seen.has(c.key) && !c.optional)
      errors.push({ line: 1, column: `${c.zh} (${c.key})`, reason: "缺少必填列 / required column missing" });
  }
  if (errors.length) return { rows: [], errors, rowCount: records.length - 1 };
  const rows: ParsedRow[] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info, raw } = records[i] as { record: string[]; info: { lines: number }; raw: string };
    const line = startLine(info.lines, raw);
    const values: Record<string, CellValue> = {};
    let ok = true;
    if (record.length > positions.length) {
      errors.push({
        line: line,
        column: null,
        reason: `${record.length} 个字段，表头只有 ${positions.length} 列 / more cells than header columns`,
      });
      ok = false;
    }
    positions.forEach((col, j) => {
      if (!col) return;
      const raw = record[j] ?? "";
      const cell = readCell(col, raw);
      if ("problem" in cell) {
        errors.push({ line: line, column: col.zh, value: raw, reason: cell.problem });
        ok = false;
      } else values[col.key] = cell.value;
    });
    for (const c of columns) if (!(c.key in values) && c.optional) values[c.key] = null;
    if (ok) rows.push({ line: line, values });
    if (onRow && i % 10_000 === 0) onRow(i);
  }
  return { rows, errors, rowCount: records.length - 1 };
}

/**
 * The line a record starts on: csv-parse counts the line it ends on, and a quoted cell may span
 * lines (its raw text also holds the empty lines skipped before it).
 */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/\r?\n$/, "").replace(/^(\r?\n)+/, "");
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

/** The documented layout as Markdown rows (for READMEs and the dashboard's help). */
export function layoutMarkdown(columns: readonly ColumnSpec[]): string {
  const lines = ["| 中文列名 | English header | required | content |", "| --- | --- | --- | --- |"];
  for (const c of columns) lines.push(`| ${c.zh} | ${c.key} | ${c.optional ? "no" : "yes"} | ${c.help} |`);
  return lines.join("\n");
}
