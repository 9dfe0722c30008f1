// The worked examples of docs/api.md are real: every ```graphql block parses and validates against
// the committed supergraph, so a renamed field breaks this test, not a city
// office's script. The Python example runs against the stack in python-example.integration.test.ts.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSchema, type GraphQLSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { SUPERGRAPH_PATH } from "../src/supergraph";

const DOC = fileURLToPath(new URL("../../../docs/api.md", import.meta.url));

/** The committed supergraph as a schema (its join__ bookkeeping types do not matter to validation). */
function apiSchema(): GraphQLSchema {
  return buildSchema(readFileSync(SUPERGRAPH_PATH, "utf8"), { assumeValidSDL: true });
}

describe("docs/api.md worked examples", () => {
  const blocks = [...readFileSync(DOC, "utf8").matchAll(/```graphql\n([\s\S]*?)```/g)].map(
    (m) => m[1] as string,
  );

  it("has the five common tasks of the issue", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4); // the CSV import is HTTP, not GraphQL
    const all = blocks.join("\n");
    for (const field of [
      "enrollmentKpis",
      "enrollmentRanking",
      "institution(",
      "purchases(",
      "dipSettlements",
      "ReportHistory",
    ])
      expect(all, field).toContain(field);
  });

  it("every example validates against the supergraph", () => {
    const schema = apiSchema();
    for (const text of blocks) {
      const errors = validate(schema, parse(text)).map((e) => e.message);
      expect(errors, text.split("\n")[0]).toEqual([]);
    }
  });

  it("would catch a renamed field", () => {
    const schema = apiSchema();
    const broken = (blocks[0] as string).replace("previous {", "previousRange {");
    expect(
      validate(schema, parse(broken))
        .map((e) => e.message)
        .join(),
    ).toMatch(/previousRange/);
  });
});
