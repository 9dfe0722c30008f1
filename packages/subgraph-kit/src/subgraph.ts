import type { IncomingMessage, ServerResponse } from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { DEFAULT_PRECISION, kpiSDL } from "@hsa/kpi";
import { QuarterScalar, quarterScalarSDL } from "@hsa/periods";
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLScalarType,
  parse,
} from "graphql";
import type { Logger } from "pino";
import { bearerToken, type Principal, tokenVerifierFromEnv } from "./auth";
import { unauthenticated } from "./errors";
import { closeServer, graphqlHttpHandler, listen } from "./http";
import { assertSafeBinding, INTERNAL_HEADER, internalSecretFromEnv, verifyInternal } from "./internal";
import { withKpiComparisonResolvers } from "./kpis";
import { localLandingPagePlugin } from "./landing";
import { latestQuarterFieldSDL, withLatestQuarterResolvers } from "./latest";
import {
  DEFAULT_LIMITS,
  limitCodeOf,
  limitsFromEnv,
  type QueryLimits,
  queryLimitsRule,
  stripSuggestions,
} from "./limits";
import { createLogger } from "./logger";
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  DatabaseBreaker,
  databaseOutagePlugin,
  isDatabaseUnavailable,
  type RequestAttempt,
} from "./outage";
import type { ReportingCoverage } from "./quality";
import { boundQuarterRanges } from "./ranges";
import { kpiDomainsOf, rankingSDLFor, withRankingResolvers } from "./ranking";
import { regionResolvers, regionSDL } from "./regions";
import { domainsResolvers, domainsSDL, type Registry, readRegistry } from "./registry";
import { NO_REVOCATIONS, RevocationPoller, withRevocation } from "./revocation";

/** What every resolver of every subgraph receives. */
export interface SubgraphContext {
  principal: Principal;
  /** The caller's Authorization header, for calls this subgraph makes to another on the caller's behalf. */
  authorization?: string;
  requestId: string;
  log: Logger;
  /** This execution of the HTTP request (a query that lost its database connection is run twice). */
  attempt?: RequestAttempt;
  /**
   * The schema's data version read before execution, when the caller (the gateway's response
   * cache) asked for it with `x-hsa-want-data-version`; sent back in `x-hsa-data-version`.
   */
  dataVersion?: string;
}

/** Federation version used in every subgraph's @link (composition 2.14 knows ≤ v2.14). */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/** The full SDL of a subgraph: federation link, shared scalars/types (Quarter, KPI, Region) and its own schema.graphql. */
export function subgraphTypeDefs(ownSDL: string, extraSDL: readonly string[] = []): DocumentNode {
  const sdl = [FEDERATION_LINK, quarterScalarSDL, kpiSDL, regionSDL, domainsSDL, ownSDL, ...extraSDL].join(
    "\n",
  );
  // Every `Region.<domain>Kpis` gets its `Query.<domain>Ranking` and `Query.<domain>LatestQuarter`
  // (resolved by withRankingResolvers and withLatestQuarterResolvers).
  const domains = kpiDomainsOf(parse(sdl));
  const extra = [rankingSDLFor(domains), ...domains.map(latestQuarterFieldSDL)].filter(Boolean);
  return parse([sdl, ...extra].join("\n"));
}

/**
 * A resolver as graphql-js stores it. Its parameters are `never`, not `any`: every typed resolver
 * (`(parent: Row, args: { code: string }, ctx) => …`) is assignable to it, and code holding a
 * ResolverMap cannot call one with unchecked arguments — resolvers are typed where they are written
 * (the generated `Resolvers` types, or explicit parameter types in the shared packages).
 */
type AnyResolver = (parent: never, args: never, ctx: SubgraphContext, info: never) => unknown;
export type ResolverMap = Record<
  string,
  Record<string, AnyResolver | { resolve: AnyResolver }> | GraphQLScalarType
>;
/**
 * What a subgraph hands over: a ResolverMap, or its generated `Resolvers` type (GraphQL Code
 * Generator, typescript-resolvers: every type and field optional).
 */
type FieldResolverInput = ((...args: never[]) => unknown) | { resolve: (...args: never[]) => unknown };
export type ResolverInput = {
  [type: string]: Record<string, FieldResolverInput | undefined> | GraphQLScalarType | undefined;
};

/** Merges the shared resolvers (Quarter, Region, Query.region/regions) with a subgraph's own. */
export function mergeResolvers<R extends ResolverInput = ResolverInput>(...maps: NoInfer<R>[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      if (!fields) continue;
      const existing = out[type];
      if (existing && !(fields instanceof Object && "serialize" in fields)) {
        out[type] = {
          ...(existing as Record<string, AnyResolver>),
          ...(fields as Record<string, AnyResolver>),
        };
      } else out[type] = fields as ResolverMap[string];
    }
  }
  return out;
}

export const sharedResolvers: ResolverMap = {
  Quarter: QuarterScalar,
  // A series carries its metric's declaration, where precision may be left to the default: the
  // wire shape is the catalogue's (metricToGraphQL), whichever field hands the metric out.
  Metric: { precision: (m: { precision?: number }) => m.precision ?? DEFAULT_PRECISION },
  ...(regionResolvers as unknown as ResolverMap),
};

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

/** Request header: read the data version before executing, answer it in DATA_VERSION_HEADER. */
export const WANT_DATA_VERSION_HEADER = "x-hsa-want-data-version";
/** Response header: the subgraph's data version read before the request was executed. */
export const DATA_VERSION_HEADER = "x-hsa-data-version";
/** GET endpoint of a subgraph answering `{ "version": "…" }` (no token: a count of writes, nothing more). */
export const DATA_VERSION_PATH = "/data-version";

/** Sends the data version read for this request back to the caller. */
function dataVersionPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue?.dataVersion)
            response.http.headers.set(DATA_VERSION_HEADER, contextValue.dataVersion);
        },
      };
    },
  };
}

export interface UploadContext {
  principal: Principal;
  authorization: string;
  requestId: string;
  log: Logger;
}

/** Reads the request body itself and writes the whole response; returns the HTTP status. */
export type UploadHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  ctx: UploadContext,
) => Promise<number>;

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

function notThroughGateway(): GraphQLError {
  return unauthenticated(
    "this service answers only requests that come through the gateway: send them to the gateway's /graphql",
  );
}

/** Federation's own schema fetch (IntrospectAndCompose) carries no user token; its SDL is not secret. */
function isServiceSdlQuery(body: unknown): boolean {
  if (!body || typeof body !== "object") return false;
  const q = (body as { query?: unknown }).query;
  return typeof q === "string" && /^\s*(query\s*\w*\s*)?\{\s*_service\s*\{\s*sdl\s*\}\s*\}\s*$/.test(q);
}

/**
 * Errors clients see: coded errors as thrown; anything unexpected (a database error, a bug) is
 * logged in full and answered with a generic message, so SQL text or stack details never leak.
 */
export function formatError(production: boolean, log?: Logger) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    // Apollo prefixes errors thrown while building the context; ours are already worded for clients.
    let out = formatted.message.startsWith("Context creation failed: ")
      ? { ...formatted, message: formatted.message.slice("Context creation failed: ".length) }
      : formatted;
    const limit = limitCodeOf(formatted.extensions, formatted.message);
    if (limit) {
      const { limit: _l, ...rest } = formatted.extensions ?? {};
      out = { ...out, extensions: { ...rest, code: limit } };
    }
    const code = out.extensions?.code;
    if (code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(error)) {
      // A restarting or unreachable database: say so, with a code clients can retry on.
      log?.warn({ err: error, path: formatted.path }, "database unavailable");
      const { stacktrace: _s, ...extensions } = out.extensions ?? {};
      return {
        ...out,
        message: DATABASE_UNAVAILABLE_MESSAGE,
        extensions: { ...extensions, code: "DATABASE_UNAVAILABLE" },
      };
    }
    if (code === "INTERNAL_SERVER_ERROR" && !(production === false && process.env.HSA_DEBUG === "1")) {
      log?.error({ err: error, path: formatted.path }, "unexpected error");
      out = { ...formatted, message: "internal server error: the details are in the service log" };
    }
    if (!production) return out;
    const { stacktrace: _s, ...extensions } = out.extensions ?? {};
    return { ...out, message: stripSuggestions(out.message), extensions };
  };
}

/** @apollo/subgraph's resolver map type (not exported by name). */
type ApolloResolverMap = NonNullable<
  Extract<
    Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number],
    { resolvers?: unknown }
  >["resolvers"]
>;

/** Starts one subgraph: its Apollo server with the shared parts, JWT-verified context, health and logs. */
export async function startSubgraph(opts: SubgraphOptions): Promise<RunningService> {
  const log = opts.log ?? createLogger(opts.name);
  const merged = mergeResolvers(
    sharedResolvers,
    domainsResolvers(opts.registry ?? readRegistry()),
    opts.resolvers,
  );
  const resolvers = withKpiComparisonResolvers(withLatestQuarterResolvers(withRankingResolvers(merged)), {
    coverage: opts.coverage,
  });
  const schema = boundQuarterRanges(
    buildSubgraphSchema([
      {
        typeDefs: subgraphTypeDefs(opts.sdl, opts.extraSDL),
        // @apollo/subgraph's map (fields of `(source: any, …)`) takes ours as is once widened.
        resolvers: resolvers as unknown as ApolloResolverMap,
      },
    ]),
  );
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
  const internalSecret =
    opts.internalSecret === null ? undefined : (opts.internalSecret ?? internalSecretFromEnv());
  const viaGateway = async (req: IncomingMessage): Promise<boolean> => {
    if (!internalSecret) return true;
    const header = req.headers[INTERNAL_HEADER];
    return verifyInternal(
      internalSecret,
      opts.name,
      typeof header === "string" ? header : undefined,
      req.headers.authorization,
    );
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
    // No Apollo Studio here: skip federated tracing.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
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
    context: async ({ req, requestId, body, attempt }) => {
      if (!(await viaGateway(req))) throw notThroughGateway();
      if (breaker.isOpen()) {
        // HTTP 200 so that the gateway passes the code on instead of reporting the subgraph down.
        throw new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
          extensions: { code: "DATABASE_UNAVAILABLE", http: { status: 200 } },
        });
      }
      const token = bearerToken(req.headers.authorization);
      if (!token) {
        // Only federation's SDL fetch may come without a token; everything else is denied.
        const anonymous: Principal = { sub: "anonymous", name: "anonymous", scope: null, roles: [] };
        if (req.method === "POST" && isServiceSdlQuery(body)) {
          return { principal: anonymous, requestId, log, attempt };
        }
        throw unauthenticated();
      }
      // Read before anything is executed: a write committed meanwhile makes the entry look older
      // than its data, never newer (the cache then recomputes; it never serves stale figures).
      const version =
        dataVersion && req.headers[WANT_DATA_VERSION_HEADER]
          ? dataVersion().catch((err: unknown) => {
              log.warn({ err, requestId }, "data version not read: the answer will not be cached");
              return undefined;
            })
          : undefined;
      const principal = await verify(token);
      return {
        principal,
        authorization: req.headers.authorization,
        requestId,
        log: log.child({ sub: principal.sub }),
        attempt,
        dataVersion: await version,
      };
    },
    postRoutes: Object.fromEntries(
      Object.entries(opts.uploads ?? {}).map(([path, upload]) => [
        path,
        async (req: IncomingMessage, res: ServerResponse, requestId: string) => {
          const fail = (status: number, code: string, message: string) => {
            res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
            res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
            req.resume();
            return status;
          };
          if (!(await viaGateway(req))) return fail(401, "UNAUTHENTICATED", notThroughGateway().message);
          const token = bearerToken(req.headers.authorization);
          if (!token) return fail(401, "UNAUTHENTICATED", unauthenticated().message);
          let principal: Principal;
          try {
            principal = await verify(token);
          } catch (err) {
            return fail(401, "UNAUTHENTICATED", (err as Error).message);
          }
          return upload(req, res, {
            principal,
            authorization: req.headers.authorization as string,
            requestId,
            log: log.child({ sub: principal.sub }),
          });
        },
      ]),
    ),
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
