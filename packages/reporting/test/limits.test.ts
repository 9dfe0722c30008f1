import { describe, expect, it } from "vitest";
import {
  IMPORT_KIND_MAX_BYTES,
  ImportGate,
  importConcurrency,
  importLimitOf,
  kindLimitVariable,
  maxImportBytes,
  tooLargeMessage,
  tooManyImportsMessage,
} from "../src/limits";

const MiB = 1024 * 1024;

describe("import limits (issue 14)", () => {
  it("declares a limit for every kind, none above the 64 MiB default ceiling", () => {
    expect(Object.keys(IMPORT_KIND_MAX_BYTES).sort()).toEqual([
      "dip-cases",
      "enrollment",
      "inspections",
      "purchases",
      "vbp-progress",
    ]);
    for (const v of Object.values(IMPORT_KIND_MAX_BYTES)) expect(v).toBeLessThanOrEqual(64 * MiB);
    expect(IMPORT_KIND_MAX_BYTES.enrollment).toBe(8 * MiB);
    expect(maxImportBytes({})).toBe(64 * MiB);
  });

  it("per kind: the env override, else the kind's own, else the table, else the ceiling; never above HSA_IMPORT_MAX_BYTES", () => {
    expect(importLimitOf({ kind: "enrollment" }, {})).toEqual({
      maxBytes: 8 * MiB,
      variable: "HSA_IMPORT_MAX_BYTES_ENROLLMENT",
    });
    expect(importLimitOf({ kind: "purchases" }, {}).maxBytes).toBe(64 * MiB);
    expect(importLimitOf({ kind: "new-kind" }, {}).maxBytes).toBe(64 * MiB);
    expect(importLimitOf({ kind: "new-kind", maxBytes: MiB }, {}).maxBytes).toBe(MiB);
    expect(kindLimitVariable("vbp-progress")).toBe("HSA_IMPORT_MAX_BYTES_VBP_PROGRESS");
    expect(
      importLimitOf({ kind: "vbp-progress" }, { HSA_IMPORT_MAX_BYTES_VBP_PROGRESS: "1000" }).maxBytes,
    ).toBe(1000);
    // the ceiling wins, and the answer names it
    expect(importLimitOf({ kind: "purchases" }, { HSA_IMPORT_MAX_BYTES: String(10 * MiB) })).toEqual({
      maxBytes: 10 * MiB,
      variable: "HSA_IMPORT_MAX_BYTES",
    });
    expect(
      importLimitOf({ kind: "enrollment" }, { HSA_IMPORT_MAX_BYTES_ENROLLMENT: String(100 * MiB) }).maxBytes,
    ).toBe(64 * MiB);
    // nonsense is ignored
    expect(importLimitOf({ kind: "enrollment" }, { HSA_IMPORT_MAX_BYTES_ENROLLMENT: "-1" }).maxBytes).toBe(
      8 * MiB,
    );
    expect(maxImportBytes({ HSA_IMPORT_MAX_BYTES: "abc" })).toBe(64 * MiB);
  });

  it("lets HSA_IMPORT_CONCURRENCY imports in at once (default 2), and frees a place once, whatever happens", () => {
    expect(importConcurrency({})).toBe(2);
    expect(importConcurrency({ HSA_IMPORT_CONCURRENCY: "5" })).toBe(5);
    expect(importConcurrency({ HSA_IMPORT_CONCURRENCY: "0" })).toBe(2);
    const gate = new ImportGate(2);
    const a = gate.enter();
    const b = gate.enter();
    expect(a && b).toBeTruthy();
    expect(gate.enter()).toBeNull();
    a?.();
    a?.(); // twice: still one place
    expect(gate.active).toBe(1);
    const c = gate.enter();
    expect(c).toBeTruthy();
    expect(gate.enter()).toBeNull();
  });

  it("runs the database phases of a subgraph's imports one at a time, in order, also after a failure", async () => {
    const gate = new ImportGate(2);
    const log: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      gate.serial(async () => {
        log.push(`${name} start`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([step("a", 30, true), step("b", 1), step("c", 1)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("words the refusals in Chinese and English, naming the limit and its setting", () => {
    expect(tooManyImportsMessage(2, "procurement")).toMatch(
      /^procurement 子图已有 2 个导入正在进行.*HSA_IMPORT_CONCURRENCY=2.* \/ 2 imports are already running in the procurement subgraph/,
    );
    expect(tooLargeMessage("enrollment", 8 * MiB, "HSA_IMPORT_MAX_BYTES_ENROLLMENT")).toMatch(
      /超过 enrollment 导入的上限 8 MiB.* \/ the file is larger than the enrollment import limit of 8 MiB \(8388608 bytes, HSA_IMPORT_MAX_BYTES_ENROLLMENT\)/,
    );
  });
});
