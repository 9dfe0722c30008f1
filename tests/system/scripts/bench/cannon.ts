// Child process of the bench: autocannon (loopback) against one GraphQL URL with one body, at a
// given concurrency, recording every response time so p50/p95/p99 are exact.
// BENCH_CANNON = {url, token, body, connections, seconds}; prints JSON.
import autocannon from "autocannon";

const cfg = JSON.parse(process.env.BENCH_CANNON ?? "{}") as {
  url: string;
  token: string;
  body: string;
  connections: number;
  seconds: number;
};
const latencies: number[] = [];
let done: (r: autocannon.Result) => void = () => {};
const finished = new Promise<autocannon.Result>((resolve) => {
  done = resolve;
});
const instance = autocannon(
  {
    url: cfg.url,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${cfg.token}` },
    body: cfg.body,
    connections: cfg.connections,
    duration: cfg.seconds,
  },
  (err, result) => {
    if (err) throw err;
    done(result);
  },
);
instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => {
  latencies.push(ms);
});
const result = await finished;
console.log(
  JSON.stringify({
    latencies,
    requests: result.requests.total,
    rps: result.requests.average,
    elapsed: result.duration,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }),
);
