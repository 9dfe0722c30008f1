// `npm start`: the whole HSA Graph on one machine. In embedded mode (no DATABASE_URL) the
// subgraphs share one PGlite in this process (each in its own PostgreSQL schema, each its own
// HTTP server); the first start migrates and bulk-loads the demo data (every reporting unit in every
// domain, by COPY: each subgraph's loadDemo), later starts reuse it.

import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { needsBuild, startDashboard } from "@hsa/dashboard/server";
import { openDatabase, workspaceRoot } from "@hsa/db";
import { demoUsers } from "@hsa/demo-data";
import { composeSupergraphCached, readSupergraph, registrySubgraphs, startGateway } from "@hsa/gateway";
import {
  createLogger,
  jwtSecretFromEnv,
  loadRegistryModules,
  mintToken,
  modulePort,
  onStopSignals,
  type RunningService,
  type SubgraphModule,
} from "@hsa/subgraph-kit";
import { bundlePaths, installStamp } from "./start-bundle.mjs";

const started = performance.now();
const env = process.env;
const host = env.HSA_HOST ?? "127.0.0.1";
const say = (msg: string) => process.stderr.write(`[hsa] ${msg}\n`);

/**
 * Every subgraph of the graph, from the registry (supergraph.yaml), in its order (supervision
 * before procurement: procurement checks institutions with their owner), each loaded from its own
 * folder (the package of its SDL file). A new subgraph is one registry entry: nothing to add here.
 */
async function registryModules(): Promise<SubgraphModule[]> {
  return (await loadRegistryModules()).map((m) => m.module);
}

/**
 * Builds the dashboard (when missing or stale) in a child process, started before the subgraphs so
 * the build (≈12 s of vite on a fresh clone) runs beside the demo load on the second core. Resolves
 * when it has finished; a failed build is reported and left to `startDashboard` to retry.
 */
async function buildDashboardAside(): Promise<void> {
  if (!(await needsBuild())) return; // later starts: dist/ is fresh, no child process
  return new Promise((resolve) => {
    const script = fileURLToPath(new URL("./build-dashboard.ts", import.meta.url));
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", (err) => {
      say(`dashboard build: ${String(err)}`);
      resolve();
    });
    child.once("exit", (code) => {
      if (code !== 0) say(`dashboard build exited with ${code}: building again in this process`);
      resolve();
    });
  });
}

/** CPU time of this process so far (on a shared machine the wall time alone says little). */
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return ((u.user + u.system) / 1e6).toFixed(1);
};
const rss = () => `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB RSS`;

/** Demo users with fresh 12-hour tokens (for the banner and the gateway's GET /demo/users). */
async function demoUserTokens(secret: string) {
  return Promise.all(
    demoUsers.map(async (u) => ({
      ...u,
      token: await mintToken({ sub: u.sub, name: u.name, scope: u.scope, roles: u.roles }, secret, "12h"),
    })),
  );
}

/** An address to reach a service bound to `host` from this machine (a wildcard → loopback). */
function loopbackFor(h: string): string {
  if (h === "0.0.0.0" || h === "::" || h === "") return "127.0.0.1";
  return h.includes(":") ? `[${h}]` : h;
}

async function main() {
  const secret = jwtSecretFromEnv();
  if (!env.HSA_JWT_SECRET)
    say("HSA_JWT_SECRET is not set: using the development secret (never in production)");
  const log = createLogger("hsa", { ...env, LOG_LEVEL: env.LOG_LEVEL ?? "warn" });
  const services: RunningService[] = [];
  const subgraphUrls: Record<string, string> = {};
  const dashboardBuilt = env.HSA_DASHBOARD === "0" ? Promise.resolve() : buildDashboardAside();

  const modules = await registryModules();
  for (const mod of modules) {
    const handle = await openDatabase({ subgraph: mod.name });
    say(
      `${mod.name} database: ${handle.kind === "pglite" ? `PGlite (embedded) at ${handle.location}` : `PostgreSQL ${handle.location}`}`,
    );
    const service = await mod.start({
      handle,
      port: modulePort(mod, env),
      host,
      jwtSecret: secret,
      log: log.child({ service: mod.name }),
      closeDbOnStop: true,
      peers: { ...subgraphUrls },
      // Revoked API tokens, from the gateway started below (polled; refused here within 30 s).
      revocationsUrl:
        env.HSA_REVOCATIONS_URL ??
        `http://${loopbackFor(host)}:${Number(env.GATEWAY_PORT ?? 4000)}/auth/revoked`,
    });
    services.push(service);
    subgraphUrls[mod.name] = service.url;
    if (env.HSA_DEMO_DATA !== "0" && mod.loadDemo) {
      let last = 0;
      const t0 = performance.now();
      const demo = await mod.loadDemo(handle.db, (done, total) => {
        if (total <= 0) return;
        const pct = Math.floor((done / total) * 100);
        if (done >= total) {
          if (last < 100) say(`${mod.name} demo data prepared; writing it to the database…`);
          last = 100;
        } else if (pct >= last + 20) {
          say(`preparing ${mod.name} demo data… ${pct}% (${done}/${total})`);
          last = pct;
        }
      });
      say(
        demo.skipped
          ? `${mod.name} demo data already loaded: reusing it`
          : `loaded ${demo.inserted} ${mod.name} demo rows in ${((performance.now() - t0) / 1000).toFixed(1)} s (${rss()})`,
      );
      const marked = await mod.loadDemoReports?.(handle.db);
      if (marked) say(`${mod.name}: ${marked} demo county reports marked submitted/approved`);
    }
  }

  // The supergraph composed from the registry's SDL files (≈0.4 s, remembered until an SDL file or
  // the install changes): a subgraph added to the registry is served at once. The committed
  // supergraph.graphql (production, Apollo Router) is rewritten by `npm run compose`; say so when it
  // lags behind the registry.
  const supergraphSdl = composeSupergraphCached(
    registrySubgraphs(),
    bundlePaths(workspaceRoot()).dir,
    installStamp(workspaceRoot()),
  ).sdl;
  let committed = "";
  try {
    committed = readSupergraph();
  } catch {}
  if (committed !== supergraphSdl)
    say(
      "apps/gateway/supergraph.graphql differs from the registry's SDL files: serving the registry's (run `npm run compose` before deploying)",
    );

  // The gateway's own schema (API tokens for scripts) in the same database as the subgraphs.
  const tokens = await openDatabase({ subgraph: "gateway" });
  const gateway = await startGateway({
    tokens,
    port: Number(env.GATEWAY_PORT ?? 4000),
    host,
    jwtSecret: secret,
    supergraphSdl,
    subgraphUrls,
    log: log.child({ service: "gateway" }),
    demoUsers: env.HSA_DEMO_USERS === "0" ? undefined : () => demoUserTokens(secret),
    dashboardUrl:
      env.HSA_DASHBOARD_URL ??
      (env.HSA_DASHBOARD === "0" ? undefined : `http://${host}:${env.DASHBOARD_PORT ?? 5173}/`),
  });
  services.unshift(gateway);
  const stopGateway = gateway.stop.bind(gateway);
  gateway.stop = async () => {
    await stopGateway();
    await tokens.close();
  };

  if (env.HSA_DASHBOARD !== "0") {
    await dashboardBuilt;
    const dashboard = await startDashboard({
      port: Number(env.DASHBOARD_PORT ?? 5173),
      host,
      gatewayOrigin: gateway.url,
      say,
    });
    services.push(dashboard); // listed in the banner, stopped on Ctrl-C
  }

  // From the moment `npm start` launched scripts/run.mjs (HSA_LAUNCHED_AT, set by it), so the figure
  // includes loading this program's modules, as the user waits for them; else from this script's start.
  const inProcess = `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const launchedAt = Number(env.HSA_LAUNCHED_AT);
  const readyIn =
    Number.isFinite(launchedAt) && launchedAt > 0 && launchedAt <= Date.now()
      ? `${((Date.now() - launchedAt) / 1000).toFixed(1)} s after npm start (${inProcess} in this process, ${cpuSeconds()} s CPU)`
      : `${inProcess} (${cpuSeconds()} s CPU in this process)`;
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
  const lines = [
    "",
    "HSA Graph is running.",
    `  gateway     ${gateway.url}   (health: ${new URL("/health", gateway.url)})`,
    ...services.filter((s) => s !== gateway).map((s) => `  ${s.name.padEnd(11)} ${s.url}`),
    "",
    "Demo users (tokens valid 12 h; mint others with `npm run token -- --scope 150700 --roles viewer`):",
  ];
  for (const u of demoUsers) {
    const token = await mintToken(
      { sub: u.sub, name: u.name, scope: u.scope, roles: u.roles },
      secret,
      "12h",
    );
    lines.push(
      `  ${u.key.padEnd(9)} ${u.scope} ${u.roles.join(",").padEnd(16)} ${u.descriptionZh} / ${u.descriptionEn}`,
    );
    lines.push(`    ${token}`);
  }
  lines.push(
    "",
    "Try:",
    `  curl -s ${gateway.url} -H 'content-type: application/json' -H "authorization: Bearer <token>" \\`,
    `    -d '{"query":"{ region(code: \\"430671\\") { name enrollmentKpis(from: \\"2022Q1\\", to: \\"2022Q4\\") { metric { nameZh } total { value } } } }"}'`,
    "",
    `Ready in ${readyIn} · memory (RSS) ${rssMb} MB · Ctrl-C to stop.`,
  );
  // Listening before the banner: a process manager may signal as soon as it reads "Ready". One stop
  // request may arrive twice: a SIGTERM to the whole process group reaches this process and npm
  // start's run.mjs, which forwards it (run.mjs does not forward Ctrl-C's SIGINT, which the terminal
  // sends to the group); onStopSignals takes repeats within 2 s as one request.
  onStopSignals(
    async () => {
      for (const s of services)
        await s.stop().catch((err: unknown) => say(`stopping ${s.name}: ${String(err)}`));
    },
    { say },
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  if (env.HSA_REBUILD_START_BUNDLE === "1") rebuildStartBundle();
}

/**
 * Rebuilds the bundle of npm start (scripts/build-start.ts) in a low-priority child, once this start
 * from the sources is ready: run.mjs asks for it when the bundle was missing or stale, so the next
 * start loads in plain Node. A failure only means the next start runs from the sources again.
 */
function rebuildStartBundle(): void {
  const script = fileURLToPath(new URL("./build-start.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  child.once("error", (err) => say(`bundling npm start: ${String(err)}`));
  child.once("spawn", () => {
    try {
      if (child.pid) setPriority(child.pid, 10);
    } catch {}
  });
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  if (e.code === "EADDRINUSE") {
    say(
      `a port is already in use (${e.message}). Stop the other process or set GATEWAY_PORT / ENROLLMENT_PORT.`,
    );
  } else if (/^[\w-]+: refusing to /.test(e.message ?? "")) {
    // A configuration refusal (development secret or demo users on a reachable address): the
    // message says what to change; a stack trace would only hide it.
    say(e.message);
  } else {
    say(`failed to start: ${e.stack ?? String(err)}`);
  }
  process.exit(1);
});
