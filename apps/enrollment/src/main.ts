// Runs the enrollment subgraph alone (its own process and database connection).
import { runStandalone } from "@hsa/subgraph-kit";
import { enrollmentModule } from "./server";

await runStandalone(enrollmentModule);
