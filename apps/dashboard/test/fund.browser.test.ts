// The fund domain (issue 18) in the dashboard, with no dashboard change: the domain, its name and
// its cards come from the registry (Query.domains) and the fund catalogue. Real Chromium against a
// stack whose fund subgraph holds 鄂温克族自治旗's demo figures.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { EWENKI, newContext, newWatch, param, SHOTS, settled, newPage as watchedPage } from "./harness";
import { type DashboardStack, startDashboardStack } from "./stack";

let stack: DashboardStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const watch = newWatch();

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDashboardStack({ scopes: ["150700"], fund: true }), launch()]);
  context = await newContext(browser);
  page = await watchedPage(context, watch);
});

afterAll(async () => {
  expect(watch.pageErrors).toEqual([]);
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe("the fund domain on the dashboard, signed in as 鄂温克族自治旗", () => {
  it("shows 基金与待遇 with its cards and the seed's figures for 2023Q1–Q2", async () => {
    // a shared link to 鄂温克 2023Q1–Q2, opened before signing in: the range sticks
    await page.goto(`${stack.dashboard.url}?region=${EWENKI}&from=2023Q1&to=2023Q2`);
    await page.getByTestId("demo-county").click();
    await expect.poll(() => param(page, "region")).toBe(EWENKI);
    await expect.poll(() => param(page, "from")).toBe("2023Q1");
    const fund = page.getByTestId("domain-fund");
    await fund.waitFor();
    await expect.poll(() => fund.textContent()).toContain("基金与待遇");
    const value = (id: string) => fund.getByTestId(`card-${id}`).getByTestId("card-value").textContent();
    await expect.poll(() => value("fund.outpatient_fund_pay_ratio")).toContain("47.16");
    await expect.poll(() => value("fund.pharmacy_fund_pay_ratio")).toContain("53.69");
    await expect.poll(() => value("fund.pharmacy_in_scope_share")).toContain("91.28");
    await expect.poll(() => value("fund.remote_inpatient_paid.resident")).toContain("1,122.12");
    await expect.poll(() => fund.locator(`[data-testid^="card-fund."]`).count()).toBeGreaterThan(20);
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "fund.png"), fullPage: true });
  });
});
