// GraphQL Code Generator, the one config of the workspace (`npm run codegen`; `npm run codegen --
// --check` fails when a committed generated file is stale):
// - the dashboard's typed documents (client-preset) from its .graphql files, checked against the
//   composed supergraph;
// - each subgraph's resolver types (typescript-resolvers, federation on, mappers to its row types)
//   from its own SDL file (apps/<name>/subgraph.graphql, written by `npm run compose`).
import { readFileSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";

/** The subgraphs' folders, from the registry (supergraph.yaml): a new subgraph needs no line here. */
function registryDirs(): string[] {
  const yaml = readFileSync(new URL("./supergraph.yaml", import.meta.url), "utf8");
  return [...yaml.matchAll(/^\s+file:\s*\.\/apps\/([\w-]+)\/subgraph\.graphql\s*$/gm)].map(
    (m) => m[1] as string,
  );
}

/** HSA_CODEGEN_ONLY=<folder>: that subgraph's resolver types only (`npm run new-subgraph` uses it). */
const ONLY = process.env.HSA_CODEGEN_ONLY;

/** Per subgraph folder: the row types its resolvers return for its GraphQL types (beyond Region, KpiSeries). */
const MAPPERS: Record<string, Record<string, string>> = {
  // Procurement and payment reform extend supervision's Institution: their resolvers see only the key.
  procurement: { Institution: "{ id: string }" },
  "payment-reform": { Institution: "{ id: string }" },
  supervision: {
    Institution: "../db/schema#InstitutionRow",
    Inspection: "../resolvers/views#InspectionNode",
  },
};

/**
 * Directives of Federation 2 that the subgraph SDL files use (declared by the @link they carry;
 * codegen's federation mode knows only the Federation 1 ones), and the row types each subgraph's
 * resolvers return for its GraphQL types (mappers).
 */
const FEDERATION2_DIRECTIVES = `
directive @link(url: String!, import: [String]) repeatable on SCHEMA
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
`;

const resolverConfig = (mappers: Record<string, string>) => ({
  federation: true,
  useTypeImports: true,
  enumsAsTypes: true,
  contextType: "@hsa/subgraph-kit#SubgraphContext",
  scalars: { ID: "string", Quarter: "string" },
  mappers: {
    Region: "@hsa/regions#Region as RegionRow",
    KpiSeries: "@hsa/kpi#KpiSeries as KpiSeriesRow",
    ...mappers,
  },
  avoidOptionals: { defaultValue: true },
});

/** The resolver types of one subgraph (apps/<dir>/src/generated/resolvers.ts) from its SDL file. */
function resolverTypes(dir: string, mappers: Record<string, string>): CodegenConfig["generates"] {
  return {
    [`apps/${dir}/src/generated/resolvers.ts`]: {
      schema: [`apps/${dir}/subgraph.graphql`, FEDERATION2_DIRECTIVES],
      plugins: ["typescript", "typescript-resolvers"],
      config: resolverConfig(mappers),
    },
  };
}

/** The dashboard's typed documents, checked against the committed supergraph. */
const dashboardDocuments: CodegenConfig["generates"] = {
  "apps/dashboard/src/gql/": {
    schema: "apps/gateway/supergraph.graphql",
    documents: ["apps/dashboard/src/graphql/**/*.graphql"],
    preset: "client",
    presetConfig: { fragmentMasking: false },
    config: {
      documentMode: "string",
      enumsAsTypes: true,
      useTypeImports: true,
      skipTypename: true,
      scalars: { ID: "string", Quarter: "string" },
    },
  },
};

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...(ONLY ? {} : dashboardDocuments),
    ...Object.assign(
      {},
      ...registryDirs()
        .filter((dir) => !ONLY || dir === ONLY)
        .map((dir) => resolverTypes(dir, MAPPERS[dir] ?? {})),
    ),
  },
};

export default config;
