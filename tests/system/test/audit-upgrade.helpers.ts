// Helpers of the audit_event upgrade tests: a database at an older schema, on PGlite or PostgreSQL.
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DbHandle, openDatabase, rowsOf } from "@hsa/db";
import { createDatabaseAt } from "@hsa/test-kit";
import { afterAll, inject } from "vitest";
import type { DbKind } from "./stack";

interface Journal {
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A copy of a migrations folder whose journal keeps the entries `keep` accepts. */
export function folderCopy(
  folder: string,
  keep: (tag: string, index: number, tags: readonly string[]) => boolean,
): string {
  const dir = mkdtempSync(join(tmpdir(), "audit-upgrade-"));
  temps.push(dir);
  cpSync(folder, dir, { recursive: true });
  const path = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(path, "utf8")) as Journal;
  const tags = journal.entries.map((e) => e.tag);
  journal.entries = journal.entries.filter((e, i) => keep(e.tag, i, tags));
  writeFileSync(path, JSON.stringify(journal));
  return dir;
}

/**
 * The migrations before the audit_event one, in journal order (a database at the old schema; the
 * later ones, e.g. level roll-ups, come with the upgrade: drizzle applies only what follows the
 * last applied migration).
 */
export const beforeAudit = (_tag: string, index: number, tags: readonly string[]) => {
  const audit = tags.findIndex((t) => t.endsWith("_audit_event"));
  return audit === -1 || index < audit;
};

export async function open(kind: DbKind, subgraph: string): Promise<DbHandle> {
  if (kind === "pglite") return openDatabase({ subgraph, pgliteDataDir: "memory://" });
  const url = await createDatabaseAt(inject("pgUrl"), `audit_${randomBytes(6).toString("hex")}`);
  return openDatabase({ subgraph, databaseUrl: url, poolSize: 2 });
}

export const rows = async (h: DbHandle, text: string) =>
  rowsOf<Record<string, unknown>>(await h.db.execute(text));
export const exists = async (h: DbHandle, table: string) =>
  (await rows(h, `select to_regclass('${table}')::text as t`))[0]?.t !== null;

/** An import id, as audit sources name it. */
export const IMPORT = randomUUID();
/** The time of an old audit row (hour i of 2024-04-02, UTC). */
export const at = (i: number) => new Date(Date.UTC(2024, 3, 2, i)).toISOString();
