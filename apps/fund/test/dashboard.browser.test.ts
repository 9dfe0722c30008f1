// The fund domain (issue 18) in the dashboard, with no dashboard change: the domain, its name and
// its cards come from the registry (Query.domains) and the fund catalogue, its entry forms from the
// layouts of its facts (saved with the generic document). Real Chromium against a stack whose fund
// subgraph holds 鄂温克族自治旗's demo figures.
import { join } from "node:path";

/** This domain's screenshots (apps/fund/screenshots), beside the dashboard's own. */
const SHOTS = join(import.meta.dirname, "..", "screenshots");

import { launch } from "@hsa/dashboard/test/chromium";
import {
  EWENKI,
  newContext,
  newWatch,
  param,
  settled,
  newPage as watchedPage,
} from "@hsa/dashboard/test/harness";
import { type DashboardStack, gatewayQuery, startDashboardStack } from "@hsa/dashboard/test/stack";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: DashboardStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const watch = newWatch();

beforeAll(async () => {
  [stack, browser] = await Promise.all([
    startDashboardStack({ scopes: ["150700"], extra: { fund: ["150724"] } }),
    launch(),
  ]);
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

  it("lets the 鄂温克族自治旗 reporter enter a quarter's outpatient pooling from the fund's layout", async () => {
    const Q = "2025Q2"; // after the demo's quarters: nothing reported yet
    const stored = async () =>
      (
        await gatewayQuery<{ region: { fundReports: { outpatientPooling: Record<string, unknown>[] } } }>(
          stack.gateway.url,
          stack.tokens.county ?? "",
          `query($c: ID!) { region(code: $c) { fundReports(from: "${Q}", to: "${Q}") { outpatientPooling {
            quarter visits totalCostYuan inScopeCostYuan fundPaidYuan pharmacyFundPaidYuan institutionVisits } } } }`,
          { c: EWENKI },
        )
      ).region.fundReports.outpatientPooling;
    expect(await stored()).toEqual([]);

    await page.getByTestId("nav-entry").click();
    await page.getByTestId("page-entry").waitFor();
    // the fund's four facts are among the forms, named by the registry and the layouts
    const options = page.getByTestId("entry-form").locator("option");
    await expect.poll(() => options.allTextContents()).toContain("基金与待遇 · 门诊统筹（县 × 季度）");
    await page.getByTestId("entry-form").selectOption("outpatient-pooling");
    await expect.poll(() => param(page, "form")).toBe("outpatient-pooling");
    await page.getByTestId("entry-quarter").selectOption(Q);
    await expect.poll(() => page.getByTestId("entry-unit").inputValue()).toBe(EWENKI);
    await expect.poll(() => page.getByTestId("report-status").textContent()).toBe("草稿");

    const figures: Record<string, string> = {
      personsYtd: "12400",
      visits: "39000",
      totalCostYuan: "12200000",
      inScopeCostYuan: "11000000",
      fundPaidYuan: "11500000", // more than the cost within the payment scope: refused below
      pharmacyVisits: "13300",
      pharmacyTotalCostYuan: "2770000",
      pharmacyInScopeCostYuan: "2528000",
      pharmacyFundPaidYuan: "1487500",
      institutionVisits: "5790",
      institutionTotalCostYuan: "1845450",
      institutionInScopeCostYuan: "1691100",
      institutionFundPaidYuan: "985050",
    };
    for (const [k, v] of Object.entries(figures)) await page.getByTestId(`field-${k}`).fill(v);
    const before = watch.graphqlOps.length;
    await page.getByTestId("entry-save").click();
    // the layout's rule (fund paid ≤ cost within scope), in Chinese next to the field; nothing sent
    await expect
      .poll(() => page.getByTestId("error-fundPaidYuan").textContent())
      .toMatch(/门诊统筹基金支付.*不能大于符合支付范围费用/);
    await expect.poll(() => page.getByTestId("entry-message").textContent()).toBe("请先修正标出的问题");
    expect(watch.graphqlOps.slice(before).some((op) => op.startsWith("Save_"))).toBe(false);
    expect(await stored()).toEqual([]);

    await page.getByTestId("field-fundPaidYuan").fill("5750000");
    await page.getByTestId("entry-save").click();
    await expect.poll(() => page.getByTestId("entry-message").textContent()).toBe("已保存");
    expect(watch.graphqlOps.slice(before).some((op) => op.startsWith("Save_reportOutpatientPooling "))).toBe(
      true,
    );
    await page.screenshot({ path: join(SHOTS, "fund-entry.png"), fullPage: true });
    // stored as entered, read back through the gateway
    expect(await stored()).toEqual([
      {
        quarter: Q,
        visits: 39000,
        totalCostYuan: "12200000.00",
        inScopeCostYuan: "11000000.00",
        fundPaidYuan: "5750000.00",
        pharmacyFundPaidYuan: "1487500.00",
        institutionVisits: 5790,
      },
    ]);
  });
});
