import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph } from "@hsa/subgraph-kit";
import { loadProcurementDemo } from "./demo";
import { procurementReporting as reporting, supervisionUrl } from "./reporting";
import { createResolvers } from "./resolvers";

/**
 * The procurement subgraph: its SDL, migrations, resolvers and demo data, declared once (its reporting in
 * ./reporting.ts; the demo's reports approved before DEMO_TO, submitted from then on).
 */
const subgraph = defineSubgraph({
  name: "procurement",
  defaultPort: 4002,
  url: import.meta.url,
  ...reporting.subgraph(
    (db, workflow, opts) => createResolvers(db, { supervisionUrl: supervisionUrl(opts), workflow }),
    DEMO_TO,
  ),
  loadDemo: (db, onProgress) => loadProcurementDemo(db, onProgress),
});

/** As the launcher (`module`), tests (`migrationsFolder`) and benchmarks see it. */
export const { migrationsFolder, start: startProcurementSubgraph, module: procurementModule } = subgraph;
