/** The region picker's search: every region in scope, matched by name or code (屈原 / 430671). */

export interface DirectoryEntry {
  code: string;
  name: string;
  level: "NATION" | "PROVINCE" | "CITY" | "COUNTY";
  /** the parent's name, to tell namesakes apart (e.g. 城关区 in several cities) */
  parentName: string | null;
}

/**
 * The best matches of a query, at most `limit`: an exact code first, then codes starting with it,
 * then names starting with it, then names containing it; within a group higher levels first
 * (a province before its namesake county), then by code. Blank queries match nothing.
 */
export function searchRegions(
  entries: readonly DirectoryEntry[],
  query: string,
  limit = 12,
): DirectoryEntry[] {
  const q = query.trim();
  if (!q) return [];
  const rankOf = (e: DirectoryEntry): number => {
    if (e.code === q) return 0;
    if (/^\d+$/.test(q) && e.code.startsWith(q)) return 1;
    if (e.name.startsWith(q)) return 2;
    if (e.name.includes(q)) return 3;
    return -1;
  };
  const LEVEL = { NATION: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 } as const;
  return entries
    .map((e) => ({ e, r: rankOf(e) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || LEVEL[a.e.level] - LEVEL[b.e.level] || a.e.code.localeCompare(b.e.code))
    .slice(0, limit)
    .map((x) => x.e);
}
