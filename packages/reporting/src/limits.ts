/**
 * Bounds on CSV imports (issue 14): the largest file per kind and the imports one subgraph runs at
 * once. An import holds its valid rows (facts) until they are checked and written, so the size of a
 * file bounds the memory it takes; the number at once bounds the sum.
 */

const MiB = 1024 * 1024;

/** The ceiling and default of every kind's limit (HSA_IMPORT_MAX_BYTES). */
export const DEFAULT_IMPORT_MAX_BYTES = 64 * MiB;

/**
 * The largest file of each kind, sized on the national demo registry at density 1 (≈100
 * institutions per county, ≈3,000 counties) with the name columns filled in. A larger file is
 * refused with HTTP 413; split it (by quarter or region). Each is capped by HSA_IMPORT_MAX_BYTES and
 * may be set by HSA_IMPORT_MAX_BYTES_<KIND> (e.g. HSA_IMPORT_MAX_BYTES_VBP_PROGRESS).
 */
export const IMPORT_KIND_MAX_BYTES: Readonly<Record<string, number>> = {
  // county × quarter, ≈110 bytes a row: ≈75,000 rows — every county of the country for 25 quarters
  enrollment: 8 * MiB,
  // institution × quarter × category, ≈100 bytes: ≈650,000 rows — 2.5 national quarters (≈250,000 each)
  purchases: 64 * MiB,
  // institution × VBP product × quarter, ≈70 bytes: ≈240,000 rows — 10 national quarters (≈24,000 each)
  "vbp-progress": 16 * MiB,
  // one row per disposition, ≈170 bytes with free-text findings (up to 2,000 characters): ≈190,000
  // rows — 10 national quarters (≈15,000 inspections each), or ≈5,000 rows of the longest findings
  inspections: 32 * MiB,
  // institution × DIP group × quarter, ≈120 bytes: ≈280,000 rows — 5 national quarters (≈50,000 each)
  "dip-cases": 32 * MiB,
};

function positiveInt(v: string | undefined): number | null {
  const n = Number(v);
  return v !== undefined && v !== "" && Number.isInteger(n) && n > 0 ? n : null;
}

/** Largest accepted upload of any kind (HSA_IMPORT_MAX_BYTES, default 64 MiB ≈ 650,000 purchase rows). */
export function maxImportBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env.HSA_IMPORT_MAX_BYTES) ?? DEFAULT_IMPORT_MAX_BYTES;
}

/** The env variable that sets one kind's limit: HSA_IMPORT_MAX_BYTES_<KIND>, e.g. …_DIP_CASES. */
export function kindLimitVariable(kind: string): string {
  return `HSA_IMPORT_MAX_BYTES_${kind.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
}

/**
 * The largest accepted file of one kind: HSA_IMPORT_MAX_BYTES_<KIND>, else the kind's own declared
 * limit, else IMPORT_KIND_MAX_BYTES; never above HSA_IMPORT_MAX_BYTES.
 */
export function importLimitOf(
  kind: { kind: string; maxBytes?: number },
  env: NodeJS.ProcessEnv = process.env,
): { maxBytes: number; variable: string } {
  const ceiling = maxImportBytes(env);
  const variable = kindLimitVariable(kind.kind);
  const own = positiveInt(env[variable]) ?? kind.maxBytes ?? IMPORT_KIND_MAX_BYTES[kind.kind] ?? ceiling;
  return own <= ceiling
    ? { maxBytes: own, variable }
    : { maxBytes: ceiling, variable: "HSA_IMPORT_MAX_BYTES" };
}

/** Imports one subgraph runs at once (HSA_IMPORT_CONCURRENCY, default 2); more get HTTP 429. */
export function importConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env.HSA_IMPORT_CONCURRENCY) ?? 2;
}

/** What a refused upload is told to wait, seconds (HTTP Retry-After). */
export const IMPORT_RETRY_AFTER_S = 30;

/**
 * Counts the imports running in one subgraph (`enter` refuses beyond the limit), and runs their
 * database and peer phases one at a time (`serial`): files are read in parallel, but two imports
 * do not check and write against the same database at once — on PGlite a long check holds the
 * event loop, and a second import's calls to other subgraphs would time out behind it.
 */
export class ImportGate {
  private running = 0;
  private queue: Promise<unknown> = Promise.resolve();
  constructor(readonly limit: number = importConcurrency()) {}

  /** Runs `fn` after every `fn` given before it has settled. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  get active(): number {
    return this.running;
  }

  /** A release function (call it once the import has ended, whatever the outcome), or null when full. */
  enter(): (() => void) | null {
    if (this.running >= this.limit) return null;
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
    };
  }
}

/** The bilingual message of a refused import (HTTP 429), e.g. for subgraph "procurement". */
export function tooManyImportsMessage(limit: number, subgraph: string): string {
  return `${subgraph} 子图已有 ${limit} 个导入正在进行（上限 HSA_IMPORT_CONCURRENCY=${limit}），本次导入未读取、未写入，请 ${IMPORT_RETRY_AFTER_S} 秒后重试 / ${limit} imports are already running in the ${subgraph} subgraph (limit HSA_IMPORT_CONCURRENCY=${limit}): this one was neither read nor written; try again in ${IMPORT_RETRY_AFTER_S} s`;
}

/** The bilingual message of a file above its kind's limit (HTTP 413). */
export function tooLargeMessage(kind: string, maxBytes: number, variable: string): string {
  const size = maxBytes % MiB === 0 ? `${maxBytes / MiB} MiB` : `${maxBytes} bytes`;
  return `文件超过 ${kind} 导入的上限 ${size}（${maxBytes} 字节，${variable}），请拆分后分别导入 / the file is larger than the ${kind} import limit of ${size} (${maxBytes} bytes, ${variable}): split it, e.g. by quarter or region`;
}
