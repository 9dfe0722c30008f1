import type { Database } from "@hsa/db";
import { quarterEnd, quarterStart } from "@hsa/periods";
import type { FactValues, ImportActor, ImportRow, RowError } from "@hsa/reporting";
import { callPeer } from "@hsa/subgraph-kit";
import { inArray } from "drizzle-orm";
import { vbpAgreement, vbpProduct } from "../db/schema";

/** Rows looked up in one statement. */
const BATCH = 2_000;
const INSTITUTION = "机构编码";

// Institutions, checked with their owner (supervision) in batches

/** Institutions asked about in one call to supervision (its body limit is 1 MiB: ≈50 bytes each). */
const LOOKUP_CHUNK = 1_000;

const INSTITUTIONS_LOOKUP = /* GraphQL */ `
  query InstitutionsOwnerLookup($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Institution { id region { code } }
    }
  }
`;

/**
 * The counties of many institutions, from their owner (supervision) on the caller's behalf, in a
 * few calls (its `_entities`, batched there too): id → region code. Unknown institutions, and
 * those outside the caller's scope (supervision answers null for both), are absent.
 */
export async function institutionRegions(
  supervisionUrl: string,
  ids: readonly string[],
  authorization: string | undefined,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const uniq = [...new Set(ids)];
  for (let i = 0; i < uniq.length; i += LOOKUP_CHUNK) {
    const chunk = uniq.slice(i, i + LOOKUP_CHUNK);
    const data = await callPeer<{ _entities: ({ id: string; region: { code: string } | null } | null)[] }>(
      "supervision",
      supervisionUrl,
      INSTITUTIONS_LOOKUP,
      { representations: chunk.map((id) => ({ __typename: "Institution", id })) },
      authorization,
    );
    for (const e of data._entities) if (e?.region) out.set(e.id, e.region.code);
  }
  return out;
}

/** Row errors for institutions supervision does not know (or the caller may not see) or places elsewhere. */
export async function checkInstitutions(
  supervisionUrl: string,
  rows: readonly ImportRow<FactValues>[],
  actor: ImportActor,
): Promise<{ errors: RowError[]; bad: Set<number> }> {
  const regions = await institutionRegions(
    supervisionUrl,
    rows.map((r) => String(r.fact.institutionId)),
    actor.authorization,
  );
  const errors: RowError[] = [];
  const bad = new Set<number>();
  for (const { line, fact: f } of rows) {
    const fact = f as { institutionId: string; regionCode: string };
    const code = regions.get(fact.institutionId);
    if (code === undefined) {
      errors.push({
        line,
        column: INSTITUTION,
        value: fact.institutionId,
        reason: `未知的机构 ${fact.institutionId}：须先在基金监管子图登记（或不在您的权限范围）/ unknown institution: not registered in supervision, or not visible in your scope`,
      });
      bad.add(line);
    } else if (code !== fact.regionCode) {
      errors.push({
        line,
        column: INSTITUTION,
        value: fact.institutionId,
        reason: `机构 ${fact.institutionId} 属于 ${code}，不属于编码所示的 ${fact.regionCode} / the institution lies in ${code}, not in county ${fact.regionCode}`,
      });
      bad.add(line);
    }
  }
  return { errors, bad };
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Unknown products and products without an agreement in force for the institution and quarter. */
export async function checkVbp(db: Database, rows: readonly ImportRow<FactValues>[], skip: Set<number>) {
  const errors: RowError[] = [];
  const productIds = [...new Set(rows.map((r) => String(r.fact.productId)))];
  const known = new Set<string>();
  for (let i = 0; i < productIds.length; i += BATCH) {
    const found = await db
      .select({ id: vbpProduct.id })
      .from(vbpProduct)
      .where(inArray(vbpProduct.id, productIds.slice(i, i + BATCH)));
    for (const p of found) known.add(p.id);
  }
  const institutionIds = [...new Set(rows.map((r) => String(r.fact.institutionId)))];
  const agreements = new Map<string, { startDate: string; endDate: string }[]>();
  for (let i = 0; i < institutionIds.length; i += BATCH) {
    const found = await db
      .select({
        institutionId: vbpAgreement.institutionId,
        productId: vbpAgreement.productId,
        startDate: vbpAgreement.startDate,
        endDate: vbpAgreement.endDate,
      })
      .from(vbpAgreement)
      .where(inArray(vbpAgreement.institutionId, institutionIds.slice(i, i + BATCH)));
    for (const a of found) {
      const k = `${a.institutionId}|${a.productId}`;
      agreements.set(k, [...(agreements.get(k) ?? []), a]);
    }
  }
  for (const { line, fact: f } of rows) {
    if (skip.has(line)) continue;
    const fact = f as { institutionId: string; productId: string; quarter: string };
    if (!known.has(fact.productId)) {
      errors.push({
        line,
        column: "集采产品编码",
        value: fact.productId,
        reason: `未知的集采产品 / unknown VBP product "${fact.productId}" (see Query.vbpBatches)`,
      });
      continue;
    }
    const qStart = isoDate(quarterStart(fact.quarter));
    const qEnd = isoDate(quarterEnd(fact.quarter));
    const inForce = (agreements.get(`${fact.institutionId}|${fact.productId}`) ?? []).some(
      (a) => a.startDate <= qEnd && a.endDate >= qStart,
    );
    if (!inForce) {
      errors.push({
        line,
        column: "集采产品编码",
        value: fact.productId,
        reason: `${fact.institutionId} 在 ${fact.quarter} 没有 ${fact.productId} 的有效约定采购量 / no agreement in force for this product and quarter`,
      });
    }
  }
  return errors;
}

/** The import checks of procurement's facts: institutions known to supervision (and VBP agreements). */
export function importChecks(supervisionUrl: string) {
  return {
    purchases: async (_db: Database, rows: readonly ImportRow<FactValues>[], actor: ImportActor) =>
      (await checkInstitutions(supervisionUrl, rows, actor)).errors,
    vbpProgress: async (db: Database, rows: readonly ImportRow<FactValues>[], actor: ImportActor) => {
      const institutions = await checkInstitutions(supervisionUrl, rows, actor);
      return [...institutions.errors, ...(await checkVbp(db, rows, institutions.bad))];
    },
  };
}
