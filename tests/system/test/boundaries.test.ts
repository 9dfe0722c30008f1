// `npm run lint` enforces the architecture's boundaries (.dependency-cruiser.cjs): a forbidden import
// makes dependency-cruiser exit non-zero, naming the rule. Each case writes a throw-away source file
// with one forbidden import into the package it would break; all are cruised, then removed again.
import { execFile } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DEPCRUISE = join(ROOT, "node_modules", ".bin", "depcruise");

/** Runs dependency-cruiser with the repository's rules on the given files (as `npm run lint` does). */
function depcruise(files: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      DEPCRUISE,
      ["--config", ".dependency-cruiser.cjs", "--output-type", "err", "--max-depth", "1", ...files],
      { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

const CASES = [
  {
    rule: "subgraph-imports-subgraph",
    file: "apps/enrollment/src/__boundary_tmp.ts",
    source: 'export { procurementModule } from "@hsa/procurement";\n',
  },
  {
    rule: "gateway-imports-subgraph",
    file: "apps/gateway/src/__boundary_tmp.ts",
    source: 'export { supervisionModule } from "@hsa/supervision";\n',
  },
  {
    rule: "dashboard-imports-server-code",
    file: "apps/dashboard/src/__boundary_tmp.ts",
    source: 'export { openDatabase } from "@hsa/db";\n',
  },
  {
    rule: "dashboard-imports-node",
    file: "apps/dashboard/src/__boundary_tmp_node.ts",
    source: 'export { readFileSync } from "node:fs";\n',
  },
  {
    rule: "shared-model-imports-server-kit",
    file: "packages/kpi/src/__boundary_tmp.ts",
    source: 'export { mintToken } from "@hsa/subgraph-kit";\n',
  },
] as const;

/** A file with an allowed import (a subgraph importing a shared package): never named. */
const ALLOWED = {
  file: "apps/enrollment/src/__boundary_tmp_ok.ts",
  source: 'export { quarterRange } from "@hsa/periods";\n',
};

describe("npm run lint: the architecture's boundaries (dependency-cruiser)", () => {
  // One cruise over every throw-away file (dependency-cruiser takes seconds to start); the files are
  // removed whatever happens.
  let run: { code: number; output: string };
  beforeAll(async () => {
    const files = [...CASES, ALLOWED];
    try {
      for (const f of files) writeFileSync(join(ROOT, f.file), f.source);
      run = await depcruise(files.map((f) => f.file));
    } finally {
      for (const f of files) rmSync(join(ROOT, f.file), { force: true });
    }
  }, 180_000);

  it("exits non-zero", () => {
    expect(run.code, run.output).not.toBe(0);
  });

  for (const c of CASES) {
    it(`names ${c.rule} for ${c.file}`, () => {
      const lines = run.output.split("\n").filter((l) => l.includes(c.file));
      expect(lines, run.output).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`\\berror ${c.rule}: ${c.file} → `));
    });
  }

  it("does not name an allowed import (a subgraph importing @hsa/periods)", () => {
    expect(run.output).not.toContain(ALLOWED.file);
    expect(run.output).toMatch(/5 dependency violations/);
  });
});
