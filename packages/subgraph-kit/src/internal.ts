import { createHash } from "node:crypto";
import { isIP } from "node:net";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { DEV_JWT_SECRET } from "./auth";

/**
 * Trust between the gateway and the subgraphs. In production every request a subgraph answers
 * must come through the gateway (or from a peer subgraph), so that the gateway's allow-list,
 * cost limit and rate of work cannot be bypassed by calling a subgraph's port directly: the
 * gateway signs each subgraph request with a short-lived HS256 token of its own, bound to the
 * caller's Authorization header and to the subgraph it is meant for, and the subgraph verifies it.
 */
export const INTERNAL_HEADER = "x-hsa-internal";
const ISSUER = "hsa-graph-internal";
const TTL_SECONDS = 60;

/**
 * `HSA_INTERNAL_SECRET` (≥ 32 characters, shared by the gateway and the subgraphs, never by
 * clients). Required in production; unset elsewhere means subgraphs also answer direct calls.
 */
export function internalSecretFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const secret = env.HSA_INTERNAL_SECRET;
  if (secret) {
    if (secret.length < 32) throw new Error("HSA_INTERNAL_SECRET must be at least 32 characters");
    if (secret === env.HSA_JWT_SECRET)
      throw new Error(
        "HSA_INTERNAL_SECRET must differ from HSA_JWT_SECRET (a user token must not pass as the gateway)",
      );
    return secret;
  }
  if (env.HSA_ENV === "production")
    throw new Error(
      "HSA_INTERNAL_SECRET is required when HSA_ENV=production: the gateway signs every subgraph request with it, and subgraphs refuse requests that do not come through the gateway",
    );
  return undefined;
}

function bind(authorization: string | undefined): string {
  return createHash("sha256")
    .update(authorization ?? "")
    .digest("base64url")
    .slice(0, 22);
}

/** The header value the gateway (or a peer subgraph, `from`) sends with a request to subgraph `to`. */
export async function signInternal(
  secret: string,
  from: string,
  to: string,
  authorization: string | undefined,
): Promise<string> {
  return new SignJWT({ tok: bind(authorization) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setSubject(from)
    .setAudience(to)
    .setIssuedAt()
    .setExpirationTime(`${TTL_SECONDS}s`)
    .sign(new TextEncoder().encode(secret));
}

/**
 * Checks the internal signature of a request to subgraph `to`: true when it was signed with the
 * shared secret for this subgraph and this caller's Authorization header, within the last minute.
 */
export async function verifyInternal(
  secret: string,
  to: string,
  header: string | undefined,
  authorization: string | undefined,
): Promise<boolean> {
  if (!header) return false;
  try {
    const { payload } = await jwtVerify(header, new TextEncoder().encode(secret), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: to,
      requiredClaims: ["exp", "sub"],
    });
    return payload.tok === bind(authorization);
  } catch (err) {
    if (err instanceof joseErrors.JOSEError) return false;
    throw err;
  }
}

/** True for 127.0.0.0/8, ::1 and "localhost". */
export function isLoopbackHost(host: string | undefined): boolean {
  const h = (host ?? "127.0.0.1").replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  return h === "::1";
}

/**
 * The development conveniences (the public development JWT secret, demo users with fresh tokens)
 * are for a developer's own machine: refuse to start with them on an address others can reach.
 */
export function assertSafeBinding(
  service: string,
  host: string | undefined,
  jwtSecret: string,
  demoUsers = false,
): void {
  if (isLoopbackHost(host)) return;
  if (jwtSecret === DEV_JWT_SECRET)
    throw new Error(
      `${service}: refusing to listen on ${host} with the development JWT secret (anyone could mint tokens). Set HSA_JWT_SECRET (≥ 32 characters) or HSA_JWKS_URL, or listen on 127.0.0.1 (HSA_HOST).`,
    );
  if (demoUsers)
    throw new Error(
      `${service}: refusing to offer /demo/users on ${host}: demo sign-in hands out tokens to anyone who asks. Set HSA_DEMO_USERS=0, or listen on 127.0.0.1 (HSA_HOST).`,
    );
}
