// Runs the payment-reform subgraph alone (its own process and database connection).
import { openDatabase } from "@hsa/db";
import { createLogger, jwtSecretFromEnv } from "@hsa/subgraph-kit";
import { DEFAULT_PORT, PORT_ENV, SUBGRAPH_NAME, startPaymentSubgraph } from "./server";

const log = createLogger(SUBGRAPH_NAME);
const handle = await openDatabase({ subgraph: SUBGRAPH_NAME });
const service = await startPaymentSubgraph({
  handle,
  port: Number(process.env[PORT_ENV] ?? DEFAULT_PORT),
  host: process.env.HSA_HOST ?? "127.0.0.1",
  jwtSecret: jwtSecretFromEnv(),
  log,
  closeDbOnStop: true,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log.info({ signal }, "shutting down");
    service.stop().then(() => process.exit(0));
  });
}
