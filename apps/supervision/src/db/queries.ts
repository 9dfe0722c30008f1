import type { Database } from "@hsa/db";
import { regionSubtree, toNumber } from "@hsa/db";
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import type { SupervisionSums } from "../metrics";
import { distinctInspectedMany } from "./coverage";
import { sumsByQuarterMany } from "./rollup";
import {
  agreementHistory,
  auditEvent,
  type DispositionRow,
  disposition,
  type InspectionRow,
  type InstitutionRow,
  inspection,
  institution,
} from "./schema";

/** The rows of a region's subtree by their region_code column (shared with every subgraph). */
export const subtreeCondition = regionSubtree;

/** Per-quarter sums over the institutions and inspections of a region's subtree (`sumsByQuarterMany` for one region). */
export async function sumsByQuarter(
  db: Database,
  regionCode: string,
  quarters: readonly string[],
): Promise<Map<string, SupervisionSums>> {
  return (await sumsByQuarterMany(db, [regionCode], quarters)).get(regionCode) ?? new Map();
}

/**
 * Distinct institutions of the subtree inspected at least once in [from, to] among those designated
 * at its end (an institution inspected twice counts once).
 */
export async function distinctInspected(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<number> {
  return (await distinctInspectedMany(db, [regionCode], from, to)).get(regionCode)?.inspected ?? 0;
}

export async function getInstitution(db: Database, id: string): Promise<InstitutionRow | null> {
  const rows = await db.select().from(institution).where(eq(institution.id, id));
  return rows[0] ?? null;
}

export async function getInstitutions(
  db: Database,
  ids: readonly string[],
): Promise<Map<string, InstitutionRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(institution)
    .where(inArray(institution.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export interface InstitutionFilter {
  kind?: InstitutionRow["kind"] | null;
  grade?: NonNullable<InstitutionRow["grade"]> | null;
  ownership?: InstitutionRow["ownership"] | null;
  agreementStatus?: InstitutionRow["agreementStatus"] | null;
  /** case-insensitive substring of the name */
  nameContains?: string | null;
}

function institutionWhere(regionCode: string, f: InstitutionFilter): SQL | undefined {
  const t = institution;
  const escaped = f.nameContains ? f.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`) : null;
  return and(
    subtreeCondition(t.regionCode, regionCode),
    f.kind ? eq(t.kind, f.kind) : undefined,
    f.grade ? eq(t.grade, f.grade) : undefined,
    f.ownership ? eq(t.ownership, f.ownership) : undefined,
    f.agreementStatus ? eq(t.agreementStatus, f.agreementStatus) : undefined,
    escaped ? sql`${t.name} ilike ${`%${escaped}%`}` : undefined,
  );
}

/** A page of the subtree's institutions in id order after `afterId` (limit + 1 rows tell whether more follow) and the total. */
export async function listInstitutions(
  db: Database,
  regionCode: string,
  filter: InstitutionFilter,
  afterId: string | null,
  limit: number,
): Promise<{ rows: InstitutionRow[]; total: number }> {
  const where = institutionWhere(regionCode, filter);
  const [rows, count] = await Promise.all([
    db
      .select()
      .from(institution)
      .where(and(where, afterId === null ? undefined : sql`${institution.id} > ${afterId}`))
      .orderBy(asc(institution.id))
      .limit(limit + 1),
    db.select({ n: sql<string>`count(*)::text` }).from(institution).where(where),
  ]);
  return { rows, total: toNumber(count[0]?.n) };
}

export type InspectionWithDispositions = InspectionRow & { dispositions: DispositionRow[] };

export async function dispositionsOf(
  db: Database,
  inspectionIds: readonly number[],
): Promise<Map<number, DispositionRow[]>> {
  const out = new Map<number, DispositionRow[]>(inspectionIds.map((id) => [id, []]));
  if (inspectionIds.length === 0) return out;
  const rows = await db
    .select()
    .from(disposition)
    .where(inArray(disposition.inspectionId, [...inspectionIds]))
    .orderBy(asc(disposition.id));
  for (const r of rows) out.get(r.inspectionId)?.push(r);
  return out;
}

async function withDispositions(db: Database, rows: InspectionRow[]): Promise<InspectionWithDispositions[]> {
  const byId = await dispositionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, dispositions: byId.get(r.id) ?? [] }));
}

export type InspectionScope = { institutionId: string } | { regionCode: string; from: string; to: string };

/**
 * A page of inspections (of one institution, or of a region's subtree in a quarter range) in
 * (inspected_on, id) order after the given key, with their dispositions, and the total.
 */
export async function listInspections(
  db: Database,
  scope: InspectionScope,
  after: readonly [string, number] | null,
  limit: number,
): Promise<{ rows: InspectionWithDispositions[]; total: number }> {
  const i = inspection;
  const where =
    "institutionId" in scope
      ? eq(i.institutionId, scope.institutionId)
      : and(
          subtreeCondition(i.regionCode, scope.regionCode),
          gte(i.quarter, scope.from),
          lte(i.quarter, scope.to),
        );
  const [rows, count] = await Promise.all([
    db
      .select()
      .from(i)
      .where(
        and(
          where,
          after === null ? undefined : sql`(${i.inspectedOn}, ${i.id}) > (${after[0]}::date, ${after[1]})`,
        ),
      )
      .orderBy(asc(i.inspectedOn), asc(i.id))
      .limit(limit + 1),
    db.select({ n: sql<string>`count(*)::text` }).from(i).where(where),
  ]);
  return { rows: await withDispositions(db, rows), total: toNumber(count[0]?.n) };
}

/** Count of the subtree's rows in a table (demo loading checks emptiness with it). */
export async function countInstitutions(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(institution);
  return toNumber(row?.n);
}

/** Row counts of the subgraph's tables (operations and tests check that a refused write wrote nothing). */
export async function tableCounts(db: Database): Promise<{
  institutions: number;
  inspections: number;
  dispositions: number;
  audit: number;
  agreementHistory: number;
}> {
  const n = sql<string>`count(*)::text`;
  const [a, b, c, d, e] = await Promise.all([
    db.select({ n }).from(institution),
    db.select({ n }).from(inspection),
    db.select({ n }).from(disposition),
    db.select({ n }).from(auditEvent),
    db.select({ n }).from(agreementHistory),
  ]);
  return {
    institutions: toNumber(a[0]?.n),
    inspections: toNumber(b[0]?.n),
    dispositions: toNumber(c[0]?.n),
    audit: toNumber(d[0]?.n),
    agreementHistory: toNumber(e[0]?.n),
  };
}
