import type { Database } from "@hsa/db";
import type { Principal } from "@hsa/subgraph-kit";
import type { CellValue, ColumnSpec } from "./csv-layout";
import type { RowError } from "./csv-reader";
import type { ReportKey } from "./report-period";
import type { Workflow } from "./workflow";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** One fact of an import with where it came from. */
export interface ImportRow<F> {
  line: number;
  fact: F;
}

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportActor {
  sub: string;
  name: string;
  /** what audit rows record as the origin of a change, e.g. "import 3f2a… (purchases-2024Q1.csv)" */
  source: string;
  /** the import's report_import id, once its write begins (audit rows name it) */
  importId?: string;
  authorization: string;
  /** the caller: a stored row of another county is checked against its scope */
  principal?: Principal;
}

/** One kind of CSV a domain accepts (enrollment figures, purchases, inspections, …). */
export interface ImportKind<F> {
  /** URL segment and CLI name: /import/<kind> */
  kind: string;
  /**
   * The column named in errors about the row's county (scope, not a county), when the county is
   * not a column of its own (e.g. derived from an institution id). Default: the regionCode column.
   */
  regionColumn?: string;
  title: { zh: string; en: string };
  columns: readonly ColumnSpec[];
  /**
   * The largest file of this kind, bytes (HTTP 413 above). Default: IMPORT_KIND_MAX_BYTES[kind]
   * (limits.ts), else HSA_IMPORT_MAX_BYTES; HSA_IMPORT_MAX_BYTES_<KIND> overrides both, and
   * HSA_IMPORT_MAX_BYTES is the ceiling.
   */
  maxBytes?: number;
  /**
   * From a row's cell values to a fact: the county-quarter it belongs to (scope, approval), a key
   * that must be unique within the file, and problems a single row shows (e.g. network > total).
   */
  toFact(
    values: Record<string, CellValue>,
  ): { fact: F; report: ReportKey; key: string } | { problems: { column: string | null; reason: string }[] };
  /** Checks needing the database or another subgraph, for all rows at once (e.g. unknown institutions). */
  check?(rows: readonly ImportRow<F>[], actor: ImportActor): Promise<RowError[]>;
  /**
   * Writes every fact inside the given transaction: compares with what is stored, writes only what
   * changed (idempotent) and audits each change (old → new) with actor.source.
   */
  write(
    tx: Tx,
    rows: readonly ImportRow<F>[],
    actor: ImportActor,
    progress: (done: number) => void,
  ): Promise<WriteCounts>;
}

export type ImportPhase = "upload" | "parse" | "validate" | "write";

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportResult {
  ok: boolean;
  kind: string;
  fileName: string;
  encoding: string;
  dryRun: boolean;
  /** data rows in the file */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** the id audit rows point to; null when nothing was written */
  importId: string | null;
  /** every bad row (up to MAX_REPORTED_ERRORS), by line */
  errors: RowError[];
  errorCount: number;
}

/** At most this many row errors are listed (all are counted). */
export const MAX_REPORTED_ERRORS = 2_000;

export interface RunImportOptions {
  db: Database;
  workflow: Workflow;
  principal: Principal;
  authorization: string;
  fileName: string;
  dryRun?: boolean;
  onProgress?: (p: ImportProgress) => void;
  now?: Date;
  /**
   * Runs the phases after reading (approval state, the kind's checks, the write), e.g. one import
   * of a subgraph at a time (ImportGate.serial). Default: at once.
   */
  serial?: <T>(fn: () => Promise<T>) => Promise<T>;
}

/** The file of an import: all of it, or its bytes as they arrive (an upload). */
export type ImportSource = Uint8Array | AsyncIterable<Uint8Array>;

/**
 * Row errors of an import: all are counted, only the first `keep` by line are kept (a file of
 * 600,000 bad rows does not hold 600,000 error objects).
 */
export class RowErrors {
  private list: RowError[] = [];
  count = 0;
  constructor(private readonly keep: number = MAX_REPORTED_ERRORS) {}

  add(e: RowError): void {
    this.count++;
    this.list.push(e);
    if (this.list.length >= 4 * this.keep + 1_000) this.trim();
  }

  addAll(es: readonly RowError[]): void {
    for (const e of es) this.add(e);
  }

  /** The kept errors by line (stable: a line's errors in the order found). */
  sorted(): RowError[] {
    this.trim();
    return this.list;
  }

  private trim(): void {
    this.list.sort((a, b) => a.line - b.line);
    if (this.list.length > this.keep) this.list.length = this.keep;
  }
}
