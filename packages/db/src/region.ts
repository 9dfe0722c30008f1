import { subtreePrefix } from "@hsa/regions";
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * SQL condition selecting the rows of a region's subtree by their region_code column (undefined
 * for the nation: no condition). Codes are six digits and a subtree is exactly the codes starting
 * with its prefix (checked for the whole division list in @hsa/regions' tests), so a BETWEEN on
 * the padded prefix does it — index-friendly under any collation, unlike LIKE.
 */
export function regionSubtree(column: PgColumn | SQL, regionCode: string): SQL | undefined {
  const prefix = subtreePrefix(regionCode);
  if (prefix === "") return undefined;
  if (prefix.length === 6) return sql`${column} = ${prefix}`;
  return sql`${column} between ${prefix.padEnd(6, "0")} and ${prefix.padEnd(6, "9")}`;
}
