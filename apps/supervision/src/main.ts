// Runs the supervision subgraph alone (its own process and database connection).
import { runStandalone } from "@hsa/subgraph-kit";
import { supervisionModule } from "./server";

await runStandalone(supervisionModule);
