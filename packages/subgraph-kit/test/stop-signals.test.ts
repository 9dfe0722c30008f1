import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { workspaceRoot } from "@hsa/db";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./fixtures/stop-signals-child.ts", import.meta.url));

/**
 * Runs the fixture server; once it is ready, sends `signal` at each of `at` (ms after ready).
 * Resolves with its exit code and output.
 */
function run(args: string[], at: number[], signal: NodeJS.Signals = "SIGTERM") {
  const p = spawn(process.execPath, ["--import", "tsx", child, ...args], {
    cwd: workspaceRoot(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  p.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  p.stdout.on("data", (d: Buffer) => {
    const before = stdout;
    stdout += d.toString();
    if (!before.includes("ready") && stdout.includes("ready"))
      for (const ms of at) setTimeout(() => p.kill(signal), ms);
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    p.once("close", (code) => resolve({ code, stdout, stderr })),
  );
}

describe("onStopSignals: how a server process (npm start, a subgraph alone, the gateway alone) stops", () => {
  it("stops once and exits 0 when one request arrives twice (a SIGTERM to the process group and its forward)", async () => {
    const r = await run(["400", "2000"], [0, 50]);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/stopped/g)).toHaveLength(1);
    expect(r.stderr).toContain("SIGTERM: stopping…");
    expect(r.stderr).not.toContain("SIGTERM again:");
  }, 30_000);

  it("exits at once, with 1, on a second request while the first is still stopping", async () => {
    const r = await run(["3000", "300"], [0, 800]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("stopped");
    expect(r.stderr).toContain("SIGTERM again: exiting before the database is closed");
  }, 30_000);

  it("stops gracefully when its terminal closes (SIGHUP), as on SIGINT and SIGTERM", async () => {
    const r = await run(["100", "2000"], [0], "SIGHUP");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("stopped");
    expect(r.stderr).toContain("SIGHUP: stopping…");
  }, 30_000);

  it("exits with 1 and says why when stopping fails", async () => {
    const r = await run(["50", "2000", "fail"], [0]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("stopping failed: the database would not close");
  }, 30_000);
});
