// Bundles `npm start` (scripts/start.ts, the workspace code it reaches and every subgraph of the
// registry) into one JavaScript file, so that later starts run in plain Node: loading ≈300
// TypeScript modules through tsx's loader thread costs ≈1.5 s of every start. Started by start.ts
// once a start from the sources is ready (run.mjs found the bundle missing or stale, see
// scripts/start-bundle.mjs); packages from node_modules stay outside the bundle, imported by their
// resolved paths, so they load exactly as they do from the sources.
// Usage: node --import tsx scripts/build-start.ts
import { statSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readRegistry, registryMainFile } from "@hsa/subgraph-kit";
import { build, type Plugin, version } from "esbuild";
import { BUNDLE_FORMAT, bundlePaths, contentHash, EXTRA_INPUTS, freshBundle } from "./start-bundle.mjs";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const paths = bundlePaths(root);

/**
 * Workspace TypeScript is bundled; everything under node_modules stays external, imported by its
 * resolved absolute path (pnpm links a package's dependencies beside it, not at the root, so a bare
 * name would not resolve from the bundle's folder). `import.meta.url` keeps the value of the source
 * file it is written in: migrations, SDL files and the dashboard's dist/ are found beside it.
 */
const workspaceOnly: Plugin = {
  name: "hsa-workspace-only",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === "inner") return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "inner",
      });
      if (r.errors.length > 0) return { errors: r.errors };
      if (r.external || r.path.includes("/node_modules/")) return { path: r.path, external: true };
      return { path: r.path };
    });
    // Every file the bundle is built from is read here, so it is recorded with the contents read.
    b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
      const source = await readInput(args.path);
      const contents = source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith("x") ? "tsx" : "ts" };
    });
    b.onLoad({ filter: /\.json$/ }, async (args) => ({
      contents: await readInput(args.path),
      loader: "json",
    }));
  },
};

/**
 * Each input as [modification time, SHA-1 of the contents read], keyed by its path from the root.
 * The time is taken before reading: a file saved after it was read has another time, and another
 * hash, so the bundle is stale at once (start-bundle.mjs).
 */
const inputs: Record<string, [number, string]> = {};
async function readInput(path: string): Promise<string> {
  const { mtimeMs } = statSync(path);
  const contents = await readFile(path, "utf8");
  inputs[relative(root, path)] = [mtimeMs, contentHash(contents)];
  return contents;
}

/**
 * The package.json and tsconfig files above each input, up to the root: they decide what an import
 * resolves to (a package's `exports`) without being bundled themselves.
 */
async function recordManifests(): Promise<void> {
  const dirs = new Set<string>();
  for (const file of Object.keys(inputs)) {
    for (let dir = dirname(resolve(root, file)); dir.startsWith(root) && !dirs.has(dir); dir = dirname(dir)) {
      dirs.add(dir);
      if (dir === root) break;
    }
  }
  for (const dir of dirs)
    for (const name of ["package.json", "tsconfig.json"]) {
      const file = join(dir, name);
      if (!(relative(root, file) in inputs) && statSync(file, { throwIfNoEntry: false }))
        await readInput(file);
    }
}

/** The entry: each registry subgraph imported and handed to the registry loader, then start.ts. */
function entrySource(): string {
  const mains = readRegistry().subgraphs.map((e) => registryMainFile(e));
  const lines = [`import { provideBundledModule } from "@hsa/subgraph-kit";`];
  mains.forEach((file, i) => {
    lines.push(`import * as m${i} from ${JSON.stringify(file)};`);
    lines.push(`provideBundledModule(${JSON.stringify(file)}, m${i});`);
  });
  lines.push(`await import(${JSON.stringify(join(root, "scripts", "start.ts"))});`);
  return lines.join("\n");
}

async function main() {
  const t0 = performance.now();
  await mkdir(paths.dir, { recursive: true });
  // Left by builds that were stopped midway (Ctrl-C) or replaced by a newer one: gone after 10 minutes.
  const current = freshBundle(root);
  for (const name of await readdir(paths.dir)) {
    const file = join(paths.dir, name);
    if (!/^start(-[\w.-]+)?\.mjs(\.map)?$|\.tmp$/.test(name)) continue;
    if ("bundle" in current && file.startsWith(current.bundle)) continue;
    if (Date.now() - statSync(file).mtimeMs > 600_000) await rm(file, { force: true });
  }
  for (const file of EXTRA_INPUTS)
    if (statSync(join(root, file), { throwIfNoEntry: false })) await readInput(join(root, file));
  // Each build writes a bundle of its own name; inputs.json, renamed into place last, commits it.
  const name = `start-${Date.now().toString(36)}-${process.pid}.mjs`;
  const outfile = join(paths.dir, name);
  await build({
    stdin: { contents: entrySource(), resolveDir: root, sourcefile: "npm-start-entry.js", loader: "js" },
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Resolve as Node does (no bundler-only "module" condition or field).
    conditions: [],
    mainFields: ["main"],
    outfile,
    sourcemap: "linked",
    sourcesContent: false,
    logLevel: "warning",
    plugins: [workspaceOnly],
  });
  await recordManifests();
  const tmp = `${paths.inputs}.${process.pid}.tmp`;
  await writeFile(
    tmp,
    JSON.stringify({ format: BUNDLE_FORMAT, root, bundle: name, esbuild: version, inputs }, null, 1),
  );
  await rename(tmp, paths.inputs);
  process.stderr.write(
    `[hsa] bundled npm start: ${Object.keys(inputs).length} files in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `[hsa] bundling npm start failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
