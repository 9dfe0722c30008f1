// 数据查询 (GraphiQL, self-hosted) and 接口文档 in real headless Chromium against a real stack:
// the city office runs the API guide's first example, downloads CSV and .xlsx, shares a link; and
// no page of the product (every dashboard page, the explorer, the docs, the gateway's landing page)
// makes a request to a host other than the product's own.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PERSISTED_OPERATIONS_PATH, startGateway } from "@hsa/gateway";
import { mintToken, type RunningService } from "@hsa/subgraph-kit";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDashboard, startDashboard } from "../server/index";
import { parseCsv } from "../src/lib/csv";
import { launch } from "./chromium";
import { CITY, newContext, newPage, newWatch, param, SHOTS, settled } from "./harness";
import { type DashboardStack, SECRET, startDashboardStack } from "./stack";

let stack: DashboardStack;
let browser: Browser;
const watch = newWatch();

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startDashboardStack(), launch()]);
});

afterAll(async () => {
  expect(watch.pageErrors).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

/** The API guide's first worked example, as docs/api.md has it. */
async function firstExample(): Promise<string> {
  const md = await readFile(join(import.meta.dirname, "..", "..", "..", "docs", "api.md"), "utf8");
  const m = /```graphql\n([\s\S]*?)```/.exec(md);
  if (!m?.[1]) throw new Error("docs/api.md has no GraphQL example");
  return m[1];
}

async function signInWithToken(p: Page, url: string, token: string): Promise<void> {
  await p.goto(url);
  await p.getByTestId("token-input").fill(token);
  await p.getByTestId("token-input").press("Tab");
  await p.locator(".signin form button[type=submit]").click();
  await p.getByTestId("user").waitFor();
}

/** Runs the query in the editor and returns the gateway's answer to it. */
async function run(p: Page): Promise<{ query: string; body: { data?: unknown; errors?: unknown[] } }> {
  await p.locator(".graphiql-query-editor .monaco-editor").waitFor();
  const [res] = await Promise.all([
    p.waitForResponse(
      (r) =>
        r.url().endsWith("/graphql") &&
        r.request().method() === "POST" &&
        !/IntrospectionQuery|ExplorerPolicy/.test(r.request().postData() ?? ""),
    ),
    p.locator(".graphiql-execute-button").click(),
  ]);
  const sent = res.request().postDataJSON() as { query: string };
  return { query: sent.query, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
}

describe("数据查询 in Chromium, signed in as the city office 150700", () => {
  let ctx: BrowserContext;
  let page: Page;
  type Series = {
    metric: { id: string };
    total: { value: number | null; numerator: number; denominator: number | null };
  };
  let answer: { region: { name: string; enrollmentKpis: Series[] } };

  beforeAll(async () => {
    ctx = await newContext(browser, true);
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.dashboard.url });
    page = await newPage(ctx, watch);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it("opens the API guide's first example in 数据查询 and sees only its city's data", async () => {
    await page.goto(stack.dashboard.url);
    await page.getByTestId("demo-city").click();
    await page.getByTestId("user").waitFor();
    await page.getByTestId("nav-docs").click();
    await expect.poll(() => page.getByTestId("api-docs").textContent()).toContain("常用示例");
    await page.getByTestId("docs-example-0").click();
    await expect.poll(() => param(page, "page")).toBe("explorer");
    const example = await firstExample();
    expect(param(page, "query")).toBe(example);
    const { query, body } = await run(page);
    expect(query).toBe(example);
    expect(body.errors).toBeUndefined();
    answer = body.data as typeof answer;
    expect(answer.region.name).toBe("呼伦贝尔市");
    expect(answer.region.enrollmentKpis.length).toBeGreaterThan(3);
    await expect
      .poll(() => page.getByTestId("explorer-rows").textContent())
      .toBe(`${answer.region.enrollmentKpis.length} 行`);
    // A region outside the city is refused, not answered.
    const other = await page.evaluate(async (token) => {
      const res = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ region(code: "430600") { name } }' }),
      });
      return (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    }, stack.tokens.city ?? "");
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "explorer.png") });
  });

  it("downloads the result as UTF-8 CSV with a BOM and as .xlsx with typed numbers and Chinese headers", async () => {
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("explorer-csv").click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^数据查询_150700_.*\.csv$/);
    const text = await readFile((await csvDownload.path()) ?? "", "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header = [], ...rows] = parseCsv(text);
    expect(header).toEqual(
      expect.arrayContaining(["名称", "指标·编号", "合计·值", "合计·分子", "合计·分母"]),
    );
    expect(rows).toHaveLength(answer.region.enrollmentKpis.length);
    const col = (name: string) => header.indexOf(name);
    for (const [i, s] of answer.region.enrollmentKpis.entries()) {
      expect(rows[i]?.[col("名称")]).toBe("呼伦贝尔市");
      expect(rows[i]?.[col("指标·编号")]).toBe(s.metric.id);
      expect(rows[i]?.[col("合计·分子")]).toBe(String(s.total.numerator));
    }

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("explorer-xlsx").click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsxDownload.path()) ?? "");
    const ws = wb.worksheets[0];
    if (!ws) throw new Error("the workbook has no sheet");
    const heads = (ws.getRow(1).values as unknown[]).slice(1);
    expect(heads).toEqual(header);
    expect(ws.rowCount).toBe(answer.region.enrollmentKpis.length + 1);
    for (const [i, s] of answer.region.enrollmentKpis.entries()) {
      const row = ws.getRow(i + 2);
      expect(row.getCell(col("名称") + 1).value).toBe("呼伦贝尔市");
      // Numbers are numbers in the workbook, not text.
      expect(row.getCell(col("合计·分子") + 1).value).toBe(s.total.numerator);
      expect(typeof row.getCell(col("合计·分子") + 1).value).toBe("number");
      if (s.total.value !== null) expect(row.getCell(col("合计·值") + 1).value).toBe(s.total.value);
    }
  });

  it("copies a link that reopens the same query", async () => {
    await page.getByTestId("explorer-copy-link").click();
    await expect.poll(() => page.getByTestId("explorer-copied").textContent()).toBe("链接已复制");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).searchParams.get("page")).toBe("explorer");
    const again = await newPage(ctx, watch);
    await again.goto(link);
    const { query, body } = await run(again);
    expect(query).toBe(await firstExample());
    expect(body.data).toEqual(answer);
    await again.close();
  });

  it("never sends a mutation a shared link carries: it says why instead", async () => {
    const link = new URL(page.url());
    link.searchParams.set("page", "explorer");
    link.searchParams.set(
      "query",
      'mutation Reopen { reopenEnrollmentReport(regionCode: "150702", quarter: "2024Q1") { state } }',
    );
    const crafted = await newPage(ctx, watch);
    const posted: string[] = [];
    crafted.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/graphql")) posted.push(r.postData() ?? "");
    });
    await crafted.goto(link.toString());
    await crafted.locator(".graphiql-query-editor .monaco-editor").waitFor();
    await crafted.locator(".graphiql-execute-button").click();
    await expect
      .poll(() => crafted.locator(".graphiql-response").textContent(), { timeout: 15_000 })
      .toContain("数据查询只用于查询");
    expect(posted.some((b) => /reopenEnrollmentReport/.test(b))).toBe(false);
    await crafted.close();
  });
});

describe("数据查询 where the gateway accepts only persisted operations (as in production)", () => {
  let gateway: RunningService;
  let dashboard: RunningDashboard;
  let ctx: BrowserContext;

  beforeAll(async () => {
    const urls = (stack.gateway as RunningService & { subgraphUrls: Record<string, string> }).subgraphUrls;
    gateway = await startGateway({
      port: 0,
      jwtSecret: SECRET,
      subgraphUrls: urls,
      persistedOperations: PERSISTED_OPERATIONS_PATH,
    });
    dashboard = await startDashboard({ port: 0, gatewayOrigin: gateway.url, say: () => {} });
    ctx = await newContext(browser);
  });
  afterAll(async () => {
    await ctx?.close();
    await dashboard?.stop();
    await gateway?.stop();
  });

  it("tells a non-analyst plainly, in Chinese, and answers an analyst", async () => {
    const page = await newPage(ctx, watch);
    // The city office's own token (viewer, approver): no analyst role.
    await signInWithToken(page, dashboard.url, stack.tokens.city ?? "");
    await page.getByTestId("nav-explorer").click();
    await expect
      .poll(() => page.getByTestId("explorer-adhoc-refused").textContent())
      .toContain("自定义查询仅对“分析”（analyst）角色开放");
    const refused = await run(page);
    expect(JSON.stringify(refused.body.errors)).toContain("PERSISTED_OPERATIONS_ONLY");
    await page.getByTestId("sign-out").click();

    const analyst = await mintToken(
      { sub: "hlbr-analyst", name: "呼伦贝尔市统计科", scope: CITY, roles: ["viewer", "analyst"] },
      SECRET,
      "1h",
    );
    await signInWithToken(page, `${dashboard.url}?page=explorer`, analyst);
    await page.getByTestId("explorer").waitFor();
    const answered = await run(page);
    expect(answered.body.errors).toBeUndefined();
    expect(answered.body.data).toMatchObject({ region: { code: CITY, name: "呼伦贝尔市" } });
    expect(await page.getByTestId("explorer-adhoc-refused").count()).toBe(0);
    await page.close();
  });
});

describe("nothing loads from outside: every page of the product", () => {
  it("requests only the product's own hosts on every dashboard page, 数据查询, 接口文档 and the gateway's /graphql", async () => {
    const own = new Set([new URL(stack.dashboard.url).origin, new URL(stack.gateway.url).origin]);
    const ctx = await newContext(browser);
    const requests: string[] = [];
    ctx.on("request", (r: Request) => requests.push(r.url()));
    const page = await newPage(ctx, watch);
    const admin = await mintToken(
      { sub: "hlbr-admin", name: "呼伦贝尔市管理员", scope: CITY, roles: ["admin"] },
      SECRET,
      "1h",
    );
    const visited: string[] = [];
    await page.goto(stack.dashboard.url); // the sign-in page
    await page.getByTestId("token-input").waitFor();
    await signInWithToken(page, stack.dashboard.url, admin);
    const base = `${stack.dashboard.url}?region=${CITY}&from=2024Q1&to=2024Q4`;
    const views: [string, string][] = [
      ["overview", base],
      ["table", `${base}&tab=table`],
      ["kpi", `${base}&kpi=enrollment.rate`],
      ["entry", `${base}&page=entry`],
      ["import", `${base}&page=import`],
      ["approvals", `${base}&page=approvals`],
      ["tokens", `${base}&page=tokens`],
      ["docs", `${base}&page=docs`],
      ["explorer", `${base}&page=explorer`],
    ];
    for (const [name, url] of views) {
      await page.goto(url);
      await page.getByTestId("user").waitFor();
      await settled(page);
      visited.push(name);
    }
    // The explorer: the editors (Monaco and its workers), a query run, the docs panel.
    const { body } = await run(page);
    expect(body.errors).toBeUndefined();
    await page.locator('[aria-label="Show Documentation Explorer"]').click();
    await page.locator(".graphiql-doc-explorer").waitFor();
    await settled(page);
    // The gateway's own page, as a browser opens it.
    await page.goto(stack.gateway.url);
    await expect.poll(() => page.locator("h1").textContent()).toContain("HSA Graph");
    visited.push("gateway /graphql");

    expect(visited).toHaveLength(views.length + 1);
    const web = requests.filter((u) => /^(https?|wss?):/.test(u));
    expect(web.length).toBeGreaterThan(views.length);
    expect(web.filter((u) => !own.has(new URL(u).origin))).toEqual([]);
    // The explorer's editor workers and fonts are our own files.
    expect(web.some((u) => /worker/.test(u))).toBe(true);
    await ctx.close();
  });
});
