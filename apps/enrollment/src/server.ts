import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph } from "@hsa/subgraph-kit";
import { loadEnrollmentDemo } from "./demo";
import { enrollmentReporting as reporting } from "./reporting";
import { createResolvers } from "./resolvers";

/**
 * The enrollment subgraph: its SDL, migrations, resolvers and demo data, declared once (its reporting in
 * ./reporting.ts; the demo's reports approved before DEMO_TO, submitted from then on).
 */
const subgraph = defineSubgraph({
  name: "enrollment",
  defaultPort: 4001,
  url: import.meta.url,
  ...reporting.subgraph((db, workflow) => createResolvers(db, process.env, workflow), DEMO_TO),
  loadDemo: loadEnrollmentDemo,
});

/** As the launcher (`module`), tests (`migrationsFolder`) and benchmarks see it. */
export const { migrationsFolder, start: startEnrollmentSubgraph, module: enrollmentModule } = subgraph;
