import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { cors, limitsFromEnv, queryLimitsRule, stripSuggestions } from "../src";

const schema = buildSchema(`
  type Region { code: ID! parent: Region children: [Region!]! kpis: [Kpi!]! }
  type Kpi { value: Float points: [Point!]! }
  type Point { value: Float }
  type Query { region(code: ID!): Region regions: [Region!]! }
`);
const limits = { maxDepth: 4, maxAliases: 3, maxCost: 1_000, listFactor: 10, maxTokens: 100 };

function check(query: string, l = limits) {
  return validate(schema, parse(query), [queryLimitsRule(l)]).map((e) => [e.extensions.code, e.message]);
}

describe("query limits rule", () => {
  it("measures depth with fragments and inline fragments", () => {
    expect(check(`{ region(code: "1") { parent { parent { code } } } }`)).toEqual([]);
    expect(check(`{ region(code: "1") { parent { parent { parent { code } } } } }`)).toEqual([
      ["QUERY_TOO_DEEP", "the query is 5 fields deep; at most 4 are allowed"],
    ]);
    expect(
      check(
        `{ region(code: "1") { ...F } } fragment F on Region { parent { ... on Region { parent { parent { code } } } } }`,
      )[0]?.[0],
    ).toBe("QUERY_TOO_DEEP");
  });

  it("does not count introspection in depth or cost", () => {
    expect(
      check(`{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`),
    ).toEqual([]);
  });

  it("counts aliases, a fragment once per spread", () => {
    expect(
      check(`{ a: region(code: "1") { code } b: region(code: "2") { code } c: regions { code } }`),
    ).toEqual([]);
    const viaFragment = check(
      `{ regions { ...F x: children { ...F } } } fragment F on Region { a: code b: code }`,
    );
    expect(viaFragment).toEqual([["TOO_MANY_ALIASES", "the query uses 5 aliases; at most 3 are allowed"]]);
  });

  it("computes cost as 1 + (list ? factor : 1) × Σ children", () => {
    // regions: 1 + 10 × (code 1 + kpis (1 + 10 × (value 1 + points (1 + 10 × 1)))) = 1 + 10 × (1 + 1 + 10 × 12) = 1221
    const q = `{ regions { code kpis { value points { value } } } }`;
    expect(check(q)).toEqual([["QUERY_TOO_COMPLEX", expect.stringMatching(/^the query's cost is 1221 /)]]);
    expect(check(q, { ...limits, maxCost: 1221 })).toEqual([]);
    expect(check(q, { ...limits, maxCost: 0 })).toEqual([]);
  });

  it("reads limits from the environment and refuses nonsense", () => {
    expect(limitsFromEnv({})).toMatchObject({
      maxDepth: 12,
      maxAliases: 30,
      maxCost: 25_000,
      listFactor: 10,
    });
    expect(limitsFromEnv({ HSA_MAX_DEPTH: "20" }).maxDepth).toBe(20);
    expect(() => limitsFromEnv({ HSA_MAX_DEPTH: "deep" })).toThrow(/non-negative integer/);
  });

  it("strips suggestions", () => {
    expect(
      stripSuggestions('Cannot query field "cod" on type "Region". Did you mean "code" or "codes"?'),
    ).toBe('Cannot query field "cod" on type "Region".');
  });
});

describe("cors", () => {
  const req = (origin: string | undefined, method = "POST") =>
    ({ method, headers: origin ? { origin } : {} }) as Parameters<ReturnType<typeof cors>["headers"]>[0];
  it("echoes listed origins only and answers their preflights", () => {
    const c = cors(["https://a.example"]);
    expect(c.headers(req("https://a.example"))).toEqual({
      "access-control-allow-origin": "https://a.example",
      vary: "Origin",
    });
    expect(c.headers(req("https://a.example", "OPTIONS"))["access-control-allow-methods"]).toMatch(/POST/);
    expect(c.headers(req("https://b.example"))["access-control-allow-origin"]).toBeUndefined();
    expect(c.preflight(req("https://a.example", "OPTIONS"))).toBe(true);
    expect(c.preflight(req("https://b.example", "OPTIONS"))).toBe(false);
    expect(c.preflight(req(undefined, "OPTIONS"))).toBe(false);
  });
});
