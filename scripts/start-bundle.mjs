// The bundle of `npm start` (built by scripts/build-start.ts): where it lives and whether it is
// still built from the files on disk. Plain JavaScript, so scripts/run.mjs can check it before
// choosing between the bundle (plain Node) and the sources (through tsx).
//
// inputs.json (written last, by one atomic rename: it is what commits a build) names the bundle
// file of its own build and records every input as [modification time, SHA-1 of the contents the
// build read]. A file whose time still matches is unchanged; one whose time differs is hashed, so a
// file touched without a change (a `git checkout` back and forth) keeps the bundle, an edited one,
// even during the build, makes it stale.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/** Bumped when the bundle's layout or the way it is built changes (an old bundle is then rebuilt). */
export const BUNDLE_FORMAT = 2;

/** The file pnpm rewrites on every install: its time identifies the installed libraries. */
export const INSTALL_MARKER = "node_modules/.modules.yaml";

/** What identifies the installed libraries ("" before the first install). */
export function installStamp(root) {
  return String(statSync(join(root, INSTALL_MARKER), { throwIfNoEntry: false })?.mtimeMs ?? "");
}

/** Files outside the bundle's sources that decide what it holds: the registry, the builder, the install. */
export const EXTRA_INPUTS = [
  "supergraph.yaml",
  "scripts/build-start.ts",
  "scripts/start-bundle.mjs",
  "package.json",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  "tsconfig.base.json",
  INSTALL_MARKER,
];

export function bundlePaths(root) {
  const dir = join(root, "node_modules", ".cache", "hsa-start");
  return { dir, inputs: join(dir, "inputs.json") };
}

/** SHA-1 of a file's bytes (or of `contents` as read by the build), hex. */
export function contentHash(contents) {
  return createHash("sha1").update(contents).digest("hex");
}

/**
 * The bundle to run, or why there is none to use: missing, built by another format or in another
 * folder, or built from a file that has since been added, removed or changed.
 */
export function freshBundle(root) {
  const paths = bundlePaths(root);
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(paths.inputs, "utf8"));
  } catch {
    return { reason: "not built yet" };
  }
  if (recorded.format !== BUNDLE_FORMAT) return { reason: "built by an older version of the builder" };
  // It imports its packages by absolute path: a copy of the workspace (cp -a keeps file times) needs its own.
  if (recorded.root !== root) return { reason: "built in another folder" };
  const bundle = join(paths.dir, String(recorded.bundle));
  if (!statSync(bundle, { throwIfNoEntry: false })) return { reason: "not built yet" };
  for (const [file, [mtimeMs, sha1]] of Object.entries(recorded.inputs ?? {})) {
    const path = resolve(root, file);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return { reason: `${file} was removed` };
    if (st.mtimeMs !== mtimeMs && contentHash(readFileSync(path)) !== sha1)
      return { reason: `${file} changed` };
  }
  return { bundle };
}
