// `npm run import -- <kind> <file.csv> [--dry-run] [--url http://localhost:4000] [--token T]`
// Uploads a CSV to the gateway's POST /import/<kind> (the token from --token or HSA_TOKEN: a
// reporter of the counties in the file), shows progress (upload, parse, validate, write) and
// prints the result: rows inserted/updated/unchanged, or every bad row with line, column, reason.
// Exit codes: 0 imported (or valid, with --dry-run), 1 rejected (nothing written), 2 usage,
// 3 server or network error.
import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { Readable, Transform } from "node:stream";
import { parseArgs } from "node:util";
import { readRegistry } from "@hsa/subgraph-kit/registry";

// The import kinds come from the subgraph registry (supergraph.yaml, `hsa.imports`).
const KINDS: Record<string, string> = Object.fromEntries(
  readRegistry().subgraphs.flatMap((s) => s.imports.map((i) => [i.kind, `${i.zh} ${i.en}`])),
);

const usage = `usage: npm run import -- <kind> <file.csv> [--dry-run] [--url URL] [--token TOKEN]
  kinds:
${Object.entries(KINDS)
  .map(([k, d]) => `    ${k.padEnd(13)} ${d}`)
  .join("\n")}
  --url     the gateway (default: $HSA_GATEWAY_URL or http://localhost:4000)
  --token   a reporter's token (default: $HSA_TOKEN); e.g. npm run token -- --scope 150724 --roles reporter
  --dry-run check every row, write nothing
  Column layouts: README.md, section "Reporting data in".`;

const env = process.env;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string" },
    token: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const [kind, file] = positionals;
const fail = (msg: string, code = 2): never => {
  console.error(`${msg}\n\n${usage}`);
  process.exit(code);
};
if (!kind || !file) fail("a kind and a file are required");
if (!((kind as string) in KINDS)) fail(`unknown kind "${kind}"`);
const token = values.token ?? env.HSA_TOKEN;
if (!token) fail("no token: pass --token or set HSA_TOKEN");
let size = 0;
try {
  size = statSync(file as string).size;
} catch (err) {
  fail(`cannot read ${file}: ${(err as Error).message}`);
}

const gateway = values.url ?? env.HSA_GATEWAY_URL ?? "http://localhost:4000";
const target = new URL(`/import/${kind}`, gateway.replace(/\/graphql\/?$/, "/"));
if (values["dry-run"]) target.searchParams.set("dryRun", "1");

const tty = process.stderr.isTTY;
let lastLine = "";
let lastPrinted = 0;
const PHASES: Record<string, string> = {
  upload: "上传 upload",
  parse: "解析 parse",
  validate: "校验 validate",
  write: "写入 write",
};
function show(phase: string, done: number, total: number, unit: string) {
  const pct = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : null;
  const bar =
    pct === null ? "" : `[${"#".repeat(Math.floor(pct / 5)).padEnd(20, ".")}] ${String(pct).padStart(3)}% `;
  const line = `${(PHASES[phase] ?? phase).padEnd(12)} ${bar}${done.toLocaleString("en-US")}${total ? ` / ${total.toLocaleString("en-US")}` : ""} ${unit}`;
  if (tty) {
    process.stderr.write(`\r${line.padEnd(lastLine.length)}`);
    lastLine = line;
  } else {
    // Not a terminal (CI, a log file): one line per phase step of 10%.
    const key = `${phase}:${pct === null ? done : Math.floor(pct / 10)}`;
    if (key !== lastLine || Date.now() - lastPrinted > 5000) {
      process.stderr.write(`${line}\n`);
      lastLine = key;
      lastPrinted = Date.now();
    }
  }
}
const endLine = () => {
  if (tty && lastLine) process.stderr.write("\n");
  lastLine = "";
};

let sent = 0;
const counter = new Transform({
  transform(chunk: Buffer, _enc, cb) {
    sent += chunk.length;
    show("upload", sent, size, "bytes");
    cb(null, chunk);
  },
});

interface RowError {
  line: number;
  column: string | null;
  value?: string | null;
  reason: string;
}
interface Result {
  ok: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  encoding: string;
  importId: string | null;
  dryRun: boolean;
  errors: RowError[];
  errorCount: number;
}

let res: Response;
try {
  res = await fetch(target, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "text/csv",
      "content-length": String(size),
      accept: "application/x-ndjson",
      "x-file-name": encodeURIComponent(basename(file as string)),
    },
    body: Readable.toWeb(createReadStream(file as string).pipe(counter)) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit);
} catch (err) {
  endLine();
  console.error(`cannot reach the gateway at ${gateway}: ${(err as Error).cause ?? (err as Error).message}`);
  console.error("Is it running (npm start)? Or pass --url.");
  process.exit(3);
}
if (!res.ok || !res.body) {
  endLine();
  const text = await res.text();
  let message = text;
  try {
    const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
    message = body.errors?.map((e) => `${e.extensions?.code ?? ""} ${e.message}`).join("\n") ?? text;
  } catch {}
  console.error(`HTTP ${res.status}: ${message}`);
  process.exit(res.status === 401 || res.status === 403 ? 1 : 3);
}

let result: Result | null = null;
let buffered = "";
const decoder = new TextDecoder();
for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
  buffered += decoder.decode(chunk, { stream: true });
  let nl = buffered.indexOf("\n");
  while (nl >= 0) {
    const line = buffered.slice(0, nl).trim();
    buffered = buffered.slice(nl + 1);
    nl = buffered.indexOf("\n");
    if (!line) continue;
    const msg = JSON.parse(line) as {
      type: string;
      phase?: string;
      done?: number;
      total?: number;
      message?: string;
    } & Result;
    if (msg.type === "progress" && msg.phase && msg.phase !== "upload") {
      // "parse started" (0 of an unknown total) says nothing a user needs
      if (msg.done || msg.total) show(msg.phase, msg.done ?? 0, msg.total ?? 0, "rows");
    } else if (msg.type === "result") result = msg;
    else if (msg.type === "error") {
      endLine();
      console.error(`import failed: ${msg.message}`);
      process.exit(3);
    }
  }
}
endLine();
if (!result) {
  console.error(
    "the connection ended without a result: nothing is known to be written; run the import again (it is idempotent)",
  );
  process.exit(3);
}
if (!result.ok) {
  console.error(
    `✗ ${file}: ${result.errorCount} problem(s) in ${result.rows.toLocaleString("en-US")} rows — nothing was written.`,
  );
  const shown = result.errors.slice(0, 50);
  for (const e of shown) {
    const value = e.value ? ` "${e.value}"` : "";
    console.error(`  line ${e.line}${e.column ? `, ${e.column}` : ""}${value}: ${e.reason}`);
  }
  if (result.errorCount > shown.length) console.error(`  … and ${result.errorCount - shown.length} more`);
  process.exit(1);
}
if (result.dryRun) {
  console.log(
    `✓ ${file}: ${result.rows.toLocaleString("en-US")} rows, all valid (${result.encoding}); --dry-run: nothing written.`,
  );
} else {
  console.log(
    `✓ ${file}: ${result.rows.toLocaleString("en-US")} rows (${result.encoding}) — ${result.inserted} new, ${result.updated} changed, ${result.unchanged} unchanged` +
      (result.importId ? `; import id ${result.importId}` : "; nothing to change"),
  );
}
