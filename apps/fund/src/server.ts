import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph } from "@hsa/subgraph-kit";
import { demoFund } from "./demo";
import { insertFundDemo, loadFundDemo } from "./demo/load";
import { fundReporting as reporting } from "./reporting";
import { createResolvers } from "./resolvers";

/**
 * The fund subgraph (基金与待遇): its SDL, migrations, resolvers and demo data, declared once (its reporting in
 * ./reporting.ts; the demo's reports approved before DEMO_TO, submitted from then on).
 */
const subgraph = defineSubgraph({
  name: "fund",
  defaultPort: 4005,
  url: import.meta.url,
  ...reporting.subgraph((db, workflow) => createResolvers(db, process.env, workflow), DEMO_TO),
  loadDemo: loadFundDemo,
  // tests and small stacks: one region's reporting units (the test stacks' `demoScopes`)
  insertDemoScope: (db, scope) => insertFundDemo(db, demoFund({ scope })),
});

/** As the launcher (`module`), tests (`migrationsFolder`) and benchmarks see it. */
export const { migrationsFolder, start: startFundSubgraph, module: fundModule } = subgraph;
