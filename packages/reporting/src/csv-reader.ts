import { Parser } from "csv-parse";
import { CsvDecoder, type CsvEncoding, CsvEncodingError } from "./csv-decoder";
import { type CellValue, type ColumnSpec, normaliseHeader, readCell } from "./csv-layout";

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
