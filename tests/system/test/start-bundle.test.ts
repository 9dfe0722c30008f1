import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_FORMAT, bundlePaths, contentHash, freshBundle } from "../../../scripts/start-bundle.mjs";

/**
 * When `npm start` may use its bundle (scripts/start-bundle.mjs): a bundle built from other files
 * than those on disk would run old code, so a changed or removed input makes it stale; a file only
 * touched (same contents) does not. (That the bundle itself runs the product is shown by start.e2e.)
 */
describe("the bundle of npm start is used only while it is built from the files on disk", () => {
  const root = mkdtempSync(join(tmpdir(), "hsa-bundle-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const paths = bundlePaths(root);
  const source = join(root, "src.ts");
  const bundle = join(paths.dir, "start-abc.mjs");

  /** inputs.json as build-start.ts writes it, for `files` as they are now (or as given). */
  function record(inputs: Record<string, [number, string]>, extra: Record<string, unknown> = {}) {
    writeFileSync(
      paths.inputs,
      JSON.stringify({ format: BUNDLE_FORMAT, root, bundle: "start-abc.mjs", inputs, ...extra }),
    );
  }
  const now = (file: string): [number, string] => [
    statSync(file).mtimeMs,
    contentHash(readFileSync(file, "utf8")),
  ];

  it("is missing before the first build", () => {
    expect(freshBundle(root)).toEqual({ reason: "not built yet" });
  });

  it("runs while its inputs are unchanged, even when only touched; not when one is edited or removed", () => {
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(bundle, "// bundle");
    writeFileSync(source, "export const a = 1;");
    record({ "src.ts": now(source) });
    expect(freshBundle(root)).toEqual({ bundle });

    // touched with the same contents (a `git checkout` there and back): still the same code
    const t = statSync(source).mtimeMs;
    utimesSync(source, new Date(t - 60_000), new Date(t - 60_000));
    expect(freshBundle(root)).toEqual({ bundle });

    // edited, with its old time put back (a time alone cannot be trusted)
    writeFileSync(source, "export const a = 2;");
    utimesSync(source, new Date(t - 60_000), new Date(t - 60_000));
    record({ "src.ts": [t, contentHash("export const a = 1;")] });
    expect(freshBundle(root)).toEqual({ reason: "src.ts changed" });

    // saved after the build read it: the recorded time is the one before the read, so it differs
    record({ "src.ts": [statSync(source).mtimeMs - 1, contentHash("export const a = 1;")] });
    expect(freshBundle(root)).toEqual({ reason: "src.ts changed" });

    record({ "src.ts": now(source), "gone.ts": [1, "x"] });
    expect(freshBundle(root)).toEqual({ reason: "gone.ts was removed" });
  });

  it("is rebuilt for another format, in a copied workspace, or when its bundle file is gone", () => {
    record({ "src.ts": now(source) }, { format: BUNDLE_FORMAT - 1 });
    expect(freshBundle(root)).toEqual({ reason: "built by an older version of the builder" });

    // copied from another workspace with its times kept: the bundle imports the other one's files
    record({ "src.ts": now(source) }, { root: "/elsewhere" });
    expect(freshBundle(root)).toEqual({ reason: "built in another folder" });

    record({ "src.ts": now(source) }, { bundle: "start-gone.mjs" });
    expect(freshBundle(root)).toEqual({ reason: "not built yet" });
  });
});
