import { describe, expect, it } from "vitest";
import { requestPath } from "../server/index";

// The dashboard's static server answered 500 ("Invalid URL") to `GET //?…`, which a mistyped link
// or a proxy that doubles a slash sends; such paths now serve the app and a malformed escape gets 400.
describe("dashboard server: request paths", () => {
  it("folds leading slashes instead of reading `//…` as a host", () => {
    expect(requestPath("//?region=150700")).toBe("/");
    expect(requestPath("///assets/index.js")).toBe("/assets/index.js");
  });
  it("decodes escapes and drops the query and fragment", () => {
    expect(requestPath("/%E6%95%B0%E6%8D%AE?q=1#x")).toBe("/数据");
    expect(requestPath(undefined)).toBe("/");
  });
  it("refuses a malformed escape (400) rather than throwing", () => {
    expect(requestPath("/%E0%A4%A")).toBeNull();
  });
  it("keeps `..` inside the path for the caller's containment check", () => {
    expect(requestPath("/a/../../etc/passwd")).toBe("/etc/passwd");
  });
});
