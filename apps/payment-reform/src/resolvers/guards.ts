// Access and lock guards shared by the payment resolvers (issue 14: both sides of every write, no
// existence oracle).
//
// The rule for identifiers: whether an institution id, a budget key or a settlement is in the
// caller's scope is decided from the identifier itself — an institution id and an ALLIANCE key start
// with their county's code, an INSTITUTION key is an institution id, a POOL key and a settlement are
// named by their pooling area — before anything is looked up. Outside the scope (or naming no known
// region) the answer is FORBIDDEN with the same message whether the row exists or not; only inside
// the scope may a caller learn that something is unknown (BAD_USER_INPUT). A write then also checks
// every stored row it would update, move or delete (inside its transaction, rows locked): a stored
// row outside the scope → FORBIDDEN and nothing is written.
import type { Database } from "@hsa/db";
import { getRegion } from "@hsa/regions";
import type { Workflow } from "@hsa/reporting";
import {
  badInput,
  canSee,
  forbidden,
  lookupInstitution,
  requireKnownRegion,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import type { GraphQLError } from "graphql";
import { canSeePool, isPool, poolingAreaOf } from "../db/queries";
import { type BudgetKind, COEFFICIENT_GRADES, type CoefficientGrade } from "../db/schema";

/** What every payment resolver needs besides its arguments. */
export interface Deps {
  db: Database;
  /** GraphQL URL of the supervision subgraph, the owner of institutions. */
  supervisionUrl: string;
  workflow: Workflow;
  now: () => Date;
}

const NO_SCOPE = "your token has no region scope: it grants access to no region";

/**
 * The one answer for an identifier that names nothing in the caller's scope: the same code and
 * message whether it exists outside the scope or does not exist at all (no existence oracle).
 */
export function notInScope(ctx: SubgraphContext, what: string, id: string, field: string): GraphQLError {
  const scope = ctx.principal.scope;
  return forbidden(
    scope === null ? NO_SCOPE : `${what} "${id}" is unknown or outside your scope (${scope})`,
    {
      field,
    },
  );
}

/** The county an identifier starts with ("150724-H-001", "150702-ALLIANCE" → its first six digits), else null. */
export function regionOfId(id: string): string | null {
  const m = /^(\d{6})-./.exec(id);
  return m ? (m[1] as string) : null;
}

/** The region an identifier names, when it is a known region inside the caller's scope; FORBIDDEN otherwise. */
export function requireIdInScope(
  ctx: SubgraphContext,
  what: string,
  id: string,
  region: string | null,
  field: string,
): string {
  if (region === null || !getRegion(region) || !canSee(ctx.principal, region))
    throw notInScope(ctx, what, id, field);
  return region;
}

/** An institution id's county, in scope (from the id alone); a malformed id → BAD_USER_INPUT. */
export function requireInstitutionIdInScope(ctx: SubgraphContext, id: string, field: string): string {
  if (regionOfId(id) === null) {
    throw badInput(
      `"${id}" is not an institution id: expected <county code>-<kind>-<number>, e.g. 150724-H-001`,
      {
        problems: [{ field, message: `"${id}" is not an institution id` }],
      },
    );
  }
  return requireIdInScope(ctx, "institution", id, regionOfId(id), field);
}

/**
 * The region a budget key names, from the key alone: a POOL key is its pooling area, an
 * INSTITUTION key an institution id (its county), an ALLIANCE key starts with its county's code.
 */
export function budgetKeyRegion(kind: BudgetKind, key: string): string | null {
  return kind === "POOL" ? (getRegion(key) ? key : null) : regionOfId(key);
}

export interface InstitutionInfo {
  id: string;
  kind: string;
  grade: CoefficientGrade;
  regionCode: string;
  poolingArea: string;
}

/**
 * An institution in the caller's scope, as its owner (supervision) describes it: the id's county is
 * checked first (no request for an id outside the scope); unknown inside the scope → BAD_USER_INPUT.
 */
export async function institutionInfo(
  deps: Deps,
  id: string,
  ctx: SubgraphContext,
  field = "institutionId",
): Promise<InstitutionInfo> {
  requireInstitutionIdInScope(ctx, id, field);
  let inst: Awaited<ReturnType<typeof lookupInstitution>>;
  try {
    inst = await lookupInstitution(deps.supervisionUrl, id, ctx, field);
  } catch (err) {
    // registered outside the caller's scope (whatever its id says): the same answer as unknown-outside
    if ((err as GraphQLError).extensions?.code === "FORBIDDEN")
      throw notInScope(ctx, "institution", id, field);
    throw err;
  }
  const grade = (COEFFICIENT_GRADES as readonly string[]).includes(inst.grade ?? "")
    ? (inst.grade as CoefficientGrade)
    : "NONE";
  const region = inst.regionCode;
  return { id, kind: inst.kind, grade, regionCode: region, poolingArea: poolingAreaOf(region) };
}

/**
 * A pooling-area argument: a known region that is one pool (a city, a municipality, a county directly
 * under its province), else BAD_USER_INPUT naming the pool to use.
 */
export function requirePool(code: string, argName = "poolingArea"): string {
  requireKnownRegion(code, argName);
  if (!isPool(code)) {
    const pool = poolingAreaOf(code);
    throw badInput(
      pool === code
        ? `${argName} ${code} is not a pooling area: it spans several pools (use a city's or a municipality's code)`
        : `${argName} ${code} is not a pooling area: it belongs to pooling area ${pool} (use ${pool})`,
      { argumentName: argName },
    );
  }
  return code;
}

export function requireYear(year: number, now: Date, argName = "year"): number {
  const current = now.getUTCFullYear();
  if (!Number.isInteger(year) || year < 2000 || year > current) {
    throw badInput(`${argName} ${year} must be a year between 2000 and ${current}`, {
      argumentName: argName,
    });
  }
  return year;
}

/** Header visible to the scope: the pool in scope or the scope inside the pool; FORBIDDEN otherwise. */
export function requirePoolVisible(ctx: SubgraphContext, pool: string) {
  if (!canSeePool(ctx.principal.scope, pool)) {
    throw forbidden(
      ctx.principal.scope === null
        ? NO_SCOPE
        : `pooling area ${pool} is outside your scope (${ctx.principal.scope})`,
      { regionCode: pool },
    );
  }
}
