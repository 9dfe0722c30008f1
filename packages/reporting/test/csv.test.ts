import { describe, expect, it } from "vitest";
import { decodeCsv } from "../src/csv-decoder";
import { type ColumnSpec, layoutMarkdown, normaliseHeader } from "../src/csv-layout";
import { parseCsv } from "../src/csv-reader";

const columns: ColumnSpec[] = [
  {
    key: "regionCode",
    zh: "行政区划代码",
    aliases: ["region_code"],
    type: { kind: "region" },
    help: "county",
  },
  { key: "quarter", zh: "季度", type: { kind: "quarter" }, help: "YYYYQn" },
  { key: "persons", zh: "人数", type: { kind: "int" }, help: "count" },
  { key: "amountYuan", zh: "金额（元）", type: { kind: "yuan" }, help: "yuan" },
  { key: "note", zh: "备注", type: { kind: "text", maxLength: 5 }, optional: true, help: "free text" },
  {
    key: "category",
    zh: "类别",
    type: { kind: "enum", values: { 药品: "DRUG", DRUG: "DRUG", 耗材: "CONSUMABLE" } },
    optional: true,
    help: "kind",
  },
];

describe("decodeCsv", () => {
  it("reads UTF-8 with and without a byte-order mark, and GB18030 (Chinese Windows exports)", () => {
    const text = "季度,行政区划代码\n2024Q1,150724\n";
    const utf8 = new TextEncoder().encode(text);
    expect(decodeCsv(utf8)).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text, encoding: "utf-8-bom" });
    // the same text as Excel saves it on a Chinese Windows ("CSV (逗号分隔)"): GBK/GB18030 bytes
    const gb = Buffer.from("bcbeb6c82cd0d0d5fec7f8bbaeb4fac2eb0a3230323451312c3135303732340a", "hex");
    expect(decodeCsv(gb)).toEqual({ text, encoding: "gb18030" });
  });
});

describe("parseCsv", () => {
  it("accepts Chinese or English headers in any order, loosely matched", () => {
    const r = parseCsv(
      'Quarter , 行政区划代码,PERSONS,金额(元)\n2024q1,150724,"1,234","8,748,900.5"\n',
      columns,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      {
        line: 2,
        values: {
          quarter: "2024Q1",
          regionCode: "150724",
          persons: 1234,
          amountYuan: 874890050n,
          note: null,
          category: null,
        },
      },
    ]);
    expect(normaliseHeader("金额（元）")).toBe(normaliseHeader("金额(元)"));
  });

  it("reports unknown, duplicate and missing columns on line 1 and reads no rows", () => {
    const r = parseCsv("季度,季度,人数,颜色\n2024Q1,2024Q1,1,red\n", columns);
    expect(r.rows).toEqual([]);
    const reasons = r.errors.map((e) => `${e.line}:${e.column}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        "1:季度",
        "1:颜色",
        "1:行政区划代码 (regionCode)",
        "1:金额（元） (amountYuan)",
      ]),
    );
    expect(r.errors.every((e) => e.line === 1)).toBe(true);
  });

  it("reports every bad cell of every row with its file line, also after quoted line breaks", () => {
    const csv = [
      "行政区划代码,季度,人数,金额（元）,备注,类别",
      "150724,2024Q1,10,1.00,ok,药品",
      "", // empty lines are skipped but still counted
      '150724,2024Q2,-1,1.001,"two\nlines",耗材',
      "15072,2024Q5,x,abc,toolongtext,food",
    ].join("\n");
    const r = parseCsv(csv, columns);
    expect(r.rowCount).toBe(3);
    expect(r.rows.map((x) => x.line)).toEqual([2]);
    const found = r.errors.map((e) => [e.line, e.column]);
    expect(found).toEqual([
      [4, "人数"], // the record starting on line 4 (its quoted note spans lines 4–5)
      [4, "金额（元）"],
      [4, "备注"],
      [6, "行政区划代码"],
      [6, "季度"],
      [6, "人数"],
      [6, "金额（元）"],
      [6, "备注"],
      [6, "类别"],
    ]);
    expect(r.errors.find((e) => e.line === 4 && e.column === "人数")?.reason).toMatch(/负数/);
    expect(r.errors.find((e) => e.line === 6 && e.column === "类别")?.reason).toContain("药品");
  });

  it("treats a required empty cell as an error and an optional one as null", () => {
    const r = parseCsv("行政区划代码,季度,人数,金额（元）,备注\n150724,2024Q1,,0,\n", columns);
    expect(r.errors).toEqual([{ line: 2, column: "人数", value: "", reason: expect.stringMatching(/必填/) }]);
  });

  it("says so when a file has no header or is malformed", () => {
    expect(parseCsv("", columns).errors[0]?.reason).toMatch(/empty/);
    expect(parseCsv('行政区划代码,季度\n"150724,2024Q1\n', columns).errors[0]?.reason).toMatch(/malformed/);
  });

  it("documents a layout as a Markdown table", () => {
    const md = layoutMarkdown(columns);
    expect(md.split("\n")).toHaveLength(2 + columns.length);
    expect(md).toContain("| 金额（元） | amountYuan | yes | yuan |");
    expect(md).toContain("| 备注 | note | no | free text |");
  });
});
