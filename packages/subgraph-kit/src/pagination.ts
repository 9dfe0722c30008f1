import { badInput } from "./errors";

/** Largest page any connection field serves; a larger `first` is BAD_USER_INPUT, not a slow query. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** The page size asked for: `first` (default `DEFAULT_PAGE_SIZE`), 0 < first ≤ cap, else BAD_USER_INPUT. */
export function pageSize(
  first: number | null | undefined,
  cap = MAX_PAGE_SIZE,
  fallback = DEFAULT_PAGE_SIZE,
): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > cap) {
    throw badInput(`first must be between 1 and ${cap} (the page size cap); got ${n}`, {
      argumentName: "first",
      maxPageSize: cap,
    });
  }
  return n;
}

/**
 * An opaque keyset cursor: base64url of `[query, ...key]`. `query` fingerprints the list it belongs to
 * (e.g. the region and filters), so a cursor cannot be replayed against another list; `key` is the
 * position (the sort key of the last row seen), never an offset, so inserts between reads shift nothing.
 */
export function encodeCursor(query: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([query, ...key]), "utf8").toString("base64url");
}

/**
 * The key of a cursor made by `encodeCursor` for the same `query`, checked against the expected
 * element types; BAD_USER_INPUT when it is malformed or belongs to another list.
 */
export function decodeCursor<const T extends readonly ("string" | "number")[]>(
  cursor: string,
  query: string,
  types: T,
  argName = "after",
): { [K in keyof T]: T[K] extends "number" ? number : string } {
  const bad = (why: string) =>
    badInput(`${argName} is not a valid cursor for this list (${why}); use an endCursor returned by it`, {
      argumentName: argName,
    });
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw bad("malformed");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw bad("malformed");
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length + 1) throw bad("malformed");
  const [q, ...key] = parsed as unknown[];
  if (q !== query) throw bad("it belongs to another list or filter");
  key.forEach((v, i) => {
    const ok = types[i] === "number" ? Number.isSafeInteger(v) : typeof v === "string";
    if (!ok) throw bad("malformed");
  });
  return key as { [K in keyof T]: T[K] extends "number" ? number : string };
}

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * A Relay connection from up to `size + 1` rows fetched in key order (the extra row only tells
 * whether there is a next page).
 */
export function toConnection<R, N>(
  rows: readonly R[],
  size: number,
  totalCount: number,
  cursorOf: (row: R) => string,
  nodeOf: (row: R) => N,
): Connection<N> {
  const page = rows.slice(0, size);
  const edges = page.map((r) => ({ cursor: cursorOf(r), node: nodeOf(r) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges[edges.length - 1]?.cursor ?? null },
    totalCount,
  };
}
