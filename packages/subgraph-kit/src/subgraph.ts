import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { kpiSDL } from "@hsa/kpi";
import { QuarterScalar, quarterScalarSDL } from "@hsa/periods";
import { type DocumentNode, type GraphQLFormattedError, type GraphQLScalarType, parse } from "graphql";
import type { Logger } from "pino";
import { bearerToken, type Principal, verifyToken } from "./auth";
import { unauthenticated } from "./errors";
import { closeServer, graphqlHttpHandler, listen } from "./http";
import { createLogger } from "./logger";
import { regionResolvers, regionSDL } from "./regions";

/** What every resolver of every subgraph receives. */
export interface SubgraphContext {
  principal: Principal;
  /** The caller's Authorization header, for calls this subgraph makes to another on the caller's behalf. */
  authorization?: string;
  requestId: string;
  log: Logger;
}

/** Federation version used in every subgraph's @link (composition 2.14 knows ≤ v2.14). */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

/** The full SDL of a subgraph: federation link, shared scalars/types (Quarter, KPI, Region) and its own schema.graphql. */
export function subgraphTypeDefs(ownSDL: string): DocumentNode {
  return parse([FEDERATION_LINK, quarterScalarSDL, kpiSDL, regionSDL, ownSDL].join("\n"));
}

// biome-ignore lint/suspicious/noExplicitAny: resolver functions are checked where they are written; this map is the graphql-js boundary.
type AnyResolver = (parent: any, args: any, ctx: SubgraphContext, info: any) => unknown;
export type ResolverMap = Record<
  string,
  Record<string, AnyResolver | { resolve: AnyResolver }> | GraphQLScalarType
>;

/** Merges the shared resolvers (Quarter, Region, Query.region/regions) with a subgraph's own. */
export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const out: ResolverMap = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map)) {
      const existing = out[type];
      if (existing && !(fields instanceof Object && "serialize" in fields)) {
        out[type] = {
          ...(existing as Record<string, AnyResolver>),
          ...(fields as Record<string, AnyResolver>),
        };
      } else out[type] = fields;
    }
  }
  return out;
}

export const sharedResolvers: ResolverMap = {
  Quarter: QuarterScalar,
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
  /** Readiness check, e.g. a database ping. */
  ready?: () => Promise<Record<string, unknown> | undefined>;
  log?: Logger;
  /** Production: no introspection, no stack traces. */
  production?: boolean;
  onStop?: () => Promise<void>;
}

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
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
    const code = formatted.extensions?.code;
    let out = formatted;
    if (code === "INTERNAL_SERVER_ERROR" && !(production === false && process.env.HSA_DEBUG === "1")) {
      log?.error({ err: error, path: formatted.path }, "unexpected error");
      out = { ...formatted, message: "internal server error: the details are in the service log" };
    }
    if (!production) return out;
    const { stacktrace: _s, ...extensions } = out.extensions ?? {};
    return { ...out, extensions };
  };
}

/** Starts one subgraph: its Apollo server with the shared parts, JWT-verified context, health and logs. */
export async function startSubgraph(opts: SubgraphOptions): Promise<RunningService> {
  const log = opts.log ?? createLogger(opts.name);
  const schema = buildSubgraphSchema([
    {
      typeDefs: subgraphTypeDefs(opts.sdl),
      // biome-ignore lint/suspicious/noExplicitAny: @apollo/subgraph's resolver map type is loose by design.
      resolvers: mergeResolvers(sharedResolvers, opts.resolvers) as any,
    },
  ]);
  const production = opts.production ?? process.env.HSA_ENV === "production";
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    introspection: !production,
    // Stack traces only when asked for (HSA_DEBUG=1), never in production.
    includeStacktraceInErrorResponses: !production && process.env.HSA_DEBUG === "1",
    formatError: formatError(production, log),
    // No Apollo Studio here: skip federated tracing.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const handler = graphqlHttpHandler<SubgraphContext>({
    apollo,
    log,
    ready: opts.ready,
    context: async ({ req, requestId, body }) => {
      const token = bearerToken(req.headers.authorization);
      if (!token) {
        // Only federation's SDL fetch may come without a token; everything else is denied.
        const anonymous: Principal = { sub: "anonymous", name: "anonymous", scope: null, roles: [] };
        if (req.method === "POST" && isServiceSdlQuery(body)) {
          return { principal: anonymous, requestId, log };
        }
        throw unauthenticated();
      }
      const principal = await verifyToken(token, opts.jwtSecret);
      return {
        principal,
        authorization: req.headers.authorization,
        requestId,
        log: log.child({ sub: principal.sub }),
      };
    },
  });
  const listening = await listen(handler, opts.port, opts.host);
  log.info({ url: listening.url }, `${opts.name} subgraph ready`);
  return {
    name: opts.name,
    url: listening.url,
    port: listening.port,
    async stop() {
      await closeServer(listening.server);
      await apollo.stop();
      await opts.onStop?.();
    },
  };
}
