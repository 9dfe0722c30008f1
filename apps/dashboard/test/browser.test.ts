// Real headless Chromium (Debian's /usr/bin/chromium through playwright-core) against a real
// stack: enrollment subgraph + gateway + the dashboard's production build and server.
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstViewSize, kB } from "../server/size";
import { parseCsv } from "../src/lib/csv";
import { type DashboardStack, gatewayQuery, startDashboardStack } from "./stack";

const CHROMIUM = process.env.HSA_CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = join(import.meta.dirname, "..", "screenshots");
const CITY = "150700";
const EWENKI = "150724";

let stack: DashboardStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Children of 呼伦贝尔市 as the gateway answers for the city office. */
let counties: { code: string; name: string }[] = [];
const graphqlOps: string[] = [];

async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run installs it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

const pageErrors: string[] = [];

async function newPage(ctx: BrowserContext): Promise<Page> {
  const p = await ctx.newPage();
  // Script errors and CSP violations fail the run (checked at the end).
  p.on("pageerror", (err) => pageErrors.push(err.message));
  p.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Uncaught/.test(m.text())) pageErrors.push(m.text());
  });
  p.on("request", (req) => {
    if (req.url().endsWith("/graphql")) {
      const body = req.postDataJSON() as {
        operationName?: string;
        variables?: Record<string, unknown>;
      } | null;
      graphqlOps.push(`${body?.operationName ?? "?"} ${JSON.stringify(body?.variables ?? {})}`);
    }
  });
  return p;
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startDashboardStack(), launch()]);
  context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1440, height: 960 },
    locale: "zh-CN",
  });
  // Charts animate: turn animation off so screenshots show the final frame.
  await context.addInitScript(() => {
    (window as unknown as { __HSA_NO_ANIMATION__: boolean }).__HSA_NO_ANIMATION__ = true;
  });
  page = await newPage(context);
  const city = stack.tokens.city ?? "";
  const data = await gatewayQuery<{ region: { children: { code: string; name: string }[] } }>(
    stack.gateway.url,
    city,
    `query($c: ID!) { region(code: $c) { children { code name } } }`,
    { c: CITY },
  );
  counties = data.region.children;
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe("dashboard in Chromium, signed in as the city office 150700", () => {
  it("serves a first view within the JS budget", async () => {
    const s = await firstViewSize();
    console.log(
      `first-view JS ${kB(s.jsGzip)} gzip (${s.js.map((a) => a.file).join(", ")}); on demand: ${s.lazy
        .map((a) => `${a.file} ${kB(a.gzip)}`)
        .join(", ")}`,
    );
    expect(s.js.length).toBeGreaterThan(0);
    expect(s.jsGzip).toBeLessThanOrEqual(450_000);
  });

  it("signs in as a demo user and lands on the city's overview with one request per domain", async () => {
    await page.goto(stack.dashboard.url);
    await page.getByTestId("demo-city").waitFor();
    await page.screenshot({ path: join(SHOTS, "signin.png") });
    await page.getByTestId("demo-city").click();
    await expect.poll(() => page.getByTestId("region-title").textContent()).toContain("呼伦贝尔市");
    await page.getByTestId("card-enrollment.rate").getByTestId("card-value").waitFor();
    // The default range: the last four quarters with data (demo data ends 2024Q4).
    const url = new URL(page.url());
    expect(url.searchParams.get("region")).toBe(CITY);
    expect(url.searchParams.get("from")).toBe("2024Q1");
    expect(url.searchParams.get("to")).toBe("2024Q4");
    // Name and scope shown.
    expect(await page.getByTestId("user").textContent()).toContain("呼伦贝尔市医疗保障局");
    expect(await page.getByTestId("user-scope").textContent()).toBe("呼伦贝尔市");
    // The landing view: one operation per domain discovered from the schema, never national.
    const landing = graphqlOps.filter((op) => op.startsWith("Dashboard_")).map((op) => op.split(" ")[0]);
    const domains = ["enrollment", "procurement", ...stack.down].map((d) =>
      d === "payment-reform" ? "payment" : d,
    );
    expect(new Set(landing)).toEqual(new Set(domains.map((d) => `Dashboard_${d}`)));
    expect(landing).toHaveLength(domains.length);
    expect(graphqlOps.join("\n")).not.toContain("000000");
    await page.screenshot({ path: join(SHOTS, "overview.png"), fullPage: true });
  });

  it("shows the domains whose subgraph is down as unavailable, the rest working", async () => {
    for (const name of stack.down) {
      const domain = name === "payment-reform" ? "payment" : name;
      await page.getByTestId(`unavailable-${domain}`).waitFor();
    }
    expect(
      await page.locator("[data-testid=domain-enrollment] [data-testid=card-value]").count(),
    ).toBeGreaterThan(3);
  });

  it("offers only 呼伦贝尔市 and its counties", async () => {
    expect(counties.length).toBeGreaterThan(5);
    const allowed = new Set(["呼伦贝尔市", ...counties.map((c) => c.name)]);
    const options = (await page.getByTestId("region-picker").locator("option").allTextContents()).map((s) =>
      s.replace(/\u3000/g, "").trim(),
    );
    expect(new Set(options)).toEqual(allowed);
    await page.getByTestId("tab-table").click();
    const rows = page.locator("[data-testid=region-table] tbody tr");
    await expect.poll(() => rows.count()).toBe(counties.length);
    const names = (await rows.locator("td:first-child").allTextContents()).map((s) => s.trim());
    expect(new Set(names)).toEqual(new Set(counties.map((c) => c.name)));
    for (const other of ["内蒙古自治区", "湖南省", "岳阳市", "全国"])
      expect(await page.locator("body").textContent()).not.toContain(other);
  });

  it("sorts, filters and exports the table as UTF-8 CSV with a BOM", async () => {
    await page.getByTestId("sort-enrollment.rate").click();
    const rows = page.locator("[data-testid=region-table] tbody tr");
    const shownNames = (await rows.locator("td:first-child").allTextContents()).map((s) => s.trim());
    const shownRates = (await rows.locator("td:nth-child(3)").allTextContents()).map((s) =>
      Number(s.replace(/,/g, "")),
    );
    // Numbers sort highest first on the first click.
    expect([...shownRates].sort((a, b) => b - a)).toEqual(shownRates);
    expect(await page.getByTestId("sort-enrollment.rate").textContent()).toContain("▼");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-csv").click(),
    ]);
    const file = await download.path();
    const text = await readFile(file, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const csv = parseCsv(text);
    expect(csv[0]?.slice(0, 3)).toEqual(["地区名称", "区划代码", "参保率 (%)"]);
    expect(csv.slice(1).map((r) => r[0])).toEqual(shownNames);
    expect(csv.slice(1).map((r) => Number(r[2]))).toEqual(shownRates);
    expect(download.suggestedFilename()).toMatch(/^呼伦贝尔市_2024Q1-2024Q4\.csv$/);

    await page.getByTestId("table-filter").fill("鄂温克");
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId("table-filter").fill("");
  });

  it("drills into 鄂温克族自治旗 and shows the gateway's own enrollment figure", async () => {
    await page.getByTestId("tab-overview").click();
    await page.getByTestId("card-enrollment.rate").click();
    await page.getByTestId("comparison-chart").waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, "kpi-detail-city.png"), fullPage: true });
    await page.getByTestId(`drill-${EWENKI}`).click();
    await expect.poll(() => page.getByTestId("region-title").textContent()).toContain("鄂温克族自治旗");
    expect(new URL(page.url()).searchParams.get("region")).toBe(EWENKI);
    expect(new URL(page.url()).searchParams.get("kpi")).toBe("enrollment.rate");
    const crumbs = await page.getByTestId("breadcrumb").textContent();
    expect(crumbs).toContain("呼伦贝尔市");
    expect(crumbs).toContain("鄂温克族自治旗");

    const expected = await gatewayQuery<{
      region: { enrollmentKpis: { total: { value: number; numerator: number; denominator: number } }[] };
    }>(
      stack.gateway.url,
      stack.tokens.city ?? "",
      `query($c: ID!) { region(code: $c) { enrollmentKpis(from: "2024Q1", to: "2024Q4", metrics: ["enrollment.rate"]) { total { value numerator denominator } } } }`,
      { c: EWENKI },
    );
    const total = expected.region.enrollmentKpis[0]?.total;
    if (!total) throw new Error("no enrollment rate from the gateway");
    await page.getByTestId("trend-chart").waitFor();
    expect(await page.getByTestId("detail-value").textContent()).toBe(`${total.value.toFixed(2)}%`);
    expect(await page.getByTestId("detail-numerator").textContent()).toBe(
      total.numerator.toLocaleString("en-US"),
    );
    expect(await page.getByTestId("detail-denominator").textContent()).toBe(
      total.denominator.toLocaleString("en-US"),
    );
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, "drilldown.png"), fullPage: true });

    // The overview card of the county shows the same figure.
    await page.getByRole("button", { name: /返回概览/ }).click();
    expect(await page.getByTestId("card-enrollment.rate").getByTestId("card-value").textContent()).toBe(
      `${total.value.toFixed(2)}%`,
    );
    await page.goBack();
    await page.getByTestId("detail-value").waitFor();
  });

  it("reproduces the view from a copied link", async () => {
    const link = page.url();
    const before = await page.getByTestId("detail-value").textContent();
    const other = await newPage(context);
    await other.goto(link);
    await expect.poll(() => other.getByTestId("region-title").textContent()).toContain("鄂温克族自治旗");
    await other.getByTestId("detail-value").waitFor();
    expect(await other.getByTestId("detail-value").textContent()).toBe(before);
    expect(other.url()).toBe(link);
    await other.reload();
    await other.getByTestId("detail-value").waitFor();
    expect(await other.getByTestId("detail-value").textContent()).toBe(before);
    await other.close();
  });

  it("switches to English", async () => {
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.getByTestId("detail-title").textContent()).toBe("Enrollment rate");
    expect(new URL(page.url()).searchParams.get("lang")).toBe("en");
    expect(await page.getByTestId("sign-out").textContent()).toBe("Sign out");
    expect(await page.locator("body").textContent()).toContain("Back to overview");
    await page.getByRole("button", { name: /Back to overview/ }).click();
    await expect.poll(() => page.locator("section.domain h2").first().textContent()).toBe("Enrollment");
    await page.screenshot({ path: join(SHOTS, "overview-en.png"), fullPage: true });
  });

  it("shows 鄂温克族自治旗's 2023Q1 drug network purchase rate: 97.12%", async () => {
    const p = await newPage(context);
    await p.goto(`${stack.dashboard.url}?region=${EWENKI}&from=2023Q1&to=2023Q1`);
    const card = p.getByTestId("card-procurement.network_rate.drug");
    await card.getByTestId("card-value").waitFor();
    expect(await card.getByTestId("card-value").textContent()).toBe("97.12%");
    expect(
      await p
        .getByTestId("card-procurement.network_rate.consumable_separate")
        .getByTestId("card-value")
        .textContent(),
    ).toBe("91.46%");
    expect(
      await p
        .getByTestId("card-procurement.network_rate.consumable_non_separate")
        .getByTestId("card-value")
        .textContent(),
    ).toBe("57.56%");
    await p.close();
  });

  it("shows empty states for a quarter without reports and refuses a region outside the scope", async () => {
    const p = await newPage(context);
    await p.goto(`${stack.dashboard.url}?region=${CITY}&from=2025Q2&to=2025Q2`);
    const card = p.getByTestId("card-enrollment.rate");
    await card.getByTestId("card-empty").waitFor();
    expect(await card.getByTestId("card-empty").textContent()).toBe("本季度暂无上报数据");
    await p.goto(`${stack.dashboard.url}?region=430600&from=2024Q1&to=2024Q4`);
    await p.getByTestId("forbidden").waitFor();
    expect(await p.locator("body").textContent()).not.toContain("岳阳市");
    await p.getByTestId("forbidden").getByRole("button").click();
    await expect.poll(() => p.getByTestId("region-title").textContent()).toContain("呼伦贝尔市");
    await p.close();
  });

  it("sends an expired or forged session back to sign-in with a message", async () => {
    const p = await newPage(context);
    await p.goto(stack.dashboard.url);
    await p.evaluate(() => {
      const raw = localStorage.getItem("hsa.dashboard.session") ?? "{}";
      const s = JSON.parse(raw) as { token: string };
      const [h, b] = s.token.split(".");
      localStorage.setItem("hsa.dashboard.session", JSON.stringify({ ...s, token: `${h}.${b}.forged` }));
    });
    await p.reload();
    await p.getByTestId("signin-message").waitFor();
    expect(await p.getByTestId("signin-message").textContent()).toMatch(/登录已失效|session has expired/);
    await p.close();
  });
});
