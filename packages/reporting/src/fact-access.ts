// Who may write a declared fact and where its region lies (issue 16, payment): the role a write
// needs, facts outside the county quarterly report (no approval lock: a budget set for a year, a
// coefficient), and facts keyed by a pool, a budget or an institution rather than a county, whose
// stored rows name their regions in several columns (or none). define-fact.ts and fact-write.ts
// call these; a resolver that checks a stored side before it computes a fact (e.g. a settlement's
// lines) uses requireStoredInScope too.
import { badInput, canSee, forbidden, type Principal, type Role } from "@hsa/subgraph-kit";
import type { FactValues } from "./fact-fields";

export interface FactAccess {
  /**
   * the role a write needs (default "reporter"), or several of which any one will do (e.g. an
   * agreement change by a reporter or an approver); checked by writeMutation and the generated resolver
   */
  role?: Role | readonly Role[];
  /**
   * false: not part of the county quarterly report (e.g. a budget set for a year): no approval lock,
   * and `quarter` may be omitted. Default: every write checks its county-quarter is not approved.
   */
  approval?: false;
  /**
   * The stored properties that name the regions a row belongs to, when the key does not hold its
   * county (e.g. a pool's budget: ["regionCode", "poolingArea"]). Then every one of them must lie in
   * the caller's scope, on the new values and on the stored row the key addresses (FORBIDDEN), and
   * a stored row never moves to other regions (BAD_USER_INPUT). `[]`: the table stores no region
   * (e.g. a budget's quarterly spend): the subgraph checks the row's owner (`beforeWrite`).
   * Default: the county-quarter rules (`region`; a move within the scope is allowed).
   */
  regionStored?: readonly string[];
}

const NO_SCOPE = "your token has no region scope: it grants access to no region";

/**
 * The stored side of a write: every region of the stored rows it updates, moves or deletes must be in
 * the caller's scope, else FORBIDDEN (thrown inside the transaction: nothing is written). Shared by
 * regionStored facts, child collections with regions of their own and resolvers that check first.
 */
export function requireStoredInScope(
  principal: Principal | undefined,
  regions: Iterable<string>,
  what: string,
  field: string,
): void {
  for (const region of regions) {
    if (!principal || !canSee(principal, region)) {
      throw forbidden(
        !principal || principal.scope === null
          ? NO_SCOPE
          : `${what}: the stored figures this write would change are outside your scope (${principal.scope}); nothing was written`,
        { field },
      );
    }
  }
}

/** The new values' side of a regionStored fact: every region property in the caller's scope. */
export function requireValuesInScope(
  principal: Principal,
  facts: readonly FactValues[],
  props: readonly string[],
  noun: string,
): void {
  for (const f of facts)
    for (const p of props) {
      const region = f[p];
      if (region === null || region === undefined) continue;
      if (!canSee(principal, String(region)))
        throw forbidden(
          principal.scope === null
            ? NO_SCOPE
            : `this ${noun} belongs to ${String(region)}, outside your scope (${principal.scope}): not changed`,
          { field: p },
        );
    }
}

/**
 * The stored side of a regionStored fact (writeFacts, rows locked): the stored row of each key in
 * the caller's scope in every region property (FORBIDDEN), and in the same regions as the new values
 * (a row never moves: BAD_USER_INPUT, reported on `field`).
 */
export function checkStoredRegions(
  t: {
    noun: string;
    regionStored?: readonly string[];
    key: readonly string[];
    entityKey(f: FactValues): string;
  },
  facts: readonly FactValues[],
  stored: Map<string, Record<string, unknown>>,
  principal: Principal | undefined,
  field: string,
): void {
  const props = t.regionStored ?? [];
  for (const f of facts) {
    const old = stored.get(t.key.map((k) => String(f[k])).join("|"));
    if (!old) continue;
    requireStoredInScope(
      principal,
      props.map((p) => String(old[p])),
      `cannot change this ${t.noun}`,
      field,
    );
    const moved = props.filter((p) => String(old[p]) !== String(f[p]));
    if (moved.length) {
      const message = `${t.entityKey(f)} belongs to ${props.map((p) => `${p} ${String(old[p])}`).join(", ")}: a stored ${t.noun} does not move`;
      throw badInput(message, { problems: [{ field, message }] });
    }
  }
}
