/**
 * CSV import through the gateway's POST /import/<kind> (proxied by the dashboard's server): the file
 * is the body, progress comes from XMLHttpRequest's upload events (bytes sent) and from the
 * server's NDJSON lines (parse, validate, write), read while they arrive.
 */
import type { DomainLayouts, ReportLayout } from "./layouts";

export type ImportPhase = "upload" | "parse" | "validate" | "write";

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface RowError {
  line: number;
  column: string | null;
  value?: string | null;
  reason: string;
}

export interface ImportResult {
  ok: boolean;
  dryRun?: boolean;
  fileName?: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  encoding: string;
  importId: string | null;
  errors: RowError[];
  errorCount: number;
}

export type ImportOutcome =
  | { type: "result"; result: ImportResult }
  | { type: "error"; code: string; message: string; status: number };

interface Column {
  /** the Chinese header (what the template uses) */
  zh: string;
  /** the English header also accepted */
  key: string;
  optional?: boolean;
  zhHelp: string;
  enHelp: string;
}

export interface ImportKindInfo {
  kind: string;
  domain: string;
  zh: string;
  en: string;
  columns: Column[];
  noteZh?: string;
  noteEn?: string;
}

const c = (zh: string, key: string, zhHelp: string, enHelp: string, optional = false): Column => ({
  zh,
  key,
  zhHelp,
  enHelp,
  optional,
});

/** An import kind's help from its fact's layout: its columns in order, its rules in words. */
export function importKindOf(domain: string, l: ReportLayout): ImportKindInfo | null {
  if (!l.importKind) return null;
  const info: ImportKindInfo = {
    kind: l.importKind,
    domain,
    zh: l.titleZh,
    en: l.titleEn,
    columns: [
      ...l.fields.map((f) => c(f.headerZh, f.headerEn, f.helpZh, f.helpEn, !f.required)),
      // a child's columns: empty on the one row of a fact without children
      ...(l.children?.fields ?? []).map((f) => c(f.headerZh, f.headerEn, f.helpZh, f.helpEn, true)),
    ],
  };
  const rules = [...l.rules, ...(l.children?.rules ?? [])];
  const notes = { zh: rules.map((r) => r.textZh), en: rules.map((r) => r.textEn) };
  const ch = l.children;
  if (ch) {
    const keys = l.fields.filter(
      (f) => l.key.includes(f.name) && f.kind !== "REGION" && f.kind !== "QUARTER",
    );
    const childCols = ch.fields.map((f) => f.headerZh).join("、");
    notes.zh.unshift(
      `每行一项${ch.labelZh}，${keys.map((f) => f.headerZh).join("、")}相同的各行为同一条；没有${ch.labelZh}的写一行，${childCols}留空`,
    );
    notes.en.unshift(
      `one row per ${ch.labelEn.replace(/s$/, "")}: rows sharing ${keys.map((f) => f.headerEn).join(", ")} are one; one without ${ch.labelEn} is one row with ${ch.fields.map((f) => f.headerEn).join(", ")} empty`,
    );
  }
  if (notes.zh.length) {
    info.noteZh = `${notes.zh.join("；")}。`;
    info.noteEn = `${notes.en.join("; ")}.`;
  }
  return info;
}

/** Every import kind: one per layout the graph answers with an import (in domain order). */
export function importKinds(domains: readonly DomainLayouts[]): ImportKindInfo[] {
  return domains.flatMap((d) =>
    d.layouts.flatMap((l) => {
      const k = importKindOf(d.domain, l);
      return k ? [k] : [];
    }),
  );
}

export function importKind(
  kinds: readonly ImportKindInfo[],
  kind: string | null | undefined,
): ImportKindInfo | undefined {
  return kinds.find((k) => k.kind === kind);
}

/** A template with the header row only (UTF-8 with a BOM, CRLF: opens cleanly in Excel). */
export function templateCsv(info: ImportKindInfo): string {
  return `\uFEFF${info.columns.map((col) => col.zh).join(",")}\r\n`;
}

/** Reads NDJSON as it arrives: feed the text so far, get the complete lines not yet seen. */
export class NdjsonReader {
  private offset = 0;
  feed(text: string): unknown[] {
    const out: unknown[] = [];
    let nl = text.indexOf("\n", this.offset);
    while (nl !== -1) {
      const line = text.slice(this.offset, nl).trim();
      this.offset = nl + 1;
      if (line) {
        try {
          out.push(JSON.parse(line));
        } catch {
          // not a JSON line (a proxy's error page?): ignored, the final check reports it
        }
      }
      nl = text.indexOf("\n", this.offset);
    }
    return out;
  }
  /** The rest after the last newline (a final line without one). */
  rest(text: string): unknown[] {
    const line = text.slice(this.offset).trim();
    this.offset = text.length;
    if (!line) return [];
    try {
      return [JSON.parse(line)];
    } catch {
      return [];
    }
  }
}

const PHASES: ImportPhase[] = ["upload", "parse", "validate", "write"];
/** Share of the bar per phase (upload is most of the waiting on a slow line). */
const WEIGHT: Record<ImportPhase, number> = { upload: 40, parse: 15, validate: 15, write: 30 };

/** Overall percent 0–100 of an import in `phase` with done/total (dry runs end after validate). */
export function overallPercent(p: ImportProgress, dryRun = false): number {
  const phases = dryRun ? PHASES.slice(0, 3) : PHASES;
  const sum = phases.reduce((n, ph) => n + WEIGHT[ph], 0);
  let before = 0;
  for (const ph of phases) {
    if (ph === p.phase) break;
    before += WEIGHT[ph];
  }
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  return Math.round(((before + WEIGHT[p.phase] * frac) / sum) * 100);
}

/**
 * Uploads a CSV to /import/<kind>; `onProgress` sees the upload's bytes and the server's phases.
 * Resolves with the result (ok or with row errors) or an error (401/403 JSON, stream error, network).
 */
export function uploadCsv(
  token: string,
  kind: string,
  file: Blob & { name?: string },
  opts: { dryRun: boolean; onProgress: (p: ImportProgress) => void; signal?: AbortSignal },
): Promise<ImportOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    const reader = new NdjsonReader();
    let outcome: ImportOutcome | null = null;
    const handle = (msg: unknown) => {
      const m = msg as { type?: string } & Record<string, unknown>;
      if (m.type === "progress") {
        opts.onProgress({
          phase: m.phase as ImportPhase,
          done: Number(m.done) || 0,
          total: Number(m.total) || 0,
        });
      } else if (m.type === "result") {
        const { type: _t, ...result } = m;
        outcome = { type: "result", result: result as unknown as ImportResult };
      } else if (m.type === "error") {
        outcome = {
          type: "error",
          code: String(m.code ?? "ERROR"),
          message: String(m.message ?? ""),
          status: xhr.status,
        };
      }
    };
    xhr.open("POST", `/import/${encodeURIComponent(kind)}${opts.dryRun ? "?dryRun=1" : ""}`);
    xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("accept", "application/x-ndjson");
    xhr.setRequestHeader("x-file-name", encodeURIComponent(file.name ?? `${kind}.csv`));
    xhr.upload.onprogress = (e) =>
      opts.onProgress({ phase: "upload", done: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onprogress = () => {
      if (xhr.status === 200) for (const m of reader.feed(xhr.responseText)) handle(m);
    };
    xhr.onload = () => {
      if (xhr.status === 200) {
        for (const m of [...reader.feed(xhr.responseText), ...reader.rest(xhr.responseText)]) handle(m);
        resolve(
          outcome ?? {
            type: "error",
            code: "INCOMPLETE",
            message: "the answer ended without a result",
            status: 200,
          },
        );
        return;
      }
      // 401/403/413/502…: a JSON error ({errors: [{message, extensions: {code}}]}) before any streaming
      let code = `HTTP_${xhr.status}`;
      let message = xhr.statusText || `HTTP ${xhr.status}`;
      try {
        const body = JSON.parse(xhr.responseText) as {
          errors?: { message: string; extensions?: { code?: string } }[];
        };
        const first = body.errors?.[0];
        if (first) {
          message = first.message;
          code = first.extensions?.code ?? code;
        }
      } catch {
        // not JSON: keep the status line
      }
      resolve({ type: "error", code, message, status: xhr.status });
    };
    xhr.onerror = () => resolve({ type: "error", code: "NETWORK", message: "network error", status: 0 });
    xhr.onabort = () => resolve({ type: "error", code: "ABORTED", message: "aborted", status: 0 });
    opts.signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(file);
  });
}
