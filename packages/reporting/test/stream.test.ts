// The import's file is read as it arrives (issue 14): the decoder and the reader must give the
// same result whatever the chunks are, and keep nothing of the file.
import { describe, expect, it } from "vitest";
import { CsvDecoder, decodeCsv, firstInvalidUtf8 } from "../src/csv-decoder";
import type { ColumnSpec } from "../src/csv-layout";
import { CsvReader, type ParsedRow, parseCsv, type RowError } from "../src/csv-reader";
import { RowErrors } from "../src/import-kind";

const columns: ColumnSpec[] = [
  { key: "regionCode", zh: "行政区划代码", type: { kind: "region" }, help: "county" },
  { key: "regionName", zh: "行政区划名称", type: { kind: "text" }, optional: true, help: "name" },
  { key: "quarter", zh: "季度", type: { kind: "quarter" }, help: "YYYYQn" },
  { key: "persons", zh: "人数", type: { kind: "int" }, help: "count" },
];

// "季度,行政区划代码\n2024Q1,150724\n" as GB18030, and a GB18030 name
const GB_SMALL = Buffer.from("bcbeb6c82cd0d0d5fec7f8bbaeb4fac2eb0a3230323451312c3135303732340a", "hex");
const TEXT_SMALL = "季度,行政区划代码\n2024Q1,150724\n";

/** Cuts bytes into chunks of the given sizes (cycled). */
function chunked(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = sizes[k++ % sizes.length] as number;
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

function decodeChunks(chunks: Uint8Array[]): { text: string; encoding: string } {
  const d = new CsvDecoder();
  const out: Uint8Array[] = [];
  for (const c of chunks) out.push(d.write(c));
  out.push(d.end());
  return { text: Buffer.concat(out).toString("utf8"), encoding: d.encoding };
}

function read(chunks: Uint8Array[]) {
  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  const reader = new CsvReader(
    columns,
    (r) => rows.push(r),
    (e) => errors.push(e),
  );
  for (const c of chunks) reader.write(c);
  return { rows, errors, ...reader.end() };
}

const CHUNKINGS = [[1], [2], [3], [5, 1, 7], [64], [1 << 20]];

/** A GB18030 encoder is not in Node: the few characters the tests need, from a GB18030 decode. */
function gb18030(text: string): Uint8Array {
  const table: Record<string, number[]> = {
    季: [0xbc, 0xbe],
    度: [0xb6, 0xc8],
    行: [0xd0, 0xd0],
    政: [0xd5, 0xfe],
    区: [0xc7, 0xf8],
    划: [0xbb, 0xae],
    代: [0xb4, 0xfa],
    码: [0xc2, 0xeb],
    名: [0xc3, 0xfb],
    称: [0xb3, 0xc6],
    人: [0xc8, 0xcb],
    数: [0xca, 0xfd],
    鄂: [0xb6, 0xf5],
    温: [0xce, 0xc2],
    克: [0xbf, 0xcb],
    族: [0xd7, 0xe5],
    自: [0xd7, 0xd4],
    治: [0xd6, 0xce],
    旗: [0xc6, 0xec],
  };
  const out: number[] = [];
  for (const ch of text) {
    const bytes = table[ch] ?? (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : null);
    if (!bytes) throw new Error(`no GB18030 bytes for ${ch} in the test table`);
    out.push(...bytes);
  }
  const b = new Uint8Array(out);
  expect(new TextDecoder("gb18030").decode(b)).toBe(text); // the table is right
  return b;
}

describe("CsvDecoder (chunk by chunk)", () => {
  it("decodes UTF-8, UTF-8 with a BOM and GB18030 alike for every chunking, multi-byte characters cut anywhere", () => {
    const utf8 = new TextEncoder().encode(TEXT_SMALL);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    for (const sizes of CHUNKINGS) {
      expect(decodeChunks(chunked(utf8, sizes))).toEqual({ text: TEXT_SMALL, encoding: "utf-8" });
      expect(decodeChunks(chunked(bom, sizes))).toEqual({ text: TEXT_SMALL, encoding: "utf-8-bom" });
      expect(decodeChunks(chunked(GB_SMALL, sizes))).toEqual({ text: TEXT_SMALL, encoding: "gb18030" });
    }
    expect(decodeCsv(GB_SMALL)).toEqual({ text: TEXT_SMALL, encoding: "gb18030" });
  });

  it("finds GB18030 after a long ASCII start (English header, codes and numbers first)", () => {
    const ascii = `regionCode,regionName,quarter,persons\n${"150724,,2024Q1,1\n".repeat(50_000)}`;
    const text = `${ascii}150724,鄂温克族自治旗,2024Q2,2\n`;
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(ascii),
      ...gb18030("150724,鄂温克族自治旗,2024Q2,2\n"),
    ]);
    for (const sizes of [[7], [4096], [65536]]) {
      const d = decodeChunks(chunked(bytes, sizes));
      expect(d.encoding).toBe("gb18030");
      expect(d.text === text).toBe(true);
    }
  });

  it("re-reads as GB18030 a start that happened to be valid UTF-8 (a GBK pair that is a UTF-8 sequence)", () => {
    // 0xCB 0xA2 is GBK 刷 and also the UTF-8 of U+02E2; the next pair (0xD7 0xD4, 自) is not UTF-8… but
    // 0xD7 0xD4 is not a UTF-8 continuation, so only one character is read as UTF-8 before the switch
    const bytes = new Uint8Array([0x61, 0x2c, 0xcb, 0xa2, 0xd7, 0xd4, 0x0a]);
    for (const sizes of CHUNKINGS) {
      expect(decodeChunks(chunked(bytes, sizes))).toEqual({ text: "a,刷自\n", encoding: "gb18030" });
    }
  });

  it("holds back at most a little, and passes UTF-8 on as it is, whole characters only", () => {
    const d = new CsvDecoder();
    const enc = (t: string) => new TextEncoder().encode(t);
    const txt = (b: Uint8Array) => Buffer.from(b).toString("utf8");
    const head = "行政区划代码,行政区划名称,季度,人数\n"; // 48 bytes of non-ASCII
    const row = "150724,鄂温克族自治旗,2024Q1,1\n";
    expect(d.write(enc(head)).length).toBe(0); // not yet sure
    const out = txt(d.write(enc(row))); // sure from the 64th non-ASCII byte on (in 治)
    expect(out.startsWith(`${head}150724,鄂温克族自`)).toBe(true);
    const next = enc("150724,,2024Q2,1\n");
    const cut = enc("鄂温");
    const passed = d.write(next);
    expect(passed).toEqual(next);
    expect(passed.buffer).toBe(next.buffer); // the very bytes, not a copy
    expect(txt(d.write(cut.subarray(0, 4)))).toBe("鄂"); // 温 is cut off: it waits for its last bytes
    expect(txt(d.write(cut.subarray(4)))).toBe("温");
    expect(d.end().length).toBe(0);
    expect(d.encoding).toBe("utf-8");
    // a character cut off at the very end is an error
    const e = new CsvDecoder();
    e.write(enc(`${head}${row}`));
    e.write(cut.subarray(0, 4));
    expect(() => e.end()).toThrow(/UTF-8/);
  });

  it("says where a file taken as UTF-8 stops being UTF-8, rather than reading all of it as GB18030", () => {
    const good = new TextEncoder().encode(
      `行政区划代码,行政区划名称,季度,人数\n${"150724,鄂温克族自治旗,2024Q1,1\n".repeat(3)}`,
    );
    const bytes = new Uint8Array([...good, ...gb18030("150724,鄂温克族自治旗,2024Q2,2\n")]);
    for (const sizes of [...CHUNKINGS, [16], [100, 3]])
      expect(() => decodeChunks(chunked(bytes, sizes))).toThrow(/line 5/);
    expect(() => decodeChunks([bytes])).toThrow(/not valid UTF-8 from line 5/);
  });

  it("firstInvalidUtf8 finds the first bad byte", () => {
    expect(firstInvalidUtf8(new TextEncoder().encode("ab季度"))).toBe(8);
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(1); // surrogate
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe5, 0xad, 0x61]))).toBe(1);
  });
});

describe("CsvReader (record by record)", () => {
  const csv = [
    "行政区划代码,行政区划名称,季度,人数",
    "150724,鄂温克族自治旗,2024Q1,10",
    "",
    '150724,"两行\n的名称, 带逗号",2024Q2,-1',
    '150702,"海拉尔区 ""城区""",2024Q3,1,extra',
    "15072,,2024Q5,x",
    "150702,海拉尔区,2024Q4,3",
  ].join("\r\n");

  it("gives the same rows, errors and lines as parsing the whole text, for every chunking", () => {
    const whole = parseCsv(csv, columns);
    expect(whole.rowCount).toBe(5);
    expect(whole.rows.map((r) => r.line)).toEqual([2, 8]);
    expect(whole.rows[0]?.values).toEqual({
      regionCode: "150724",
      regionName: "鄂温克族自治旗",
      quarter: "2024Q1",
      persons: 10,
    });
    expect(whole.errors.map((e) => [e.line, e.column])).toEqual([
      [4, "人数"],
      [6, null],
      [7, "行政区划代码"],
      [7, "季度"],
      [7, "人数"],
    ]);
    const utf8 = new TextEncoder().encode(csv);
    for (const sizes of CHUNKINGS) {
      const r = read(chunked(utf8, sizes));
      expect(r.fatal).toBeNull();
      expect({ rows: r.rows, errors: r.errors, rowCount: r.rowCount }).toEqual(whole);
      expect(r.encoding).toBe("utf-8");
    }
  });

  it("reports a malformed file, an empty one, a mixed encoding and bad headers once", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(read([enc('行政区划代码,季度,人数\n"150724,2024Q1,1\n')]).fatal?.reason).toMatch(/malformed/);
    expect(read([]).fatal).toMatchObject({ line: 1, reason: expect.stringMatching(/empty/) });
    const cut = read([new Uint8Array([0xef, 0xbb])]); // half a byte-order mark: a header of junk
    expect(cut.rows).toEqual([]);
    expect(cut.headerErrors.length + (cut.fatal ? 1 : 0)).toBeGreaterThan(0);
    const mixed = read([
      enc(`${"行政区划代码,行政区划名称,季度,人数\n".repeat(1)}150724,鄂温克族自治旗,2024Q1,1\n150724,`),
      gb18030("鄂温克族自治旗,2024Q2,1\n"),
    ]);
    expect(mixed.fatal).toMatchObject({ line: 3, reason: expect.stringMatching(/UTF-8/) });
    const header = read([enc("季度,季度,颜色\n2024Q1,2024Q1,red\n2024Q2,2024Q2,blue\n")]);
    expect(header.rows).toEqual([]);
    expect(header.errors).toEqual([]);
    expect(header.rowCount).toBe(2);
    expect(header.headerErrors.map((e) => e.column)).toEqual(
      expect.arrayContaining(["季度", "颜色", "行政区划代码 (regionCode)", "人数 (persons)"]),
    );
  });

  it("bounds a record: an unclosed quote does not grow without limit", () => {
    const big = `行政区划代码,行政区划名称,季度,人数\n150724,"${"x".repeat(1_100_000)}`;
    const r = read([new TextEncoder().encode(big)]);
    expect(r.fatal?.reason).toMatch(/malformed/);
  });

  it("passes an exception of its row callback to the writer, not as a malformed file", () => {
    const reader = new CsvReader(
      columns,
      () => {
        throw new Error("boom");
      },
      () => {},
    );
    expect(() => {
      reader.write(new TextEncoder().encode("行政区划代码,季度,人数\n150724,2024Q1,1\n"));
      reader.end();
    }).toThrow("boom");
  });
});

describe("RowErrors", () => {
  it("counts every error and keeps the first by line, in the order found within a line", () => {
    const list = new RowErrors(3);
    for (let line = 10_000; line > 0; line--) list.add({ line, column: null, reason: `r${line}` });
    list.add({ line: 2, column: "b", reason: "second of line 2" });
    expect(list.count).toBe(10_001);
    expect(list.sorted().map((e) => [e.line, e.reason])).toEqual([
      [1, "r1"],
      [2, "r2"],
      [2, "second of line 2"],
    ]);
    const many = new RowErrors();
    many.addAll(Array.from({ length: 300_000 }, (_, i) => ({ line: i + 2, column: null, reason: "x" })));
    expect(many.count).toBe(300_000);
    expect(many.sorted()).toHaveLength(2_000);
  });
});
