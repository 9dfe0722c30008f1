// `npm run bench`: the national dataset (every county, 2015Q1–2024Q4, four domains) on PostgreSQL and
// on PGlite; for each domain's national 8-quarter KPI roll-up: 1 the raw SQL (the floor, same driver
// and statements as the subgraph), 2 the query sent to the subgraph, 3 the query through
// @apollo/gateway (3h: Hive Gateway); 4 the dashboard's landing (the four Dashboard_<domain> queries
// at once) for the national, a province and a city scope (4: @apollo/gateway with its response cache
// off, as every row 3; 4c: with it on; 4h: Hive Gateway); 5 the national ranking of one KPI per
// domain over every county (5: all rows, cache off; 5c: cache on; 5t: its first 20). p50/p95/p99 and throughput at
// concurrency 1 and 32 (autocannon on loopback, in its own process; the gateways in their own
// process). Writes bench-results/national-<driver>-<time>.{json,md}. See the README ("Performance").
//
// On PostgreSQL each subgraph runs in its own process (./subgraph.ts), as deployed; on PGlite (in
// memory, in this process) they run here, as under `npm start`.
//
// Environment: BENCH_DRIVERS (postgres,pglite), BENCH_GROUPS (domains,landing,ranking), BENCH_SUBGRAPHS
// (inline: every subgraph in this process on PostgreSQL too), BENCH_LANDING
// (national,province,city), BENCH_SECONDS (5 per cell), BENCH_CONNECTIONS (1,32),
// BENCH_DENSITY (share of each county's institutions; default 1 on PostgreSQL, 0.1 on PGlite),
// DATABASE_URL (an existing PostgreSQL; default: a throw-away server from Debian's binaries).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type DbHandle, openDatabase, workspaceRoot } from "@hsa/db";
import { sumsByQuarterMany as enrollmentSums } from "@hsa/enrollment";
import {
  budgetSumsMany,
  caseSumsMany,
  eligibleBySinceYearMany,
  pointValueSumsMany,
} from "@hsa/payment-reform";
import { quarterRange } from "@hsa/periods";
import { purchaseSumsMany, vbpSumsMany } from "@hsa/procurement";
import { mintToken } from "@hsa/subgraph-kit";
import { distinctInspectedMany, sumsByQuarterMany as supervisionSums } from "@hsa/supervision";
import { createDatabaseAt, startPostgres } from "@hsa/test-kit";
import { domainQuery } from "../../../../apps/dashboard/src/lib/api";
import { allModules } from "../../test/stack";
import { loadNational, rawQuery } from "./load-national";

process.env.LOG_LEVEL ??= "silent";
const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..", "..");
const SECRET = "bench-secret-0123456789-abcdefghijklmnop";
const DRIVERS = (process.env.BENCH_DRIVERS ?? "postgres,pglite").split(",").map((s) => s.trim());
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1,32").split(",").map(Number);
/** Which parts to run: `domains` (rows 1–3h), `landing` (rows 4–4h) and/or `ranking` (rows 5). */
const GROUPS = (process.env.BENCH_GROUPS ?? "domains,landing,ranking").split(",").map((s) => s.trim());
const FROM = "2023Q1";
const TO = "2024Q4";
const QUARTERS = quarterRange(FROM, TO);
const DOMAINS = ["enrollment", "procurement", "payment", "supervision"] as const;
/** Landing scopes: the nation, a province (湖南) and a city (岳阳). */
const LANDING = (
  [
    ["national", "000000"],
    ["province", "430000"],
    ["city", "430600"],
  ] as const
).filter(([name]) => (process.env.BENCH_LANDING ?? "national,province,city").split(",").includes(name));
const VALUE = "quarter numerator denominator value target status";
/** One headline KPI per domain, ranked over every county of the nation (issue 17's ranking target). */
const RANKED: Record<(typeof DOMAINS)[number], string> = {
  enrollment: "enrollment.rate",
  procurement: "procurement.network_rate.drug",
  payment: "payment.dip_coverage",
  supervision: "supervision.inspection_coverage",
};
const rankingQuery = (domain: string) =>
  `query Rank${domain}($metric: ID!, $from: Quarter!, $to: Quarter!, $first: Int) { ${domain}Ranking(metric: $metric, from: $from, to: $to, level: COUNTY, first: $first) { rank region { code } value numerator denominator status previousRank } }`;

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  n: number;
  errors: number;
}

function stats(latencies: number[], seconds: number, errors = 0): Stats {
  const s = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: s.length / seconds, n: s.length, errors };
}

/** Closed loop in this process (the floor: the database driver, no HTTP). */
async function closedLoop(fn: () => Promise<unknown>, connections: number, seconds: number): Promise<Stats> {
  for (let i = 0; i < 3; i++) await fn();
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await fn();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return stats(latencies, (performance.now() - start) / 1000);
}

function child(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(here, script)], {
    cwd: packageDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** One subgraph in a child process (./subgraph.ts) over the bench's database; stopped with SIGTERM. */
async function subgraphProcess(
  name: string,
  databaseUrl: string,
  peers: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const p = child("subgraph.ts", {
    BENCH_SUBGRAPH: name,
    BENCH_DATABASE_URL: databaseUrl,
    BENCH_JWT_SECRET: SECRET,
    BENCH_PEERS: JSON.stringify(peers),
  });
  const exited = new Promise<void>((resolve) => p.once("exit", () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: p.stdout as NodeJS.ReadableStream });
    rl.once("line", resolve);
    p.once("exit", (c) => reject(new Error(`subgraph ${name} exited with ${c}`)));
  });
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    stop: async () => {
      p.kill("SIGTERM");
      await exited;
    },
  };
}

async function runChild(script: string, env: Record<string, string>): Promise<Record<string, unknown>> {
  const p = child(script, env);
  let out = "";
  p.stdout?.on("data", (d) => {
    out += String(d);
  });
  const code = await new Promise<number>((resolve) => p.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
}

async function cannon(url: string, token: string, body: string, connections: number): Promise<Stats> {
  // One checked request first: a GraphQL error must not be benchmarked as a fast answer.
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body,
  });
  const json = (await res.json()) as { errors?: unknown };
  if (json.errors) {
    console.error(`[bench] ${url}: ${JSON.stringify(json.errors).slice(0, 300)} (cell skipped)`);
    return { p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, rps: 0, n: 0, errors: 1 };
  }
  const r = await runChild("cannon.ts", {
    BENCH_CANNON: JSON.stringify({ url, token, body, connections, seconds: SECONDS }),
  });
  return stats(r.latencies as number[], Number(r.elapsed), Number(r.errors) + Number(r.non2xx));
}

async function landing(url: string, token: string, bodies: string[], connections: number): Promise<Stats> {
  const r = await runChild("landing.ts", {
    BENCH_LANDING: JSON.stringify({ url, token, bodies, connections, seconds: SECONDS }),
  });
  return stats(r.latencies as number[], Number(r.elapsed), Number(r.errors));
}

function nationalQuery(domain: string): string {
  return JSON.stringify({
    query: `query National${domain}($from: Quarter!, $to: Quarter!) { region(code: "000000") { ${domain}Kpis(from: $from, to: $to) { metric { id } total { ${VALUE} } points { ${VALUE} } } } }`,
    variables: { from: FROM, to: TO },
  });
}

/** The statements the subgraph runs for the same query, through the same driver. */
function floor(domain: string, db: DbHandle["db"]): () => Promise<unknown> {
  const codes = ["000000"];
  switch (domain) {
    case "enrollment":
      return () => enrollmentSums(db, codes, FROM, TO);
    case "procurement":
      return () => Promise.all([purchaseSumsMany(db, codes, FROM, TO), vbpSumsMany(db, codes, QUARTERS)]);
    case "payment":
      return () =>
        Promise.all([
          caseSumsMany(db, codes, FROM, TO),
          eligibleBySinceYearMany(db, codes),
          pointValueSumsMany(db, codes, FROM, TO),
          budgetSumsMany(db, codes, QUARTERS),
        ]);
    default:
      return () =>
        Promise.all([supervisionSums(db, codes, QUARTERS), distinctInspectedMany(db, codes, FROM, TO)]);
  }
}

interface Row {
  group: string;
  path: string;
  connections: number;
  stats: Stats;
}

async function benchDriver(kind: "postgres" | "pglite") {
  const density = Number(process.env.BENCH_DENSITY ?? (kind === "postgres" ? 1 : 0.1));
  let stopPg: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  let serverVersion = "";
  if (kind === "postgres") {
    if (process.env.DATABASE_URL) databaseUrl = process.env.DATABASE_URL;
    else {
      const pg = await startPostgres();
      stopPg = () => pg.stop();
      // Ctrl-C (turbo forwards it) must not leave the throw-away server running.
      const onSignal = (signal: NodeJS.Signals) => {
        console.error(`[bench] ${signal}: stopping the benchmark's PostgreSQL server`);
        pg.stop().finally(() => process.exit(130));
      };
      process.once("SIGINT", onSignal);
      process.once("SIGTERM", onSignal);
      serverVersion = pg.version;
      databaseUrl = await createDatabaseAt(pg.url, "hsa_bench_national");
    }
  }
  const handles: Record<string, DbHandle> = {};
  const services: Record<string, { url: string; stop(): Promise<void> }> = {};
  // On PostgreSQL each subgraph runs in its own process, as deployed (the landing's four domain
  // queries are then answered side by side); PGlite in memory lives in this process, so there they
  // run here. BENCH_SUBGRAPHS=inline puts them in this process on PostgreSQL too.
  const ownProcesses = databaseUrl !== undefined && process.env.BENCH_SUBGRAPHS !== "inline";
  for (const mod of allModules) {
    const handle = databaseUrl
      ? await openDatabase({ subgraph: mod.name, databaseUrl, poolSize: 10 })
      : await openDatabase({ subgraph: mod.name, pgliteDataDir: "memory://" });
    handles[mod.name] = handle;
    const peers = Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.url]));
    services[mod.name] =
      ownProcesses && databaseUrl
        ? await subgraphProcess(mod.name, databaseUrl, peers)
        : await mod.start({ handle, port: 0, jwtSecret: SECRET, peers });
  }
  const enrollment = handles.enrollment as DbHandle;
  if (!serverVersion)
    serverVersion = String((await rawQuery(enrollment, "show server_version"))[0]?.server_version);
  console.error(
    `[bench] ${kind} (PostgreSQL ${serverVersion}): loading the national dataset, density ${density}…`,
  );
  const load = await loadNational(handles, { density, log: (m) => console.error(`[bench]   ${m}`) });
  console.error(
    load.loaded
      ? `[bench] loaded ${load.rows.toLocaleString("en")} rows in ${load.seconds.toFixed(1)} s`
      : "[bench] national dataset already loaded",
  );

  const gw = child("gateways.ts", {
    BENCH_SUBGRAPH_URLS: JSON.stringify(
      Object.fromEntries(Object.entries(services).map(([n, s]) => [n, s.url])),
    ),
    BENCH_JWT_SECRET: SECRET,
    // A national roll-up under 32 concurrent requests may queue longer than the default 10 s.
    HSA_SUBGRAPH_TIMEOUT_MS: process.env.HSA_SUBGRAPH_TIMEOUT_MS ?? "120000",
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: gw.stdout as NodeJS.ReadableStream });
    rl.once("line", resolve);
    gw.once("exit", (c) => reject(new Error(`gateways exited with ${c}`)));
  });
  const gateways = JSON.parse(line) as { apollo: string; apolloCached: string; hive: string };
  const national = await mintToken({ sub: "bench", scope: "000000", roles: ["viewer"] }, SECRET);

  const rows: Row[] = [];
  const add = (group: string, path: string, connections: number, s: Stats) => {
    rows.push({ group, path, connections, stats: s });
    console.error(
      s.n === 0 && !s.errors
        ? `[bench] ${kind} ${group} ${path} c=${connections}: no request answered within the ${SECONDS} s cell`
        : `[bench] ${kind} ${group} ${path} c=${connections}: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, ${s.rps.toFixed(1)} req/s${s.errors ? `, ${s.errors} errors` : ""}`,
    );
  };
  try {
    for (const domain of GROUPS.includes("domains") ? DOMAINS : []) {
      const body = nationalQuery(domain);
      const db = handles[domain]?.db as DbHandle["db"];
      for (const c of CONNECTIONS)
        add(domain, "1 SQL floor", c, await closedLoop(floor(domain, db), c, SECONDS));
      const sub = services[domain]?.url as string;
      for (const c of CONNECTIONS) add(domain, "2 subgraph", c, await cannon(sub, national, body, c));
      for (const c of CONNECTIONS)
        add(domain, "3 apollo gateway", c, await cannon(gateways.apollo, national, body, c));
      for (const c of CONNECTIONS)
        add(domain, "3h hive gateway", c, await cannon(gateways.hive, national, body, c));
    }
    for (const [name, scope] of GROUPS.includes("landing") ? LANDING : []) {
      const token = await mintToken({ sub: "bench", scope, roles: ["viewer"] }, SECRET);
      const bodies = DOMAINS.map((d) =>
        JSON.stringify({
          query: domainQuery(d),
          operationName: `Dashboard_${d}`,
          // As the dashboard lands: its overview, without the children's KPIs (asked for with the table).
          variables: { code: scope, from: "2024Q1", to: "2024Q4", compare: false },
        }),
      );
      for (const c of CONNECTIONS)
        add(
          `landing ${name} ${scope}`,
          "4 apollo gateway",
          c,
          await landing(gateways.apollo, token, bodies, c),
        );
      for (const c of CONNECTIONS)
        add(
          `landing ${name} ${scope}`,
          "4c apollo gateway, cache on",
          c,
          await landing(gateways.apolloCached, token, bodies, c),
        );
      for (const c of CONNECTIONS)
        add(`landing ${name} ${scope}`, "4h hive gateway", c, await landing(gateways.hive, token, bodies, c));
    }
    // The national ranking of one KPI over all ≈2,860 counties, every row returned (≈400 KB), with
    // the response cache off (5) and on (5c); and its first 20 (a 红黑榜's length, 5t: ranked over
    // all counties all the same, cache off).
    for (const domain of GROUPS.includes("ranking") ? DOMAINS : []) {
      const body = (first: number | null) =>
        JSON.stringify({
          query: rankingQuery(domain),
          variables: { metric: RANKED[domain], from: "2024Q1", to: "2024Q4", first },
        });
      const group = `ranking ${domain} counties`;
      for (const c of CONNECTIONS)
        add(group, "5 apollo gateway", c, await cannon(gateways.apollo, national, body(null), c));
      for (const c of CONNECTIONS)
        add(
          group,
          "5c apollo gateway, cache on",
          c,
          await cannon(gateways.apolloCached, national, body(null), c),
        );
      for (const c of CONNECTIONS)
        add(group, "5t apollo gateway, first 20", c, await cannon(gateways.apollo, national, body(20), c));
    }
  } finally {
    gw.kill("SIGTERM");
    for (const s of Object.values(services)) await s.stop();
    for (const h of Object.values(handles)) await h.close();
    await stopPg?.();
  }
  return {
    kind,
    serverVersion,
    density,
    load,
    rows,
    subgraphs: ownProcesses ? "own processes" : "one process",
  };
}

function markdown(r: Awaited<ReturnType<typeof benchDriver>>, machine: Record<string, unknown>): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "–");
  const out = [
    `## ${r.kind} (PostgreSQL ${r.serverVersion}), national dataset, density ${r.density}`,
    "",
    `Machine: ${machine.cpuModel}, ${machine.cpus} cores, ${machine.memGb} GB, Node ${machine.node}, ${machine.date}. ${SECONDS} s per cell. Subgraphs: ${r.subgraphs}; gateways: their own process.`,
    r.load.loaded
      ? `Dataset: ${r.load.rows.toLocaleString("en")} rows loaded in ${r.load.seconds.toFixed(1)} s (generation + COPY + ANALYZE).`
      : "Dataset: already loaded.",
    "",
    `KPI queries: \`region(code: "000000") { <domain>Kpis(from: "${FROM}", to: "${TO}") }\` (every metric, totals and points).`,
    "",
    "| domain / view | path | conc. | p50 ms | p95 ms | p99 ms | req/s | errors |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.rows.map((x) =>
      x.stats.n === 0 && !x.stats.errors
        ? `| ${x.group} | ${x.path} | ${x.connections} | > ${SECONDS} s (none answered in the cell) | | | 0 | 0 |`
        : `| ${x.group} | ${x.path} | ${x.connections} | ${f(x.stats.p50)} | ${f(x.stats.p95)} | ${f(x.stats.p99)} | ${f(x.stats.rps)} | ${x.stats.errors} |`,
    ),
    "",
    "| domain | 3/1 p50 (c=1) | 3/2 p50 (c=1) | 3/2 req/s (c=32) | 3h/1 p50 (c=1) | 3h/2 req/s (c=32) |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const get = (g: string, p: string, c: number) =>
    r.rows.find((x) => x.group === g && x.path === p && x.connections === c)?.stats;
  const hi = Math.max(...CONNECTIONS);
  const lo = Math.min(...CONNECTIONS);
  for (const d of DOMAINS) {
    const sql1 = get(d, "1 SQL floor", lo);
    const sub1 = get(d, "2 subgraph", lo);
    const gw1 = get(d, "3 apollo gateway", lo);
    const hv1 = get(d, "3h hive gateway", lo);
    const subN = get(d, "2 subgraph", hi);
    const gwN = get(d, "3 apollo gateway", hi);
    const hvN = get(d, "3h hive gateway", hi);
    const ratio = (a?: number, b?: number) => (a && b ? (a / b).toFixed(2) : "–");
    out.push(
      `| ${d} | ${ratio(gw1?.p50, sql1?.p50)} | ${ratio(gw1?.p50, sub1?.p50)} | ${ratio(gwN?.rps, subN?.rps)} | ${ratio(hv1?.p50, sql1?.p50)} | ${ratio(hvN?.rps, subN?.rps)} |`,
    );
  }
  return out.join("\n");
}

const cpuModel = cpus()[0]?.model ?? "unknown";
const machine = {
  cpuModel,
  cpus: cpus().length,
  memGb: Math.round(totalmem() / 1e9),
  node: process.version,
  date: new Date().toISOString(),
};
const dir = join(workspaceRoot(), "bench-results");
mkdirSync(dir, { recursive: true });
const stamp = machine.date.replace(/[:.]/g, "-");
for (const kind of DRIVERS) {
  if (kind !== "postgres" && kind !== "pglite") throw new Error(`unknown driver ${kind}`);
  const result = await benchDriver(kind);
  const md = markdown(result, machine);
  console.log(`\n${md}\n`);
  writeFileSync(join(dir, `national-${kind}-${stamp}.md`), `${md}\n`);
  writeFileSync(
    join(dir, `national-${kind}-${stamp}.json`),
    `${JSON.stringify({ machine, seconds: SECONDS, from: FROM, to: TO, ...result }, null, 2)}\n`,
  );
}
console.error(`[bench] results in ${dir}`);
process.exit(0);
