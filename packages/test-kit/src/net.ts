import { createServer } from "node:net";

/** Returns a TCP port that was free on 127.0.0.1 a moment ago (listen on port 0, then close). */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      if (addr === null || typeof addr === "string") {
        srv.close();
        reject(new Error("could not determine a free port"));
        return;
      }
      const { port } = addr;
      srv.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}

export interface WaitForOptions {
  /** Give up after this long. Default 10000. */
  timeoutMs?: number;
  /** Delay between attempts. Default 100. */
  intervalMs?: number;
  /** Used in the timeout error message. */
  what?: string;
}

/**
 * Polls `fn` until it resolves to true. Exceptions thrown by `fn` count as "not yet".
 * Rejects with a descriptive error (including the last exception) after `timeoutMs`.
 */
export async function waitFor(fn: () => Promise<boolean>, opts: WaitForOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const intervalMs = opts.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await fn()) return;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const detail =
        lastError instanceof Error ? `: ${lastError.message}` : lastError ? `: ${String(lastError)}` : "";
      throw new Error(`Timed out after ${timeoutMs}ms waiting for ${opts.what ?? "condition"}${detail}`);
    }
    await new Promise((r) => setTimeout(r, Math.min(intervalMs, Math.max(0, deadline - Date.now()))));
  }
}
