// Issue 20 item 3: the Python example of the API docs (standard library only) runs against the
// real stack: a national token gets 屈原管理区's 2022 异地就医备案率 95.39; a city token of another
// city is refused with FORBIDDEN (the script says so and exits non-zero).
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack, token } from "./stack";

const SCRIPT = fileURLToPath(new URL("../../../docs/examples/region_kpis.py", import.meta.url));

describe("docs/examples/region_kpis.py against the stack (pglite)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("pglite", undefined, { enrollmentScopes: ["430600"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  // Asynchronous: the gateway answering the script runs in this very process.
  const run = (bearer: string, extra: string[] = []) =>
    new Promise<{ status: number | null; stdout: string; stderr: string; error?: Error }>((resolve) => {
      execFile(
        "python3",
        [
          SCRIPT,
          "--url",
          new URL("/graphql", stack.gateway.url).toString(),
          "--region",
          "430671",
          "--from",
          "2022Q1",
          "--to",
          "2022Q4",
          "--metric",
          "enrollment.remote_registration",
          ...extra,
        ],
        { encoding: "utf8", env: { ...process.env, HSA_TOKEN: bearer }, timeout: 60_000 },
        (err, stdout, stderr) => {
          const code =
            err && typeof (err as { code?: unknown }).code === "number"
              ? (err as { code: number }).code
              : null;
          resolve({
            status: err ? code : 0,
            stdout,
            stderr,
            error: err && code === null ? err : undefined,
          });
        },
      );
    });

  it("prints 屈原管理区's 2022 remote-care registration 95.39% with a national token, and writes a CSV for Excel", async () => {
    const national = await token({ sub: "nhsa", scope: "000000", roles: ["viewer"] });
    const csvPath = join(mkdtempSync(join(tmpdir(), "hsa-py-")), "kpis.csv");
    const r = await run(national, ["--csv", csvPath]);
    expect(r.error, "python3 must be installed (Debian ships it; node-gyp needs it)").toBeUndefined();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("430671 岳阳市屈原管理区 2022Q1–2022Q4 异地就医备案率 95.39% (2463 / 2582)");
    const csv = readFileSync(csvPath, "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff); // BOM: Excel and WPS read it as UTF-8
    expect(csv).toContain(
      "430671,岳阳市屈原管理区,2022Q1,2022Q4,enrollment.remote_registration,异地就医备案率,95.39,%,2463,2582",
    );
  });

  it("a city office's token for another city is refused, and the script says so", async () => {
    const city = await token({ sub: "hlbr", scope: "150700", roles: ["viewer"] });
    const r = await run(city);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^FORBIDDEN: /m);
    expect(r.stdout).toBe("");
  });
});
