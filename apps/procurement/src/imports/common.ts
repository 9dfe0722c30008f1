import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "@hsa/db";
import { getRegion } from "@hsa/regions";
import {
  type ImportActor,
  ImportConflict,
  type ImportRow,
  keyOf,
  type RowError,
  type Tx,
  type Workflow,
} from "@hsa/reporting";
import { callPeer, canSee, forbidden, type Principal, type UploadHandler } from "@hsa/subgraph-kit";
import { sql } from "drizzle-orm";
import { auditLog } from "../db/schema";
import { INSTITUTION_COLUMN } from "./columns";

/**
 * The county (reporting unit) of an institution id: supervision assigns ids as
 * `<county code>-<H|P|C|V>-<nnn>` (registerInstitution, and the demo data), e.g. 150724-H-001 → 150724.
 */
export function institutionCounty(id: string): string | null {
  const m = /^(\d{6})-/.exec(id);
  return m ? (m[1] as string) : null;
}

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

export interface InstitutionFact {
  institutionId: string;
  /** the county of the id (its first six digits) */
  regionCode: string;
}

/** Row errors for institutions supervision does not know (or the caller may not see) or places elsewhere. */
export async function checkInstitutions<F extends InstitutionFact>(
  supervisionUrl: string,
  rows: readonly ImportRow<F>[],
  actor: ImportActor,
): Promise<{ errors: RowError[]; bad: Set<number> }> {
  const regions = await institutionRegions(
    supervisionUrl,
    rows.map((r) => r.fact.institutionId),
    actor.authorization,
  );
  const errors: RowError[] = [];
  const bad = new Set<number>();
  for (const { line, fact } of rows) {
    const code = regions.get(fact.institutionId);
    if (code === undefined) {
      errors.push({
        line,
        column: INSTITUTION_COLUMN.zh,
        value: fact.institutionId,
        reason: `未知的机构 ${fact.institutionId}：须先在基金监管子图登记（或不在您的权限范围）/ unknown institution: not registered in supervision, or not visible in your scope`,
      });
      bad.add(line);
    } else if (code !== fact.regionCode) {
      errors.push({
        line,
        column: INSTITUTION_COLUMN.zh,
        value: fact.institutionId,
        reason: `机构 ${fact.institutionId} 属于 ${code}，不属于编码所示的 ${fact.regionCode} / the institution lies in ${code}, not in county ${fact.regionCode}`,
      });
      bad.add(line);
    }
  }
  return { errors, bad };
}

// ---------------------------------------------------------------------------------------------
// Both sides of a row (issue 14): the stored row a fact overwrites

const callers = new AsyncLocalStorage<Principal>();

/**
 * The upload routes with the caller available to the import kinds (`importCaller`) while an upload
 * runs: the engine checks the new values' county against the scope; the kinds check the stored
 * rows they would overwrite against it.
 */
export function withImportCaller(routes: Record<string, UploadHandler>): Record<string, UploadHandler> {
  return Object.fromEntries(
    Object.entries(routes).map(([path, handler]) => [
      path,
      ((req, res, ctx) => callers.run(ctx.principal, () => handler(req, res, ctx))) as UploadHandler,
    ]),
  );
}

/** The caller of the running upload (undefined outside `withImportCaller`: then no other county may be touched). */
export function importCaller(): Principal | undefined {
  return callers.getStore();
}

/** A fact whose key is stored under another county than the fact's own (the write would move it). */
export interface StoredElsewhere {
  line: number;
  /** the county the stored row belongs to */
  from: string;
  quarter: string;
}

const STORED_OUTSIDE =
  "该记录已登记在您权限范围外的地区，不能修改 / the stored row of this key belongs to a region outside your scope: not changed";

/**
 * Row errors for facts whose stored row lies in another county: outside the caller's scope (or no
 * known caller) → refused; inside it → the county-quarter the row leaves must not be approved.
 * The message never names a county outside the scope.
 */
export async function storedElsewhereErrors(
  db: Database | Tx,
  workflow: Workflow,
  moved: readonly StoredElsewhere[],
  caller: Principal | undefined,
): Promise<RowError[]> {
  const errors: RowError[] = [];
  const inScope: (StoredElsewhere & { regionCode: string })[] = [];
  for (const m of moved) {
    if (!caller || !canSee(caller, m.from))
      errors.push({ line: m.line, column: INSTITUTION_COLUMN.zh, reason: STORED_OUTSIDE });
    else inScope.push({ ...m, regionCode: m.from });
  }
  const approved = new Set((await workflow.approvedAmong(db, inScope)).map(keyOf));
  for (const m of inScope) {
    if (approved.has(keyOf(m)))
      errors.push({
        line: m.line,
        column: INSTITUTION_COLUMN.zh,
        reason: `该记录原属 ${m.from} ${getRegion(m.from)?.name ?? ""} ${m.quarter}，该季度报表已审核，须先由审核人退回 / the stored row belongs to an approved report (${m.from} ${m.quarter}): an approver must reopen it first`,
      });
  }
  return errors;
}

/** The same check inside the write (rows locked): a row stored elsewhere meanwhile refuses the import. */
export async function assertStoredElsewhereWritable(
  tx: Tx,
  workflow: Workflow,
  moved: readonly StoredElsewhere[],
): Promise<void> {
  if (moved.length === 0) return;
  const errors = await storedElsewhereErrors(tx, workflow, moved, importCaller());
  const first = errors[0];
  if (!first) return;
  if (first.reason === STORED_OUTSIDE) throw forbidden(`line ${first.line}: ${STORED_OUTSIDE}`);
  throw new ImportConflict(`line ${first.line}: ${first.reason}; nothing was written`);
}

// ---------------------------------------------------------------------------------------------
// Batch writing

/**
 * A batch of rows as one JSON parameter, read back with jsonb_to_recordset: one statement with one
 * parameter instead of thousands of placeholders (several times faster, on PGlite above all).
 */
export const jsonParam = (rows: readonly object[]) =>
  sql`${JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}::jsonb`;

/** Lets other requests (and the import's own progress lines) through between batches. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export const BATCH = 2_000;

export interface AuditInsert {
  entity_key: string;
  old_value: unknown;
  new_value: unknown;
}

export async function insertAudits(tx: Tx, actor: ImportActor, action: string, rows: readonly AuditInsert[]) {
  await tx.execute(sql`
    insert into ${auditLog} (actor_sub, actor_name, action, entity_key, old_value, new_value, source)
    select ${actor.sub}, ${actor.name}, ${action}, x.entity_key, x.old_value, x.new_value, ${actor.source}
    from jsonb_to_recordset(${jsonParam(rows)}) as x(entity_key text, old_value jsonb, new_value jsonb)`);
}
