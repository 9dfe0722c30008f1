import { isUtf8 } from "node:buffer";
import { TextDecoder } from "node:util";
import { yuanToFen } from "@hsa/db";
import { isQuarterString } from "@hsa/periods";
import { Parser } from "csv-parse";

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gb18030";

/**
 * Non-ASCII bytes of valid UTF-8 after which an upload is taken to be UTF-8 (GB18030 Chinese text
 * is not valid UTF-8 for more than a character or two), or bytes after its first non-ASCII byte.
 */
const UTF8_CONFIRM_NON_ASCII = 64;
const UTF8_CONFIRM_BYTES = 8 * 1024 * 1024;

/** The upload is neither UTF-8 nor GB18030 throughout (e.g. UTF-8 with a few bytes of GBK pasted in). */
export class CsvEncodingError extends Error {
  constructor(readonly line: number) {
    super(
      `第 ${line} 行起不是有效的 UTF-8（文件前部已按 UTF-8 读取）：请整个文件统一保存为 UTF-8 或 GB18030 / not valid UTF-8 from line ${line} on, while the file before it is: save the whole file as UTF-8 or GB18030`,
    );
  }
}

/**
 * Decodes an upload as it arrives, chunk by chunk, into UTF-8 bytes for the parser: UTF-8 with a
 * byte-order mark; else UTF-8 as long as the bytes are valid UTF-8, else GB18030 (what Excel and
 * most Chinese Windows software export; GBK and GB2312 are subsets of it). UTF-8 is checked and
 * passed on as it is (no decoding and encoding again). Bytes before the first non-ASCII byte read
 * the same in both and are passed on at once; from that byte on they are held back until the
 * encoding is known — {@link UTF8_CONFIRM_NON_ASCII} non-ASCII bytes or {@link UTF8_CONFIRM_BYTES}
 * bytes of valid UTF-8, or the end — and an invalid sequence there means GB18030: the held bytes
 * are decoded again as such. Nothing else is kept: memory does not grow with the file.
 */
export class CsvDecoder {
  private mode: "start" | "undecided" | CsvEncoding = "start";
  /** checks the held bytes while undecided */
  private readonly check = new TextDecoder("utf-8", { fatal: true });
  private gb: TextDecoder | null = null;
  /** the first bytes, until there are three to look for a byte-order mark */
  private head: Uint8Array = EMPTY;
  /** while undecided: the bytes since the first non-ASCII byte */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private nonAscii = 0;
  private seenNonAscii = false;
  /** UTF-8: a character cut off at the end of the last chunk, passed on with the next */
  private carry: Uint8Array = EMPTY;
  /** line numbers, for an invalid byte after the file was taken to be UTF-8 */
  private line = 1;

  /** The encoding found (final once `end` has returned). */
  get encoding(): CsvEncoding {
    return this.mode === "start" || this.mode === "undecided" ? "utf-8" : this.mode;
  }

  /** The next bytes of the file as UTF-8, as far as they are known (maybe none); throws CsvEncodingError. */
  write(chunk: Uint8Array): Uint8Array {
    if (this.mode === "start") {
      const bytes = this.head.length ? concat([this.head, chunk]) : chunk;
      if (bytes.length < 3 && bytes.every((b, i) => b === BOM[i])) {
        this.head = bytes.slice();
        return EMPTY;
      }
      this.head = EMPTY;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) {
        // as before: a file that says it is UTF-8 is read as such (a bad byte reads as U+FFFD)
        this.mode = "utf-8-bom";
        return bytes.subarray(3);
      }
      this.mode = "undecided";
      return this.write(bytes);
    }
    if (this.mode === "undecided") return this.undecided(chunk);
    if (this.mode === "utf-8") return this.utf8(chunk);
    if (this.mode === "gb18030") return encodeUtf8((this.gb as TextDecoder).decode(chunk, { stream: true }));
    return chunk;
  }

  /** The rest at the end of the file. */
  end(): Uint8Array {
    if (this.mode === "start") {
      // fewer than three bytes, all of them the start of a byte-order mark
      const head = this.head;
      this.head = EMPTY;
      this.mode = "undecided";
      const first = head.length ? this.undecided(head) : EMPTY;
      return concat([first, this.end()]);
    }
    if (this.mode === "undecided") {
      try {
        this.check.decode();
      } catch {
        return this.toGb18030(EMPTY, true);
      }
      this.mode = "utf-8";
      const out = concat(this.pending);
      this.pending = [];
      return out;
    }
    if (this.mode === "utf-8" && this.carry.length) throw new CsvEncodingError(this.line);
    if (this.mode === "gb18030") return encodeUtf8((this.gb as TextDecoder).decode());
    return EMPTY;
  }

  private undecided(chunk: Uint8Array): Uint8Array {
    let out = EMPTY;
    let rest = chunk;
    if (!this.seenNonAscii) {
      const i = chunk.findIndex((b) => b >= 0x80);
      if (i === -1) {
        this.line += newlines(chunk);
        return chunk; // ASCII: the same in both encodings
      }
      out = chunk.subarray(0, i);
      this.line += newlines(out);
      rest = chunk.subarray(i);
      this.seenNonAscii = true;
    }
    // Where the encoding becomes certain, if it does in this chunk: at a byte of the file, not at
    // a chunk's end, so that the outcome does not depend on how the upload was cut into chunks.
    let cut = rest.length;
    const room = UTF8_CONFIRM_BYTES - this.pendingBytes;
    for (let i = 0; i < rest.length; i++) {
      if (i >= room) {
        cut = i;
        break;
      }
      if ((rest[i] as number) >= 0x80 && ++this.nonAscii >= UTF8_CONFIRM_NON_ASCII) {
        cut = i + 1;
        break;
      }
    }
    const part = rest.subarray(0, cut);
    this.pending.push(part);
    this.pendingBytes += part.length;
    try {
      this.check.decode(part, { stream: true });
    } catch {
      return concat([out, this.toGb18030(rest.subarray(cut), false)]);
    }
    if (this.nonAscii < UTF8_CONFIRM_NON_ASCII && this.pendingBytes < UTF8_CONFIRM_BYTES) return out;
    // UTF-8: what was held goes on (a character cut off at its end goes with what follows)
    this.mode = "utf-8";
    const held = concat(this.pending);
    this.pending = [];
    const end = completeEnd(held);
    this.carry = held.subarray(end);
    this.line += newlines(held.subarray(0, end));
    return concat([out, held.subarray(0, end), this.utf8(rest.subarray(cut))]);
  }

  private utf8(chunk: Uint8Array): Uint8Array {
    const bytes = this.carry.length ? concat([this.carry, chunk]) : chunk;
    const end = completeEnd(bytes);
    const body = bytes.subarray(0, end);
    if (!isUtf8(body))
      throw new CsvEncodingError(this.line + newlines(body.subarray(0, firstInvalidUtf8(body))));
    this.carry = bytes.subarray(end);
    this.line += newlines(body);
    return body;
  }

  /** Not UTF-8 after all: the held bytes (and `more`) decoded again as GB18030. */
  private toGb18030(more: Uint8Array, last: boolean): Uint8Array {
    this.mode = "gb18030";
    const gb = new TextDecoder("gb18030");
    this.gb = gb;
    let text = "";
    for (const p of this.pending) text += gb.decode(p, { stream: true });
    text += last ? gb.decode(more) : gb.decode(more, { stream: true });
    this.pending = [];
    return encodeUtf8(text);
  }
}

const EMPTY: Uint8Array = new Uint8Array(0);
const BOM = [0xef, 0xbb, 0xbf];

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const nonEmpty = parts.filter((p) => p.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
  return Buffer.concat(nonEmpty);
}

const encodeUtf8 = (text: string): Uint8Array => (text ? Buffer.from(text, "utf8") : EMPTY);

/** Where the bytes end with a whole character: before a character cut off at the end, if any. */
function completeEnd(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
    const c = b[i] as number;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return i + n > b.length ? i : b.length;
  }
  return b.length; // no start of a character among the last four: invalid, the check says so
}

function newlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence (length if none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (i + n >= b.length) return i; // cut off at the end (only an error if what is there is)
    const c1 = b[i + 1] as number;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= n; k++) {
      const ck = b[i + k] as number;
      if (ck < 0x80 || ck > 0xbf) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/**
 * Decodes a whole CSV file at once: UTF-8 with or without a byte-order mark, else GB18030 (see
 * {@link CsvDecoder}, which imports use chunk by chunk).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const d = new CsvDecoder();
  const utf8 = concat([d.write(bytes), d.end()]);
  return { text: new TextDecoder("utf-8").decode(utf8), encoding: d.encoding };
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

/** Longest record accepted (characters): far above any layout's row, it bounds an unclosed quote. */
export const MAX_RECORD_CHARS = 1024 * 1024;

export interface CsvReadResult {
  encoding: CsvEncoding;
  /** data rows read (with or without errors) */
  rowCount: number;
  /**
   * The file could not be read to its end (malformed CSV, no header, mixed encodings): this is the
   * one error to report; rows handed on before it do not count.
   */
  fatal: RowError | null;
  /** problems of the header (unknown, duplicate or missing columns): no data row was handed on */
  headerErrors: RowError[];
}

/**
 * Reads a CSV upload as it arrives, against a column layout: decodes it ({@link CsvDecoder}),
 * parses it record by record (csv-parse, RFC 4180: quotes, embedded commas and line breaks) and
 * reads every cell, handing each data row on at once — neither the file nor its records are kept.
 * The first row is the header, in Chinese or English, in any order; every bad cell of every row is
 * reported (line, column, reason), not only the first.
 */
export class CsvReader {
  private readonly decoder = new CsvDecoder();
  private readonly parser: RecordParser;
  private positions: (ColumnSpec | null)[] | null = null;
  private headerErrors: RowError[] = [];
  private rowCount = 0;
  private fatal: RowError | null = null;
  /** an exception of onRow / onError, rethrown to the writer */
  private thrown: { error: unknown } | null = null;

  constructor(
    private readonly columns: readonly ColumnSpec[],
    private readonly onRow: (row: ParsedRow) => void,
    private readonly onError: (error: RowError) => void,
  ) {
    this.parser = new RecordParser({
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: MAX_RECORD_CHARS,
    });
    this.parser.onRecord = (record, endLine) => {
      if (this.thrown) return;
      try {
        this.record(record, startLine(endLine, record));
      } catch (error) {
        this.thrown = { error };
      }
    };
  }

  /** The next bytes of the file. */
  write(chunk: Uint8Array): void {
    if (this.fatal) return;
    let utf8: Uint8Array;
    try {
      utf8 = this.decoder.write(chunk);
    } catch (err) {
      this.encodingFailed(err);
      return;
    }
    this.parse(utf8);
  }

  /** Already decoded text (tests, `parseCsv`). */
  writeText(text: string): void {
    if (!this.fatal) this.parse(Buffer.from(text));
  }

  end(): CsvReadResult {
    if (!this.fatal) {
      try {
        this.parse(this.decoder.end());
      } catch (err) {
        this.encodingFailed(err);
      }
    }
    if (!this.fatal) {
      this.parser._flush((err) => {
        if (err) this.malformed(err);
      });
      this.rethrow();
    }
    if (!this.fatal && this.positions === null)
      this.fatal = { line: 1, column: null, reason: "文件为空 / the file is empty" };
    return {
      encoding: this.decoder.encoding,
      rowCount: this.rowCount,
      fatal: this.fatal,
      headerErrors: this.headerErrors,
    };
  }

  private parse(utf8: Uint8Array): void {
    if (!utf8.length) return;
    const buf = Buffer.isBuffer(utf8) ? utf8 : Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
    // csv-parse's own step, synchronous: errors come back here rather than as a stream event
    this.parser._transform(buf, "utf8", (err) => {
      if (err) this.malformed(err);
    });
    this.rethrow();
  }

  private rethrow(): void {
    if (this.thrown) throw this.thrown.error;
  }

  private malformed(err: Error): void {
    const e = err as { lines?: number; message: string };
    this.fatal = { line: e.lines ?? 1, column: null, reason: `CSV 格式错误 / malformed CSV: ${e.message}` };
  }

  private encodingFailed(err: unknown): void {
    if (!(err instanceof CsvEncodingError)) throw err;
    this.fatal = { line: err.line, column: null, reason: err.message };
  }

  private record(record: string[], line: number): void {
    if (this.positions === null) {
      this.positions = this.header(record);
      return;
    }
    this.rowCount++;
    if (this.headerErrors.length) return;
    const positions = this.positions;
    const values: Record<string, CellValue> = {};
    let ok = true;
    if (record.length > positions.length) {
      this.onError({
        line,
        column: null,
        reason: `${record.length} 个字段，表头只有 ${positions.length} 列 / more cells than header columns`,
      });
      ok = false;
    }
    for (const [j, col] of positions.entries()) {
      if (!col) continue;
      const raw = record[j] ?? "";
      const cell = readCell(col, raw);
      if ("problem" in cell) {
        this.onError({ line, column: col.zh, value: raw, reason: cell.problem });
        ok = false;
      } else values[col.key] = cell.value;
    }
    for (const c of this.columns) if (!(c.key in values) && c.optional) values[c.key] = null;
    if (ok) this.onRow({ line, values });
  }

  private header(record: string[]): (ColumnSpec | null)[] {
    const columns = this.columns;
    const byHeader = new Map<string, ColumnSpec>();
    for (const c of columns)
      for (const h of [c.key, c.zh, ...(c.aliases ?? [])]) byHeader.set(normaliseHeader(h), c);
    const errors = this.headerErrors;
    const positions: (ColumnSpec | null)[] = [];
    const seen = new Set<string>();
    for (const h of record) {
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
        errors.push({
          line: 1,
          column: `${c.zh} (${c.key})`,
          reason: "缺少必填列 / required column missing",
        });
    }
    return positions;
  }
}

/**
 * Parses CSV text against a column layout, all at once (see {@link CsvReader}, which imports use
 * as the upload arrives): the rows whose cells all read, and every problem.
 */
export function parseCsv(
  text: string,
  columns: readonly ColumnSpec[],
  onRow?: (n: number) => void,
): ParseResult {
  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  let n = 0;
  const reader = new CsvReader(
    columns,
    (row) => {
      rows.push(row);
      if (onRow && ++n % 10_000 === 0) onRow(n);
    },
    (e) => errors.push(e),
  );
  reader.writeText(text);
  const r = reader.end();
  if (r.fatal) return { rows: [], errors: [r.fatal], rowCount: 0 };
  if (r.headerErrors.length) return { rows: [], errors: r.headerErrors, rowCount: r.rowCount };
  return { rows, errors, rowCount: r.rowCount };
}

/**
 * The line a record starts on: csv-parse counts the line it ends on, and a quoted cell may span
 * lines (line breaks outside quotes end a record, so the record's own are in its cells).
 */
function startLine(endLine: number, record: readonly string[]): number {
  let n = 0;
  for (const cell of record) for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) n++;
  return endLine - n;
}

/**
 * csv-parse's Parser driven step by step (`_transform`, `_flush`) rather than as a stream: each
 * record goes straight to `onRecord` with the line it ends on — nothing is buffered, and no info
 * object is built per record (its `on_record` option builds one).
 */
class RecordParser extends Parser {
  onRecord: (record: string[], endLine: number) => void = () => {};

  override push(record: unknown): boolean {
    if (record !== null) this.onRecord(record as string[], this.info.lines);
    return true;
  }
}

/** The documented layout as Markdown rows (for READMEs and the dashboard's help). */
export function layoutMarkdown(columns: readonly ColumnSpec[]): string {
  const lines = ["| 中文列名 | English header | required | content |", "| --- | --- | --- | --- |"];
  for (const c of columns) lines.push(`| ${c.zh} | ${c.key} | ${c.optional ? "no" : "yes"} | ${c.help} |`);
  return lines.join("\n");
}
