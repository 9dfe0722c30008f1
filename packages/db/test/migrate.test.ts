// Migrations that include a SQL file shared by several subgraphs (`--> include <file> schema=<name>`):
// expanded before drizzle's migrator sees them, applied once, found from a copy of the folder too.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, readMigrations, rowsOf } from "../src";

const folder = fileURLToPath(new URL("./fixtures/include", import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

describe("shared migrations (--> include)", () => {
  it("expands the shared file with the schema named, then runs the file's own statements", () => {
    const [m] = readMigrations(folder);
    expect(m?.sql.map((s) => s.trim())).toEqual([
      'CREATE SCHEMA "inc_a";',
      'CREATE TABLE "inc_a"."counter" ("id" integer PRIMARY KEY NOT NULL, "n" bigint NOT NULL);',
      'INSERT INTO "inc_a"."counter" VALUES (1, 7);',
    ]);
  });

  it("applies it once on PGlite, also from a copy of the folder resolving from the original", {
    timeout: 180_000,
  }, async () => {
    const h = await openDatabase({ subgraph: "include", pgliteDataDir: "memory://" });
    try {
      await h.migrate(folder, "include");
      await h.migrate(folder, "include"); // idempotent
      expect(rowsOf(await h.db.execute('select n::int from "inc_a"."counter"'))).toEqual([{ n: 7 }]);
    } finally {
      await h.close();
    }
    const copy = mkdtempSync(join(tmpdir(), "include-"));
    temps.push(copy);
    cpSync(folder, copy, { recursive: true });
    expect(() => readMigrations(copy)).toThrow(/migration include "..\/shared\/counter.sql" not found/);
    expect(readMigrations(copy, { resolveFrom: folder })).toEqual(readMigrations(folder));
  });

  it("refuses a shared file with {schema} when the line names no schema", () => {
    const copy = mkdtempSync(join(tmpdir(), "include-"));
    temps.push(copy);
    cpSync(folder, copy, { recursive: true });
    writeFileSync(join(copy, "0000_counter.sql"), "--> include ../shared/counter.sql");
    expect(() => readMigrations(copy, { resolveFrom: folder })).toThrow(/needs a schema/);
  });
});
