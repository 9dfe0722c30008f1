// Issue 16, "done when": a developer scaffolds a throw-away subgraph with `npm run new-subgraph`
// (one defineFact fact, one defineMetric KPI). It composes, starts under `npm start` with the
// others, the dashboard shows it with introspection off (learned from Query.domains), its mutation
// and CSV import work with audit and the approval lock — and the only change outside its own folder
// is its registry entry in supergraph.yaml (`git status` / `git diff --stat`).
//
// It runs in a temporary copy of the workspace (the files git would see, with their node_modules
// links; the package store shared), committed there as the baseline, so the test never changes the
// developer's tree nor what other test files read concurrently (the registry), and a failed or
// killed run leaves nothing behind but a temporary directory.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { workspaceRoot } from "@hsa/db";
import { demoUsers } from "@hsa/demo-data";
import { composeSupergraph, registrySubgraphs } from "@hsa/gateway";
import { parseRegistry } from "@hsa/subgraph-kit";
import { getFreePort } from "@hsa/test-kit";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverageGaps, declaredCases } from "./access/declared";
import { gql, SECRET, token, uploadCsv } from "./stack";

const original = workspaceRoot();
const name = `scaffoldcheck${Date.now().toString(36)}`;
const P = name.charAt(0).toUpperCase() + name.slice(1);
const ZH = "演练检查";

/** Runs a command in `cwd` without blocking the event loop; its output for the failure message. */
function run(cmd: string, args: string[], cwd: string, input?: string) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: process.env,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    child.stdin?.end(input);
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(" ")}: exit ${code}\n${out}`)),
    );
  });
}

/**
 * A copy of the workspace in `dest`: every file git would see (tracked or not ignored), with its
 * time stamps (the dashboard's build stays current), and every package's node_modules links; the
 * root's package store (node_modules/.pnpm) is linked, not copied. Then committed as a baseline.
 */
async function copyWorkspace(dest: string) {
  const files = (
    await promisify(execFile)("git", ["ls-files", "-co", "--exclude-standard"], {
      cwd: original,
      maxBuffer: 1 << 26,
    })
  ).stdout;
  const dirs = ["apps", "packages", "tests"].flatMap((g) =>
    readdirSync(join(original, g))
      .map((d) => `${g}/${d}/node_modules`)
      .filter((d) => existsSync(join(original, d))),
  );
  const built = existsSync(join(original, "apps/dashboard/dist")) ? ["apps/dashboard/dist"] : [];
  const rootModules = readdirSync(join(original, "node_modules"))
    .filter((e) => e !== ".pnpm")
    .map((e) => `node_modules/${e}`);
  const list = [...files.split("\n").filter(Boolean), ...dirs, ...built, ...rootModules].join("\n");
  await run("sh", ["-c", 'tar -cf - -T - | tar -xf - -C "$1"', "sh", dest], original, list);
  symlinkSync(join(original, "node_modules", ".pnpm"), join(dest, "node_modules", ".pnpm"));
  keepFolderTimes(original, dest);
  const g = ["-c", "user.name=test", "-c", "user.email=test@example.invalid"];
  await run("git", ["init", "-q"], dest);
  await run("git", [...g, "add", "-A"], dest);
  await run("git", [...g, "commit", "-q", "-m", "baseline"], dest);
}

/**
 * Folders get the time stamps of the originals (tar set them to now): the dashboard's build is
 * judged current or stale by the newest time in its sources, folders included.
 */
function keepFolderTimes(from: string, to: string) {
  for (const e of readdirSync(to, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === "node_modules" || e.name === ".git") continue;
    if (existsSync(join(from, e.name))) keepFolderTimes(join(from, e.name), join(to, e.name));
  }
  const s = statSync(from);
  utimesSync(to, s.atime, s.mtime);
}

describe(`npm run new-subgraph (a throw-away subgraph "${name}", in a copy of the workspace)`, () => {
  const copy = mkdtempSync(join(tmpdir(), "hsa-new-subgraph-"));
  const root = join(copy, "ws");
  const REGISTRY = join(root, "supergraph.yaml");
  const dir = join(root, "apps", name);
  const git = (...args: string[]) => run("git", args, root);
  const registry = () => parseRegistry(readFileSync(REGISTRY, "utf8"), REGISTRY);
  let registryBefore = "";
  let child: ChildProcess | undefined;
  let browser: Browser | undefined;
  let gateway = "";
  let dashboard = "";
  let stdout = "";
  let reporter = "";
  let approver = "";
  let neighbour = "";

  beforeAll(async () => {
    await run("mkdir", ["-p", root], copy);
    await copyWorkspace(root);
    registryBefore = readFileSync(REGISTRY, "utf8");
    await run(
      process.execPath,
      ["scripts/run.mjs", "new-subgraph", name, "--zh", ZH, "--en", "Scaffold check"],
      root,
    );
    reporter = await token({
      sub: "r-ewenki",
      name: "鄂温克旗填报员",
      scope: "150724",
      roles: ["viewer", "reporter"],
    });
    approver = await token({
      sub: "a-hlbe",
      name: "呼伦贝尔审核员",
      scope: "150700",
      roles: ["viewer", "approver"],
    });
    neighbour = await token({ sub: "r-hl", scope: "150702", roles: ["viewer", "reporter", "approver"] });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(copy, { recursive: true, force: true });
  });

  it("writes only apps/<name>/ and one registry entry (git status, git diff --stat)", async () => {
    expect((await git("status", "--porcelain")).split("\n").filter(Boolean)).toEqual([
      " M supergraph.yaml",
      `?? apps/${name}/`,
    ]);
    const stat = await git("diff", "--stat");
    console.log(`git diff --stat (in the copy, after npm run new-subgraph):\n${stat}`);
    expect(stat).toMatch(/supergraph\.yaml \| 12 \+{12}\n 1 file changed, 12 insertions\(\+\)/);
    const registryNow = readFileSync(REGISTRY, "utf8");
    expect(registryNow.startsWith(registryBefore), "the registry is only appended to").toBe(true);
    expect(registry().subgraphs.at(-1)).toMatchObject({
      name,
      package: `@hsa/${name}`,
      nameZh: ZH,
      imports: [{ kind: name }],
    });
    for (const f of [
      "package.json",
      "README.md",
      "src/fact.ts",
      "src/metrics.ts",
      "drizzle/0000_init.sql",
      "subgraph.graphql",
    ])
      expect(existsSync(join(dir, f)), f).toBe(true);
    // The developer's own tree is untouched.
    expect(readFileSync(join(original, "supergraph.yaml"), "utf8")).not.toContain(name);
    expect(existsSync(join(original, "apps", name))).toBe(false);
  });

  it("composes with the others, and the access matrix knows its writes from its own folder", async () => {
    const supergraph = composeSupergraph(registrySubgraphs(registry()));
    expect(supergraph).toContain(`${name}Kpis(`);
    expect(supergraph).toContain(`report${P}(`);
    const kinds = { [name]: name };
    const gaps = coverageGaps(supergraph, await declaredCases(registry()), kinds);
    expect(gaps.mutationsWithoutEntry).toEqual([]);
    expect(gaps.importsWithoutEntry).toEqual([]);
    // Without its entry file the matrix fails on each of its writes.
    const bare = coverageGaps(supergraph, { MUTATION_CASES: {}, IMPORT_CASES: {} }, kinds);
    expect(bare.mutationsWithoutEntry).toEqual(
      expect.arrayContaining([`report${P}`, `submit${P}Report`, `approve${P}Report`, `reopen${P}Report`]),
    );
    expect(bare.importsWithoutEntry).toEqual([name]);
  });

  it("starts under npm start (every registry subgraph on its own port, introspection off)", async () => {
    const ports: Record<string, string> = {};
    for (const s of registry().subgraphs) ports[s.portEnv] = String(await getFreePort());
    const env = {
      ...ports,
      HSA_DATA_DIR: join(copy, "data"),
      HSA_DEMO_DATA: "0",
      HSA_INTROSPECTION: "0",
      HSA_JWT_SECRET: SECRET,
      GATEWAY_PORT: String(await getFreePort()),
      DASHBOARD_PORT: String(await getFreePort()),
      LOG_LEVEL: "silent",
      DATABASE_URL: "",
    };
    child = spawn(process.execPath, ["scripts/run.mjs", "start"], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    await new Promise<void>((resolve, reject) => {
      child?.stdout?.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes("Ctrl-C to stop")) resolve();
      });
      child?.stderr?.on("data", (d: Buffer) => {
        stderr += d.toString();
      });
      child?.once("exit", (code) => reject(new Error(`npm start exited with ${code}\n${stderr}`)));
    });
    console.log(`npm start (the throw-away subgraph's copy): ${stderr.trim()}`);
    gateway = /gateway\s+(http:\/\/\S+\/graphql)/.exec(stdout)?.[1] ?? "";
    dashboard = /dashboard\s+(http:\/\/\S+\/)/.exec(stdout)?.[1] ?? "";
    expect(stdout).toMatch(
      new RegExp(`${name}\\s+http://\\S+:${ports[`${name.toUpperCase()}_PORT`]}/graphql`),
    );
    const intro = await gql(gateway, "{ __schema { types { name } } }", {}, reporter);
    expect(intro.errors?.[0]?.message).toMatch(/introspection/i);
    const domains = await gql<{
      domains: { name: string; nameZh: string; importKinds: { kind: string }[] }[];
    }>(gateway, "{ domains { name nameZh importKinds { kind } } }", {}, reporter);
    expect(domains.data?.domains.find((d) => d.name === name)).toEqual({
      name,
      nameZh: ZH,
      importKinds: [{ kind: name }],
    });
  }, 300_000); // a first start migrates every subgraph into a fresh PGlite: 96–136 s measured under a load average of 21–27 on 2 cores

  const report = (achieved: number, quarter = "2024Q1", bearer = reporter) =>
    gql<{ [k: string]: { changed: boolean; report: { achieved: number } } }>(
      gateway,
      `mutation R($i: ${P}ReportInput!) { report${P}(input: $i) { changed report { achieved planned } } }`,
      { i: { regionCode: "150724", quarter, achieved, planned: 10 } },
      bearer,
    );
  const read = async (quarter: string) =>
    (
      await gql<Record<string, { achieved: number; planned: number } | null>>(
        gateway,
        `query($q: Quarter!) { r: ${name}Report(regionCode: "150724", quarter: $q) { achieved planned } }`,
        { q: quarter },
        reporter,
      )
    ).data?.r;

  it("accepts its mutation (idempotent, scope checked) and its CSV import, both audited", async () => {
    expect((await report(9)).data?.[`report${P}`]?.changed).toBe(true);
    expect((await report(9)).data?.[`report${P}`]?.changed).toBe(false);
    expect((await report(1, "2024Q1", neighbour)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const csv = `行政区划代码,行政区划名称,季度,完成数,计划数\n150724,鄂温克族自治旗,2024Q2,8,10\n`;
    const imported = await uploadCsv(gateway.replace(/graphql$/, ""), name, csv, reporter, "drill.csv");
    expect(imported.body).toMatchObject({ ok: true, inserted: 1 });
    expect(await read("2024Q2")).toEqual({ achieved: 8, planned: 10 });
    const audit = await gql<{ a: { action: string; source: string; actorSub: string }[] }>(
      gateway,
      `{ a: ${name}Audit(regionCode: "150724") { action source actorSub } }`,
      {},
      reporter,
    );
    expect(audit.data?.a.map((e) => e.action)).toEqual([`import${P}`, `report${P}`]);
    expect(audit.data?.a[0]?.source).toMatch(/^import \S+ \(drill\.csv\)$/);
    expect(audit.data?.a[1]).toMatchObject({ source: `mutation report${P}`, actorSub: "r-ewenki" });
    // The KPI rolls up Σachieved / Σplanned over the quarters: 17 / 20.
    const kpi = await gql<{
      region: { k: { total: { numerator: number; denominator: number; value: number } }[] };
    }>(
      gateway,
      `{ region(code: "150700") { k: ${name}Kpis(from: "2024Q1", to: "2024Q2", metrics: ["${name}.completion"]) { total { numerator denominator value } } } }`,
      {},
      approver,
    );
    expect(kpi.data?.region.k[0]?.total).toEqual({ numerator: 17, denominator: 20, value: 85 });
  });

  it("locks an approved quarter against its mutation and its import", async () => {
    const step = (verb: string, bearer: string) =>
      gql<{ s: { status: string } }>(
        gateway,
        `mutation { s: ${verb}${P}Report(regionCode: "150724", quarter: "2024Q1") { status } }`,
        {},
        bearer,
      );
    expect((await step("submit", reporter)).data?.s.status).toBe("SUBMITTED");
    expect((await step("approve", approver)).data?.s.status).toBe("APPROVED");
    const locked = await report(10);
    expect(locked.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "REPORT_APPROVED" });
    const csv = `regionCode,regionName,quarter,achieved,planned\n150724,,2024Q1,10,10\n`;
    const imported = await uploadCsv(gateway.replace(/graphql$/, ""), name, csv, reporter);
    expect(imported.body.ok).toBe(false);
    expect(await read("2024Q1")).toEqual({ achieved: 9, planned: 10 });
  });

  it("appears in the dashboard (learned from Query.domains with introspection off)", async () => {
    browser = await chromium.launch({
      executablePath: process.env.HSA_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
      ],
    });
    const page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
    const ops: string[] = [];
    page.on("request", (r: { url(): string; postDataJSON(): unknown }) => {
      if (r.url().endsWith("/graphql"))
        ops.push(String((r.postDataJSON() as { operationName?: string })?.operationName));
    });
    await page.goto(dashboard);
    const county = demoUsers.find((u) => u.scope === "150724");
    await page.getByTestId(`demo-${county?.key}`).click();
    await page.getByTestId("region-title").waitFor();
    await page.goto(`${dashboard}?region=150724&from=2024Q1&to=2024Q2`);
    const section = page.getByTestId(`domain-${name}`);
    await expect.poll(() => section.locator("h2").textContent(), { timeout: 30_000 }).toBe(ZH);
    const value = section.getByTestId(`card-${name}.completion`).getByTestId("card-value");
    await expect.poll(() => value.textContent(), { timeout: 30_000 }).toContain("85");
    expect(ops).toContain("DashboardDomains");
    expect(ops).toContain(`Dashboard_${name}`);
  }, 120_000);

  it("npm start changed nothing else in the tree", async () => {
    expect((await git("status", "--porcelain")).split("\n").filter(Boolean)).toEqual([
      " M supergraph.yaml",
      `?? apps/${name}/`,
    ]);
  });
});
