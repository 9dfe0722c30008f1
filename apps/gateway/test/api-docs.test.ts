// Every type, field, argument, input field and enum value the graph defines carries a description
// in Chinese (city offices read Chinese first) and in English. Checked on the committed
// supergraph.graphql and on every subgraph's SDL file (so a description lost in composition, or
// one added to a subgraph but not recomposed, is seen too).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { readRegistry } from "@hsa/subgraph-kit";
import { parse, print, visit } from "graphql";
import { describe, expect, it } from "vitest";
import { undocumented } from "./api-docs-check";

const supergraphFile = fileURLToPath(new URL("../supergraph.graphql", import.meta.url));

describe("API documentation: every element has a zh + en description", () => {
  it("reports an undocumented or one-language element, with its place", () => {
    const sample = /* GraphQL */ `
      "参保情况。Enrollment figures."
      type Sample {
        "参保人数（人）。Insured persons."
        insured: Int!
        rate(precision: Int): Float
        "Only English."
        english: String
        "只有中文"
        chinese: String
      }
      "级别。Level."
      enum Level {
        "城市。City."
        CITY
        COUNTY
      }
      input SampleInput { quarter: String }
      scalar Quarter
      enum join__Graph { A }
      extend type Query { "查询。Query." sample: Sample }
    `;
    expect(undocumented(sample)).toEqual([
      "Sample.rate: no description",
      "Sample.rate(precision): no description",
      "Sample.english: no Chinese",
      "Sample.chinese: no English",
      "Level.COUNTY: no description",
      "SampleInput: no description",
      "SampleInput.quarter: no description",
      "Quarter: no description",
    ]);
  });

  it("catches a field of the real supergraph whose description is removed", () => {
    // The committed supergraph with one field's description dropped: exactly that field is named.
    const stripped = visit(parse(readFileSync(supergraphFile, "utf8")), {
      FieldDefinition(field) {
        return field.name.value === "insuredEmployee" ? { ...field, description: undefined } : undefined;
      },
    });
    expect(undocumented(print(stripped))).toEqual(["EnrollmentReport.insuredEmployee: no description"]);
  });

  it("the composed supergraph documents every type, field, argument, input field and enum value", () => {
    expect(undocumented(readFileSync(supergraphFile, "utf8"))).toEqual([]);
  });

  for (const entry of readRegistry().subgraphs) {
    it(`subgraph ${entry.name}'s SDL file documents every element`, () => {
      expect(undocumented(readFileSync(entry.schemaFile, "utf8"))).toEqual([]);
    });
  }
});
