import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { workspaceRoot } from "@hsa/db";
import { getFreePort } from "@hsa/test-kit";
import { afterAll, describe, expect, it } from "vitest";
import { bundlePaths, freshBundle } from "../../../scripts/start-bundle.mjs";
import { gql } from "./stack";

/**
 * The environment of one `npm start`: its own data dir, free ports, no PostgreSQL, quiet logs, and
 * NODE_ENV unset as on a user's machine (vitest's NODE_ENV=test changes libraries' behaviour: Apollo
 * Server, for one, installs its own signal handlers everywhere else).
 */
async function startEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = {
    HSA_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    DATABASE_URL: "",
    NODE_ENV: "",
    ...extra,
  };
  for (const name of [
    "GATEWAY",
    "ENROLLMENT",
    "SUPERVISION",
    "PROCUREMENT",
    "PAYMENT_REFORM",
    "FUND",
    "DASHBOARD",
  ])
    env[`${name}_PORT`] = String(await getFreePort());
  return env;
}

/** Runs `npm start`'s entry point as a user would, in its own data dir and ports. */
function startProcess(
  env: NodeJS.ProcessEnv,
  argv: string[] = ["--import", "tsx", "scripts/start.ts"],
  opts: { ownProcessGroup?: boolean } = {},
): {
  child: ChildProcess;
  ready: Promise<{ stdout: string; stderr: string }>;
  /** everything it has written to stderr so far (for a failure's message) */
  stderr(): string;
} {
  const child = spawn(process.execPath, argv, {
    cwd: workspaceRoot(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // its own process group (as under systemd or a terminal), so a signal can reach all of it
    detached: opts.ownProcessGroup === true,
  });
  let stdout = "";
  let stderr = "";
  const ready = new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes("Ctrl-C to stop")) resolve({ stdout, stderr });
    });
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.once("exit", (code) => reject(new Error(`start exited with ${code}\n${stderr}`)));
  });
  return { child, ready, stderr: () => stderr };
}

/**
 * Whether the embedded database in `dataDir` was shut down cleanly: the `state` of its pg_control
 * file (a C struct: system identifier u64, control and catalog versions u32 each, then the state,
 * where 1 is DB_SHUTDOWNED and 6 DB_IN_PRODUCTION, i.e. left open: the next start replays its WAL).
 */
function cleanlyShutDown(dataDir: string): boolean {
  return readFileSync(join(dataDir, "pglite", "global", "pg_control")).readInt32LE(16) === 1;
}

/** The command lines of a process's children (from /proc: no `ps` needed). */
function childCommandLines(pid: number): string[] {
  const out: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat: "pid (comm) state ppid …"; comm may hold spaces, so split after its closing parenthesis
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim());
    } catch {} // the process has exited meanwhile
  }
  return out;
}

/** Waits until the bundle of npm start is fresh (start.ts rebuilds it after a start from the sources). */
async function bundleFresh(timeoutMs = 180_000): Promise<{ bundle: string } | { reason: string }> {
  const root = workspaceRoot();
  const until = Date.now() + timeoutMs;
  let fresh = freshBundle(root);
  while ("reason" in fresh && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 500));
    fresh = freshBundle(root);
  }
  return fresh;
}

async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

describe("npm start", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "hsa-start-"));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) await stop(c);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("migrates and loads demo data on the first start, prints tokens that work, and reuses the data on the second", async () => {
    const env = await startEnv(dataDir);
    // As on a fresh clone, whatever an earlier run left: no bundle yet, so the sources run through tsx.
    rmSync(bundlePaths(workspaceRoot()).inputs, { force: true });
    const first = startProcess(env, ["scripts/run.mjs", "start"]);
    children.push(first.child);
    const out1 = await first.ready;
    expect(out1.stderr).toContain("starting from the sources: the bundle of npm start is not built yet");
    expect(out1.stderr).toMatch(/loaded \d+ enrollment demo rows/);
    const gatewayUrl = /gateway\s+(http:\/\/\S+\/graphql)/.exec(out1.stdout)?.[1];
    expect(gatewayUrl).toBeDefined();
    const tokens = Object.fromEntries(
      [...out1.stdout.matchAll(/^ {2}(\w+)\s+(\d{6}) .*\n\s+(\S+)$/gm)].map((m) => [
        m[1],
        { scope: m[2], token: m[3] },
      ]),
    );
    expect(Object.keys(tokens).sort()).toEqual(["city", "county", "national", "province"]);
    expect(tokens.city?.scope).toBe("150700");

    const query = `{ region(code: "430671") { enrollmentKpis(from: "2022Q1", to: "2022Q4", metrics: ["enrollment.remote_registration"]) { total { numerator denominator value } } } }`;
    const r = await gql<{
      region: { enrollmentKpis: { total: { numerator: number; denominator: number; value: number } }[] };
    }>(gatewayUrl as string, query, {}, tokens.national?.token);
    expect(r.data?.region.enrollmentKpis[0]?.total).toMatchObject({ numerator: 2463, denominator: 2582 });
    const forbidden = await gql(gatewayUrl as string, query, {}, tokens.city?.token);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Demo mode: the dashboard's "sign in as" list, with working tokens.
    const demo = (await (await fetch(new URL("/demo/users", gatewayUrl))).json()) as {
      key: string;
      token: string;
    }[];
    expect(demo.map((u) => u.key).sort()).toEqual(["city", "county", "national", "province"]);
    const viaDemo = await gql(gatewayUrl as string, query, {}, demo.find((u) => u.key === "national")?.token);
    expect(viaDemo.errors).toBeUndefined();
    expect(await stop(first.child)).toBe(0);
    // Stopped gracefully: the database was closed, so the second start need not recover it.
    expect(cleanlyShutDown(dataDir)).toBe(true);

    // The second start runs the bundle of npm start in plain Node (start.ts rebuilt it after the
    // first one when the sources had changed, as on a fresh clone): the same product, loaded faster.
    const fresh = await bundleFresh();
    if (!("bundle" in fresh))
      throw new Error(`the bundle was not rebuilt after the first start: ${fresh.reason}`);
    const second = startProcess(env, ["scripts/run.mjs", "start"]);
    children.push(second.child);
    const out2 = await second.ready;
    expect(out2.stderr).toContain("already loaded: reusing it");
    expect(out2.stderr).not.toContain("starting from the sources");
    expect(childCommandLines(second.child.pid as number)).toContainEqual(
      expect.stringContaining(fresh.bundle),
    );
    const again = await gql<{ region: { enrollmentKpis: { total: { numerator: number } }[] } }>(
      gatewayUrl as string,
      query,
      {},
      tokens.national?.token,
    );
    expect(again.data?.region.enrollmentKpis[0]?.total.numerator).toBe(2463);
    expect(await stop(second.child)).toBe(0);
    expect(cleanlyShutDown(dataDir)).toBe(true);
  }, 400_000);

  it("stops, gateway and subgraphs, when a process manager sends SIGTERM to `npm start`'s own process", async () => {
    // `npm start` is scripts/run.mjs, which runs scripts/start.ts in a child: a SIGTERM to run.mjs
    // alone (systemd, docker stop, a test's teardown) must not leave the product running without it.
    const dir = mkdtempSync(join(tmpdir(), "hsa-start-term-"));
    try {
      const env = await startEnv(dir, { HSA_DEMO_DATA: "0" });
      const run = startProcess(env, ["scripts/run.mjs", "start"]);
      children.push(run.child);
      const out = await run.ready;
      // The wait is counted from `npm start`'s own launch (loading the modules included).
      expect(out.stdout).toMatch(/Ready in \d+\.\d s after npm start \(\d+\.\d s in this process/);
      const gatewayUrl = /gateway\s+(http:\/\/\S+\/graphql)/.exec(out.stdout)?.[1] as string;
      expect((await fetch(new URL("/health", gatewayUrl))).status).toBe(200);
      expect(await stop(run.child)).toBe(0);
      // nothing answers on the gateway's port any more
      const after = await fetch(new URL("/health", gatewayUrl)).then(
        () => "answered",
        () => "refused",
      );
      expect(after).toBe("refused");
      expect(cleanlyShutDown(dir)).toBe(true);

      // systemd (KillMode=control-group) signals the whole process group: start.ts then
      // gets the SIGTERM twice (directly and forwarded by run.mjs), which is still one graceful stop.
      const again = startProcess(await startEnv(dir, { HSA_DEMO_DATA: "0" }), ["scripts/run.mjs", "start"], {
        ownProcessGroup: true,
      });
      children.push(again.child);
      await again.ready;
      const exited = new Promise<number | null>((resolve) =>
        again.child.once("close", (code) => resolve(code)),
      );
      process.kill(-(again.child.pid as number), "SIGTERM");
      expect(await exited).toBe(0);
      expect(cleanlyShutDown(dir), again.stderr()).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 200_000);
});
