import { describe, expect, it } from "vitest";
import { changesData } from "../src/lib/explorerPolicy";

// 数据查询 opens whatever a shared link carries; it must never run a mutation with the user's token.
describe("数据查询 sends queries only", () => {
  it("refuses a mutation, named or alone", () => {
    expect(
      changesData('mutation { approveEnrollmentReport(regionCode: "150702", quarter: "2024Q1") { state } }'),
    ).toBe(true);
    expect(changesData("query A { __typename } mutation B { x }", "B")).toBe(true);
    expect(changesData("subscription S { x }")).toBe(true);
  });
  it("runs a query, also the named query of a document that holds a mutation", () => {
    expect(changesData('{ region(code: "150700") { name } }')).toBe(false);
    expect(changesData("query A { __typename } mutation B { x }", "A")).toBe(false);
  });
  it("refuses an unnamed pick among several operations when any changes data", () => {
    expect(changesData("query A { __typename } mutation B { x }")).toBe(true);
    expect(changesData("query A { __typename } query B { __typename }")).toBe(false);
  });
  it("leaves a document that does not parse to the gateway's own error", () => {
    expect(changesData("query {")).toBe(false);
  });
});
