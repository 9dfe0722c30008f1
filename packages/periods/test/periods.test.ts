import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, graphql, printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import {
  addQuarters,
  compareQuarters,
  currentQuarter,
  formatQuarter,
  fromIndex,
  InvalidQuarterError,
  isQuarterString,
  labelEn,
  labelZh,
  parseQuarter,
  previousQuarter,
  QuarterScalar,
  quarterEnd,
  quarterIndex,
  quarterOf,
  quarterRange,
  quarterScalarSDL,
  quarterStart,
  sameQuarterLastYear,
} from "../src/index";

describe("parsing and formatting", () => {
  it("parses valid quarters", () => {
    expect(parseQuarter("2023Q1")).toEqual({ year: 2023, q: 1 });
    expect(parseQuarter("1900Q4")).toEqual({ year: 1900, q: 4 });
    expect(parseQuarter("2999Q2")).toEqual({ year: 2999, q: 2 });
    expect(formatQuarter({ year: 2023, q: 3 })).toBe("2023Q3");
  });

  it.each(["2023Q5", "2023Q0", "2023-01", "", "23Q1", "2023q1", " 2023Q1", "2023Q1 ", "1899Q4", "3000Q1"])(
    "rejects %j",
    (s) => {
      expect(() => parseQuarter(s)).toThrow(InvalidQuarterError);
      expect(isQuarterString(s)).toBe(false);
    },
  );

  it("explains what is expected", () => {
    expect(() => parseQuarter("2023Q5")).toThrow(
      'invalid quarter "2023Q5": expected YYYYQn with n in 1..4, e.g. "2023Q1"',
    );
  });

  it("indexes and compares", () => {
    expect(quarterIndex("2023Q1")).toBe(2023 * 4);
    expect(quarterIndex({ year: 2023, q: 4 })).toBe(2023 * 4 + 3);
    expect(fromIndex(2023 * 4 + 2)).toEqual({ year: 2023, q: 3 });
    expect(compareQuarters("2022Q4", "2023Q1")).toBeLessThan(0);
    expect(compareQuarters("2023Q2", { year: 2023, q: 1 })).toBeGreaterThan(0);
    expect(compareQuarters("2023Q2", "2023Q2")).toBe(0);
    expect(["2023Q2", "2021Q4", "2023Q1"].sort(compareQuarters)).toEqual(["2021Q4", "2023Q1", "2023Q2"]);
  });
});

describe("arithmetic", () => {
  it("builds inclusive ranges across years", () => {
    expect(quarterRange("2022Q3", "2023Q2")).toEqual(["2022Q3", "2022Q4", "2023Q1", "2023Q2"]);
    expect(quarterRange("2023Q1", "2023Q1")).toEqual(["2023Q1"]);
    expect(quarterRange({ year: 2021, q: 4 }, "2022Q1")).toEqual(["2021Q4", "2022Q1"]);
  });

  it("rejects a range whose from is after its to", () => {
    expect(() => quarterRange("2023Q2", "2023Q1")).toThrow(InvalidQuarterError);
    expect(() => quarterRange("2023Q2", "2023Q1")).toThrow(/after/);
  });

  it("steps backwards and forwards", () => {
    expect(previousQuarter("2023Q1")).toBe("2022Q4");
    expect(previousQuarter("2023Q3")).toBe("2023Q2");
    expect(sameQuarterLastYear("2023Q1")).toBe("2022Q1");
    expect(sameQuarterLastYear({ year: 2024, q: 4 })).toBe("2023Q4");
    expect(addQuarters("2023Q4", 1)).toBe("2024Q1");
    expect(addQuarters("2023Q1", 9)).toBe("2025Q2");
    expect(addQuarters("2023Q1", -5)).toBe("2021Q4");
    expect(() => addQuarters("1900Q1", -1)).toThrow(InvalidQuarterError);
  });
});

describe("dates", () => {
  it("reads the quarter in China time", () => {
    // 2023-03-31T17:00Z is 2023-04-01 01:00 in Beijing
    expect(quarterOf(new Date("2023-03-31T17:00:00Z"))).toBe("2023Q2");
    expect(quarterOf(new Date("2023-03-31T15:59:59Z"))).toBe("2023Q1");
    expect(quarterOf(new Date("2023-12-31T16:00:00Z"))).toBe("2024Q1");
    expect(currentQuarter(new Date("2023-07-15T00:00:00Z"))).toBe("2023Q3");
    expect(isQuarterString(currentQuarter())).toBe(true);
  });

  it("gives quarter start and end days", () => {
    expect(quarterStart("2023Q1").toISOString()).toBe("2023-01-01T00:00:00.000Z");
    expect(quarterEnd("2023Q1").toISOString()).toBe("2023-03-31T00:00:00.000Z");
    expect(quarterStart("2024Q2").toISOString()).toBe("2024-04-01T00:00:00.000Z");
    expect(quarterEnd("2024Q2").toISOString()).toBe("2024-06-30T00:00:00.000Z");
    expect(quarterEnd("2023Q4").toISOString()).toBe("2023-12-31T00:00:00.000Z");
  });

  it("labels quarters", () => {
    expect(labelZh("2023Q1")).toBe("2023年第一季度");
    expect(labelZh({ year: 2024, q: 4 })).toBe("2024年第四季度");
    expect(labelEn("2023Q1")).toBe("2023 Q1");
  });
});

describe("Quarter scalar through graphql-js", () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        echo: {
          type: QuarterScalar,
          args: { q: { type: new GraphQLNonNull(QuarterScalar) } },
          resolve: (_src, args: { q: string }) => args.q,
        },
      },
    }),
  });

  it("has a name and description", () => {
    expect(QuarterScalar.name).toBe("Quarter");
    expect(printSchema(schema)).toContain(quarterScalarSDL);
    expect(QuarterScalar.description).toMatch(/YYYYQn/);
  });

  it("accepts a valid quarter as variable and literal", async () => {
    const asVar = await graphql({
      schema,
      source: "query($q: Quarter!) { echo(q: $q) }",
      variableValues: { q: "2023Q1" },
    });
    expect(asVar.errors).toBeUndefined();
    expect(asVar.data).toEqual({ echo: "2023Q1" });
    const inline = await graphql({ schema, source: '{ echo(q: "2024Q4") }' });
    expect(inline.errors).toBeUndefined();
    expect(inline.data).toEqual({ echo: "2024Q4" });
  });

  const bad: unknown[] = ["2023Q5", "2023-01", "", "23Q1", "2023q1", 2023];

  it.each(bad)("rejects %j as a variable with BAD_USER_INPUT", async (value) => {
    const result = await graphql({
      schema,
      source: "query($q: Quarter!) { echo(q: $q) }",
      variableValues: { q: value },
    });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/invalid quarter/);
  });

  it.each(bad)("rejects %j as an inline literal with BAD_USER_INPUT", async (value) => {
    const literal = typeof value === "string" ? JSON.stringify(value) : String(value);
    const result = await graphql({ schema, source: `{ echo(q: ${literal}) }` });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/invalid quarter/);
  });

  it("rejects other literal kinds", async () => {
    for (const literal of ["true", "2023.1", "Q1", '["2023Q1"]', "{ year: 2023 }"]) {
      const result = await graphql({ schema, source: `{ echo(q: ${literal}) }` });
      expect(result.errors?.[0]?.extensions.code, literal).toBe("BAD_USER_INPUT");
    }
  });

  it("serializes quarter strings and objects", () => {
    expect(QuarterScalar.serialize("2023Q2")).toBe("2023Q2");
    expect(QuarterScalar.serialize({ year: 2023, q: 2 })).toBe("2023Q2");
    expect(() => QuarterScalar.serialize("2023Q9")).toThrow(/Quarter cannot represent/);
  });
});
