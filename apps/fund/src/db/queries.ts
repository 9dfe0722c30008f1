import type { Database } from "@hsa/db";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { assistance, fundBalance, outpatientPooling, remoteSettlement } from "./schema";

/** A county's stored facts of the four kinds in [from, to], oldest first. */
export async function listReports(db: Database, regionCode: string, from: string, to: string) {
  const range = <
    T extends typeof fundBalance | typeof remoteSettlement | typeof outpatientPooling | typeof assistance,
  >(
    t: T,
  ) => and(eq(t.regionCode, regionCode), gte(t.quarter, from), lte(t.quarter, to));
  const [balances, remoteSettlements, pooling, assist] = await Promise.all([
    db
      .select()
      .from(fundBalance)
      .where(range(fundBalance))
      .orderBy(asc(fundBalance.quarter), asc(fundBalance.scheme)),
    db
      .select()
      .from(remoteSettlement)
      .where(range(remoteSettlement))
      .orderBy(asc(remoteSettlement.quarter), asc(remoteSettlement.scheme)),
    db
      .select()
      .from(outpatientPooling)
      .where(range(outpatientPooling))
      .orderBy(asc(outpatientPooling.quarter)),
    db.select().from(assistance).where(range(assistance)).orderBy(asc(assistance.quarter)),
  ]);
  return { balances, remoteSettlements, outpatientPooling: pooling, assistance: assist };
}
