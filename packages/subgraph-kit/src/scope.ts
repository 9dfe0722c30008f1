import { getRegion, isInSubtree, isRegionCodeFormat, type Region, retiredRegion } from "@hsa/regions";
import type { Principal, Role } from "./auth";
import { hasRole } from "./auth";
import { badInput, forbidden, notFound } from "./errors";

/** True when the caller's scope covers the region (deny by default: no scope covers nothing). */
export function canSee(p: Principal, regionCode: string): boolean {
  return p.scope !== null && isInSubtree(regionCode, p.scope);
}

/**
 * Validates a region code argument: BAD_USER_INPUT for a malformed code, NOT_FOUND for an unknown one.
 * A retired code (an older vintage, e.g. 431121 祁阳县) is refused with BAD_USER_INPUT naming its
 * successor (extensions.successorCode), so nothing is read or filed under it and no county counts twice.
 */
export function requireKnownRegion(code: string, argName = "code"): Region {
  if (!isRegionCodeFormat(code)) {
    throw badInput(
      `${argName} "${code}" is not a region code: expected six digits (GB/T 2260), e.g. "150724"`,
      {
        argumentName: argName,
      },
    );
  }
  const retired = retiredRegion(code);
  if (retired) {
    const successor = getRegion(retired.successorCode);
    throw badInput(
      `${argName} ${code} ${retired.name} is a retired region code (${retired.year}: ${retired.reason}); use its successor ${retired.successorCode} ${successor?.name ?? ""}`,
      { argumentName: argName, retiredCode: code, successorCode: retired.successorCode },
    );
  }
  const region = getRegion(code);
  if (!region) throw notFound(`no region with code ${code}`, { argumentName: argName });
  return region;
}

/** The region, if the caller may see it; FORBIDDEN otherwise. */
export function requireRegionInScope(p: Principal, code: string, argName = "code"): Region {
  const region = requireKnownRegion(code, argName);
  if (!canSee(p, code)) {
    throw forbidden(
      p.scope === null
        ? "your token has no region scope: it grants access to no region"
        : `region ${code} is outside your scope (${p.scope})`,
      { regionCode: code },
    );
  }
  return region;
}

export function filterToScope<T extends { code: string }>(p: Principal, regions: readonly T[]): T[] {
  return regions.filter((r) => canSee(p, r.code));
}

export function requireRole(p: Principal, role: Role): void {
  if (!hasRole(p, role)) {
    throw forbidden(`this operation needs the role "${role}"; your roles: ${p.roles.join(", ") || "none"}`);
  }
}

/** One of these roles (admin is every role), else FORBIDDEN naming them; a single role as requireRole. */
export function requireAnyRole(p: Principal, roles: Role | readonly Role[]): void {
  const any = typeof roles === "string" ? [roles] : roles;
  if (any.length === 1) {
    requireRole(p, any[0] as Role);
    return;
  }
  if (!any.some((r) => hasRole(p, r))) {
    throw forbidden(
      `this operation needs one of the roles ${any.map((r) => `"${r}"`).join(", ")}; your roles: ${p.roles.join(", ") || "none"}`,
    );
  }
}
