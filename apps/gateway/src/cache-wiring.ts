// How the response cache (./response-cache) plugs into the gateway: the HTTP handler's `around`
// hook looks answers up per caller scope, an Apollo plugin tells which executions may be kept, and
// the subgraph data sources ask for and record data versions (server.ts).
import type { IncomingMessage } from "node:http";
import type { ApolloServerPlugin } from "@apollo/server";
import { type AroundExecution, bearerToken, type Principal } from "@hsa/subgraph-kit";
import type { CacheObservation, ResponseCache } from "./response-cache";

/** Default size of the response cache (HSA_RESPONSE_CACHE_MB; 0 turns it off). */
export const DEFAULT_RESPONSE_CACHE_MB = 64;

export function responseCacheMbFromEnv(env: NodeJS.ProcessEnv): number {
  const v = env.HSA_RESPONSE_CACHE_MB;
  if (v === undefined || v === "") return DEFAULT_RESPONSE_CACHE_MB;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`HSA_RESPONSE_CACHE_MB must be a number ≥ 0, got "${v}"`);
  return n;
}

/** Marks queries (not mutations) answered without errors as cacheable. */
export function cacheabilityPlugin<C extends { cache?: CacheObservation }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (contextValue.cache && operation?.operation === "query") contextValue.cache.query = true;
        },
        async willSendResponse({ response, contextValue }) {
          const cache = contextValue?.cache;
          if (!cache) return;
          if (response.body.kind !== "single" || response.body.singleResult.errors?.length)
            cache.uncacheable = true;
        },
      };
    },
  };
}

/**
 * The handler hook: a request with a verified token is answered through the cache under its
 * scope and roles; anything else (no token, a bad one, no query text) runs as usual and gets its
 * usual answer. The execution's observation is handed to the context through `observations`.
 */
export function cachedExecution(
  cache: ResponseCache,
  verify: (token: string) => Promise<Principal>,
  observations: WeakMap<IncomingMessage, CacheObservation>,
): AroundExecution {
  return async ({ req, body }, run) => {
    if (typeof body.query !== "string") return run();
    // Anything but a valid bearer token is not cached: the request runs, and its context refuses it
    // with the same typed 401 as without a cache (a malformed header must not become a 500).
    let principal: Principal;
    try {
      const token = bearerToken(req.headers.authorization);
      if (!token) return run();
      principal = await verify(token);
    } catch {
      return run();
    }
    const key = cache.key(principal, body, req.headers.accept);
    return cache.answer(key, (observation) => {
      observations.set(req, observation);
      return run();
    });
  };
}
