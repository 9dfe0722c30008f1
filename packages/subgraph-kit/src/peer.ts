import { GraphQLError } from "graphql";

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
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
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
