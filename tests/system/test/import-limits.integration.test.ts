// Bounded imports (issue 14, item 6), through the gateway on PGlite: eight parallel 64 MB dry-run
// imports of purchases — two run, the others get 429 TOO_MANY_REQUESTS with Retry-After before
// their body is read, the stack stays up and a KPI query sent meanwhile answers; the subgraph's own
// limit (direct uploads, relayed by the gateway); the per-kind size limit (413). Prints the figures:
// the test process's peak RSS (the whole stack runs in it) and the KPI query's latency.
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Readable } from "node:stream";
import { enrollmentModule } from "@hsa/enrollment";
import { quarterRange } from "@hsa/periods";
import { procurementModule } from "@hsa/procurement";
import { isInSubtree } from "@hsa/regions";
import { supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Stack, startStack, token } from "./stack";

const COLS_ZH = "机构编码,机构名称,季度,采购类别,采购总金额（元）,网采金额（元）,报备网外采购金额（元）";
const CATEGORIES = ["药品", "可单独收费医用耗材", "不可单独收费医用耗材"];
const FILE_BYTES = 64_000_000; // "64 MB"; the purchases limit is 64 MiB (67,108,864 bytes)
const PARALLEL = 8;
const MiB = 1024 * 1024;

const KPIS = /* GraphQL */ `
  query K($code: ID!) {
    region(code: $code) {
      procurementKpis(from: "2023Q1", to: "2023Q4") { metric { id } total { value } }
      enrollmentKpis(from: "2023Q1", to: "2023Q4") { metric { id } total { value } }
    }
  }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: {
    ok?: boolean;
    dryRun?: boolean;
    rows?: number;
    importId?: string | null;
    errorCount?: number;
    errors?: { message?: string; reason?: string; extensions?: { code?: string } }[];
  };
  ms: number;
}

/** Streams a file to POST <base>/import/<kind> as the CLI does (fetch, a streamed body). */
async function uploadFile(
  base: string,
  kind: string,
  file: string,
  bearer: string,
  query = "",
): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(new URL(`/import/${kind}${query}`, base), {
    method: "POST",
    headers: {
      authorization: `Bearer ${bearer}`,
      "content-type": "text/csv",
      "content-length": String(statSync(file).size),
      "x-file-name": encodeURIComponent("purchases-64mb.csv"),
    },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit);
  const body = (await res.json()) as Answer["body"];
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body,
    ms: performance.now() - started,
  };
}

/** An upload whose body is sent only when `finish` is called: it holds an import slot meanwhile. */
function heldUpload(url: string, bearer: string, head: string, rest: string) {
  let send = () => {};
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "text/csv" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.write(head);
    send = () => req.end(rest);
  });
  return { answer, finish: () => send() };
}

interface Kpis {
  region: {
    procurementKpis: { metric: { id: string }; total: { value: number | null } }[];
    enrollmentKpis: { metric: { id: string }; total: { value: number | null } }[];
  };
}

const mb = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

describe("bounded CSV imports through the gateway on PGlite (issue 14)", () => {
  let stack: Stack;
  let base: string;
  let reporter: string; // 内蒙古 province reporter
  let viewer: string;
  let dir: string;
  let file: string;
  let rowsInFile = 0;
  const lines: string[] = [];

  beforeAll(async () => {
    stack = await startStack("pglite", undefined, {
      modules: [enrollmentModule, supervisionModule, procurementModule],
      enrollmentScopes: ["150000"],
      supervisionScopes: ["150000"],
      procurementScopes: ["150724"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
    });
    base = stack.gateway.url;
    reporter = await token({
      sub: "nmg-rep",
      name: "自治区填报员",
      scope: "150000",
      roles: ["viewer", "reporter"],
    });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });

    // A valid 64 MB purchases file: every institution of 内蒙古 × category, quarter after quarter
    // from 2017Q1 (≈700,000 rows), written to disk in slices so the test itself holds little.
    const institutions = stack.supervision.institutions.filter((i) => isInSubtree(i.regionCode, "150000"));
    dir = mkdtempSync(join(tmpdir(), "hsa-import-limits-"));
    file = join(dir, "purchases-64mb.csv");
    const fd = openSync(file, "w");
    let size = writeSync(fd, `${COLS_ZH}\n`);
    let slice: string[] = [];
    outer: for (const q of quarterRange("2017Q1", "2026Q3")) {
      for (const [k, inst] of institutions.entries()) {
        for (const [c, category] of CATEGORIES.entries()) {
          const total = 100_000 + ((k * 7 + c * 13) % 900_000);
          const line = `${inst.id},${inst.name},${q},${category},${total}.50,${Math.floor(total * 0.9)}.25,${Math.floor(total * 0.05)}\n`;
          size += Buffer.byteLength(line);
          slice.push(line);
          rowsInFile++;
          if (lines.length < 3) lines.push(line);
          if (slice.length === 10_000) {
            writeSync(fd, slice.join(""));
            slice = [];
          }
          if (size >= FILE_BYTES) break outer;
        }
      }
    }
    writeSync(fd, slice.join(""));
    closeSync(fd);
    expect(statSync(file).size).toBeGreaterThanOrEqual(FILE_BYTES);
    expect(statSync(file).size).toBeLessThan(64 * MiB);
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("eight parallel 64 MB dry-run imports: two run, the others get 429 with Retry-After; a KPI query meanwhile answers; the stack stays up", async () => {
    const before = await gql<Kpis>(base, KPIS, { code: "150000" }, viewer);
    expect(before.errors).toBeUndefined();
    expect(before.data?.region.procurementKpis.length).toBeGreaterThan(0);
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 25);

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const settled: Answer[] = [];
    const uploads = Array.from({ length: PARALLEL }, () =>
      uploadFile(base, "purchases", file, reporter, "?dryRun=1").then((a) => {
        settled.push(a);
        return a;
      }),
    );
    // Once the refused ones are back, the admitted imports are running: ask for KPIs meanwhile,
    // then again every second until they are done.
    while (settled.filter((a) => a.status === 429).length < PARALLEL - 2 && settled.length < PARALLEL)
      await new Promise((r) => setTimeout(r, 20));
    const refusedAt = performance.now() - started;
    const queries: { ms: number; running: number; result: Awaited<ReturnType<typeof gql<Kpis>>> }[] = [];
    while (settled.length < PARALLEL) {
      const running = PARALLEL - settled.length;
      const q0 = performance.now();
      const result = await gql<Kpis>(base, KPIS, { code: "150000" }, viewer);
      queries.push({ ms: performance.now() - q0, running, result });
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const answers = await Promise.all(uploads);
    clearInterval(sampler);
    loopDelay.disable();
    const wall = performance.now() - started;
    const statuses = answers.map((a) => a.status).sort();
    const admitted = answers.filter((a) => a.status !== 429);
    const refused = answers.filter((a) => a.status === 429);
    const during = queries.filter((q) => q.running > 0).map((q) => q.ms);
    const sortedMs = [...during].sort((x, y) => x - y);
    console.log(
      [
        `import limits: ${PARALLEL} parallel dry-run uploads of ${statSync(file).size.toLocaleString("en-US")} bytes (${rowsInFile.toLocaleString("en-US")} purchase rows) through the gateway`,
        `  statuses ${statuses.join(", ")}; the refused ones answered in ${refused.map((a) => a.ms.toFixed(0)).join(", ")} ms (all back after ${refusedAt.toFixed(0)} ms)`,
        `  admitted: ${admitted.map((a) => `${a.status} ok=${a.body.ok} rows=${a.body.rows} in ${(a.ms / 1000).toFixed(1)} s${a.status === 200 ? "" : ` ${JSON.stringify(a.body.errors?.slice(0, 2))}`}`).join("; ")}`,
        `  KPI query (procurement + enrollment KPIs of 150000, 2023) while imports ran: first ${during[0]?.toFixed(0)} ms, median ${sortedMs[Math.floor(sortedMs.length / 2)]?.toFixed(0)} ms, max ${sortedMs.at(-1)?.toFixed(0)} ms over ${during.length} queries`,
        `  event-loop delay of the process meanwhile: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(0)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`,
        `  RSS of the test process (the whole stack runs in it): ${mb(rssBefore)} before, peak ${mb(peakRss)} (sampled every 25 ms), lifetime maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}; wall ${(wall / 1000).toFixed(1)} s`,
      ].join("\n"),
    );

    expect(during.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(q.result.errors).toBeUndefined();
      expect(q.result.data).toEqual(before.data);
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429, 429, 429]);
    for (const a of admitted) {
      expect(a.body).toMatchObject({
        ok: true,
        dryRun: true,
        rows: rowsInFile,
        importId: null,
        errorCount: 0,
      });
    }
    for (const a of refused) {
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
      const e = a.body.errors?.[0];
      expect(e?.extensions?.code).toBe("TOO_MANY_REQUESTS");
      expect(e?.message).toMatch(
        /子图已有 2 个导入正在进行.* \/ 2 imports are already running in the procurement subgraph/,
      );
    }
    // the stack is up and answers as before; the dry runs wrote nothing
    const health = await fetch(new URL("/health", base));
    expect(health.status).toBe(200);
    const after = await gql<Kpis>(base, KPIS, { code: "150000" }, viewer);
    expect(after.errors).toBeUndefined();
    expect(after.data).toEqual(before.data);
  }, 900_000);

  it("the subgraph keeps its own limit (direct uploads, or through another gateway): 429 before reading, relayed with Retry-After", async () => {
    const direct = new URL("/import/purchases?dryRun=1", stack.services.procurement?.url).href;
    const [first, second] = [
      heldUpload(direct, reporter, `${COLS_ZH}\n`, lines.join("")),
      heldUpload(direct, reporter, `${COLS_ZH}\n`, lines.join("")),
    ];
    await new Promise((r) => setTimeout(r, 300)); // both are in the subgraph, waiting for their body
    const small = `${COLS_ZH}\n${lines.join("")}`;
    const third = await fetch(direct, {
      method: "POST",
      headers: { authorization: `Bearer ${reporter}`, "content-type": "text/csv" },
      body: small,
    });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("30");
    expect(((await third.json()) as Answer["body"]).errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    // through the gateway (no import of its own under way): the subgraph's 429 is passed on at
    // once, while the rest of the 64 MB body is read and dropped
    const viaGateway = await uploadFile(base, "purchases", file, reporter, "?dryRun=1");
    expect(viaGateway.status).toBe(429);
    expect(viaGateway.retryAfter).toBe("30");
    expect(viaGateway.body.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    console.log(
      `  a 64 MB upload refused by the subgraph, through the gateway: ${viaGateway.ms.toFixed(0)} ms`,
    );
    first.finish();
    second.finish();
    for (const held of [await first.answer, await second.answer]) {
      expect(held.status).toBe(200);
      expect(JSON.parse(held.body)).toMatchObject({ ok: true, dryRun: true, rows: lines.length });
    }
    // the slots are free again
    const again = await fetch(new URL("/import/purchases?dryRun=1", base), {
      method: "POST",
      headers: { authorization: `Bearer ${reporter}`, "content-type": "text/csv" },
      body: small,
    });
    expect(again.status).toBe(200);
  }, 120_000);

  it("each kind has its own size limit: a 9 MB enrollment file → 413 naming the 8 MiB limit, before it is read", async () => {
    const row =
      "150724,鄂温克族自治旗,2024Q1,41200,98700,146000,88100,70000,21000,1650,1700,8102,908900.50\n";
    const big = Buffer.from(
      `行政区划代码,行政区划名称,季度,职工医保参保人数,居民医保参保人数,户籍人口,医保电子凭证激活人数,结算笔数,医保电子凭证结算笔数,异地就医备案人次,统筹区外住院人次,资助参保人数,资助参保金额（元）\n${row.repeat(Math.ceil((9 * MiB) / Buffer.byteLength(row)))}`,
    );
    const t0 = performance.now();
    const res = await fetch(new URL("/import/enrollment?dryRun=1", base), {
      method: "POST",
      headers: { authorization: `Bearer ${reporter}`, "content-type": "text/csv" },
      body: big,
    });
    expect(res.status).toBe(413);
    const e = ((await res.json()) as Answer["body"]).errors?.[0];
    expect(e?.extensions?.code).toBe("PAYLOAD_TOO_LARGE");
    expect(e?.message).toContain("8 MiB");
    expect(e?.message).toContain("HSA_IMPORT_MAX_BYTES_ENROLLMENT");
    // without a Content-Length (chunked): refused once 8 MiB have arrived
    const chunked = await fetch(new URL("/import/enrollment?dryRun=1", base), {
      method: "POST",
      headers: { authorization: `Bearer ${reporter}`, "content-type": "text/csv" },
      body: Readable.toWeb(
        Readable.from([big.subarray(0, 4 * MiB), big.subarray(4 * MiB)]),
      ) as ReadableStream<Uint8Array>,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as Answer["body"]).errors?.[0]?.extensions?.code).toBe(
      "PAYLOAD_TOO_LARGE",
    );
    console.log(`  9 MB enrollment file refused (413) in ${(performance.now() - t0).toFixed(0)} ms`);
  }, 120_000);
});
