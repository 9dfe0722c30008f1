import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_FORMAT, bundlePaths, staleReason } from "../../../scripts/start-bundle.mjs";

/**
 * When `npm start` may use its bundle (scripts/start-bundle.mjs): a bundle built from other files
 * than those on disk would run old code, so any change to a recorded input makes it stale. (That the
 * bundle itself runs the product is shown by start.e2e.)
 */
describe("the bundle of npm start is used only while it is built from the files on disk", () => {
  const root = mkdtempSync(join(tmpdir(), "hsa-bundle-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const paths = bundlePaths(root);
  const source = join(root, "src.ts");

  function record(inputs: Record<string, number>, format = BUNDLE_FORMAT) {
    writeFileSync(paths.inputs, JSON.stringify({ format, root, inputs }));
  }

  it("is missing before the first build", () => {
    expect(staleReason(root)).toBe("not built yet");
  });

  it("is fresh while every input keeps its recorded time; stale when one changes or vanishes, the format moves on or the workspace was copied", () => {
    mkdirSync(paths.dir, { recursive: true });
    writeFileSync(paths.bundle, "// bundle");
    writeFileSync(source, "export const a = 1;");
    const at = statSync(source).mtimeMs;
    record({ "src.ts": at });
    expect(staleReason(root)).toBeNull();

    // saved again (even with older contents, as a `git checkout` does)
    utimesSync(source, new Date(at - 60_000), new Date(at - 60_000));
    expect(staleReason(root)).toBe("src.ts changed");

    record({ "src.ts": statSync(source).mtimeMs, "gone.ts": 1 });
    expect(staleReason(root)).toBe("gone.ts was removed");

    record({ "src.ts": statSync(source).mtimeMs }, BUNDLE_FORMAT - 1);
    expect(staleReason(root)).toBe("built by an older version of the builder");

    // copied from another workspace with its times kept: the bundle imports the other one's files
    writeFileSync(paths.inputs, JSON.stringify({ format: BUNDLE_FORMAT, root: "/elsewhere", inputs: {} }));
    expect(staleReason(root)).toBe("built in another folder");

    // a file saved while the bundle was built is recorded as -1: stale until the next build
    record({ "src.ts": -1 });
    expect(staleReason(root)).toBe("src.ts changed");

    record({ "src.ts": statSync(source).mtimeMs });
    rmSync(paths.bundle);
    expect(staleReason(root)).toBe("not built yet");
  });
});
