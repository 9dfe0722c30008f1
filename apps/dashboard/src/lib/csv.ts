/** CSV for Excel on a Chinese Windows desktop: UTF-8 with a BOM, CRLF, RFC 4180 quoting. */
export const BOM = "\uFEFF";

/** A plain number (what a spreadsheet reads as a number, not as a formula): -12.5, +3, 1e-5, -0. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell a spreadsheet would run as a formula — it starts with = + - @, a tab or a carriage
 * return (OWASP "CSV injection") and is not a plain number — is prefixed with a single quote,
 * which Excel and LibreOffice show as text. Region names, metric names and any other text from
 * the graph go through here.
 */
export function neutraliseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const safe = neutraliseFormula(String(v));
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return `${BOM}${[header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** Parses what toCsv writes (used by tests and kept small). */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Offers text as a file download in the browser (an object URL, revoked after the click). */
export function downloadText(text: string, fileName: string, type = "text/csv;charset=utf-8"): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Offers a blob (e.g. an .xlsx workbook) as a file download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
