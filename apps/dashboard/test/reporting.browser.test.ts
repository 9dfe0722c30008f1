// The reporting workflow in real headless Chromium against a real stack (see browser.test.ts):
// enter, submit, approve, completeness on the overview, CSV import.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { CITY, cityCounties, EWENKI, newContext, newPage, newWatch, param, SHOTS, settled } from "./harness";
import { type DashboardStack, gatewayQuery, startDashboardStack } from "./stack";

let stack: DashboardStack;
let browser: Browser;
/** Children of 呼伦贝尔市 as the gateway answers for the city office. */
let counties: { code: string; name: string }[] = [];
const watch = newWatch();
const { graphqlOps } = watch;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  // supervision runs too: its inspection form (with dispositions) is made from its layout
  [stack, browser] = await Promise.all([startDashboardStack({ supervision: true }), launch()]);
  counties = await cityCounties(stack);
});

afterAll(async () => {
  expect(watch.pageErrors).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

describe("reporting workflow in Chromium: enter, submit, approve, completeness, import", () => {
  const Q = "2025Q1";
  let ctx: BrowserContext;
  let rp: Page;

  beforeAll(async () => {
    ctx = await newContext(browser);
    rp = await newPage(ctx, watch);
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
  it("records an inspection with its dispositions in the form made from supervision's layout", async () => {
    const count = async () =>
      (
        await gatewayQuery<{ region: { inspections: { totalCount: number } } }>(
          stack.gateway.url,
          stack.tokens.county ?? "",
          `query { region(code: "${EWENKI}") { inspections(from: "${Q}", to: "${Q}", first: 1) { totalCount } } }`,
        )
      ).region.inspections.totalCount;
    const before = await count();
    await rp.goto(`${stack.dashboard.url}?page=entry&form=inspections&unit=${EWENKI}&quarter=${Q}`);
    await rp.getByTestId("field-inspectedOn").waitFor();
    // the institution: a choice among the county's institutions (supervision answers the lookup)
    const hospitals = rp.locator("select[data-testid='field-institutionId'] option[value^='150724-H-']");
    await expect.poll(() => hospitals.count()).toBeGreaterThan(0);
    await rp
      .getByTestId("field-institutionId")
      .selectOption((await hospitals.first().getAttribute("value")) ?? "");
    await rp.getByTestId("field-inspectedOn").fill("2025-04-02"); // after the quarter: refused below
    await rp.getByTestId("field-kind").selectOption("SPECIAL");
    await rp.getByTestId("field-findings").fill("超标准收费");
    await rp.getByTestId("add-row").click();
    await rp.getByTestId("field-rows.0.kind").selectOption("RECOVERY");
    const sent = graphqlOps.length;
    await rp.getByTestId("entry-save").click();
    await expect
      .poll(() => rp.getByTestId("error-inspectedOn").textContent())
      .toBe("检查日期须在所选季度（2025Q1）内");
    await expect
      .poll(() => rp.getByTestId("error-rows.0.amountYuan").textContent())
      .toBe("请填写大于 0 的金额");
    expect(graphqlOps.slice(sent).some((op) => op.startsWith("RecordInspection"))).toBe(false);
    await rp.getByTestId("field-inspectedOn").fill("2025-02-03");
    await rp.getByTestId("field-rows.0.amountYuan").fill("433000");
    await rp.getByTestId("entry-save").click();
    await expect.poll(() => rp.getByTestId("entry-message").textContent()).toBe("已保存");
    expect(await count()).toBe(before + 1);
  });
});
