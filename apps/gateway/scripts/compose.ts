// Writes apps/gateway/supergraph.graphql from the subgraphs' SDL (run: pnpm compose).
// With --check, fails when the committed file is stale instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import { composeSupergraph } from "../src/compose";
import { registrySubgraphs } from "../src/subgraphs";
import { SUPERGRAPH_PATH } from "../src/supergraph";

const subgraphs = registrySubgraphs();
const sdl = composeSupergraph(subgraphs);
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(SUPERGRAPH_PATH, "utf8");
  } catch {}
  if (current !== sdl) {
    console.error(`${SUPERGRAPH_PATH} is out of date: run \`npm run compose\` and commit it.`);
    process.exit(1);
  }
  console.log("supergraph.graphql is up to date");
} else {
  writeFileSync(SUPERGRAPH_PATH, sdl);
  console.log(`wrote ${SUPERGRAPH_PATH} (${subgraphs.map((s) => s.name).join(", ")})`);
}
