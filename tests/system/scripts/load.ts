// `pnpm --filter @hsa/system-tests load`: a bounded load test on loopback (not part of `npm test`).
// Starts every subgraph and the gateway in this process on in-memory PGlite with the demo data
// of 内蒙古 (150000; procurement: 呼伦贝尔 150700 in 2022), then sends the dashboard's mixed operations (the persisted Dashboard_<domain>
// per domain and region, DashboardChildren) with autocannon for LOAD_SECONDS (default 60) per run,
// LOAD_RUNS runs (default 3), LOAD_CONNECTIONS connections (default 10). It fails (exit 1) on any
// HTTP error, non-2xx, GraphQL error or timeout, or when the heap after a GC grows by more than
// 20 % from the first run to the last. Loopback only: it never targets another host.
import autocannon from "autocannon";
import { domainQuery } from "../../../apps/dashboard/src/lib/api";
import { startStack, token } from "../test/stack";

process.env.LOG_LEVEL ??= "silent";
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const RUNS = Number(process.env.LOAD_RUNS ?? 3);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 10);
if (!(SECONDS > 0 && SECONDS <= 600 && RUNS > 0 && RUNS <= 10 && CONNECTIONS > 0 && CONNECTIONS <= 100))
  throw new Error("LOAD_SECONDS 1–600, LOAD_RUNS 1–10, LOAD_CONNECTIONS 1–100");

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const stack = await startStack("pglite", undefined, {
  enrollmentScopes: ["150000"],
  supervisionScopes: ["150000"],
  // One city's purchases for one year: the whole province is too many rows for a quick start.
  procurementScopes: ["150700"],
  procurementRange: { from: "2022Q1", to: "2022Q4" },
});
const url = new URL(stack.gateway.url);
if (url.hostname !== "127.0.0.1") throw new Error("the load test runs on loopback only");
const bearer = await token({ sub: "load", scope: "150000", roles: ["viewer"] }, undefined, "2h");
const domains = Object.keys(stack.services).map((d) => (d === "payment-reform" ? "payment" : d));
const regions = ["150000", "150700", "150724", "150100"];
const bodies: { body: string; name: string }[] = [];
for (const domain of domains)
  for (const code of regions)
    bodies.push({
      name: `Dashboard_${domain}`,
      body: JSON.stringify({
        query: domainQuery(domain),
        variables: { code, from: "2022Q1", to: "2022Q4" },
        operationName: `Dashboard_${domain}`,
      }),
    });
bodies.push({
  name: "DashboardChildren",
  body: JSON.stringify({
    query: `query DashboardChildren($code: ID!) { region(code: $code) { children { code name level } } }`,
    variables: { code: "150000" },
    operationName: "DashboardChildren",
  }),
});

let graphqlErrors = 0;
const firstErrors: string[] = [];
const headers = { "content-type": "application/json", authorization: `Bearer ${bearer}` };
const requests = bodies.map(({ body }) => ({
  method: "POST" as const,
  path: url.pathname,
  headers,
  body,
  onResponse: (_status: number, text: string) => {
    if (text.includes('"errors"')) {
      graphqlErrors++;
      if (firstErrors.length < 3) firstErrors.push(text.slice(0, 300));
    }
  },
}));

const heaps: number[] = [heapMb()];
let failed = false;
for (let run = 1; run <= RUNS; run++) {
  const result = await autocannon({
    url: url.origin,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests,
    timeout: 30,
  });
  heaps.push(heapMb());
  const bad = result.errors + result.timeouts + result.non2xx + graphqlErrors;
  console.log(
    `run ${run}/${RUNS}: ${result.requests.total} requests, ${result.requests.average.toFixed(0)} req/s, ` +
      `latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms; errors ${result.errors}, ` +
      `timeouts ${result.timeouts}, non-2xx ${result.non2xx}, GraphQL errors ${graphqlErrors}; heap ${heaps.at(-1)?.toFixed(0)} MB, ` +
      `RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB (PGlite's memory is outside the heap)`,
  );
  if (bad > 0) failed = true;
  graphqlErrors = 0;
}
const growth = ((heaps.at(-1) ?? 0) - (heaps[1] ?? 0)) / (heaps[1] ?? 1);
console.log(
  `heap after runs: ${heaps
    .slice(1)
    .map((h) => h.toFixed(0))
    .join(
      " → ",
    )} MB (${(growth * 100).toFixed(1)} % from run 1 to run ${RUNS}${gc ? "" : "; run with --expose-gc for exact figures"})`,
);
if (firstErrors.length) console.log(`first errors:\n${firstErrors.join("\n")}`);
if (RUNS > 1 && growth > 0.2) failed = true;
await stack.stop();
process.exit(failed ? 1 : 0);
