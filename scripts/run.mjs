#!/usr/bin/env node
// Entry point of the root npm scripts. Needs only Node.js and npm: it bootstraps the pinned
// pnpm through npx, installs the workspace on first use (or when the lockfile changed), then
// runs the requested task. Usage: node scripts/run.mjs <start|test|token|import|new-subgraph|bench|compose|codegen|lint|typecheck> [args]
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const pnpmSpec = pkg.packageManager; // e.g. pnpm@10.34.9
const [task = "start", ...args] = process.argv.slice(2);

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/**
 * A long-running task (the product itself): run asynchronously so that a SIGTERM sent to this
 * process alone (a process manager, a test's teardown, `kill <pid>`) stops the task gracefully too
 * instead of leaving it running without its parent. Ctrl-C's SIGINT already reaches the whole
 * foreground process group: it is not sent a second time (the task stops at once on a second one),
 * and this process waits for the task to finish. Resolves to its exit status.
 */
function runService(cmd, cmdArgs, env = {}) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  const forward = (signal) => child.kill(signal);
  const wait = () => {};
  process.on("SIGTERM", forward);
  process.on("SIGHUP", forward);
  process.on("SIGINT", wait);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      process.off("SIGTERM", forward);
      process.off("SIGHUP", forward);
      process.off("SIGINT", wait);
      resolve(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
    });
  });
}

function pnpm(pnpmArgs, opts) {
  const local = pnpmVersionOnPath();
  if (local && `pnpm@${local}` === pnpmSpec) return run("pnpm", pnpmArgs, opts);
  return run("npx", ["-y", pnpmSpec, ...pnpmArgs], opts);
}

function pnpmVersionOnPath() {
  const r = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

function ensureInstalled() {
  const marker = join(root, "node_modules", ".modules.yaml");
  const lock = join(root, "pnpm-lock.yaml");
  const fresh =
    existsSync(marker) && (!existsSync(lock) || statSync(lock).mtimeMs <= statSync(marker).mtimeMs);
  if (fresh) return;
  console.error(`[hsa] installing dependencies with ${pnpmSpec} (first run only)…`);
  const frozen = existsSync(lock) ? ["--frozen-lockfile"] : [];
  const status = pnpm(["install", ...frozen, "--reporter=append-only"]);
  if (status !== 0) {
    console.error("[hsa] dependency installation failed; see the messages above.");
    process.exit(status);
  }
}

/** dependency-cruiser over every workspace package and the root scripts (the same in scripts/test.mjs). */
const DEPCRUISE_ARGS = ["--config", ".dependency-cruiser.cjs", "apps", "packages", "tests", "scripts"];

const tasks = {
  // Run TypeScript through tsx's loader in this Node (no extra pnpm/tsx processes in memory).
  // HSA_LAUNCHED_AT: when this process started, so start.ts's "Ready in" counts the whole wait.
  // From the bundle when it is fresh (scripts/start-bundle.mjs): plain Node loads it ≈1.5 s faster
  // than tsx loads the sources.
  start: async () => {
    const { bundle, rebuild } = await startBundle();
    const env = {
      HSA_LAUNCHED_AT: String(Math.round(performance.timeOrigin)),
      HSA_REBUILD_START_BUNDLE: rebuild ?? "",
    };
    return bundle
      ? runService(process.execPath, [bundle, ...args], env)
      : runService(process.execPath, ["--import", "tsx", "scripts/start.ts", ...args], env);
  },
  token: () => run(process.execPath, ["--import", "tsx", "scripts/token.ts", ...args]),
  import: () => run(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args]),
  // A new subgraph in apps/<name>/ plus its one registry entry (scripts/new-subgraph.ts).
  "new-subgraph": () => run(process.execPath, ["--import", "tsx", "scripts/new-subgraph.ts", ...args]),
  test: () => run(process.execPath, ["scripts/test.mjs", ...args]),
  bench: () => pnpm(["exec", "turbo", "run", "bench", "--concurrency=1", ...args]),
  // The subgraphs' SDL files (from their code), then the supergraph from those files.
  compose: () =>
    run(process.execPath, ["--import", "tsx", "scripts/sdl.ts", ...args]) ||
    pnpm(["--filter", "@hsa/gateway", "run", "compose", ...args]),
  // biome (format + lint), then the architecture's boundaries (.dependency-cruiser.cjs); both must pass.
  lint: () => {
    const biome = pnpm(["exec", "biome", "check", ".", ...args]);
    const boundaries = pnpm(["exec", "depcruise", ...DEPCRUISE_ARGS]);
    return biome || boundaries;
  },
  // Generated types (codegen.ts): the dashboard's typed documents and the subgraphs' resolver
  // types, then the gateway's persisted-operation allow-list from those documents. With --check:
  // fails when a committed generated file is stale (run by typecheck).
  codegen: () => codegen(args.includes("--check")),
  typecheck: () => codegen(true) || pnpm(["exec", "turbo", "run", "typecheck", ...args]),
};

/**
 * The bundle of npm start when it is fresh. Else null: the sources run through tsx and, unless
 * bundling is turned off (HSA_START_BUNDLE=0) or another registry is in use (HSA_REGISTRY: the
 * bundle holds the default registry's subgraphs), start.ts rebuilds the bundle once it is ready
 * (HSA_REBUILD_START_BUNDLE), for the next start: building first, or beside the start, delays this
 * one by more than the bundle saves.
 */
async function startBundle() {
  if (process.env.HSA_START_BUNDLE === "0" || process.env.HSA_REGISTRY) return { bundle: null };
  const { freshBundle } = await import("./start-bundle.mjs");
  const fresh = freshBundle(root);
  if (fresh.bundle) return { bundle: fresh.bundle };
  const { reason } = fresh;
  console.error(`[hsa] starting from the sources: the bundle of npm start is ${reason} (rebuilt once ready)`);
  return { bundle: null, rebuild: "1" };
}

function codegen(check) {
  const bin = join(root, "node_modules", ".bin", "graphql-codegen");
  return (
    run(bin, ["--config", "codegen.ts", ...(check ? ["--check"] : [])]) ||
    run(process.execPath, [
      "--import",
      "tsx",
      "apps/gateway/scripts/extract-operations.ts",
      ...(check ? ["--check"] : []),
    ])
  );
}

if (!tasks[task]) {
  console.error(`unknown task "${task}"; one of: ${Object.keys(tasks).join(", ")}`);
  process.exit(2);
}
ensureInstalled();
process.exit(await tasks[task]());
