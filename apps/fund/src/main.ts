// Runs the fund subgraph alone (its own process and database connection).
import { runStandalone } from "@hsa/subgraph-kit";
import { fundModule } from "./server";

await runStandalone(fundModule);
