// Writes each subgraph's SDL file named in the registry (supergraph.yaml) from the subgraph's own
// code: the full SDL as it serves it (shared KPI, Region and Quarter types added). The gateway then
// composes from these files without importing any subgraph. Run by `npm run compose`;
// `--check` fails when a committed file is stale instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { loadRegistryModule, readRegistry, subgraphSdlFileText } from "@hsa/subgraph-kit";

const check = process.argv.includes("--check");
// `--only <name>`: that subgraph's SDL file only (npm run new-subgraph writes its own this way).
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const registry = readRegistry();
if (only && !registry.subgraphs.some((s) => s.name === only))
  throw new Error(`--only ${only}: no such subgraph in ${registry.path}`);
let stale = 0;
for (const entry of registry.subgraphs) {
  if (only && entry.name !== only) continue;
  // Loaded from its own folder (the package holding its SDL file), as `npm start` does.
  const mod = await loadRegistryModule(entry);
  const sdl = subgraphSdlFileText(mod.typeDefs, entry.package);
  const file = relative(process.cwd(), entry.schemaFile);
  let current = "";
  try {
    current = readFileSync(entry.schemaFile, "utf8");
  } catch {}
  if (current === sdl) continue;
  if (check) {
    console.error(`${file} is out of date: run \`npm run compose\` and commit it.`);
    stale++;
  } else {
    writeFileSync(entry.schemaFile, sdl);
    console.log(`wrote ${file}`);
  }
}
if (stale) process.exit(1);
