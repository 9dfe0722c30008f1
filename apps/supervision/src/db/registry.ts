import type { Database } from "@hsa/db";
import { toNumber } from "@hsa/db";
import { and, asc, eq, sql } from "drizzle-orm";
import { chinaToday } from "../resolvers/validation";
import {
  type AgreementEvent,
  type AgreementState,
  baselineHistory,
  quarterOfIsoDate,
  quartersChanged,
} from "./agreement";
import {
  agreementHistory,
  auditEvent,
  type InstitutionInsert,
  type InstitutionRow,
  institution,
} from "./schema";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * A registry change audited in audit_event, the one audit shape of the declared facts: kind
 * "institution", key {id} (as migration 0008 moved the former rows), no quarter.
 */
async function auditInstitution(
  tx: Tx,
  actor: Actor,
  action: string,
  row: InstitutionRow,
  oldValue: Record<string, unknown> | null,
  newValue: Record<string, unknown>,
): Promise<void> {
  await tx.insert(auditEvent).values({
    actorSub: actor.sub,
    actorName: actor.name,
    action,
    kind: "institution",
    key: { id: row.id },
    regionCode: row.regionCode,
    oldValue,
    newValue,
    source: `mutation ${action}`,
  });
}

export interface Actor {
  sub: string;
  name: string;
}

/**
 * Runs inside a registry write's transaction with the quarters (of the institution's county) whose
 * count of designated institutions the write would change; throws to refuse it (e.g. when one of
 * them is approved).
 */
export type RegistryGuard = (tx: Tx, regionCode: string, quarters: string[]) => Promise<void>;

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

/** The agreement history of one institution in recording order. */
export async function historyOf(db: Database | Tx, institutionId: string): Promise<AgreementEvent[]> {
  return db
    .select({ effectiveOn: agreementHistory.effectiveOn, status: agreementHistory.status })
    .from(agreementHistory)
    .where(eq(agreementHistory.institutionId, institutionId))
    .orderBy(asc(agreementHistory.id));
}

/** History rows to insert for institutions loaded without one (demo data): `baselineHistory`. */
export function baselineRows(
  rows: readonly (AgreementState & { id: string })[],
  recordedBy: string,
  source: string,
) {
  return rows.flatMap((r) =>
    baselineHistory(r).map((e) => ({ ...e, institutionId: r.id, recordedBy, source })),
  );
}

const KIND_LETTER = { HOSPITAL: "H", PHARMACY: "P", CLINIC: "C", VILLAGE_CLINIC: "V" } as const;

/**
 * Registers an institution with the next readable id of its county and kind ("150724-H-015"), in a
 * transaction with its first history row (ACTIVE from its agreement start) and its audit row.
 * `guard` sees the quarters the new institution is counted in. Returns null when the county already
 * has an institution of that name.
 */
export async function registerInstitution(
  db: Database,
  values: Omit<InstitutionInsert, "id" | "createdAt" | "updatedAt">,
  actor: Actor,
  guard?: RegistryGuard,
  today: string = chinaToday(),
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
    const state: AgreementState = {
      agreementStart: values.agreementStart,
      agreementEnd: values.agreementEnd ?? null,
      agreementStatus: values.agreementStatus,
    };
    const events = [{ effectiveOn: values.agreementStart, status: values.agreementStatus }];
    await guard?.(
      tx,
      values.regionCode,
      quartersChanged(null, { state, events }, values.agreementStart, quarterOfIsoDate(today)),
    );
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
    await tx.insert(agreementHistory).values({
      institutionId: id,
      effectiveOn: row.agreementStart,
      status: row.agreementStatus,
      agreementEnd: row.agreementEnd,
      recordedBy: actor.sub,
      source: "mutation registerInstitution",
    });
    await auditInstitution(tx, actor, "registerInstitution", row, null, institutionJson(row));
    return row;
  });
}

/**
 * Changes an institution's agreement status / end date; unchanged values write nothing. The new
 * status takes effect today (China time): a history row dated today, so past quarters keep the
 * status they had. `guard` sees the quarters whose count of designated institutions changes (the
 * current one for a status change; for an end date moved into the past, the quarters in between).
 * Audited. Returns null when there is no such institution.
 */
export async function updateAgreement(
  db: Database,
  id: string,
  change: { agreementStatus: InstitutionRow["agreementStatus"]; agreementEnd: string | null },
  actor: Actor,
  guard?: RegistryGuard,
  today: string = chinaToday(),
): Promise<{ row: InstitutionRow; changed: boolean } | null> {
  return db.transaction(async (tx) => {
    const [old] = await tx.select().from(institution).where(eq(institution.id, id)).for("update");
    if (!old) return null;
    if (old.agreementStatus === change.agreementStatus && old.agreementEnd === change.agreementEnd) {
      return { row: old, changed: false };
    }
    let events = await historyOf(tx, id);
    if (events.length === 0) {
      // Loaded without a history: record what held so far before dating the change.
      const baseline = baselineRows([old], actor.sub, "baseline before mutation updateInstitutionAgreement");
      await tx.insert(agreementHistory).values(baseline);
      events = baseline.map((b) => ({ effectiveOn: b.effectiveOn, status: b.status }));
    }
    const next: AgreementState = { ...old, ...change };
    const dated = [...events, { effectiveOn: today, status: change.agreementStatus }];
    await guard?.(
      tx,
      old.regionCode,
      quartersChanged(
        { state: old, events },
        { state: next, events: dated },
        old.agreementStart,
        quarterOfIsoDate(today),
      ),
    );
    const [row] = await tx
      .update(institution)
      .set({ ...change, updatedAt: new Date() })
      .where(eq(institution.id, id))
      .returning();
    if (!row) throw new Error("update returned no row");
    await tx.insert(agreementHistory).values({
      institutionId: id,
      effectiveOn: today,
      status: change.agreementStatus,
      agreementEnd: change.agreementEnd,
      recordedBy: actor.sub,
      source: "mutation updateInstitutionAgreement",
    });
    await auditInstitution(
      tx,
      actor,
      "updateInstitutionAgreement",
      row,
      { agreementStatus: old.agreementStatus, agreementEnd: old.agreementEnd },
      { agreementStatus: row.agreementStatus, agreementEnd: row.agreementEnd },
    );
    return { row, changed: true };
  });
}
