// The gateway's response cache (issue 17): whole answers of read operations, kept per caller scope
// and checked against the subgraphs' data versions before every use, so that it can neither leak
// nor go stale.
//
// - Key: the operation as sent (query, operationName, variables, extensions — variables in a
//   canonical order), the caller's scope and roles (never the token: leaders of one scope share
//   entries, a 150700 caller can never get an entry made for 000000), the Accept header, and the
//   China date (completeness and 序时进度 depend on the day).
// - Freshness: every subgraph answer the entry was built from carried its data version, read
//   before the subgraph executed the fetch (@hsa/db version.ts: it moves in the same commit as any
//   write to the subgraph's schema). An entry is used only when a version probe that started after
//   the request arrived finds every one of them unchanged; otherwise it is recomputed. So a write
//   committed before a request is always in its answer.
// - Only queries answered 200 without errors, whose every subgraph fetch carried a version, are kept.
// - Identical requests in flight are merged: a request arriving while the same key is computed
//   waits for it and takes it if a probe then finds the versions unchanged (the same check as a
//   hit); identical subgraph fetches are merged the same way (`FetchMerger`).
import { createHash } from "node:crypto";
import type { CompleteResponse, Principal } from "@hsa/subgraph-kit";
import { LRUCache } from "lru-cache";

/** What one execution learned about its own cacheability (filled by the data sources and a plugin). */
export interface CacheObservation {
  /** service → data version of every subgraph answer used */
  versions: Map<string, string>;
  /** a query (not a mutation) */
  query: boolean;
  /** a fetch without a version, an error, anything that must not be kept */
  uncacheable: boolean;
}

export function newObservation(): CacheObservation {
  return { versions: new Map(), query: false, uncacheable: false };
}

interface Entry {
  response: CompleteResponse;
  versions: [service: string, version: string][];
}

/**
 * The current data version of one subgraph (GET /data-version), with probes coalesced: `current()`
 * resolves with the answer of a probe that started after the call, and callers arriving while one
 * runs share the next.
 */
export class VersionProbe {
  private running?: Promise<string>;
  private next?: Promise<string>;
  /** Probes sent (tests and the bench read it). */
  sent = 0;

  constructor(
    private readonly url: string,
    private readonly timeoutMs = 2_000,
  ) {}

  current(): Promise<string> {
    if (!this.running) {
      this.sent += 1;
      const p = this.fetchVersion();
      this.running = p;
      void p
        .catch(() => {})
        .finally(() => {
          if (this.running === p) this.running = undefined;
        });
      return p;
    }
    if (!this.next) {
      const after = this.running.catch(() => {});
      this.next = after.then(() => {
        this.next = undefined;
        return this.current();
      });
    }
    return this.next;
  }

  private async fetchVersion(): Promise<string> {
    const res = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!res.ok) throw new Error(`data version: HTTP ${res.status}`);
    const body = (await res.json()) as { version?: unknown };
    if (typeof body.version !== "string") throw new Error("data version: no version in the answer");
    return body.version;
  }
}

/** JSON with object keys sorted (variables in any order give the same key). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** The day in China (UTC+8): what day-dependent figures (completeness, 序时进度) are judged on. */
export function chinaDay(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}

export interface ResponseCacheOptions {
  /** GraphQL URL of every subgraph by name (their /data-version is probed). */
  subgraphUrls: Record<string, string>;
  /** Largest total size of the kept answers, in bytes. */
  maxBytes: number;
  now?: () => number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  merged: number;
  stale: number;
}

export class ResponseCache {
  private readonly lru: LRUCache<string, Entry>;
  private readonly pending = new Map<string, Promise<Entry | undefined>>();
  readonly probes: Record<string, VersionProbe>;
  readonly stats: CacheStats = { hits: 0, misses: 0, merged: 0, stale: 0 };
  private readonly now: () => number;

  constructor(opts: ResponseCacheOptions) {
    this.lru = new LRUCache<string, Entry>({
      maxSize: opts.maxBytes,
      // An answer larger than a quarter of the cache is not kept.
      maxEntrySize: Math.max(1, Math.floor(opts.maxBytes / 4)),
      sizeCalculation: (e) => Math.max(1, e.response.body.length * 2),
    });
    this.probes = Object.fromEntries(
      Object.entries(opts.subgraphUrls).map(([name, url]) => [
        name,
        new VersionProbe(new URL("/data-version", url).toString()),
      ]),
    );
    this.now = opts.now ?? Date.now;
  }

  /** The key of one operation for one caller (see the file's comment). */
  key(principal: Principal, body: Record<string, unknown>, accept: string | undefined): string {
    const roles = [...principal.roles].sort().join(",");
    const op = canonical({
      query: body.query ?? null,
      operationName: body.operationName ?? null,
      variables: body.variables ?? null,
      extensions: body.extensions ?? null,
    });
    return createHash("sha256")
      .update(`${chinaDay(this.now())}\n${principal.scope ?? "-"}\n${roles}\n${accept ?? ""}\n${op}`)
      .digest("base64url");
  }

  /** True when a probe started now finds every version of the entry unchanged. */
  private async fresh(entry: Entry): Promise<boolean> {
    try {
      const now = await Promise.all(
        entry.versions.map(([service]) => {
          const probe = this.probes[service];
          if (!probe) throw new Error(`no probe for ${service}`);
          return probe.current();
        }),
      );
      return entry.versions.every(([, v], i) => now[i] === v);
    } catch {
      return false; // a subgraph that does not answer: run the operation (its error is the answer)
    }
  }

  /**
   * The answer for `key`: kept and fresh, or computed by `run` (which fills the observation), kept
   * when it may be. `cache` says which ("hit", "merged", "miss", "stale").
   */
  async answer(
    key: string,
    run: (observation: CacheObservation) => Promise<CompleteResponse>,
  ): Promise<CompleteResponse & { cache: string }> {
    let cache = "miss";
    const kept = this.lru.get(key);
    if (kept) {
      if (await this.fresh(kept)) {
        this.stats.hits += 1;
        return { ...kept.response, cache: "hit" };
      }
      if (this.lru.get(key) === kept) this.lru.delete(key);
      this.stats.stale += 1;
      cache = "stale";
    }
    const inFlight = this.pending.get(key);
    if (inFlight) {
      const entry = await inFlight.catch(() => undefined);
      if (entry && (await this.fresh(entry))) {
        this.stats.merged += 1;
        return { ...entry.response, cache: "merged" };
      }
    }
    this.stats.misses += 1;
    const observation = newObservation();
    const computing = run(observation);
    const entry = computing.then((response): Entry | undefined => {
      if (!observation.query || observation.uncacheable || response.status !== 200) return undefined;
      return { response, versions: [...observation.versions] };
    });
    entry.catch(() => {});
    this.pending.set(key, entry);
    try {
      const response = await computing;
      const made = await entry;
      if (made) this.lru.set(key, made);
      return { ...response, cache };
    } finally {
      if (this.pending.get(key) === entry) this.pending.delete(key);
    }
  }

  clear(): void {
    this.lru.clear();
  }
}

/**
 * Merges identical subgraph fetches in flight (same subgraph, same caller token, same request): a
 * fetch arriving while an identical one runs takes its answer when the subgraph's data version is
 * still the one that answer was computed at (a probe started after it arrived); else it sends its own.
 */
export class FetchMerger {
  private readonly inflight = new Map<string, Promise<{ text: string; version?: string }>>();
  merged = 0;

  constructor(private readonly probe: VersionProbe | undefined) {}

  async fetch<T extends object>(
    key: string,
    send: () => Promise<{ response: T; version?: string }>,
    serialise: (response: T) => string,
    restore: (text: string) => T,
  ): Promise<{ response: T; version?: string }> {
    const running = this.inflight.get(key);
    if (running && this.probe) {
      const shared = await running.catch(() => undefined);
      if (shared?.version) {
        const now = await this.probe.current().catch(() => undefined);
        if (now === shared.version) {
          this.merged += 1;
          return { response: restore(shared.text), version: shared.version };
        }
      }
      return send();
    }
    const sent = send();
    // A copy taken before anyone else runs: the executor may change the objects it gets.
    const shared = sent.then(({ response, version }) => ({ text: serialise(response), version }));
    shared.catch(() => {});
    this.inflight.set(key, shared);
    try {
      return await sent;
    } finally {
      await shared.catch(() => {});
      if (this.inflight.get(key) === shared) this.inflight.delete(key);
    }
  }
}
