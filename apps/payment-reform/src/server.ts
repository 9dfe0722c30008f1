import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph } from "@hsa/subgraph-kit";
import { loadPaymentDemo } from "./demo-load";
import { paymentReporting as reporting, supervisionUrl } from "./reporting";
import { createResolvers } from "./resolvers";

/**
 * The payment-reform subgraph: its SDL, migrations, resolvers and demo data, declared once (its reporting in
 * ./reporting.ts; the demo's reports approved before DEMO_TO, submitted from then on).
 */
const subgraph = defineSubgraph({
  name: "payment",
  defaultPort: 4003,
  portEnv: "PAYMENT_REFORM_PORT",
  url: import.meta.url,
  ...reporting.subgraph(
    (db, workflow, opts) => createResolvers(db, { supervisionUrl: supervisionUrl(opts), workflow }),
    DEMO_TO,
  ),
  loadDemo: (db, onProgress) => loadPaymentDemo(db, onProgress),
});

/** As the launcher (`module`), tests (`migrationsFolder`) and benchmarks see it. */
export const { migrationsFolder, start: startPaymentSubgraph, module: paymentModule } = subgraph;
