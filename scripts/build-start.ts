// Bundles `npm start` (scripts/start.ts, the workspace code it reaches and every subgraph of the
// registry) into one JavaScript file, so that later starts run in plain Node: loading ≈300
// TypeScript modules through tsx's loader thread costs ≈1.5 s of every start. Run by
// scripts/run.mjs when the bundle is missing or stale (scripts/start-bundle.mjs); packages from
// node_modules stay outside the bundle, imported by their resolved paths, so they load exactly as
// they do from source. Usage: node --import tsx scripts/build-start.ts
import { statSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readRegistry, registryMainFile } from "@hsa/subgraph-kit";
import { build, type Plugin, version } from "esbuild";
import { BUNDLE_FORMAT, bundlePaths, EXTRA_INPUTS } from "./start-bundle.mjs";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const paths = bundlePaths(root);
const builtins = new Set(builtinModules);

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
      const bare = args.path.startsWith("node:") ? args.path.slice(5) : args.path;
      if (builtins.has(bare) || builtins.has(bare.split("/")[0] ?? ""))
        return { path: args.path, external: true };
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "inner",
      });
      if (r.errors.length > 0) return { errors: r.errors };
      if (r.path.includes("/node_modules/")) return { path: r.path, external: true };
      return { path: r.path };
    });
    b.onLoad({ filter: /\.[cm]?tsx?$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const contents = source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith("x") ? "tsx" : "ts" };
    });
  },
};

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
  const startedAt = Date.now() - 1000; // file times may lag the clock by a tick
  await mkdir(paths.dir, { recursive: true });
  // Left by a build that was stopped midway (Ctrl-C during a first start): gone after 10 minutes.
  for (const name of await readdir(paths.dir)) {
    const file = join(paths.dir, name);
    if (/\.tmp(\.map)?$/.test(name) && Date.now() - statSync(file).mtimeMs > 600_000)
      await rm(file, { force: true });
  }
  const tmp = `${paths.bundle}.${process.pid}.tmp`;
  const result = await build({
    stdin: { contents: entrySource(), resolveDir: root, sourcefile: "npm-start-entry.js", loader: "js" },
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Resolve as Node does (no bundler-only "module" condition or field).
    conditions: [],
    mainFields: ["main"],
    outfile: tmp,
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    logLevel: "warning",
    plugins: [workspaceOnly],
  });
  // The files the bundle was built from (and what decides its entry and externals), with their
  // modification times: start-bundle.mjs rebuilds when any of them changes.
  const inputs: Record<string, number> = {};
  const files = [
    ...Object.keys(result.metafile.inputs)
      .filter((f) => !f.startsWith("<stdin>") && !f.includes("npm-start-entry"))
      .map((f) => resolve(root, f)),
    ...EXTRA_INPUTS.map((f) => join(root, f)),
  ];
  for (const file of files) {
    const st = statSync(file, { throwIfNoEntry: false });
    // A file saved while the bundle was being built may not be in it: recorded as changed (-1).
    if (st) inputs[relative(root, file)] = st.mtimeMs >= startedAt ? -1 : st.mtimeMs;
  }
  // The map sits beside the bundle under the bundle's name (its sourceMappingURL comment names it).
  await rename(`${tmp}.map`, `${paths.bundle}.map`);
  const code = await readFile(tmp, "utf8");
  await writeFile(
    tmp,
    code.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${paths.bundle.split("/").pop()}.map`),
  );
  await rename(tmp, paths.bundle);
  await writeFile(
    paths.inputs,
    JSON.stringify({ format: BUNDLE_FORMAT, root, esbuild: version, inputs }, null, 1),
  );
  process.stderr.write(
    `[hsa] bundled npm start: ${Object.keys(inputs).length} source files in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(
    `[hsa] bundling npm start failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
