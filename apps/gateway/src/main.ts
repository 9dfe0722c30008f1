// Runs the gateway alone, in front of subgraphs started elsewhere (ENROLLMENT_URL, …).
import { createLogger, jwtSecretFromEnv, onStopSignals } from "@hsa/subgraph-kit";
import { DEFAULT_PORT, startGateway } from "./server";

const log = createLogger("gateway");
try {
  const gateway = await startGateway({
    port: Number(process.env.GATEWAY_PORT ?? DEFAULT_PORT),
    host: process.env.HSA_HOST ?? "127.0.0.1",
    jwtSecret: jwtSecretFromEnv(),
    log,
  });
  onStopSignals(() => gateway.stop(), { say: (msg) => log.warn(msg) });
} catch (err) {
  // A configuration refusal (secret, address) is the whole message: no stack trace.
  process.stderr.write(`gateway: ${(err as Error).message}\n`);
  process.exit(1);
}
