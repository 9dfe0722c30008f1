// Real headless Chromium (Debian's /usr/bin/chromium through playwright-core) against a real
// stack: enrollment subgraph + gateway + the dashboard's production build and server.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstViewSize, kB } from "../server/size";
import { parseCsv } from "../src/lib/csv";
import { launch } from "./chromium";
import { type DashboardStack, gatewayQuery, startDashboardStack } from "./stack";

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

/** A search parameter of the page's current URL (poll it: the app updates the URL after renders). */
function param(p: Page, name: string): string | null {
  return new URL(p.url()).searchParams.get(name);
}

/**
 * Before a screenshot: nothing is loading any more (no skeleton) and ECharts has finished drawing
 * every chart named (EChart sets data-rendered="true" on `finished` for its current option) and
 * every other chart on the page — a condition, not a delay, however busy the machine is.
 */
async function settled(p: Page, ...charts: string[]): Promise<void> {
  await expect.poll(() => p.locator('[aria-busy="true"]').count()).toBe(0);
  for (const id of charts) await p.locator(`[data-testid="${id}"][data-rendered="true"]`).waitFor();
  await expect.poll(() => p.locator('[data-rendered="false"]').count()).toBe(0);
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
    await expect.poll(() => param(page, "region")).toBe(CITY);
    await expect.poll(() => param(page, "from")).toBe("2024Q1");
    await expect.poll(() => param(page, "to")).toBe("2024Q4");
    // Name and scope shown.
    await expect.poll(() => page.getByTestId("user").textContent()).toContain("呼伦贝尔市医疗保障局");
    await expect.poll(() => page.getByTestId("user-scope").textContent()).toBe("呼伦贝尔市");
    // The landing view: one operation per domain discovered from the schema, never national.
    const landing = () =>
      graphqlOps.filter((op) => op.startsWith("Dashboard_")).map((op) => op.split(" ")[0]);
    const domains = ["enrollment", "procurement", ...stack.down].map((d) =>
      d === "payment-reform" ? "payment" : d,
    );
    await expect.poll(() => new Set(landing())).toEqual(new Set(domains.map((d) => `Dashboard_${d}`)));
    await settled(page);
    expect(landing()).toHaveLength(domains.length);
    expect(graphqlOps.join("\n")).not.toContain("000000");
    // A KPI without a target says so, neutrally, never 达标 (issue 15); a judged one keeps its status.
    const badge = (id: string) => page.getByTestId(`card-${id}`).getByTestId("card-status").textContent();
    await expect.poll(() => badge("enrollment.evoucher_activation")).toBe("无目标");
    await expect.poll(() => badge("procurement.purchase_amount")).toBe("无目标");
    expect(["达标", "接近", "未达标"]).toContain(await badge("enrollment.rate"));
    await page.screenshot({ path: join(SHOTS, "overview.png"), fullPage: true });
  });

  it("shows the domains whose subgraph is down as unavailable, the rest working", async () => {
    for (const name of stack.down) {
      const domain = name === "payment-reform" ? "payment" : name;
      await page.getByTestId(`unavailable-${domain}`).waitFor();
    }
    await expect
      .poll(() => page.locator("[data-testid=domain-enrollment] [data-testid=card-value]").count())
      .toBeGreaterThan(3);
  });

  it("offers only 呼伦贝尔市 and its counties", async () => {
    expect(counties.length).toBeGreaterThan(5);
    const allowed = new Set(["呼伦贝尔市", ...counties.map((c) => c.name)]);
    const options = async () =>
      (await page.getByTestId("region-picker").locator("option").allTextContents()).map((s) =>
        s.replace(/\u3000/g, "").trim(),
      );
    await expect.poll(async () => new Set(await options())).toEqual(allowed);
    await page.getByTestId("tab-table").click();
    const rows = page.locator("[data-testid=region-table] tbody tr");
    await expect.poll(() => rows.count()).toBe(counties.length);
    await expect
      .poll(
        async () => new Set((await rows.locator("td:first-child").allTextContents()).map((s) => s.trim())),
      )
      .toEqual(new Set(counties.map((c) => c.name)));
    for (const other of ["内蒙古自治区", "湖南省", "岳阳市", "全国"])
      expect(await page.locator("body").textContent()).not.toContain(other);
  });

  it("sorts, filters and exports the table as UTF-8 CSV with a BOM", async () => {
    await page.getByTestId("sort-enrollment.rate").click();
    // The header's arrow and the rows change in one render: read the rows once it shows.
    await expect.poll(() => page.getByTestId("sort-enrollment.rate").textContent()).toContain("▼");
    const rows = page.locator("[data-testid=region-table] tbody tr");
    const shownNames = (await rows.locator("td:first-child").allTextContents()).map((s) => s.trim());
    const shownRates = (await rows.locator("td:nth-child(3)").allTextContents()).map((s) =>
      Number(s.replace(/,/g, "")),
    );
    // Numbers sort highest first on the first click.
    expect([...shownRates].sort((a, b) => b - a)).toEqual(shownRates);

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
    await settled(page, "trend-chart", "comparison-chart");
    await page.screenshot({ path: join(SHOTS, "kpi-detail-city.png"), fullPage: true });
    await page.getByTestId(`drill-${EWENKI}`).click();
    await expect.poll(() => page.getByTestId("region-title").textContent()).toContain("鄂温克族自治旗");
    await expect.poll(() => param(page, "region")).toBe(EWENKI);
    await expect.poll(() => param(page, "kpi")).toBe("enrollment.rate");
    await expect.poll(() => page.getByTestId("breadcrumb").textContent()).toContain("呼伦贝尔市");
    await expect.poll(() => page.getByTestId("breadcrumb").textContent()).toContain("鄂温克族自治旗");

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
    await expect
      .poll(() => page.getByTestId("detail-value").textContent())
      .toBe(`${total.value.toFixed(2)}%`);
    await expect
      .poll(() => page.getByTestId("detail-numerator").textContent())
      .toBe(total.numerator.toLocaleString("en-US"));
    await expect
      .poll(() => page.getByTestId("detail-denominator").textContent())
      .toBe(total.denominator.toLocaleString("en-US"));
    // A county has no children: the trend is the one chart.
    await settled(page, "trend-chart");
    expect(await page.getByTestId("comparison-chart").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "drilldown.png"), fullPage: true });

    // The overview card of the county shows the same figure.
    await page.getByRole("button", { name: /返回概览/ }).click();
    await expect
      .poll(() => page.getByTestId("card-enrollment.rate").getByTestId("card-value").textContent())
      .toBe(`${total.value.toFixed(2)}%`);
    await page.goBack();
    await expect
      .poll(() => page.getByTestId("detail-value").textContent())
      .toBe(`${total.value.toFixed(2)}%`);
  });

  it("reproduces the view from a copied link", async () => {
    const link = page.url();
    const before = await page.getByTestId("detail-value").textContent();
    const other = await newPage(context);
    await other.goto(link);
    await expect.poll(() => other.getByTestId("region-title").textContent()).toContain("鄂温克族自治旗");
    await expect.poll(() => other.getByTestId("detail-value").textContent()).toBe(before);
    await expect.poll(() => other.url()).toBe(link);
    await other.reload();
    await expect.poll(() => other.getByTestId("detail-value").textContent()).toBe(before);
    await other.close();
  });

  it("switches to English", async () => {
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.getByTestId("detail-title").textContent()).toBe("Enrollment rate");
    await expect.poll(() => param(page, "lang")).toBe("en");
    await expect.poll(() => page.getByTestId("sign-out").textContent()).toBe("Sign out");
    await expect.poll(() => page.locator("body").textContent()).toContain("Back to overview");
    await page.getByRole("button", { name: /Back to overview/ }).click();
    await expect.poll(() => page.locator("section.domain h2").first().textContent()).toBe("Enrollment");
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "overview-en.png"), fullPage: true });
  });

  it("shows 鄂温克族自治旗's 2023Q1 drug network purchase rate: 97.12%", async () => {
    const p = await newPage(context);
    await p.goto(`${stack.dashboard.url}?region=${EWENKI}&from=2023Q1&to=2023Q1`);
    const card = p.getByTestId("card-procurement.network_rate.drug");
    await expect.poll(() => card.getByTestId("card-value").textContent()).toBe("97.12%");
    await expect
      .poll(() =>
        p
          .getByTestId("card-procurement.network_rate.consumable_separate")
          .getByTestId("card-value")
          .textContent(),
      )
      .toBe("91.46%");
    await expect
      .poll(() =>
        p
          .getByTestId("card-procurement.network_rate.consumable_non_separate")
          .getByTestId("card-value")
          .textContent(),
      )
      .toBe("57.56%");
    await p.close();
  });

  it("shows empty states for a quarter without reports and refuses a region outside the scope", async () => {
    const p = await newPage(context);
    await p.goto(`${stack.dashboard.url}?region=${CITY}&from=2025Q2&to=2025Q2`);
    const card = p.getByTestId("card-enrollment.rate");
    await expect.poll(() => card.getByTestId("card-empty").textContent()).toBe("本季度暂无上报数据");
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
    await expect
      .poll(() => p.getByTestId("signin-message").textContent())
      .toMatch(/登录已失效|session has expired/);
    await p.close();
  });
});

describe("reporting workflow in Chromium: enter, submit, approve, completeness, import", () => {
  const Q = "2025Q1";
  let ctx: BrowserContext;
  let rp: Page;

  beforeAll(async () => {
    ctx = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: "zh-CN" });
    await ctx.addInitScript(() => {
      (window as unknown as { __HSA_NO_ANIMATION__: boolean }).__HSA_NO_ANIMATION__ = true;
    });
    rp = await newPage(ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  /** Signs out whoever is signed in and signs in as a demo user. */
  async function signInAs(key: "city" | "county") {
    await rp.goto(stack.dashboard.url);
    const signOut = rp.getByTestId("sign-out");
    // Signed in (from an earlier test) or not: whichever the page shows once it has loaded.
    await signOut.or(rp.getByTestId(`demo-${key}`)).waitFor();
    if (await signOut.isVisible()) await signOut.click();
    await rp.getByTestId(`demo-${key}`).click();
    await rp.getByTestId("user").waitFor();
  }

  /** 报表完整率 of the enrollment domain for 呼伦贝尔市 over 2025Q1, as the overview shows it. */
  async function cityCompleteness(): Promise<{ num: number; den: number; text: string }> {
    await rp.goto(`${stack.dashboard.url}?region=${CITY}&from=${Q}&to=${Q}`);
    const item = rp.getByTestId("completeness-enrollment.reporting_completeness");
    await item.getByTestId("completeness-count").waitFor();
    const text = (await item.getByTestId("completeness-count").textContent()) ?? "";
    const [num, den] = text.split("/").map((s) => Number(s.replace(/,/g, "")));
    return { num: num ?? Number.NaN, den: den ?? Number.NaN, text: (await item.textContent()) ?? "" };
  }

  let before: { num: number; den: number };

  it("shows the city's enrollment completeness for 2025Q1 before anything is reported", async () => {
    await signInAs("city");
    // The city office approves but does not report: no data-entry or import page for it.
    await rp.getByTestId("nav-approvals").waitFor();
    expect(await rp.getByTestId("nav-entry").count()).toBe(0);
    expect(await rp.getByTestId("nav-import").count()).toBe(0);
    before = await cityCompleteness();
    expect(before.num).toBe(0);
    expect(before.den).toBe(counties.length);
    // Completeness has its own row; it is not among the KPI cards.
    expect(await rp.getByTestId("card-enrollment.reporting_completeness").count()).toBe(0);
  });

  it("lets the 鄂温克族自治旗 reporter enter 2025Q1 figures with Chinese validation, save and submit", async () => {
    await signInAs("county");
    await rp.getByTestId("nav-entry").click();
    await rp.getByTestId("page-entry").waitFor();
    await expect.poll(() => param(rp, "page")).toBe("entry");
    await rp.getByTestId("entry-quarter").selectOption(Q);
    await expect.poll(() => param(rp, "quarter")).toBe(Q);
    await expect.poll(() => rp.getByTestId("entry-unit").inputValue()).toBe(EWENKI);
    await expect.poll(() => rp.getByTestId("report-status").textContent()).toBe("草稿");
    await expect.poll(() => rp.getByTestId("load-note").textContent()).toBe("尚未填报");

    const figures: Record<string, string> = {
      insuredEmployee: "31250",
      insuredResident: "118600",
      registeredPopulation: "151320",
      evoucherActivated: "98400",
      settlementsTotal: "52000",
      settlementsEvoucher: "61000", // more than all settlements: refused below
      remoteRegistrations: "1480",
      remoteHospitalisations: "1560",
      subsidisedPersons: "2150",
      subsidyAmountYuan: "971700.5",
    };
    for (const [k, v] of Object.entries(figures)) await rp.getByTestId(`field-${k}`).fill(v);
    // A negative count: the Chinese message sits next to the field, nothing is sent.
    await rp.getByTestId("field-insuredEmployee").fill("-5");
    const before = graphqlOps.length;
    await rp.getByTestId("entry-save").click();
    await expect
      .poll(() => rp.getByTestId("error-insuredEmployee").textContent())
      .toBe("职工医保参保人数须为不小于 0 的整数");
    await expect.poll(() => rp.getByTestId("entry-message").textContent()).toBe("请先修正标出的问题");
    await expect
      .poll(() => rp.getByTestId("field-insuredEmployee").getAttribute("aria-invalid"))
      .toBe("true");
    await rp.screenshot({ path: join(SHOTS, "entry-validation.png"), fullPage: true });
    await rp.getByTestId("field-insuredEmployee").fill(figures.insuredEmployee ?? "");
    await rp.getByTestId("entry-save").click();
    await expect
      .poll(() => rp.getByTestId("error-settlementsEvoucher").textContent())
      .toBe("医保电子凭证结算笔数（61000）不能大于结算笔数（52000）");
    expect(graphqlOps.slice(before).some((op) => op.startsWith("ReportEnrollment"))).toBe(false);
    await rp.getByTestId("field-settlementsEvoucher").fill("31000");
    await rp.getByTestId("entry-save").click();
    await expect.poll(() => rp.getByTestId("entry-message").textContent()).toBe("已保存");

    // Reloaded, the form shows the stored figures.
    await rp.reload();
    await expect.poll(() => rp.getByTestId("field-subsidyAmountYuan").inputValue()).toBe("971700.50");
    await expect.poll(() => rp.getByTestId("field-settlementsEvoucher").inputValue()).toBe("31000");
    await expect.poll(() => rp.getByTestId("load-note").textContent()).toBe("已载入已上报的数据");

    await rp.getByTestId("entry-submit").click();
    await expect.poll(() => rp.getByTestId("report-status").textContent()).toBe("已提交");
    await expect.poll(() => rp.getByTestId("entry-message").textContent()).toBe("已提交审核");
    await rp.screenshot({ path: join(SHOTS, "entry-submitted.png"), fullPage: true });
  });

  it("lets the 呼伦贝尔市 approver see the submission, require a reason to reopen, and approve", async () => {
    await signInAs("city");
    await rp.getByTestId("nav-approvals").click();
    await rp.getByTestId("approvals-quarter").selectOption(Q);
    const row = rp.getByTestId(`approval-row-${EWENKI}`);
    await expect.poll(() => row.getByTestId(`status-${EWENKI}`).textContent()).toBe("已提交");
    await expect
      .poll(() => rp.locator("[data-testid=approvals-table] tbody tr").count())
      .toBe(counties.length);
    await expect.poll(() => row.textContent()).toContain("逾期"); // 2025Q1 was due on 2025-04-15
    // History on demand.
    await rp.getByTestId(`history-${EWENKI}`).click();
    await expect
      .poll(() => rp.getByTestId(`history-panel-${EWENKI}`).textContent())
      .toContain("鄂温克族自治旗医疗保障局");
    await expect
      .poll(() => rp.getByTestId(`history-panel-${EWENKI}`).textContent())
      .toContain("草稿 → 已提交");
    // Reopening needs a reason.
    await rp.getByTestId(`reopen-${EWENKI}`).click();
    await rp.getByTestId(`reopen-confirm-${EWENKI}`).click();
    await expect
      .poll(() => rp.getByTestId(`approval-error-${EWENKI}`).textContent())
      .toBe("请填写退回原因（至少 2 个字）");
    await rp.getByTestId(`reopen-${EWENKI}`).click(); // closes the reason form
    await rp.getByTestId(`approve-${EWENKI}`).click();
    await expect.poll(() => row.getByTestId(`status-${EWENKI}`).textContent()).toBe("已审核");
    await expect.poll(() => rp.getByTestId("count-approved").textContent()).toBe("1");
    await expect
      .poll(() => rp.getByTestId(`history-panel-${EWENKI}`).textContent())
      .toContain("已提交 → 已审核");
    await expect.poll(() => param(rp, "page")).toBe("approvals");
    await rp.screenshot({ path: join(SHOTS, "approvals.png"), fullPage: true });
    // A domain whose subgraph is down shows as unavailable; the tab comes back to enrollment.
    const down = stack.down.map((n) => (n === "payment-reform" ? "payment" : n));
    for (const d of down) {
      await rp.getByTestId(`approvals-tab-${d}`).click();
      await rp.getByTestId("approvals-unavailable").waitFor();
    }
    await rp.getByTestId("approvals-tab-enrollment").click();
    await expect.poll(() => rp.getByTestId(`status-${EWENKI}`).textContent()).toBe("已审核");
  });

  it("shows the city's enrollment completeness risen on the overview", async () => {
    const after = await cityCompleteness();
    expect(after.den).toBe(before.den);
    expect(after.num).toBe(before.num + 1);
    const pct = ((100 * after.num) / after.den).toFixed(2);
    expect(after.text).toContain(`${pct}%`);
    // The same figure as the gateway's own.
    const expected = await gatewayQuery<{
      region: { enrollmentKpis: { total: { numerator: number; denominator: number } }[] };
    }>(
      stack.gateway.url,
      stack.tokens.city ?? "",
      `query($c: ID!) { region(code: $c) { enrollmentKpis(from: "${Q}", to: "${Q}", metrics: ["enrollment.reporting_completeness"]) { total { numerator denominator } } } }`,
      { c: CITY },
    );
    expect(expected.region.enrollmentKpis[0]?.total).toEqual({
      numerator: after.num,
      denominator: after.den,
    });
    await settled(rp);
    await rp.screenshot({ path: join(SHOTS, "overview-completeness.png"), fullPage: true });
  });

  it("shows the reporter the approved report, locked", async () => {
    await signInAs("county");
    await rp.goto(`${stack.dashboard.url}?page=entry&form=enrollment&unit=${EWENKI}&quarter=${Q}`);
    await expect.poll(() => rp.getByTestId("report-status").textContent()).toBe("已审核");
    await rp.getByTestId("approved-locked").waitFor();
    // Opened directly, the page still names the user's scope.
    await expect.poll(() => rp.getByTestId("user-scope").textContent()).toBe("鄂温克族自治旗");
    await expect.poll(() => rp.getByTestId("field-insuredEmployee").isDisabled()).toBe(true);
    await expect.poll(() => rp.getByTestId("entry-submit").isDisabled()).toBe(true);
  });

  it("imports a CSV: a bad row is listed with its line, the fixed file is imported", async () => {
    await rp.getByTestId("nav-import").click();
    await rp.getByTestId("page-import").waitFor();
    await expect.poll(() => rp.getByTestId("import-layout").textContent()).toContain("医保电子凭证结算笔数");
    const header =
      "行政区划代码,行政区划名称,季度,职工医保参保人数,居民医保参保人数,户籍人口,医保电子凭证激活人数,结算笔数,医保电子凭证结算笔数,异地就医备案人次,统筹区外住院人次,资助参保人数,资助参保金额（元）";
    const good = `${EWENKI},鄂温克族自治旗,2025Q3,31300,118500,151300,98600,51000,30500,1400,1500,2100,960000.00`;
    const bad = `${EWENKI},鄂温克族自治旗,2025Q4,31350,abc,151280,98700,50000,30000,1390,1490,2080,955000.00`;
    const fixed = bad.replace(",abc,", ",118400,");
    const file = (rows: string[]) => ({
      name: "参保数据-2025.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF${[header, ...rows].join("\r\n")}\r\n`, "utf8"),
    });

    await rp.getByTestId("import-file").setInputFiles(file([good, bad]));
    await expect.poll(() => rp.getByTestId("import-file-name").textContent()).toContain("参保数据-2025.csv");
    await rp.getByTestId("import-submit").click();
    const result = rp.getByTestId("import-result");
    await expect.poll(() => result.getAttribute("data-ok")).toBe("false");
    await expect.poll(() => result.textContent()).toContain("文件有错误，未写入任何数据");
    const errorRow = rp.getByTestId("import-error-3");
    await errorRow.waitFor();
    const cells = (await errorRow.locator("td").allTextContents()).map((s) => s.trim());
    expect(cells[0]).toBe("3");
    expect(cells[1]).toBe("居民医保参保人数");
    expect(cells[2]).toBe("abc");
    expect(cells[3]).toContain("不是整数");
    await expect.poll(() => rp.getByTestId("import-error-count").textContent()).toBe("共 1 处错误");
    await rp.screenshot({ path: join(SHOTS, "import-errors.png"), fullPage: true });

    await rp.getByTestId("import-file").setInputFiles(file([good, fixed]));
    await rp.getByTestId("import-dry-run").click();
    await expect.poll(() => result.getAttribute("data-ok")).toBe("true");
    await expect.poll(() => result.textContent()).toContain("校验通过，可以导入");
    await rp.getByTestId("import-submit").click();
    await expect.poll(() => result.textContent()).toContain("导入成功");
    await expect.poll(() => rp.getByTestId("import-rows").textContent()).toBe("2");
    await expect.poll(() => rp.getByTestId("import-inserted").textContent()).toBe("2");
    await rp.screenshot({ path: join(SHOTS, "import-done.png"), fullPage: true });

    const stored = await gatewayQuery<{ report: { insuredResident: number } | null }>(
      stack.gateway.url,
      stack.tokens.county ?? "",
      `query { report: enrollmentReport(regionCode: "${EWENKI}", quarter: "2025Q4") { insuredResident } }`,
    );
    expect(stored.report?.insuredResident).toBe(118400);
  });
});
