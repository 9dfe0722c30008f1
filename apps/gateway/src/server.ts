import type { IncomingMessage } from "node:http";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import type { DbHandle } from "@hsa/db";
import { QuarterScalar } from "@hsa/periods";
import {
  assertSafeBinding,
  bearerToken,
  closeServer,
  cors,
  corsOriginsFromEnv,
  createLogger,
  formatError,
  graphqlHttpHandler,
  internalSecretFromEnv,
  type Logger,
  limitsFromEnv,
  listen,
  localLandingPagePlugin,
  NO_REVOCATIONS,
  type Principal,
  type QueryLimits,
  queryCostPlugin,
  queryLimitsRule,
  ReadinessError,
  type RunningService,
  type TokenVerifier,
  tokenVerifierFromEnv,
  unauthenticated,
  withRevocation,
} from "@hsa/subgraph-kit";
import type { GraphQLScalarType } from "graphql";
import { cacheabilityPlugin, cachedExecution, responseCacheMbFromEnv } from "./cache-wiring";
import { importProxyRoutes } from "./imports";
import { PERSISTED_OPERATIONS_PATH, persistedOperationsPlugin, readPersistedOperations } from "./persisted";
import { type CacheObservation, FetchMerger, ResponseCache } from "./response-cache";
import { SUBGRAPH_UNAVAILABLE, SubgraphDataSource } from "./subgraph-source";
import { readSupergraph, supergraphServices } from "./supergraph";
import { createTokenStore, tokensUnavailableRoutes } from "./tokens";

export const DEFAULT_PORT = 4000;
export { SUBGRAPH_UNAVAILABLE };

export interface GatewayContext {
  principal: Principal;
  /** The caller's Authorization header, forwarded to every subgraph (which verifies it again). */
  authorization: string;
  requestId: string;
  /** With the response cache on: what this execution learns about whether its answer may be kept. */
  cache?: CacheObservation;
}

export interface GatewayOptions {
  port?: number;
  host?: string;
  jwtSecret: string;
  /** The dashboard's address, named on the page a browser gets at GET /graphql (default HSA_DASHBOARD_URL). */
  dashboardUrl?: string;
  /**
   * The database of the API tokens for scripts (schema `gateway`, see ./tokens): with it, admins
   * issue, list and revoke tokens at /auth/tokens and revoked ones are refused. Without it, those
   * endpoints answer 503 and /auth/revoked an empty list.
   */
  tokens?: DbHandle;
  /** Supergraph SDL; default: the committed supergraph.graphql. */
  supergraphSdl?: string;
  /** Subgraph URL overrides by name (default: `<NAME>_URL` env vars, else the supergraph's URLs). */
  subgraphUrls?: Record<string, string>;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  production?: boolean;
  /** Schema introspection (default: HSA_INTROSPECTION, "0" turns it off; always off in production). */
  introspection?: boolean;
  /**
   * Demo mode (never in production): GET /demo/users lists demo users with fresh tokens, so the
   * dashboard can offer "sign in as …". Each entry is returned as given.
   */
  demoUsers?: () => Promise<DemoUserToken[]>;
  /** Query limits (default: HSA_MAX_DEPTH, HSA_MAX_ALIASES, HSA_MAX_COST, HSA_LIST_FACTOR, HSA_MAX_TOKENS). */
  limits?: QueryLimits;
  /** Token verification (default: HS256 with jwtSecret, or the OIDC JWKS of HSA_JWKS_URL). */
  verify?: TokenVerifier;
  /**
   * Secret to sign subgraph requests with (default: HSA_INTERNAL_SECRET, required in production);
   * null: do not sign.
   */
  internalSecret?: string | null;
  /**
   * Path of the persisted-operation allow-list (default: HSA_PERSISTED_OPERATIONS; in production
   * the committed persisted-operations.json when unset). null: no allow-list.
   */
  persistedOperations?: string | null;
  /**
   * Size of the response cache in MB (default HSA_RESPONSE_CACHE_MB, 64); 0: no cache. See
   * ./response-cache: answers per caller scope, checked against the subgraphs' data versions.
   */
  responseCacheMb?: number;
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${v}"`);
  return n;
}

export interface DemoUserToken {
  key: string;
  name: string;
  scope: string;
  roles: string[];
  descriptionZh: string;
  descriptionEn: string;
  token: string;
}

/**
 * The supergraph knows custom scalars only by name, so the gateway would pass "2023Q5" on to a
 * subgraph whose rejection then surfaces as a fetch failure. Giving the gateway's own schema the
 * real Quarter parsing makes bad input fail early, with BAD_USER_INPUT, before any subgraph call.
 */
function sharedScalarsPlugin(): ApolloServerPlugin<GatewayContext> {
  const implementations: GraphQLScalarType[] = [QuarterScalar];
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          for (const impl of implementations) {
            // Duck-typed: @apollo/gateway loads graphql's CommonJS build, we load its ESM build,
            // so `isScalarType` (an instanceof check) would reject the gateway's own type.
            const type = apiSchema.getType(impl.name) as GraphQLScalarType | undefined;
            if (!type || !("parseLiteral" in type)) continue;
            type.parseValue = impl.parseValue;
            type.parseLiteral = impl.parseLiteral;
            type.serialize = impl.serialize;
          }
        },
      };
    },
  };
}

/** The dashboard's 数据查询 page (`?page=explorer`) at the given dashboard address; undefined when unknown or not a URL. */
export function explorerUrl(dashboardUrl: string | undefined): string | undefined {
  if (!dashboardUrl) return undefined;
  try {
    const url = new URL(dashboardUrl);
    url.searchParams.set("page", "explorer");
    return url.toString();
  } catch {
    return undefined;
  }
}

/** `ENROLLMENT_URL`, `PAYMENT_URL`, … from the environment. */
export function subgraphUrlsFromEnv(
  names: string[],
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = env[`${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`];
    if (v) out[name] = v;
  }
  return out;
}

/** The federated gateway: verifies the JWT, forwards it, and plans queries over the static supergraph. */
export async function startGateway(
  opts: GatewayOptions,
): Promise<RunningService & { subgraphUrls: Record<string, string>; responseCache?: ResponseCache }> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? createLogger("gateway", env);
  const production = opts.production ?? env.HSA_ENV === "production";
  const supergraphSdl = opts.supergraphSdl ?? readSupergraph();
  const declared = supergraphServices(supergraphSdl);
  const overrides = {
    ...subgraphUrlsFromEnv(
      declared.map((s) => s.name),
      env,
    ),
    ...(opts.subgraphUrls ?? {}),
  };
  const urls: Record<string, string> = Object.fromEntries(
    declared.map((s) => [s.name, overrides[s.name] ?? s.url]),
  );

  // @apollo/gateway otherwise probes cloud metadata endpoints and exports usage metrics to Apollo
  // every few minutes: a bureau gateway on a government network must not phone home.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const timeoutMs = intEnv(env, "HSA_SUBGRAPH_TIMEOUT_MS", 10_000);
  const internalSecret =
    opts.internalSecret === null ? undefined : (opts.internalSecret ?? internalSecretFromEnv(env));
  assertSafeBinding("gateway", opts.host, opts.jwtSecret, Boolean(opts.demoUsers) && !production);
  const cacheMb = opts.responseCacheMb ?? responseCacheMbFromEnv(env);
  const responseCache =
    cacheMb > 0
      ? new ResponseCache({ subgraphUrls: urls, maxBytes: Math.round(cacheMb * 1024 * 1024) })
      : undefined;
  const observations = new WeakMap<IncomingMessage, CacheObservation>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        name,
        (name && urls[name]) || url || "",
        timeoutMs,
        internalSecret,
        responseCache ? new FetchMerger(responseCache.probes[name]) : undefined,
      ),
  });
  const limits = opts.limits ?? limitsFromEnv(env);
  const baseVerify = opts.verify ?? tokenVerifierFromEnv(opts.jwtSecret, env);
  const tokenStore = opts.tokens
    ? await createTokenStore({
        handle: opts.tokens,
        secret: opts.jwtSecret,
        verify: baseVerify,
        sign: !env.HSA_JWKS_URL,
        log,
      })
    : undefined;
  const verify = withRevocation(baseVerify, tokenStore ?? NO_REVOCATIONS);
  const allowBatch = env.HSA_ALLOW_BATCH === "1";
  const persistedPath =
    opts.persistedOperations !== undefined
      ? opts.persistedOperations
      : (env.HSA_PERSISTED_OPERATIONS ?? (production ? PERSISTED_OPERATIONS_PATH : null));
  // Cost is priced where variables are known (a plugin); depth and aliases in validation.
  const plugins = [
    sharedScalarsPlugin(),
    cacheabilityPlugin<GatewayContext>(),
    queryCostPlugin<GatewayContext>(limits),
    // Never Apollo's landing page (its IDE and font come from outside hosts): a local page.
    localLandingPagePlugin<GatewayContext>({
      title: "HSA Graph 医保数据联邦网关 / federated gateway",
      descriptionZh:
        "医保数据平台的统一 GraphQL 接口：参保、集采、支付方式改革、基金监管各子图合成一张图，按令牌的行政区划范围返回数据。",
      descriptionEn:
        "The one GraphQL endpoint of the healthcare security data platform; answers within your token's region scope.",
      explorerUrl: explorerUrl(opts.dashboardUrl ?? env.HSA_DASHBOARD_URL),
    }),
  ];
  if (persistedPath)
    plugins.push(persistedOperationsPlugin<GatewayContext>(readPersistedOperations(persistedPath)));
  const corsPolicy = cors(corsOriginsFromEnv(env));
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production && (opts.introspection ?? env.HSA_INTROSPECTION !== "0"),
    // Stack traces only when asked for (HSA_DEBUG=1), never in production.
    includeStacktraceInErrorResponses: !production && env.HSA_DEBUG === "1",
    formatError: formatError(production, log),
    plugins,
    validationRules: [queryLimitsRule({ ...limits, maxCost: 0 })],
    parseOptions: { maxTokens: limits.maxTokens || undefined },
    allowBatchedHttpRequests: allowBatch,
    // CSRF prevention is Apollo's default; stated here so nobody turns it off by accident.
    csrfPrevention: true,
    // Signals are the hosting process's (main.ts, `npm start`): see the subgraph kit's server.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const handler = graphqlHttpHandler<GatewayContext>({
    apollo,
    log,
    maxBodyBytes: intEnv(env, "HSA_MAX_BODY_BYTES", 1024 * 1024),
    maxBatch: allowBatch ? intEnv(env, "HSA_MAX_BATCH", 10) : 0,
    headers: corsPolicy.headers,
    preflight: corsPolicy.preflight,
    context: async ({ req, requestId }) => {
      const header = req.headers.authorization;
      const token = bearerToken(header);
      if (!token || !header) throw unauthenticated();
      const principal = await verify(token);
      return { principal, authorization: header, requestId, cache: observations.get(req) };
    },
    around: responseCache ? cachedExecution(responseCache, verify, observations) : undefined,
    routes: opts.demoUsers && !production ? { "/demo/users": opts.demoUsers } : undefined,
    postRoutes: importProxyRoutes(urls, verify, log, undefined, internalSecret),
    requestRoutes: tokenStore?.routes ?? tokensUnavailableRoutes(),
    ready: async () => {
      const checks = await Promise.all(
        Object.entries(urls).map(async ([name, url]) => {
          try {
            const res = await fetch(new URL("/ready", url), { signal: AbortSignal.timeout(2000) });
            return [name, res.ok ? "ready" : "not ready"] as const;
          } catch {
            return [name, "unreachable"] as const;
          }
        }),
      );
      const subgraphs = Object.fromEntries(checks);
      if (checks.some(([, s]) => s !== "ready"))
        throw new ReadinessError(`subgraphs not ready: ${JSON.stringify(subgraphs)}`);
      return { subgraphs };
    },
  });
  const listening = await listen(handler, opts.port ?? DEFAULT_PORT, opts.host);
  log.info({ url: listening.url, subgraphs: urls }, "gateway ready");
  return {
    name: "gateway",
    url: listening.url,
    port: listening.port,
    subgraphUrls: urls,
    responseCache,
    async stop() {
      tokenStore?.stop();
      await closeServer(listening.server);
      await apollo.stop();
    },
  };
}
