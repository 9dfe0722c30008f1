// The bundle of `npm start` (built by scripts/build-start.ts): where it lives and whether it is
// still built from the files on disk. Plain JavaScript, so scripts/run.mjs can check it before
// choosing between the bundle (plain Node) and the sources (through tsx).
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Bumped when the bundle's layout or the way it is built changes (an old bundle is then rebuilt). */
export const BUNDLE_FORMAT = 1;

/** Files outside the bundle's sources that decide what it holds: the registry, the builder, the install. */
export const EXTRA_INPUTS = [
  "supergraph.yaml",
  "scripts/build-start.ts",
  "scripts/start-bundle.mjs",
  "package.json",
  "pnpm-lock.yaml",
  "node_modules/.modules.yaml",
];

export function bundlePaths(root) {
  const dir = join(root, "node_modules", ".cache", "hsa-start");
  return { dir, bundle: join(dir, "start.mjs"), inputs: join(dir, "inputs.json") };
}

/**
 * Why the bundle cannot be used as it is (missing, built by another format, or a source file
 * added, removed or changed since), or null when it is fresh.
 */
export function staleReason(root) {
  const paths = bundlePaths(root);
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(paths.inputs, "utf8"));
    statSync(paths.bundle);
  } catch {
    return "not built yet";
  }
  if (recorded.format !== BUNDLE_FORMAT) return "built by an older version of the builder";
  // It imports its packages by absolute path: a copy of the workspace (cp -a keeps file times) needs its own.
  if (recorded.root !== root) return "built in another folder";
  for (const [file, mtimeMs] of Object.entries(recorded.inputs ?? {})) {
    const st = statSync(resolve(root, file), { throwIfNoEntry: false });
    if (!st) return `${file} was removed`;
    if (st.mtimeMs !== mtimeMs) return `${file} changed`;
  }
  return null;
}
