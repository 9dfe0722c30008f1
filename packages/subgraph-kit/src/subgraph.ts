import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import type { Logger } from "pino";
import { type Principal, tokenVerifierFromEnv } from "./auth";
import { formatError } from "./format-error";
import { closeServer, graphqlHttpHandler, listen } from "./http";
import { assertSafeBinding, internalSecretFromEnv } from "./internal";
import { localLandingPagePlugin } from "./landing";
import { DEFAULT_LIMITS, limitsFromEnv, type QueryLimits, queryLimitsRule } from "./limits";
import { createLogger } from "./logger";
import { DatabaseBreaker, databaseOutagePlugin } from "./outage";
import type { ReportingCoverage } from "./quality";
import type { Registry } from "./registry";
import { NO_REVOCATIONS, RevocationPoller, withRevocation } from "./revocation";
import {
  DATA_VERSION_PATH,
  dataVersionPlugin,
  type RequestChecks,
  requestContext,
  type UploadHandler,
  uploadRoutes,
} from "./subgraph-requests";
import { type ResolverMap, type SubgraphContext, subgraphSchema } from "./subgraph-schema";

export { formatError } from "./format-error";
export {
  DATA_VERSION_HEADER,
  DATA_VERSION_PATH,
  type UploadContext,
  type UploadHandler,
  WANT_DATA_VERSION_HEADER,
} from "./subgraph-requests";
export {
  FEDERATION_LINK,
  mergeResolvers,
  type ResolverInput,
  type ResolverMap,
  type SubgraphContext,
  sharedResolvers,
  subgraphTypeDefs,
} from "./subgraph-schema";

export interface SubgraphOptions {
  name: string;
  /** The subgraph's own SDL (its schema.graphql). */
  sdl: string;
  resolvers: ResolverMap;
  port: number;
  host?: string;
  jwtSecret: string;
  /** Readiness check, e.g. a database ping (also the breaker's probe while the database is gone). */
  ready?: () => Promise<Record<string, unknown> | undefined>;
  /** Called when the database answers again after an outage (e.g. the pool is renewed). */
  onDatabaseRecovered?: () => void;
  log?: Logger;
  /** Production: no introspection, no stack traces. */
  production?: boolean;
  onStop?: () => Promise<void>;
  /**
   * Query limits (default: depth and aliases from the environment like the gateway's, with 2 more
   * levels of depth for the gateway's `_entities` wrapper; no cost check). Subgraphs are reachable
   * directly: defence in depth.
   */
  limits?: QueryLimits;
  /** Token verification (default: HS256 with jwtSecret, or the OIDC JWKS of HSA_JWKS_URL). */
  verify?: (token: string) => Promise<Principal>;
  /**
   * The gateway's list of revoked API tokens (GET /auth/revoked), polled so that a revoked token is
   * refused here too within a poll interval (default HSA_REVOCATIONS_URL; unset: not polled).
   */
  revocationsUrl?: string;
  /**
   * Secret the gateway signs subgraph requests with (default: HSA_INTERNAL_SECRET, required in
   * production). When set, GraphQL requests and uploads without a valid signature get 401.
   * null: accept direct requests (development, tests).
   */
  internalSecret?: string | null;
  /** More SDL served with the subgraph's own (e.g. the reporting workflow's generated fields). */
  extraSDL?: readonly string[];
  /** The subgraph registry served by `Query.domains` (default: supergraph.yaml, see ./registry). */
  registry?: Registry;
  /** Reports received against expected per region and quarter (the reporting workflow): PARTIAL_REPORTING flags. */
  coverage?: ReportingCoverage;
  /**
   * Authenticated POST endpoints by path (e.g. "/import/enrollment" for CSV uploads). The token
   * is verified as for GraphQL; a missing or bad one is answered 401 before the handler runs.
   */
  uploads?: Record<string, UploadHandler>;
  /**
   * The data version of the subgraph's schema (see @hsa/db version.ts): served at GET /data-version
   * and, when a request asks with `x-hsa-want-data-version`, read before executing it and sent back
   * in `x-hsa-data-version` — what the gateway's response cache keys its entries on.
   */
  dataVersion?: () => Promise<string>;
}

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts one subgraph: its Apollo server with the shared parts, JWT-verified context, health and logs. */
export async function startSubgraph(opts: SubgraphOptions): Promise<RunningService> {
  const log = opts.log ?? createLogger(opts.name);
  const schema = subgraphSchema(opts);
  const production = opts.production ?? process.env.HSA_ENV === "production";
  const envLimits = limitsFromEnv();
  // Cost is the gateway's check: its entity fetches wrap selections in a list (`_entities`).
  const limits = opts.limits ?? {
    ...envLimits,
    maxDepth: envLimits.maxDepth && envLimits.maxDepth + 2,
    maxCost: 0,
  };
  const revocationsUrl = opts.revocationsUrl ?? process.env.HSA_REVOCATIONS_URL;
  const revocations = revocationsUrl ? new RevocationPoller(revocationsUrl, log) : undefined;
  // Not awaited: the gateway usually starts after its subgraphs; the poller retries every interval.
  void revocations?.start();
  const verify = withRevocation(
    opts.verify ?? tokenVerifierFromEnv(opts.jwtSecret),
    revocations ?? NO_REVOCATIONS,
  );
  assertSafeBinding(opts.name, opts.host, opts.jwtSecret);
  const checks: RequestChecks = {
    name: opts.name,
    log,
    verify,
    internalSecret:
      opts.internalSecret === null ? undefined : (opts.internalSecret ?? internalSecretFromEnv()),
  };
  const dataVersion = opts.dataVersion;
  const breaker = new DatabaseBreaker({ ping: opts.ready, onRecover: opts.onDatabaseRecovered, log });
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    validationRules: [queryLimitsRule(limits)],
    parseOptions: { maxTokens: limits.maxTokens || DEFAULT_LIMITS.maxTokens },
    introspection: !production,
    // Stack traces only when asked for (HSA_DEBUG=1), never in production.
    includeStacktraceInErrorResponses: !production && process.env.HSA_DEBUG === "1",
    formatError: formatError(production, log),
    // The process that hosts the server stops it on SIGINT/SIGTERM (`runStandalone`, `npm start`):
    // Apollo's own handlers would re-raise the signal once this server alone had stopped, killing the
    // process before the others and the database were closed (an embedded PGlite left unclean
    // replays its WAL on the next start).
    stopOnTerminationSignals: false,
    // No Apollo Studio here: skip federated tracing.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      databaseOutagePlugin<SubgraphContext>(breaker),
      dataVersionPlugin(),
      // Never Apollo's landing page (its IDE and font come from outside hosts): a local page.
      localLandingPagePlugin<SubgraphContext>({
        title: `HSA Graph 子图 ${opts.name} / subgraph ${opts.name}`,
        descriptionZh: "这是网关背后的一个子图：请通过网关（默认 http://127.0.0.1:4000/graphql）查询。",
        descriptionEn:
          "A subgraph behind the gateway: query the gateway (default http://127.0.0.1:4000/graphql) instead.",
      }),
    ],
  });
  await apollo.start();
  const maxBody = Number(process.env.HSA_MAX_BODY_BYTES);
  const handler = graphqlHttpHandler<SubgraphContext>({
    apollo,
    log,
    maxBodyBytes: Number.isInteger(maxBody) && maxBody > 0 ? maxBody : undefined,
    ready: opts.ready,
    routes: dataVersion ? { [DATA_VERSION_PATH]: async () => ({ version: await dataVersion() }) } : undefined,
    // A query that failed only because the database was gone runs once more when it is back.
    retry: () => breaker.probe(),
    context: requestContext(checks, breaker, dataVersion),
    postRoutes: uploadRoutes(checks, opts.uploads),
  });
  const listening = await listen(handler, opts.port, opts.host);
  log.info({ url: listening.url }, `${opts.name} subgraph ready`);
  return {
    name: opts.name,
    url: listening.url,
    port: listening.port,
    async stop() {
      breaker.stop();
      revocations?.stop();
      await closeServer(listening.server);
      await apollo.stop();
      await opts.onStop?.();
    },
  };
}

/**
 * `cache-control: no-store` on every GraphQL response, as Apollo's cache-control plugin answered:
 * no type or field of a subgraph declares a cache hint, so its answer was always no-store — at the
 * cost of a hook and a policy object on every resolved field (≈ 23,000 for a national county
 * ranking) and of wrapping every resolver of the schema. The gateway reads the header as before
 * (max-age 0); its response cache keys on data versions, not on hints.
 */
function noStorePlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}
