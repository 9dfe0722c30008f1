import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addQuarters,
  compareQuarters,
  formatQuarter,
  fromIndex,
  isQuarterString,
  parseQuarter,
  quarterIndex,
  quarterRange,
} from "../src/index";

const quarter = fc.record({
  year: fc.integer({ min: 1900, max: 2999 }),
  q: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
});
const quarterString = quarter.map((v) => `${v.year}Q${v.q}`);

describe("quarters (property-based)", () => {
  it("parse ∘ format and format ∘ parse are the identity", () => {
    fc.assert(
      fc.property(quarter, (v) => {
        expect(parseQuarter(formatQuarter(v))).toEqual(v);
      }),
    );
    fc.assert(
      fc.property(quarterString, (s) => {
        expect(formatQuarter(parseQuarter(s))).toBe(s);
        expect(formatQuarter(fromIndex(quarterIndex(s)))).toBe(s);
      }),
    );
  });

  it("accepts nothing but YYYYQn", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        fc.pre(!/^\d{4}Q[1-4]$/.test(s));
        expect(isQuarterString(s)).toBe(false);
        expect(() => parseQuarter(s)).toThrow();
      }),
    );
  });

  it("ranges have index-difference + 1 consecutive quarters from `from` to `to`", () => {
    fc.assert(
      fc.property(quarterString, fc.integer({ min: 0, max: 200 }), (from, n) => {
        fc.pre(quarterIndex(from) + n < 3000 * 4);
        const to = addQuarters(from, n);
        const range = quarterRange(from, to);
        expect(range.length).toBe(quarterIndex(to) - quarterIndex(from) + 1);
        expect(range.length).toBe(n + 1);
        expect(range[0]).toBe(from);
        expect(range.at(-1)).toBe(to);
        for (let i = 1; i < range.length; i++) {
          expect(quarterIndex(range[i] as string) - quarterIndex(range[i - 1] as string)).toBe(1);
        }
      }),
    );
  });

  it("orders like the indexes, and addQuarters inverts itself", () => {
    fc.assert(
      fc.property(quarterString, quarterString, fc.integer({ min: -100, max: 100 }), (a, b, n) => {
        expect(compareQuarters(a, b)).toBe(Math.sign(quarterIndex(a) - quarterIndex(b)));
        // Same-length "YYYYQn" strings sort chronologically as plain strings.
        expect(Math.sign(a.localeCompare(b, "en"))).toBe(compareQuarters(a, b));
        const idx = quarterIndex(a) + n;
        fc.pre(idx >= 1900 * 4 && idx < 3000 * 4);
        expect(addQuarters(addQuarters(a, n), -n)).toBe(a);
      }),
    );
  });
});
