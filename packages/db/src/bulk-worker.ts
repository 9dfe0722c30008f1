// A bulk load whose rows are generated on a second thread: the demo loaders of `npm start` spend about
// half their time generating rows and encoding them as COPY text (JavaScript) and half in the database
// (PGlite is one WebAssembly thread on the main thread). A producer module run in a worker thread does
// the first while the main thread COPYs what it has already sent, so a first start uses both cores.
//
// The producer only writes (COPY lines and statements without results); everything arrives on the
// main thread in the order sent and goes through one `bulkLoad` (one transaction, staged COPYs).
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type BulkWriter, bulkLoad } from "./copy";
import type { Database } from "./index";

/** What a producer writes: COPY lines (see `copyLine`) and statements whose results it does not need. */
export interface BulkProducer {
  copyLines(table: string, columns: readonly string[], lines: readonly string[]): Promise<void>;
  exec(text: string): Promise<void>;
  /** progress for the caller's `onProgress` (not a write) */
  progress(done: number, total: number): void;
}

type ToMain =
  | { kind: "copy"; table: string; columns: string[]; text: string }
  | { kind: "exec"; text: string }
  | { kind: "progress"; done: number; total: number }
  | { kind: "done"; result: unknown }
  | { kind: "failed"; message: string; stack?: string };

/** Batches the worker may send before the main thread has written them (bounds the memory held). */
const WINDOW = 12;

/**
 * Runs `produce` in this thread as a worker of `bulkLoadInWorker` (the producer module's top level
 * calls it). Outside a worker it does nothing: the module can be imported for its types.
 */
export function serveBulkProducer<D, T>(produce: (out: BulkProducer, data: D) => Promise<T>): void {
  const port = parentPort;
  if (isMainThread || !port) return;
  let credits = WINDOW;
  const waiting: (() => void)[] = [];
  port.on("message", (m: unknown) => {
    if (m !== "written") return;
    credits += 1;
    waiting.shift()?.();
  });
  const send = async (msg: ToMain) => {
    while (credits <= 0) await new Promise<void>((resolve) => waiting.push(resolve));
    credits -= 1;
    port.postMessage(msg);
  };
  const out: BulkProducer = {
    // An empty COPY is sent too: a table is staged at its first COPY (parents before children).
    copyLines: (table, columns, lines) =>
      send({ kind: "copy", table, columns: [...columns], text: lines.join("") }),
    exec: (text) => send({ kind: "exec", text }),
    progress: (done, total) => port.postMessage({ kind: "progress", done, total } satisfies ToMain),
  };
  produce(out, workerData as D).then(
    (result) => port.postMessage({ kind: "done", result } satisfies ToMain),
    (err: unknown) => {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ kind: "failed", message: e.message, stack: e.stack } satisfies ToMain);
    },
  );
}

/**
 * The worker of a producer module. A TypeScript one (`npm start` and the tests run sources through
 * tsx) is imported after tsx's loader is registered in the worker: Node 20 does not pass `--import tsx`
 * on to a worker's entry module.
 */
function startWorker(producer: URL, data: unknown): Worker {
  if (!producer.pathname.endsWith(".ts")) return new Worker(producer, { workerData: data });
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(producer.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

/**
 * A started producer: its messages are kept (in order) until a load takes them. The worker runs
 * ahead by at most `WINDOW` unwritten batches, so what it has generated and not yet written is bounded.
 */
class BulkSource {
  private readonly worker: Worker;
  private readonly queue: ToMain[] = [];
  private wake: (() => void) | null = null;
  private ended: Error | null = null;

  constructor(producer: URL, data: unknown) {
    this.worker = startWorker(producer, data);
    this.worker.on("message", (m: ToMain) => this.push(m));
    this.worker.once("error", (err) => this.end(err));
    this.worker.once("exit", (code) =>
      this.end(new Error(`bulk load producer exited (code ${code}) before it finished`)),
    );
  }

  private push(m: ToMain) {
    this.queue.push(m);
    this.wake?.();
  }

  private end(err: Error) {
    this.ended ??= err;
    this.wake?.();
  }

  private async next(): Promise<ToMain> {
    for (;;) {
      const m = this.queue.shift();
      if (m) return m;
      if (this.ended) throw this.ended;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }

  stop() {
    this.ended ??= new Error("bulk load producer stopped");
    void this.worker.terminate();
  }

  /** Writes everything the producer sends through `w`, in order; the producer's result. */
  async drain<T>(w: BulkWriter, onProgress?: (done: number, total: number) => void): Promise<T> {
    try {
      for (;;) {
        const m = await this.next();
        switch (m.kind) {
          case "copy":
            await w.copyLines(m.table, m.columns, m.text ? [m.text] : []);
            this.worker.postMessage("written");
            break;
          case "exec":
            await w.exec(m.text);
            this.worker.postMessage("written");
            break;
          case "progress":
            onProgress?.(m.done, m.total);
            break;
          case "done":
            return m.result as T;
          case "failed":
            throw Object.assign(new Error(`bulk load producer: ${m.message}`), { stack: m.stack });
        }
      }
    } finally {
      this.stop();
    }
  }
}

/** Producers started ahead of their load (`prefetchBulkLoad`), by producer and data. */
const prefetched = new Map<string, BulkSource>();
const prefetchKey = (producer: URL, data: unknown) => `${producer.href}|${JSON.stringify(data)}`;

/**
 * Starts a producer now, so it generates (on the second core) while the main thread writes something
 * else; the next `bulkLoadInWorker` with the same producer and data takes what it has generated.
 * Used by `npm start` on a first start (every subgraph's demo at once). A second call for the same
 * producer and data does nothing.
 */
export function prefetchBulkLoad(producer: URL, data: unknown): void {
  const key = prefetchKey(producer, data);
  if (!prefetched.has(key)) prefetched.set(key, new BulkSource(producer, data));
}

/** Stops the prefetched producers no load took (their subgraph's demo was already there). */
export function cancelBulkPrefetches(): number {
  const n = prefetched.size;
  for (const source of prefetched.values()) source.stop();
  prefetched.clear();
  return n;
}

/**
 * One `bulkLoad` (one transaction, every COPY staged: see `bulkLoad`) of what the producer module
 * (which calls `serveBulkProducer` at its top level) writes from a worker thread, given `data`
 * (structured-clonable; a producer prefetched with the same data is taken over). Resolves with the
 * producer's result; a failure on either side rolls the whole load back and stops the worker.
 */
export function bulkLoadInWorker<T>(
  db: Database,
  producer: URL,
  data: unknown,
  onProgress?: (done: number, total: number) => void,
): Promise<T> {
  const key = prefetchKey(producer, data);
  const source = prefetched.get(key) ?? new BulkSource(producer, data);
  prefetched.delete(key);
  return bulkLoad(db, (w) => source.drain<T>(w, onProgress)).finally(() => source.stop());
}
