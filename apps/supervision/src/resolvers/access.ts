import type { Database } from "@hsa/db";
import { canSee, forbidden, notFound, type Principal } from "@hsa/subgraph-kit";
import type { GraphQLError } from "graphql";
import { getInstitution } from "../db/queries";
import type { InstitutionRow } from "../db/schema";

/**
 * Access to institutions by id without an existence oracle (issue 14). An institution the caller
 * may not see answers exactly like one that does not exist: the answer depends only on the id
 * string and the caller's scope, never on what is stored outside that scope.
 *
 * Ids are assigned as `<county>-<H|P|C|V>-<nnn>`, so an id names a county. An id whose county is
 * outside the caller's scope (or that names none, for anyone but a national caller) is FORBIDDEN,
 * whether or not it exists; an id whose county is in scope but that is not a visible institution
 * is NOT_FOUND (a query: null). The message never names a stored region.
 */

/** The county an institution id names ("150724-H-001" → "150724"), or null. */
export function countyOfId(id: string): string | null {
  return /^(\d{6})-/.exec(id)?.[1] ?? null;
}

/** Whether the caller could see an institution with this id if it existed (by the id alone). */
export function couldSee(p: Principal, id: string): boolean {
  return canSee(p, countyOfId(id) ?? "000000");
}

/** The error for an id that is not a visible institution (unknown or out of scope alike). */
export function invisibleInstitution(p: Principal, id: string, argName: string): GraphQLError {
  if (couldSee(p, id)) return notFound(`no institution with id ${id}`, { argumentName: argName });
  return forbidden(`institution ${id} is outside your scope (${p.scope ?? "none"})`, {
    argumentName: argName,
  });
}

/** The stored institution, when it exists and lies in the caller's scope; null otherwise. */
export async function findVisibleInstitution(
  db: Database,
  p: Principal,
  id: string,
): Promise<InstitutionRow | null> {
  const inst = await getInstitution(db, id);
  return inst && canSee(p, inst.regionCode) ? inst : null;
}

/** The institution a write addresses: visible, or the error `invisibleInstitution` gives. */
export async function requireVisibleInstitution(
  db: Database,
  p: Principal,
  id: string,
  argName: string,
): Promise<InstitutionRow> {
  const inst = await findVisibleInstitution(db, p, id);
  if (!inst) throw invisibleInstitution(p, id, argName);
  return inst;
}
