import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph } from "@hsa/subgraph-kit";
import { loadSupervisionDemo } from "./demo";
import { supervisionReporting as reporting } from "./reporting";
import { createResolvers } from "./resolvers";

/**
 * The supervision subgraph: its SDL, migrations, resolvers and demo data, declared once (its reporting in
 * ./reporting.ts; the demo's reports approved before DEMO_TO, submitted from then on).
 */
const subgraph = defineSubgraph({
  name: "supervision",
  defaultPort: 4004,
  url: import.meta.url,
  ...reporting.subgraph((db, workflow) => createResolvers(db, process.env, workflow), DEMO_TO),
  loadDemo: loadSupervisionDemo,
});

/** As the launcher (`module`), tests (`migrationsFolder`) and benchmarks see it. */
export const { migrationsFolder, start: startSupervisionSubgraph, module: supervisionModule } = subgraph;
