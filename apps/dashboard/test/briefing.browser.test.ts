// Issue 19 in real headless Chromium: the landing's 红黑榜, exceptions and map for the nation and
// for a city office (only its counties), the region search, the printed A4 briefing read back from
// its PDF with pdftotext, and the region table's .xlsx read back with a real reader (exceljs).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { CITY, newContext, newWatch, param, SHOTS, settled, newPage as watchedPage } from "./harness";
import { type DashboardStack, startDashboardStack } from "./stack";

let stack: DashboardStack;
let browser: Browser;
const watch = newWatch();
const dir = mkdtempSync(join(tmpdir(), "hsa-briefing-"));

beforeAll(async () => {
  [stack, browser] = await Promise.all([startDashboardStack(), launch()]);
});

afterAll(async () => {
  expect(watch.pageErrors).toEqual([]);
  await browser?.close();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A signed-in page in a context of its own (the session is kept per context); close its context after. */
async function signIn(user: "national" | "city"): Promise<Page> {
  const p = await watchedPage(await newContext(browser, true), watch);
  await p.goto(stack.dashboard.url);
  await p.getByTestId(`demo-${user}`).click();
  await p.getByTestId("card-enrollment.rate").getByTestId("card-value").waitFor();
  await settled(p);
  return p;
}

const codesIn = (p: Page, selector: string) =>
  p
    .locator(selector)
    .evaluateAll((rows) =>
      rows.map((r) => (r.getAttribute("data-testid") ?? "").replace(/^ranking-row-/, "")),
    );

describe("the landing's ranking, exceptions and map", () => {
  it("ranks the provinces for the nation, lists what needs attention, and drills in from the tile map", async () => {
    const p = await signIn("national");
    const ranking = p.getByTestId("ranking-enrollment");
    await ranking.locator("[data-testid^=ranking-row-]").first().waitFor();
    const codes = await codesIn(p, '[data-testid="ranking-enrollment"] [data-testid^=ranking-row-]');
    expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) expect(c).toMatch(/^\d{2}0000$/);
    // Ranks start at 1 and never go down the list.
    const ranks = (await ranking.getByTestId("ranking-rank").allTextContents()).map(Number);
    expect(ranks[0]).toBe(1);
    // The exceptions panel says what needs attention, or plainly that nothing does.
    const exceptions = p.getByTestId("exceptions");
    await exceptions.waitFor();
    const items = await exceptions.getByTestId("exception").count();
    if (items === 0) await exceptions.getByTestId("exceptions-none").waitFor();
    // The README's desktop screenshot: a 1440 × 900 laptop screen.
    await p.setViewportSize({ width: 1440, height: 900 });
    await settled(p);
    await p.screenshot({ path: join(SHOTS, "landing-leadership.png"), fullPage: true });
    // The tile map: provinces with data are coloured and open their province.
    const tile = p.locator('[data-testid="tile-map"] button:not([disabled])').first();
    const title = await tile.getAttribute("title");
    await tile.click();
    await expect
      .poll(() => p.getByTestId("region-title").textContent())
      .toContain(title?.split(" ")[0] ?? "?");
    await p.context().close();
  });

  it("shows a city office only its own counties in the ranking and the exceptions", async () => {
    const p = await signIn("city");
    const rows = p.locator('[data-testid^="ranking-"] [data-testid^=ranking-row-]');
    await rows.first().waitFor();
    const codes = await codesIn(p, '[data-testid^="ranking-"] [data-testid^=ranking-row-]');
    expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) expect(c.startsWith(CITY.slice(0, 4))).toBe(true);
    // Every exception is about the city or one of its counties; clicking one opens that KPI there.
    const regions = await p
      .getByTestId("exception")
      .evaluateAll((els) =>
        els.map((e) => e.querySelector('[data-testid="exception-region"]')?.textContent ?? ""),
      );
    expect(regions.length).toBeGreaterThan(0);
    await p.setViewportSize({ width: 390, height: 844 });
    await settled(p);
    await expect.poll(() => p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.screenshot({ path: join(SHOTS, "phone-leadership.png"), fullPage: true });
    await p.getByTestId("lang-switch").click();
    await expect.poll(() => p.getByTestId("exceptions").textContent()).toContain("Needs attention");
    await settled(p);
    await expect.poll(() => p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await p.screenshot({ path: join(SHOTS, "phone-leadership-en.png"), fullPage: true });
    await p.setViewportSize({ width: 1440, height: 900 });
    await settled(p);
    await p.screenshot({ path: join(SHOTS, "landing-leadership-en.png"), fullPage: true });
    await p.getByTestId("lang-switch").click();
    await expect.poll(() => p.getByTestId("exceptions").textContent()).toContain("需要关注");
    await p.getByTestId("exception").first().getByRole("button").click();
    await p.getByTestId("kpi-detail").waitFor();
    expect(param(p, "region")?.startsWith(CITY.slice(0, 4))).toBe(true);
    await p.context().close();
  });

  it("finds 屈原管理区 by name and by code in the region picker's search", async () => {
    const p = await signIn("national");
    const search = p.getByTestId("region-search");
    await search.fill("屈原");
    await p.getByTestId("region-option-430671").click();
    await expect.poll(() => p.getByTestId("region-title").textContent()).toContain("屈原管理区");
    await search.fill("150724");
    await p.getByTestId("region-option-150724").waitFor();
    await search.press("Enter");
    await expect.poll(() => param(p, "region")).toBe("150724");
    await p.context().close();
  });
});

describe("the printed briefing and the Excel download", () => {
  it("prints 屈原管理区's 2022 briefing to an A4 PDF with its region, range and 95.39%", async () => {
    const p = await signIn("national");
    await p.goto(`${stack.dashboard.url}?region=430671&from=2022Q1&to=2022Q4`);
    await p.getByTestId("card-enrollment.rate").getByTestId("card-value").waitFor();
    await settled(p);
    await p.getByTestId("print-briefing").waitFor();
    const pdf = join(dir, "briefing.pdf");
    writeFileSync(pdf, await p.pdf({ format: "A4", printBackground: true }));
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    expect(text).toContain("屈原管理区");
    expect(text).toContain("430671");
    expect(text).toContain("2022年第一季度");
    expect(text).toContain("2022年第四季度");
    expect(text).toContain("95.39%");
    expect(text).toContain("季度简报");
    // The screen's controls are not printed.
    expect(text).not.toContain("打印 / 导出 PDF");
    await p.context().close();
  });

  it("downloads the region table as an .xlsx with Chinese headers and numeric cells", async () => {
    const p = await signIn("city");
    await p.getByTestId("tab-table").click();
    await settled(p);
    const [download] = await Promise.all([p.waitForEvent("download"), p.getByTestId("export-xlsx").click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(dir, "table.xlsx");
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error("no sheet");
    expect(ws.getRow(1).getCell(1).value).toBe("地区名称");
    expect(String(ws.getRow(1).getCell(3).value)).toMatch(/参保率/);
    const numbers: unknown[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) numbers.push(row.getCell(3).value);
    });
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.some((v) => typeof v === "number")).toBe(true);
    await p.context().close();
  });
});
