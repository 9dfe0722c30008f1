import { randomBytes } from "node:crypto";
import { getRegion } from "@hsa/regions";
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { unauthenticated } from "./errors";

/** `analyst`: may send ad-hoc operations in production (others only the persisted ones). */
export const ROLES = ["viewer", "reporter", "approver", "admin", "analyst"] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established from a verified JWT. */
export interface Principal {
  sub: string;
  name: string;
  /** The region code the caller may see (its subtree); null = no scope = sees nothing. */
  scope: string | null;
  roles: Role[];
  /** The token's id (`jti`) when it has one (API tokens): what revocation names. */
  tokenId?: string;
}

export const JWT_ISSUER = "hsa-graph";
export const JWT_AUDIENCE = "hsa-graph";

/** A fixed development secret, used only when HSA_JWT_SECRET is unset and not in production. */
export const DEV_JWT_SECRET = "hsa-graph-development-secret-change-me-0123456789";

export function jwtSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.HSA_JWT_SECRET;
  if (secret) {
    if (secret.length < 32) throw new Error("HSA_JWT_SECRET must be at least 32 characters (HS256 key)");
    return secret;
  }
  // With an OIDC issuer's JWKS no shared secret is used: a random one that nobody can sign with.
  if (env.HSA_JWKS_URL) return randomBytes(32).toString("hex");
  if (env.HSA_ENV === "production")
    throw new Error("HSA_JWT_SECRET (or HSA_JWKS_URL) is required when HSA_ENV=production");
  return DEV_JWT_SECRET;
}

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export interface TokenClaims {
  sub: string;
  name?: string;
  scope?: string | null;
  roles?: string[];
  /** Token id (API tokens, so that they can be revoked). */
  jti?: string;
}

/** Signs an HS256 token (development and tests; production tokens come from the OIDC issuer). */
export async function mintToken(
  claims: TokenClaims,
  secret: string,
  ttl: string | number = "12h",
): Promise<string> {
  const payload: Record<string, unknown> = {
    name: claims.name ?? claims.sub,
    roles: claims.roles ?? ["viewer"],
  };
  if (claims.scope) payload.scope = claims.scope;
  if (claims.jti) payload.jti = claims.jti;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(keyOf(secret));
}

/** Extracts the bearer token of an Authorization header value; null when absent. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m?.[1]) throw unauthenticated("malformed Authorization header: expected 'Bearer <token>'");
  return m[1];
}

function principalOf(payload: JWTPayload): Principal {
  const roles = Array.isArray(payload.roles)
    ? payload.roles.filter(
        (r): r is Role => typeof r === "string" && (ROLES as readonly string[]).includes(r),
      )
    : [];
  const scope = typeof payload.scope === "string" && getRegion(payload.scope) ? payload.scope : null;
  const sub = payload.sub ?? "";
  const principal: Principal = {
    sub,
    name: typeof payload.name === "string" ? payload.name : sub,
    scope,
    roles,
  };
  // Only our API tokens (sub "api-token:<id>", jti "tok_…"): an OIDC issuer puts a jti in every
  // access token, and those are personal sign-ins, not revocable script tokens.
  if (typeof payload.jti === "string" && payload.jti.startsWith("tok_") && sub === `api-token:${payload.jti}`)
    principal.tokenId = payload.jti;
  return principal;
}

function joseFailure(err: unknown): never {
  if (err instanceof joseErrors.JWTExpired) throw unauthenticated("token expired: sign in again");
  if (err instanceof joseErrors.JOSEError) throw unauthenticated(`invalid token: ${err.code}`);
  throw err;
}

/**
 * Verifies a token and returns the principal. Unknown roles grant nothing and are dropped; a scope
 * that is not a known region code is treated as no scope (deny by default).
 */
export async function verifyToken(token: string, secret: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ["HS256"],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      requiredClaims: ["sub", "exp"],
    });
    return principalOf(payload);
  } catch (err) {
    joseFailure(err);
  }
}

export type TokenVerifier = (token: string) => Promise<Principal>;

export interface JwksOptions {
  /** The OIDC issuer's JWKS URL (e.g. https://sso.example/.well-known/jwks.json). */
  jwksUrl: string;
  issuer: string;
  audience: string;
  /** Accepted signature algorithms (default RS256, PS256, ES256, EdDSA; never HS* or none). */
  algorithms?: string[];
}

/** Verifies tokens signed by an OIDC issuer, with keys fetched (and cached) from its JWKS. */
export function jwksVerifier(opts: JwksOptions): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(opts.jwksUrl), { timeoutDuration: 5_000 });
  const algorithms = opts.algorithms ?? ["RS256", "PS256", "ES256", "EdDSA"];
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms,
        issuer: opts.issuer,
        audience: opts.audience,
        requiredClaims: ["sub", "exp"],
      });
      return principalOf(payload);
    } catch (err) {
      joseFailure(err);
    }
  };
}

/**
 * HSA_JWKS_URL set: tokens from that OIDC issuer (HSA_JWT_ISSUER and HSA_JWT_AUDIENCE required);
 * otherwise HS256 with the shared secret.
 */
export function tokenVerifierFromEnv(secret: string, env: NodeJS.ProcessEnv = process.env): TokenVerifier {
  if (env.HSA_JWKS_URL) {
    const issuer = env.HSA_JWT_ISSUER;
    const audience = env.HSA_JWT_AUDIENCE;
    if (!issuer || !audience) throw new Error("HSA_JWKS_URL needs HSA_JWT_ISSUER and HSA_JWT_AUDIENCE");
    return jwksVerifier({ jwksUrl: env.HSA_JWKS_URL, issuer, audience });
  }
  return (token) => verifyToken(token, secret);
}

export function hasRole(p: Principal, role: Role): boolean {
  return p.roles.includes(role) || p.roles.includes("admin");
}
