/**
 * The schema side of a subgraph: the context every resolver receives, the full SDL (federation link,
 * shared types, the subgraph's own), resolver maps and how they merge, and the executable schema.
 */
import { buildSubgraphSchema } from "@apollo/subgraph";
import { DEFAULT_PRECISION, kpiSDL, unitEnOf } from "@hsa/kpi";
import { QuarterScalar, quarterScalarSDL } from "@hsa/periods";
import { type DocumentNode, type GraphQLScalarType, type GraphQLSchema, parse } from "graphql";
import type { Logger } from "pino";
import type { Principal } from "./auth";
import { withKpiComparisonResolvers } from "./kpis";
import { latestQuarterFieldSDL, withLatestQuarterResolvers } from "./latest";
import type { RequestAttempt } from "./outage";
import type { ReportingCoverage } from "./quality";
import { boundQuarterRanges } from "./ranges";
import { kpiDomainsOf, rankingSDLFor, withRankingResolvers } from "./ranking";
import { regionResolvers, regionSDL } from "./regions";
import { domainsResolvers, domainsSDL, type Registry, readRegistry } from "./registry";

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
  // A series carries its metric's declaration, where precision and the English unit may be left to
  // the default: the wire shape is the catalogue's (metricToGraphQL), whichever field hands it out.
  Metric: {
    precision: (m: { precision?: number }) => m.precision ?? DEFAULT_PRECISION,
    unitEn: (m: { unit: string; unitEn?: string }) => unitEnOf(m),
  },
  ...(regionResolvers as unknown as ResolverMap),
};

/** @apollo/subgraph's resolver map type (not exported by name). */
type ApolloResolverMap = NonNullable<
  Extract<
    Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number],
    { resolvers?: unknown }
  >["resolvers"]
>;

/**
 * The executable schema of a subgraph: its SDL with the shared parts, its resolvers merged with the
 * shared ones (regions, `Query.domains` from the registry, rankings, KPI comparisons), quarter
 * ranges bounded.
 */
export function subgraphSchema(opts: {
  sdl: string;
  extraSDL?: readonly string[];
  resolvers: ResolverMap;
  registry?: Registry;
  coverage?: ReportingCoverage;
}): GraphQLSchema {
  const merged = mergeResolvers(
    sharedResolvers,
    domainsResolvers(opts.registry ?? readRegistry()),
    opts.resolvers,
  );
  const resolvers = withKpiComparisonResolvers(
    withLatestQuarterResolvers(withRankingResolvers(merged), opts.coverage?.latestReportedQuarter),
    {
      coverage: opts.coverage,
    },
  );
  return boundQuarterRanges(
    buildSubgraphSchema([
      {
        typeDefs: subgraphTypeDefs(opts.sdl, opts.extraSDL),
        // @apollo/subgraph's map (fields of `(source: any, …)`) takes ours as is once widened.
        resolvers: resolvers as unknown as ApolloResolverMap,
      },
    ]),
  );
}
