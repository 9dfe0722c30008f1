import { isUtf8 } from "node:buffer";
import { TextDecoder } from "node:util";

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gb18030";

/**
 * Non-ASCII bytes of valid UTF-8 after which an upload is taken to be UTF-8 (GB18030 Chinese text
 * is not valid UTF-8 for more than a character or two), or bytes after its first non-ASCII byte.
 */
const UTF8_CONFIRM_NON_ASCII = 64;
const UTF8_CONFIRM_BYTES = 8 * 1024 * 1024;

/** The upload is neither UTF-8 nor GB18030 throughout (e.g. UTF-8 with a few bytes of GBK pasted in). */
export class CsvEncodingError extends Error {
  constructor(readonly line: number) {
    super(
      `第 ${line} 行起不是有效的 UTF-8（文件前部已按 UTF-8 读取）：请整个文件统一保存为 UTF-8 或 GB18030 / not valid UTF-8 from line ${line} on, while the file before it is: save the whole file as UTF-8 or GB18030`,
    );
  }
}

/**
 * Decodes an upload as it arrives, chunk by chunk, into UTF-8 bytes for the parser: UTF-8 with a
 * byte-order mark; else UTF-8 as long as the bytes are valid UTF-8, else GB18030 (what Excel and
 * most Chinese Windows software export; GBK and GB2312 are subsets of it). UTF-8 is checked and
 * passed on as it is (no decoding and encoding again). Bytes before the first non-ASCII byte read
 * the same in both and are passed on at once; from that byte on they are held back until the
 * encoding is known — {@link UTF8_CONFIRM_NON_ASCII} non-ASCII bytes or {@link UTF8_CONFIRM_BYTES}
 * bytes of valid UTF-8, or the end — and an invalid sequence there means GB18030: the held bytes
 * are decoded again as such. Nothing else is kept: memory does not grow with the file.
 */
export class CsvDecoder {
  private mode: "start" | "undecided" | CsvEncoding = "start";
  /** checks the held bytes while undecided */
  private readonly check = new TextDecoder("utf-8", { fatal: true });
  private gb: TextDecoder | null = null;
  /** the first bytes, until there are three to look for a byte-order mark */
  private head: Uint8Array = EMPTY;
  /** while undecided: the bytes since the first non-ASCII byte */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private nonAscii = 0;
  private seenNonAscii = false;
  /** UTF-8: a character cut off at the end of the last chunk, passed on with the next */
  private carry: Uint8Array = EMPTY;
  /** line numbers, for an invalid byte after the file was taken to be UTF-8 */
  private line = 1;

  /** The encoding found (final once `end` has returned). */
  get encoding(): CsvEncoding {
    return this.mode === "start" || this.mode === "undecided" ? "utf-8" : this.mode;
  }

  /** The next bytes of the file as UTF-8, as far as they are known (maybe none); throws CsvEncodingError. */
  write(chunk: Uint8Array): Uint8Array {
    if (this.mode === "start") {
      const bytes = this.head.length ? concat([this.head, chunk]) : chunk;
      if (bytes.length < 3 && bytes.every((b, i) => b === BOM[i])) {
        this.head = bytes.slice();
        return EMPTY;
      }
      this.head = EMPTY;
      if (bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) {
        // as before: a file that says it is UTF-8 is read as such (a bad byte reads as U+FFFD)
        this.mode = "utf-8-bom";
        return bytes.subarray(3);
      }
      this.mode = "undecided";
      return this.write(bytes);
    }
    if (this.mode === "undecided") return this.undecided(chunk);
    if (this.mode === "utf-8") return this.utf8(chunk);
    if (this.mode === "gb18030") return encodeUtf8((this.gb as TextDecoder).decode(chunk, { stream: true }));
    return chunk;
  }

  /** The rest at the end of the file. */
  end(): Uint8Array {
    if (this.mode === "start") {
      // fewer than three bytes, all of them the start of a byte-order mark
      const head = this.head;
      this.head = EMPTY;
      this.mode = "undecided";
      const first = head.length ? this.undecided(head) : EMPTY;
      return concat([first, this.end()]);
    }
    if (this.mode === "undecided") {
      try {
        this.check.decode();
      } catch {
        return this.toGb18030(EMPTY, true);
      }
      this.mode = "utf-8";
      const out = concat(this.pending);
      this.pending = [];
      return out;
    }
    if (this.mode === "utf-8" && this.carry.length) throw new CsvEncodingError(this.line);
    if (this.mode === "gb18030") return encodeUtf8((this.gb as TextDecoder).decode());
    return EMPTY;
  }

  private undecided(chunk: Uint8Array): Uint8Array {
    let out = EMPTY;
    let rest = chunk;
    if (!this.seenNonAscii) {
      const i = chunk.findIndex((b) => b >= 0x80);
      if (i === -1) {
        this.line += newlines(chunk);
        return chunk; // ASCII: the same in both encodings
      }
      out = chunk.subarray(0, i);
      this.line += newlines(out);
      rest = chunk.subarray(i);
      this.seenNonAscii = true;
    }
    // Where the encoding becomes certain, if it does in this chunk: at a byte of the file, not at
    // a chunk's end, so that the outcome does not depend on how the upload was cut into chunks.
    let cut = rest.length;
    const room = UTF8_CONFIRM_BYTES - this.pendingBytes;
    for (let i = 0; i < rest.length; i++) {
      if (i >= room) {
        cut = i;
        break;
      }
      if ((rest[i] as number) >= 0x80 && ++this.nonAscii >= UTF8_CONFIRM_NON_ASCII) {
        cut = i + 1;
        break;
      }
    }
    const part = rest.subarray(0, cut);
    this.pending.push(part);
    this.pendingBytes += part.length;
    try {
      this.check.decode(part, { stream: true });
    } catch {
      return concat([out, this.toGb18030(rest.subarray(cut), false)]);
    }
    if (this.nonAscii < UTF8_CONFIRM_NON_ASCII && this.pendingBytes < UTF8_CONFIRM_BYTES) return out;
    // UTF-8: what was held goes on (a character cut off at its end goes with what follows)
    this.mode = "utf-8";
    const held = concat(this.pending);
    this.pending = [];
    const end = completeEnd(held);
    this.carry = held.subarray(end);
    this.line += newlines(held.subarray(0, end));
    return concat([out, held.subarray(0, end), this.utf8(rest.subarray(cut))]);
  }

  private utf8(chunk: Uint8Array): Uint8Array {
    const bytes = this.carry.length ? concat([this.carry, chunk]) : chunk;
    const end = completeEnd(bytes);
    const body = bytes.subarray(0, end);
    if (!isUtf8(body))
      throw new CsvEncodingError(this.line + newlines(body.subarray(0, firstInvalidUtf8(body))));
    this.carry = bytes.subarray(end);
    this.line += newlines(body);
    return body;
  }

  /** Not UTF-8 after all: the held bytes (and `more`) decoded again as GB18030. */
  private toGb18030(more: Uint8Array, last: boolean): Uint8Array {
    this.mode = "gb18030";
    const gb = new TextDecoder("gb18030");
    this.gb = gb;
    let text = "";
    for (const p of this.pending) text += gb.decode(p, { stream: true });
    text += last ? gb.decode(more) : gb.decode(more, { stream: true });
    this.pending = [];
    return encodeUtf8(text);
  }
}

const EMPTY: Uint8Array = new Uint8Array(0);
const BOM = [0xef, 0xbb, 0xbf];

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const nonEmpty = parts.filter((p) => p.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? EMPTY;
  return Buffer.concat(nonEmpty);
}

const encodeUtf8 = (text: string): Uint8Array => (text ? Buffer.from(text, "utf8") : EMPTY);

/** Where the bytes end with a whole character: before a character cut off at the end, if any. */
function completeEnd(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 0 && i >= b.length - 4; i--) {
    const c = b[i] as number;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return i + n > b.length ? i : b.length;
  }
  return b.length; // no start of a character among the last four: invalid, the check says so
}

function newlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence (length if none). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (i + n >= b.length) return i; // cut off at the end (only an error if what is there is)
    const c1 = b[i + 1] as number;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= n; k++) {
      const ck = b[i + k] as number;
      if (ck < 0x80 || ck > 0xbf) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/**
 * Decodes a whole CSV file at once: UTF-8 with or without a byte-order mark, else GB18030 (see
 * {@link CsvDecoder}, which imports use chunk by chunk).
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const d = new CsvDecoder();
  const utf8 = concat([d.write(bytes), d.end()]);
  return { text: new TextDecoder("utf-8").decode(utf8), encoding: d.encoding };
}
