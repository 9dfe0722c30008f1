// `npm run bench`: latency of the national 8-quarter enrollment roll-up at three depths —
// the raw SQL (the floor), the enrollment subgraph over HTTP, and the gateway over HTTP —
// sequentially (concurrency 1), on PGlite in memory or on PostgreSQL when DATABASE_URL is set.
// Prints a table and writes bench-results/enrollment-<time>.{json,md}. Figures are this machine's.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase, workspaceRoot } from "@hsa/db";
import { loadEnrollmentDemo, startEnrollmentSubgraph, sumsByQuarter } from "@hsa/enrollment";
import { startGateway } from "@hsa/gateway";
import { DEV_JWT_SECRET, mintToken } from "@hsa/subgraph-kit";

process.env.LOG_LEVEL ??= "silent";
const N = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
const FROM = "2023Q1";
const TO = "2024Q4";

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, throughput: 1000 / mean };
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

const handle = await openDatabase({
  subgraph: "enrollment",
  ...(process.env.DATABASE_URL ? {} : { pgliteDataDir: "memory://" }),
});
const enrollment = await startEnrollmentSubgraph({ handle, port: 0, jwtSecret: DEV_JWT_SECRET });
const t0 = performance.now();
const demo = await loadEnrollmentDemo(handle.db);
console.error(
  `[bench] ${handle.kind}: ${demo.skipped ? "reusing data" : `loaded ${demo.inserted} county-quarters in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`,
);
const gateway = await startGateway({
  port: 0,
  jwtSecret: DEV_JWT_SECRET,
  subgraphUrls: { enrollment: enrollment.url },
});
const token = await mintToken({ sub: "bench", scope: "000000", roles: ["viewer"] }, DEV_JWT_SECRET);
const body = JSON.stringify({
  query: `query National($from: Quarter!, $to: Quarter!) { region(code: "000000") { enrollmentKpis(from: $from, to: $to) { metric { id } total { numerator denominator value status } points { quarter value } } } }`,
  variables: { from: FROM, to: TO },
});
const post = async (url: string) => {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  const json = (await res.json()) as { errors?: unknown };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
};

const rows = {
  "1 raw SQL (floor)": stats(await time(() => sumsByQuarter(handle.db, "000000", FROM, TO))),
  "2 subgraph over HTTP": stats(await time(() => post(enrollment.url))),
  "3 gateway over HTTP": stats(await time(() => post(gateway.url))),
};
await gateway.stop();
await enrollment.stop();
await handle.close();

const r1 = rows["1 raw SQL (floor)"].p50;
const r2 = rows["2 subgraph over HTTP"].p50;
const r3 = rows["3 gateway over HTTP"].p50;
const f = (n: number) => n.toFixed(2);
const md = [
  `# Enrollment national roll-up, ${FROM}–${TO}, ${handle.kind}, ${N} sequential requests`,
  "",
  "| path | p50 ms | p95 ms | p99 ms | mean ms | req/s |",
  "| --- | ---: | ---: | ---: | ---: | ---: |",
  ...Object.entries(rows).map(
    ([k, s]) =>
      `| ${k} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.p99)} | ${f(s.mean)} | ${s.throughput.toFixed(0)} |`,
  ),
  "",
  `p50 ratios: gateway / SQL = ${f(r3 / r1)}, gateway / subgraph = ${f(r3 / r2)}`,
].join("\n");
console.log(md);
const dir = join(workspaceRoot(), "bench-results");
mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
writeFileSync(join(dir, `enrollment-${handle.kind}-${stamp}.md`), `${md}\n`);
writeFileSync(
  join(dir, `enrollment-${handle.kind}-${stamp}.json`),
  JSON.stringify(
    {
      driver: handle.kind,
      from: FROM,
      to: TO,
      iterations: N,
      rows,
      machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    },
    null,
    2,
  ),
);
console.error(`[bench] results in ${dir}`);
