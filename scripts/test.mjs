#!/usr/bin/env node
// `npm test`: lint + format check (biome) and boundaries (dependency-cruiser), type check (tsc in every package), then one
// vitest run over every package (unit, integration on PGlite and real PostgreSQL, end-to-end).
// Ends with one line "N passed, N failed" counting every test case plus the two static checks.
import { spawn as spawnAsync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const extra = process.argv.slice(2);

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (r.error) console.error(r.error.message);
  return r.status === 0;
}

let passed = 0;
let failed = 0;
const count = (ok) => (ok ? passed++ : failed++);

if (extra.length === 0) {
  // One static check: biome, then the architecture's boundaries (as `npm run lint`).
  const biome = step("lint and format (biome)", bin("biome"), ["check", "."]);
  const boundaries = step("boundaries (dependency-cruiser, .dependency-cruiser.cjs)", bin("depcruise"), [
    "--config",
    ".dependency-cruiser.cjs",
    "apps",
    "packages",
    "tests",
    "scripts",
  ]);
  count(biome && boundaries);
  count(await typecheckAll());
}

/**
 * tsc in every workspace package, two at a time. Not through turbo: turbo refuses to run without
 * the pnpm binary on PATH, which a fresh machine (Node.js and npm only) does not have.
 */
async function typecheckAll() {
  console.log("\n=== type check (tsc, every package) ===");
  const dirs = ["apps", "packages", "tests"].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, group, d.name, "tsconfig.json")))
      .map((d) => join(group, d.name)),
  );
  const tsc = (dir) =>
    new Promise((resolve) => {
      let output = "";
      const child = spawnAsync(bin("tsc"), ["--noEmit", "-p", "."], { cwd: join(root, dir) });
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      child.on("close", (code) => resolve({ dir, ok: code === 0, output }));
    });
  let ok = true;
  for (let i = 0; i < dirs.length; i += 2) {
    for (const r of await Promise.all(dirs.slice(i, i + 2).map(tsc))) {
      console.log(`${r.ok ? "✓" : "✗"} ${r.dir}${r.ok ? "" : `\n${r.output}`}`);
      ok &&= r.ok;
    }
  }
  return ok;
}

const out = mkdtempSync(join(tmpdir(), "hsa-vitest-"));
const report = join(out, "report.json");
const vitestOk = step(
  "tests (vitest)",
  bin("vitest"),
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra],
  {
    NODE_ENV: "test",
  },
);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (vitestOk || r.numFailedTests ? 0 : 1);
} else {
  failed += 1; // vitest did not even produce a report
}
rmSync(out, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
