// Issue 19 (second pass of the leadership dashboard), in real headless Chromium: a phone never
// scrolls sideways, axe finds no serious or critical violation, keyboard focus follows the user
// into a KPI's detail, charts carry units and say where a value axis does not start at zero, and a
// region that does not exist is said once, in Chinese, with a way back.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { newContext, newWatch, settled, newPage as watchedPage } from "./harness";
import { type DashboardStack, startDashboardStack } from "./stack";

let stack: DashboardStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const watch = newWatch();

/** Serious or critical axe violations of the page as it is now (rule id and first offending nodes). */
async function axeProblems(p: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: p }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}

const pageWidth = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth);

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDashboardStack(), launch()]);
  context = await newContext(browser);
  page = await watchedPage(context, watch);
});

afterAll(async () => {
  expect(watch.pageErrors).toEqual([]);
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe("the leadership dashboard, signed in as the national leader", () => {
  it("has no serious or critical accessibility violation on sign-in, the overview, the table and a KPI's detail", async () => {
    await page.goto(stack.dashboard.url);
    await page.getByTestId("demo-national").waitFor();
    expect(await axeProblems(page)).toEqual([]);
    const before = watch.graphqlOps.length;
    const started = Date.now();
    await page.getByTestId("demo-national").click();
    await page.getByTestId("card-enrollment.rate").getByTestId("card-value").waitFor();
    await settled(page);
    // First sign-in to every card: the domains, their latest quarters (one request) and one landing
    // request per domain.
    const ops = watch.graphqlOps.slice(before).map((op) => op.split(" ")[0]);
    const domains = 2 + stack.down.length;
    console.log(
      `first sign-in (000000) to all cards: ${ops.length} GraphQL requests for ${domains} domains in ${Date.now() - started} ms (${ops.join(", ")})`,
    );
    expect(ops.filter((op) => op?.startsWith("Dashboard_"))).toHaveLength(domains);
    expect(ops.length).toBeLessThanOrEqual(domains + 2);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByTestId("tab-table").click();
    await settled(page);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByTestId("tab-overview").click();
    await page.getByTestId("card-enrollment.rate").click();
    await page.getByTestId("kpi-detail").waitFor();
    await settled(page);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByTestId("detail-heading").locator("..").getByRole("button").first().click();
    await page.getByTestId("card-enrollment.rate").waitFor();
  });

  it("moves the keyboard focus into a KPI's detail when it opens from the keyboard", async () => {
    await page.getByTestId("card-enrollment.rate").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("kpi-detail").waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
      .toBe("detail-heading");
  });

  it("shows values with their unit in chart tooltips and says where a rate's axis does not start at zero", async () => {
    await settled(page, "trend-chart");
    // 参保率 ≈ 97%: the trend zooms in, and says from where (a bar chart would start at zero).
    await expect.poll(() => page.getByTestId("axis-note").textContent()).toMatch(/^纵轴从 \d+\.\d{2}% 开始/);
    const box = await page.getByTestId("trend-chart").boundingBox();
    if (!box) throw new Error("trend chart not laid out");
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.getByTestId("trend-chart").locator("div").filter({ hasText: "参保率" }).last();
    await expect.poll(() => tip.textContent()).toMatch(/\d{2}\.\d{2}%/);
  });

  it("never scrolls sideways on a phone (390 × 844): overview, region table, KPI detail", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await settled(page);
      await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(390);
      expect(await axeProblems(page)).toEqual([]);
      await page.getByTestId("detail-heading").locator("..").getByRole("button").first().click();
      await page.getByTestId("card-enrollment.rate").waitFor();
      await settled(page);
      await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(390);
      // The header is two compact rows, not a column of single characters.
      const header = await page.locator("header.top").boundingBox();
      expect(header?.height).toBeLessThan(130);
      await page.getByTestId("tab-table").click();
      await settled(page);
      await expect.poll(() => pageWidth(page)).toBeLessThanOrEqual(390);
      await page.getByTestId("tab-overview").click();
      await settled(page);
    } finally {
      await page.setViewportSize({ width: 1440, height: 960 });
    }
  });

  it("says plainly, once and in Chinese, that a region code does not exist, with a way back and no retry", async () => {
    const p = await watchedPage(context, watch);
    await p.goto(`${stack.dashboard.url}?region=999999&from=2024Q1&to=2024Q4`);
    const notice = p.getByTestId("not-found");
    await expect.poll(() => notice.textContent()).toContain("找不到地区代码 999999");
    // No per-domain cards, no raw server text, no retry that could never work.
    expect(await p.locator("[data-testid^=unavailable-]").count()).toBe(0);
    expect(await p.getByRole("button", { name: "重试" }).count()).toBe(0);
    expect(await p.locator("body").textContent()).not.toMatch(/not found|region 999999/i);
    await notice.getByRole("button").click();
    await expect.poll(() => p.getByTestId("region-title").textContent()).toContain("全国");
    await p.close();
  });
});
