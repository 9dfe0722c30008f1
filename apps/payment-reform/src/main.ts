// Runs the payment-reform subgraph alone (its own process and database connection).
import { runStandalone } from "@hsa/subgraph-kit";
import { paymentModule } from "./server";

await runStandalone(paymentModule);
