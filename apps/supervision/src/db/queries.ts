import type { Database } from "@hsa/db";
import { regionSubtree, toNumber } from "@hsa/db";
import type { InspectionFacts, InstitutionFacts } from "@hsa/demo-data";
import { quarterEnd } from "@hsa/periods";
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from "drizzle-orm";
import { AMOUNT_SUMS, type SupervisionSums } from "../metrics";
import {
  auditLog,
  type DispositionRow,
  disposition,
  type InspectionRow,
  type InstitutionInsert,
  type InstitutionRow,
  inspection,
  institution,
} from "./schema";

/** The rows of a region's subtree by their region_code column (shared with every subgraph). */
export const subtreeCondition = regionSubtree;

/** "YYYY-MM-DD" of the last day of a quarter. */
export function quarterEndDate(quarter: string): string {
  return quarterEnd(quarter).toISOString().slice(0, 10);
}

/**
 * Institutions designated with an active agreement on `isoDate`: the agreement has started, has not
 * ended (agreement_end is the termination or expiry date) and is not currently suspended.
 */
export function activeOn(isoDate: string): SQL {
  const t = institution;
  return sql`(${t.agreementStart} <= ${isoDate}::date and (${t.agreementEnd} is null or ${t.agreementEnd} >= ${isoDate}::date) and ${t.agreementStatus} <> 'SUSPENDED')`;
}

/** Institutions of the region's subtree with an active agreement at the end of each quarter. */
export async function activeByQuarter(
  db: Database,
  regionCode: string,
  quarters: readonly string[],
): Promise<Map<string, number>> {
  if (quarters.length === 0) return new Map();
  const cols: Record<string, SQL<string>> = {};
  quarters.forEach((q, i) => {
    cols[`q${i}`] = sql<string>`(count(*) filter (where ${activeOn(quarterEndDate(q))}))::text`;
  });
  const [row] = await db
    .select(cols)
    .from(institution)
    .where(subtreeCondition(institution.regionCode, regionCode));
  return new Map(quarters.map((q, i) => [q, toNumber(row?.[`q${i}`])]));
}

/** Per-quarter sums over the institutions and inspections of a region's subtree, for `quarters` (consecutive, ascending). */
export async function sumsByQuarter(
  db: Database,
  regionCode: string,
  quarters: readonly string[],
): Promise<Map<string, SupervisionSums>> {
  const from = quarters[0];
  const to = quarters[quarters.length - 1];
  if (from === undefined || to === undefined) return new Map();
  const i = inspection;
  const inRange = and(subtreeCondition(i.regionCode, regionCode), gte(i.quarter, from), lte(i.quarter, to));
  const [active, counts, money] = await Promise.all([
    activeByQuarter(db, regionCode, quarters),
    db
      .select({
        quarter: i.quarter,
        inspections: sql<string>`count(*)::text`,
        inspected: sql<string>`count(distinct ${i.institutionId})::text`,
      })
      .from(i)
      .where(inRange)
      .groupBy(i.quarter),
    db
      .select({
        quarter: i.quarter,
        kind: disposition.kind,
        n: sql<string>`count(*)::text`,
        // Integer fen summed exactly, divided by 100 only at the end.
        yuan: sql<string>`(coalesce(sum(${disposition.amountFen}), 0)::numeric / 100)::text`,
      })
      .from(disposition)
      .innerJoin(i, eq(disposition.inspectionId, i.id))
      .where(inRange)
      .groupBy(i.quarter, disposition.kind),
  ]);
  const out = new Map<string, SupervisionSums>();
  const empty = (q: string): SupervisionSums => ({
    inspections: 0,
    inspected: 0,
    active: active.get(q) ?? 0,
    interviews: 0,
    recoveryYuan: 0,
    penaltyYuan: 0,
    refusalYuan: 0,
    deductionYuan: 0,
    selfCorrectionYuan: 0,
  });
  // A quarter has data when the region had designated institutions then, or inspections.
  for (const q of quarters) if ((active.get(q) ?? 0) > 0) out.set(q, empty(q));
  for (const r of counts) {
    const s = out.get(r.quarter) ?? empty(r.quarter);
    s.inspections = toNumber(r.inspections);
    s.inspected = toNumber(r.inspected);
    out.set(r.quarter, s);
  }
  for (const r of money) {
    const s = out.get(r.quarter) ?? empty(r.quarter);
    if (r.kind === "INTERVIEW") s.interviews = toNumber(r.n);
    else s[AMOUNT_SUMS[r.kind]] = toNumber(r.yuan);
    out.set(r.quarter, s);
  }
  return out;
}

/** Distinct institutions of the subtree inspected at least once in [from, to] (an institution inspected twice counts once). */
export async function distinctInspected(
  db: Database,
  regionCode: string,
  from: string,
  to: string,
): Promise<number> {
  const i = inspection;
  const [row] = await db
    .select({ n: sql<string>`count(distinct ${i.institutionId})::text` })
    .from(i)
    .where(and(subtreeCondition(i.regionCode, regionCode), gte(i.quarter, from), lte(i.quarter, to)));
  return toNumber(row?.n);
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

export async function getInspectionByRequestId(
  db: Database,
  requestId: string,
): Promise<InspectionWithDispositions | null> {
  const rows = await db.select().from(inspection).where(eq(inspection.requestId, requestId));
  const [row] = await withDispositions(db, rows);
  return row ?? null;
}

export async function listAudit(db: Database, regionCode: string, entityId: string | null, limit = 200) {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        subtreeCondition(auditLog.regionCode, regionCode),
        entityId ? eq(auditLog.entityId, entityId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

export interface Actor {
  sub: string;
  name: string;
}

/** JSON-safe institution for the audit log (fixed key order, no bookkeeping columns). */
export function institutionJson(r: InstitutionInsert): Record<string, string | null> {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    grade: r.grade ?? null,
    ownership: r.ownership,
    regionCode: r.regionCode,
    agreementStatus: r.agreementStatus,
    agreementStart: r.agreementStart,
    agreementEnd: r.agreementEnd ?? null,
  };
}

const KIND_LETTER = { HOSPITAL: "H", PHARMACY: "P", CLINIC: "C", VILLAGE_CLINIC: "V" } as const;

/**
 * Registers an institution with the next readable id of its county and kind ("150724-H-015"), in a
 * transaction with its audit row. Returns null when the county already has an institution of that name.
 */
export async function registerInstitution(
  db: Database,
  values: Omit<InstitutionInsert, "id" | "createdAt" | "updatedAt">,
  actor: Actor,
): Promise<InstitutionRow | null> {
  return db.transaction(async (tx) => {
    const prefix = `${values.regionCode}-${KIND_LETTER[values.kind]}-`;
    // Serialises id allocation per county and kind (and the duplicate-name check) across connections.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`supervision:${prefix}`}))`);
    const dup = await tx
      .select({ id: institution.id })
      .from(institution)
      .where(and(eq(institution.regionCode, values.regionCode), eq(institution.name, values.name)));
    if (dup.length > 0) return null;
    const [max] = await tx
      .select({
        n: sql<string>`coalesce(max(substring(${institution.id} from ${prefix.length + 1}::int)::int), 0)::text`,
      })
      .from(institution)
      .where(
        sql`${institution.id} like ${`${prefix}%`} and substring(${institution.id} from ${prefix.length + 1}::int) ~ '^[0-9]+$'`,
      );
    const id = `${prefix}${String(toNumber(max?.n) + 1).padStart(3, "0")}`;
    const [row] = await tx
      .insert(institution)
      .values({ ...values, id })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await tx.insert(auditLog).values({
      actorSub: actor.sub,
      actorName: actor.name,
      action: "registerInstitution",
      source: "mutation registerInstitution",
      entity: "institution",
      entityId: id,
      regionCode: row.regionCode,
      oldValue: null,
      newValue: institutionJson(row),
    });
    return row;
  });
}

/** Changes an institution's agreement status / end date; unchanged values write nothing. Audited. */
export async function updateAgreement(
  db: Database,
  id: string,
  change: { agreementStatus: InstitutionRow["agreementStatus"]; agreementEnd: string | null },
  actor: Actor,
): Promise<{ row: InstitutionRow; changed: boolean } | null> {
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(institution).where(eq(institution.id, id)).for("update");
    if (!old) return null;
    if (old.agreementStatus === change.agreementStatus && old.agreementEnd === change.agreementEnd) {
      return { row: old, changed: false };
    }
    const [row] = await tx
      .update(institution)
      .set({ ...change, updatedAt: new Date() })
      .where(eq(institution.id, id))
      .returning();
    if (!row) throw new Error("update returned no row");
    await tx.insert(auditLog).values({
      actorSub: actor.sub,
      actorName: actor.name,
      action: "updateInstitutionAgreement",
      source: "mutation updateInstitutionAgreement",
      entity: "institution",
      entityId: id,
      regionCode: row.regionCode,
      oldValue: { agreementStatus: old.agreementStatus, agreementEnd: old.agreementEnd },
      newValue: { agreementStatus: row.agreementStatus, agreementEnd: row.agreementEnd },
    });
    return { row, changed: true };
  });
}

export interface NewInspection {
  institutionId: string;
  regionCode: string;
  inspectedOn: string;
  quarter: string;
  kind: InspectionRow["kind"];
  findings: string;
  requestId: string | null;
  dispositions: { kind: DispositionRow["kind"]; amountFen: bigint | null; note: string }[];
}

export function inspectionJson(i: NewInspection | InspectionWithDispositions) {
  return {
    institutionId: i.institutionId,
    regionCode: i.regionCode,
    inspectedOn: i.inspectedOn,
    quarter: i.quarter,
    kind: i.kind,
    findings: i.findings,
    requestId: i.requestId,
    dispositions: i.dispositions.map((d) => ({
      kind: d.kind,
      amountFen: d.amountFen === null ? null : d.amountFen.toString(),
      note: d.note,
    })),
  };
}

/**
 * Writes an inspection, all its dispositions and its audit row in one transaction (all or nothing).
 * With a requestId already used, writes nothing and returns the stored inspection (created: false).
 */
export async function recordInspection(
  db: Database,
  input: NewInspection,
  actor: Actor,
  /** runs first inside the transaction, e.g. the check that the county-quarter's report is not approved */
  guard?: (tx: Parameters<Parameters<Database["transaction"]>[0]>[0]) => Promise<void>,
): Promise<{ inspection: InspectionWithDispositions; created: boolean }> {
  return db.transaction(async (tx) => {
    await guard?.(tx);
    const t = tx as unknown as Database;
    const [row] = await tx
      .insert(inspection)
      .values({
        institutionId: input.institutionId,
        regionCode: input.regionCode,
        inspectedOn: input.inspectedOn,
        quarter: input.quarter,
        kind: input.kind,
        findings: input.findings,
        recordedBy: actor.sub,
        requestId: input.requestId,
      })
      .onConflictDoNothing({ target: inspection.requestId })
      .returning();
    if (!row) {
      // The same requestId was recorded before (a retried submission): return what is stored.
      const existing = input.requestId === null ? null : await getInspectionByRequestId(t, input.requestId);
      if (!existing) throw new Error("inspection insert returned no row");
      return { inspection: existing, created: false };
    }
    const dispositions =
      input.dispositions.length === 0
        ? []
        : await tx
            .insert(disposition)
            .values(input.dispositions.map((d) => ({ ...d, inspectionId: row.id })))
            .returning();
    await tx.insert(auditLog).values({
      actorSub: actor.sub,
      actorName: actor.name,
      action: "recordInspection",
      source: "mutation recordInspection",
      entity: "inspection",
      entityId: String(row.id),
      regionCode: row.regionCode,
      oldValue: null,
      newValue: inspectionJson(input),
    });
    return { inspection: { ...row, dispositions }, created: true };
  });
}

/** Count of the subtree's rows in a table (demo loading checks emptiness with it). */
export async function countInstitutions(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<string>`count(*)::text` }).from(institution);
  return toNumber(row?.n);
}

/**
 * Bulk load (demo data, tests): institutions, then inspections with their dispositions, in batches.
 * Returns the rows inserted (institutions + inspections + dispositions).
 */
export async function insertDemo(
  db: Database,
  data: { institutions: InstitutionFacts[]; inspections: InspectionFacts[] },
  recordedBy: string,
  onProgress?: (done: number, total: number) => void,
  batchSize = 2000,
): Promise<number> {
  let inserted = 0;
  const total = data.institutions.length + data.inspections.length;
  for (let k = 0; k < data.institutions.length; k += batchSize) {
    const res = await db
      .insert(institution)
      .values(data.institutions.slice(k, k + batchSize))
      .onConflictDoNothing()
      .returning({ id: institution.id });
    inserted += res.length;
    onProgress?.(Math.min(k + batchSize, data.institutions.length), total);
  }
  for (let k = 0; k < data.inspections.length; k += batchSize) {
    const batch = data.inspections.slice(k, k + batchSize);
    const ids = await db
      .insert(inspection)
      .values(batch.map(({ dispositions: _d, ...i }) => ({ ...i, recordedBy })))
      .returning({ id: inspection.id });
    // bigserial ids are drawn in VALUES order; sorting makes the pairing independent of RETURNING's order.
    ids.sort((a, b) => a.id - b.id);
    const disp = batch.flatMap((ins, j) =>
      ins.dispositions.map((d) => ({ ...d, inspectionId: (ids[j] as { id: number }).id })),
    );
    if (disp.length > 0) await db.insert(disposition).values(disp);
    inserted += ids.length + disp.length;
    onProgress?.(data.institutions.length + Math.min(k + batchSize, data.inspections.length), total);
  }
  return inserted;
}

/** Row counts of the subgraph's tables (operations and tests check that a refused write wrote nothing). */
export async function tableCounts(
  db: Database,
): Promise<{ institutions: number; inspections: number; dispositions: number; audit: number }> {
  const n = sql<string>`count(*)::text`;
  const [a, b, c, d] = await Promise.all([
    db.select({ n }).from(institution),
    db.select({ n }).from(inspection),
    db.select({ n }).from(disposition),
    db.select({ n }).from(auditLog),
  ]);
  return {
    institutions: toNumber(a[0]?.n),
    inspections: toNumber(b[0]?.n),
    dispositions: toNumber(c[0]?.n),
    audit: toNumber(d[0]?.n),
  };
}
