import DataLoader from "dataloader";

/**
 * Per-request values (DataLoaders) keyed on the request's context object: created on first use,
 * dropped with the context when the request ends. Nothing is shared between requests, so nothing
 * can go stale after a write and nothing leaks across callers' scopes.
 */
export function perRequest<C extends object, T>(create: (ctx: C) => T): (ctx: C) => T {
  const byContext = new WeakMap<C, T>();
  return (ctx) => {
    let value = byContext.get(ctx);
    if (value === undefined) {
      value = create(ctx);
      byContext.set(ctx, value);
    }
    return value;
  };
}

/**
 * Roll-ups of many regions with the same arguments (a quarter range, …) in one call: the batch
 * function receives every region code asked for in one tick with one argument set and answers a
 * map code → result. Used through `regionRollupLoader`, a dashboard list (a region and its 31
 * children) costs one statement per query kind instead of one per child (no N+1).
 */
export type RegionBatchFn<A, R> = (codes: string[], args: A) => Promise<ReadonlyMap<string, R>>;

export interface RegionRollupLoader<A, R> {
  load(code: string, args: A): Promise<R>;
}

/** How a roll-up loader groups the keys of one tick into calls. */
export interface RegionRollupOptions<A> {
  /** what must be equal for two keys to share a call (the whole args as JSON by default) */
  groupKey?(args: A): string;
  /** the args of a group's one call from those of its keys (e.g. the union of what each wants) */
  merge?(args: readonly A[]): A;
}

/**
 * A DataLoader over (region code, args) that batches by args (compared as JSON) or, with
 * `groupKey` and `merge`, by a part of them, one call per group with the merged args.
 */
export function regionRollupLoader<A, R>(
  batch: RegionBatchFn<A, R>,
  empty: () => R,
  options: RegionRollupOptions<A> = {},
): RegionRollupLoader<A, R> {
  const groupKey = options.groupKey ?? ((a: A) => JSON.stringify(a));
  const loader = new DataLoader<{ code: string; args: A }, R, string>(
    async (keys) => {
      const groups = new Map<string, { args: A[]; codes: string[]; result?: ReadonlyMap<string, R> }>();
      // one group per key, in key order (each key's args serialised once)
      const keyGroups = keys.map((k) => {
        const argKey = groupKey(k.args);
        let g = groups.get(argKey);
        if (!g) {
          g = { args: [], codes: [] };
          groups.set(argKey, g);
        }
        g.args.push(k.args);
        g.codes.push(k.code);
        return g;
      });
      await Promise.all(
        [...groups.values()].map(async (g) => {
          const args = options.merge ? options.merge(g.args) : (g.args[0] as A);
          g.result = await batch([...new Set(g.codes)], args);
        }),
      );
      return keys.map((k, i) => keyGroups[i]?.result?.get(k.code) ?? empty());
    },
    { cacheKeyFn: (k) => `${k.code}|${JSON.stringify(k.args)}` },
  );
  return { load: (code, args) => loader.load({ code, args }) };
}

export interface KeyedLoader<K, V> {
  load(key: K): Promise<V | null>;
}

/**
 * A DataLoader over plain keys (e.g. entity ids for `_entities` references): every key asked for in
 * one tick is fetched with one call of `batch`, which answers the rows it found by key.
 */
export function keyedLoader<K, V>(batch: (keys: K[]) => Promise<Map<K, V>>): KeyedLoader<K, V> {
  const loader = new DataLoader<K, V | null>(async (keys) => {
    const found = await batch([...keys]);
    return keys.map((k) => found.get(k) ?? null);
  });
  return { load: (key) => loader.load(key) };
}
