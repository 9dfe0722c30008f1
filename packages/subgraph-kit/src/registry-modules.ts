import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { SubgraphModule } from "./module";
import { type Registry, type RegistryEntry, readRegistry } from "./registry";

/**
 * Loads the subgraphs of the registry from their own folders: the folder of an entry is the one
 * holding its SDL file (`schema.file`, e.g. ./apps/enrollment/subgraph.graphql), whose
 * package.json must be the entry's `hsa.package`; its `exports["."]` is imported by path and must
 * export `hsa.export`. Nothing outside the subgraph's folder lists it (no root dependency, no
 * workspace link needed by the loader).
 */
export function registryEntryDir(entry: RegistryEntry): string {
  return dirname(entry.schemaFile);
}

type Exports = string | { import?: string; default?: string } | Record<string, unknown>;

function mainEntryOf(pkgDir: string, packageName: string): string {
  const file = join(pkgDir, "package.json");
  if (!existsSync(file))
    throw new Error(`${packageName}: no package.json in ${pkgDir} (the folder of its SDL file)`);
  const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; exports?: Exports; main?: string };
  if (pkg.name !== packageName)
    throw new Error(`${file} is package ${pkg.name}, but the registry names ${packageName}`);
  const dot =
    typeof pkg.exports === "object" && pkg.exports && "." in pkg.exports ? pkg.exports["."] : pkg.exports;
  const target =
    typeof dot === "string"
      ? dot
      : typeof dot === "object" && dot
        ? ((dot as { import?: string; default?: string }).import ?? (dot as { default?: string }).default)
        : pkg.main;
  if (typeof target !== "string") throw new Error(`${file}: no exports["."] (or main) to load`);
  return resolve(pkgDir, target);
}

/** The file a registry entry's package exports as "." (what `loadRegistryModule` imports). */
export function registryMainFile(entry: RegistryEntry): string {
  return mainEntryOf(registryEntryDir(entry), entry.package);
}

/**
 * Modules already loaded by a bundle of `npm start` (scripts/build-start.ts), by main file: a
 * bundled program has no TypeScript loader to import a subgraph's `.ts` files at run time, so the
 * bundle imports every registry entry's package itself and hands its exports over here first.
 */
const bundled = new Map<string, Record<string, unknown>>();
export function provideBundledModule(mainFile: string, exported: Record<string, unknown>): void {
  bundled.set(resolve(mainFile), exported);
}

/** The SubgraphModule of one registry entry, imported from its own folder. */
export async function loadRegistryModule(entry: RegistryEntry): Promise<SubgraphModule> {
  const main = registryMainFile(entry);
  let exported = bundled.get(main);
  if (!exported && bundled.size > 0)
    // In a bundle, without a TypeScript loader: importing the .ts file would fail obscurely.
    throw new Error(
      `${entry.package} (${main}) is not in the bundle of npm start: it is stale; run \`HSA_START_BUNDLE=0 npm start\` or delete node_modules/.cache/hsa-start`,
    );
  exported ??= (await import(pathToFileURL(main).href)) as Record<string, unknown>;
  const mod = exported[entry.export] as SubgraphModule | undefined;
  if (!mod || typeof mod.start !== "function")
    throw new Error(`${entry.package} exports no SubgraphModule named ${entry.export} (supergraph.yaml)`);
  if (mod.name !== entry.name)
    throw new Error(`${entry.package}: its module is named ${mod.name}, the registry entry ${entry.name}`);
  return mod;
}

/** Every subgraph of the registry, in its order, with its entry. */
export async function loadRegistryModules(
  registry: Registry = readRegistry(),
): Promise<{ entry: RegistryEntry; module: SubgraphModule }[]> {
  const out: { entry: RegistryEntry; module: SubgraphModule }[] = [];
  for (const entry of registry.subgraphs) out.push({ entry, module: await loadRegistryModule(entry) });
  return out;
}
