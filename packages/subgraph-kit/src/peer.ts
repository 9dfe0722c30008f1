import { GraphQLError } from "graphql";
import { badInput } from "./errors";
import { INTERNAL_HEADER, internalSecretFromEnv, signInternal } from "./internal";
import { requireRegionInScope } from "./scope";
import type { SubgraphContext } from "./subgraph";

/** `SUPERVISION_URL`-style lookup of another subgraph's URL: explicit peers first, then the environment. */
export function peerUrl(
  name: string,
  peers: Record<string, string> | undefined,
  fallback: string,
  env = process.env,
): string {
  return peers?.[name] ?? env[`${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`] ?? fallback;
}

interface PeerResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Asks another subgraph a question on the caller's behalf (forwarding their token, so the owner
 * applies its own scope rules). Its coded errors (FORBIDDEN, NOT_FOUND, …) come back unchanged;
 * an unreachable peer becomes a clear SERVICE_UNAVAILABLE error instead of a hang (5 s timeout).
 */
export async function callPeer<T>(
  name: string,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  authorization: string | undefined,
): Promise<T> {
  let res: Response;
  // Peers trust each other as they trust the gateway: the internal signature, when configured.
  const secret = internalSecretFromEnv();
  const internal: Record<string, string> = secret
    ? { [INTERNAL_HEADER]: await signInternal(secret, "peer", name, authorization) }
    : {};
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(authorization ? { authorization } : {}),
        ...internal,
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (err) {
    throw new GraphQLError(
      `the ${name} service is unavailable (${(err as Error).message}); try again later`,
      {
        extensions: { code: "SERVICE_UNAVAILABLE" },
      },
    );
  }
  const body = (await res.json().catch(() => ({}))) as PeerResponse<T>;
  const first = body.errors?.[0];
  if (first) {
    throw new GraphQLError(first.message, {
      extensions: { code: first.extensions?.code ?? "INTERNAL_SERVER_ERROR" },
    });
  }
  if (!body.data)
    throw new GraphQLError(`the ${name} service gave no answer`, {
      extensions: { code: "SERVICE_UNAVAILABLE" },
    });
  return body.data;
}

/** An institution as its owner (the supervision subgraph) describes it. */
export interface OwnedInstitution {
  id: string;
  kind: string;
  grade: string | null;
  regionCode: string;
}

const INSTITUTION_LOOKUP = /* GraphQL */ `
  query InstitutionOwnerLookup($id: ID!) {
    institution(id: $id) { id kind grade region { code } }
  }
`;

/**
 * Asks the supervision subgraph, which owns institutions, about one of them on the caller's behalf:
 * unknown → BAD_USER_INPUT naming the field; outside the caller's scope → FORBIDDEN (from the owner,
 * and checked again here).
 */
export async function lookupInstitution(
  supervisionUrl: string,
  id: string,
  ctx: SubgraphContext,
  field = "institutionId",
): Promise<OwnedInstitution> {
  const data = await callPeer<{
    institution: { id: string; kind: string; grade: string | null; region: { code: string } } | null;
  }>("supervision", supervisionUrl, INSTITUTION_LOOKUP, { id }, ctx.authorization);
  if (!data.institution) {
    throw badInput(`unknown institution "${id}": register it in the supervision subgraph first`, {
      problems: [{ field, message: `unknown institution "${id}"` }],
    });
  }
  const regionCode = data.institution.region.code;
  requireRegionInScope(ctx.principal, regionCode, field);
  return { id: data.institution.id, kind: data.institution.kind, grade: data.institution.grade, regionCode };
}
