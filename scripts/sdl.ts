// Writes each subgraph's SDL file named in the registry (supergraph.yaml) from the subgraph's own
// code: the full SDL as it serves it (shared KPI, Region and Quarter types added). The gateway then
// composes from these files without importing any subgraph. Run by `npm run compose`;
// `--check` fails when a committed file is stale instead of writing it.
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { readRegistry, type SubgraphModule, subgraphSdlFileText } from "@hsa/subgraph-kit";

const check = process.argv.includes("--check");
const registry = readRegistry();
let stale = 0;
for (const entry of registry.subgraphs) {
  const pkg = (await import(entry.package)) as Record<string, unknown>;
  const mod = pkg[entry.export] as SubgraphModule | undefined;
  if (!mod?.typeDefs) throw new Error(`${entry.package} exports no SubgraphModule named ${entry.export}`);
  if (mod.name !== entry.name)
    throw new Error(`${entry.package}: module name ${mod.name}, registry ${entry.name}`);
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
