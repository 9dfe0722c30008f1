#!/usr/bin/env node
// `npm test`: lint + format check (biome), type check (tsc in every package, via turbo), then one
// vitest run over every package (unit, integration on PGlite and real PostgreSQL, end-to-end).
// Ends with one line "N passed, N failed" counting every test case plus the two static checks.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
  count(step("lint and format (biome)", bin("biome"), ["check", "."]));
  count(
    step("type check (tsc, every package)", bin("turbo"), ["run", "typecheck", "--output-logs=errors-only"]),
  );
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
