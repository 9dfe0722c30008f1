// Writes apps/gateway/persisted-operations.json: the SHA-256 of every GraphQL document the
// dashboard sends (read from its generated typed documents: see scripts/dashboard-operations.ts).
// With --check, fails when the committed file is stale instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import { PERSISTED_OPERATIONS_PATH } from "../src/persisted";
import { readSupergraph } from "../src/supergraph";
import { persistedOperationsFile } from "./dashboard-operations";

const text = `${JSON.stringify(persistedOperationsFile(readSupergraph()), null, 2)}\n`;
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(PERSISTED_OPERATIONS_PATH, "utf8");
  } catch {}
  if (current !== text) {
    console.error(`${PERSISTED_OPERATIONS_PATH} is out of date: run \`npm run codegen\`.`);
    process.exit(1);
  }
  console.log("persisted-operations.json is up to date");
} else {
  writeFileSync(PERSISTED_OPERATIONS_PATH, text);
  console.log(`wrote ${PERSISTED_OPERATIONS_PATH}`);
}
