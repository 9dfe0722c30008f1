// Runs the procurement subgraph alone (its own process and database connection).
import { runStandalone } from "@hsa/subgraph-kit";
import { procurementModule } from "./server";

await runStandalone(procurementModule);
