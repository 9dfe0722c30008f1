// The entry forms' generic save documents on the allow-list (scripts/dashboard-operations.ts): one
// per mutation the supergraph marks as generated from a fact declaration that the dashboard has no
// document of its own for — read from the SDL, no subgraph or dashboard code run.
import { describe, expect, it } from "vitest";
import { saveDocumentText } from "../../dashboard/src/lib/document-text";
import { genericSaveDocuments } from "../scripts/dashboard-operations";
import { readSupergraph } from "../src/supergraph";

const NOTE =
  "由事实声明生成（defineFact）：录入表单以通用文档保存，返回 changed。Generated from a fact declaration (defineFact).";
const sdl = (payload: string) => `
type Mutation {
  """
  Reports a county's figures.
  ${NOTE}
  """
  reportFigures(input: FiguresInput!): ${payload}!
  """Sets a budget (written by hand)."""
  setBudget(input: BudgetInput!): ReportPayload!
  """
  Reports purchases (the dashboard has its own document).
  ${NOTE}
  """
  reportPurchases(input: PurchasesInput!): PurchasesPayload!
}
type ReportPayload { changed: Boolean! }
type CreatedPayload { created: Boolean! }
type PurchasesPayload { created: Boolean! }
input FiguresInput { n: Int! }
input BudgetInput { n: Int! }
input PurchasesInput { n: Int! }
`;

describe("generic save documents from the supergraph", () => {
  it("lists a marked mutation the dashboard does not save itself, and nothing else", () => {
    expect(genericSaveDocuments(sdl("ReportPayload"), new Set(["reportPurchases"]))).toEqual([
      "mutation Save_reportFigures($input: FiguresInput!) {\n  result: reportFigures(input: $input) {\n    changed\n  }\n}",
    ]);
  });

  it("refuses a marked mutation whose payload has no `changed` (its form could not save)", () => {
    expect(() => genericSaveDocuments(sdl("CreatedPayload"), new Set(["reportPurchases"]))).toThrow(
      /reportFigures: its payload CreatedPayload has no `changed`/,
    );
  });

  it("finds the committed supergraph's generated mutations by their mark", () => {
    // the inspection's (payload `created`) saved by a document of the dashboard's own
    const docs = genericSaveDocuments(readSupergraph(), new Set(["recordInspection"]));
    const names = docs.map((d) => /^mutation Save_(\w+)/.exec(d)?.[1]);
    expect(names).toContain("reportEnrollment");
    expect(names).toContain("reportRemoteRegistrations");
    // hand-written mutations with an input and `changed` are not marked
    expect(names).not.toContain("setGlobalBudget");
    expect(names).not.toContain("updateInstitutionAgreement");
    expect(docs).toContain(saveDocumentText("reportEnrollment", "EnrollmentReportInput"));
  });
});
