// Writes each subgraph's level roll-up migration (drizzle/NNNN_level_rollups.sql) from its declarations
// (src/db/levels.ts) with @hsa/db's levelRollupMigration, and its journal entry when missing:
//   cd tests/system && npx tsx scripts/levels.ts
// test/level-rollups.integration.test.ts checks that the committed files equal the generated text.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { levelRollupMigration } from "@hsa/db";
import { levelRollups as enrollment } from "@hsa/enrollment";
import { BUDGET_LEVELS_MIGRATION, budgetLevelRollups, levelRollups as payment } from "@hsa/payment-reform";
import { levelRollups as procurement } from "@hsa/procurement";
import {
  COVERAGE_LEVELS_MIGRATION,
  coverageLevelRollups,
  levelRollups as supervision,
} from "@hsa/supervision";
import { laterLevelMigrationTail, levelMigrationFile, SUBGRAPH_LEVELS } from "../test/levels";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const specs = { enrollment, "payment-reform": payment, procurement, supervision };

for (const app of SUBGRAPH_LEVELS) {
  const folder = join(root, "apps", app, "drizzle");
  const journalPath = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  let file = levelMigrationFile(folder);
  const isNew = !file;
  if (!file) {
    const last = journal.entries[journal.entries.length - 1];
    if (!last) throw new Error(`${app}: empty journal`);
    const idx = last.idx + 1;
    const tag = `${String(idx).padStart(4, "0")}_level_rollups`;
    journal.entries.push({
      idx,
      version: last.version,
      when: Math.max(Date.now(), last.when + 1),
      tag,
      breakpoints: true,
    });
    writeFileSync(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
    file = join(folder, `${tag}.sql`);
  }
  const text = specs[app].map(levelRollupMigration).join("--> statement-breakpoint\n");
  writeFileSync(file, text);
  console.log(`${app}: ${file}${isNew ? " (new)" : ""}`);
}

// Later level migrations: their hand-written part kept, the generated part rewritten.
for (const later of [
  { app: "payment-reform", tag: BUDGET_LEVELS_MIGRATION, specs: budgetLevelRollups },
  { app: "supervision", tag: COVERAGE_LEVELS_MIGRATION, specs: coverageLevelRollups },
]) {
  const file = join(root, "apps", later.app, "drizzle", `${later.tag}.sql`);
  const { head, generated } = laterLevelMigrationTail(readFileSync(file, "utf8"), later.specs);
  writeFileSync(file, head + generated);
  console.log(`${later.app}: ${file}`);
}
