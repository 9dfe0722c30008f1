// Real headless Chromium against the real stack (enrollment + procurement subgraphs, gateway, this
// dashboard's server): the cards' 环比 / 同比 are the graph's own comparison totals, and a quality
// flag the graph sends shows on the card, in the detail table and in the per-quarter CSV.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../src/lib/csv";
import { addQuarters, quarterIndex, quarterLabel } from "../src/lib/quarters";
import { launch } from "./chromium";
import { type DashboardStack, gatewayQuery, startDashboardStack } from "./stack";

const CITY = "150700";
const EWENKI = "150724";
const DOMAINS = ["enrollment", "procurement"];
const SHOTS = join(import.meta.dirname, "..", "screenshots");

let stack: DashboardStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const landingBodies: string[] = [];

interface Compared {
  value: number | null;
  status: string;
}
interface ApiSeries {
  metric: { id: string; unit: string; direction: "UP" | "DOWN" | "NEUTRAL" };
  total: Compared & { flags: string[] };
  points: { quarter: string; flags: string[] }[];
  previous: Compared | null;
  yearAgo: Compared | null;
}

/** The region's KPIs with the graph's comparison totals and flags, asked of the gateway directly. */
async function apiKpis(domain: string, code: string, from: string, to: string): Promise<ApiSeries[]> {
  const data = await gatewayQuery<{ region: { kpis: ApiSeries[] } }>(
    stack.gateway.url,
    stack.tokens.city ?? "",
    `query($c: ID!, $f: Quarter!, $t: Quarter!) { region(code: $c) { kpis: ${domain}Kpis(from: $f, to: $t) {
      metric { id unit direction } total { value status flags } points { quarter flags }
      previous { value status } yearAgo { value status } } } }`,
    { c: code, f: from, t: to },
  );
  return data.region.kpis.filter((s) => !/\.reporting_(completeness|timeliness)$/.test(s.metric.id));
}

/**
 * The change as a bureau writes it, computed here from the two figures: rates in percentage
 * points, amounts and counts relative to the compared value; null when there is nothing to compare.
 */
function expectedChange(cur: Compared, other: Compared | null, unit: string) {
  const v = (x: Compared | null) => (x && x.status !== "NO_DATA" ? x.value : null);
  const a = v(cur);
  const b = v(other);
  if (a == null || b == null || (unit !== "%" && b === 0)) return null;
  const delta = unit === "%" ? a - b : ((a - b) / Math.abs(b)) * 100;
  const r = Math.round(delta * 100) / 100;
  const sign = r > 0 ? "+" : r < 0 ? "−" : "±";
  const n = Math.abs(r).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return { text: `${sign}${n}${unit === "%" ? " 个百分点" : "%"}`, sign: Math.sign(r) };
}

function rangeText(from: string, to: string): string {
  return from === to ? quarterLabel(from, "zh") : `${quarterLabel(from, "zh")}–${quarterLabel(to, "zh")}`;
}

async function open(query: string): Promise<void> {
  await page.goto(new URL(`?${query}`, stack.dashboard.url).href);
  await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startDashboardStack(), launch()]);
  const context = await browser.newContext({
    viewport: { width: 1440, height: 960 },
    locale: "zh-CN",
    acceptDownloads: true,
  });
  await context.addInitScript(() => {
    (window as unknown as { __HSA_NO_ANIMATION__: boolean }).__HSA_NO_ANIMATION__ = true;
  });
  page = await context.newPage();
  page.on("pageerror", (err) => pageErrors.push(err.message));
  page.on("request", (req) => {
    const body = req.postData();
    if (req.url().endsWith("/graphql") && body?.includes('"operationName":"Dashboard_'))
      landingBodies.push(body);
  });
  // Sign in as the city office (the session is kept in localStorage for the URLs opened later).
  await page.goto(stack.dashboard.url);
  await page.getByTestId("demo-city").click();
  await page.getByTestId("card-enrollment.rate").getByTestId("card-value").waitFor();
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await browser?.close();
  await stack?.stop();
});

describe("环比 / 同比 and quality flags in Chromium (city office 150700)", () => {
  it("shows on every card the change against the graph's previous and yearAgo totals", async () => {
    // The landing request asks for the comparison totals and no trend window.
    expect(landingBodies.length).toBeGreaterThan(0);
    for (const body of landingBodies) {
      expect(body).toContain("previous {");
      expect(body).toContain("yearAgo {");
      expect(body).not.toMatch(/trend/i);
    }
    let numbers = 0;
    let dashes = 0;
    // The default range (a year: previous and yearAgo are the same year) and one year earlier,
    // when procurement's demo data begins (its previous range has no data: "—").
    for (const [from, to] of [
      ["2024Q1", "2024Q4"],
      ["2023Q1", "2023Q4"],
      ["2024Q3", "2024Q4"],
    ] as const) {
      await open(`region=${CITY}&from=${from}&to=${to}`);
      const span = quarterIndex(to) - quarterIndex(from) + 1;
      for (const domain of DOMAINS) {
        for (const s of await apiKpis(domain, CITY, from, to)) {
          const card = page.getByTestId(`card-${s.metric.id}`);
          for (const [kind, other, title] of [
            [
              "qoq",
              s.previous,
              `环比：与上一同长区间 ${rangeText(addQuarters(from, -span), addQuarters(to, -span))} 相比`,
            ],
            [
              "yoy",
              s.yearAgo,
              `同比：与上年同期 ${rangeText(addQuarters(from, -4), addQuarters(to, -4))} 相比`,
            ],
          ] as const) {
            const change = expectedChange(s.total, other, s.metric.unit);
            const shown = card.getByTestId(`change-${kind}`);
            await expect
              .poll(() => shown.getByTestId(`change-${kind}-text`).textContent())
              .toBe(change?.text ?? "—");
            const titleShown = await shown.getAttribute("title");
            const cls = (await shown.getAttribute("class")) ?? "";
            if (change) {
              numbers++;
              expect(titleShown).toBe(title);
              // Coloured by the metric's direction; a NEUTRAL metric never good or bad.
              const good = s.metric.direction === "UP" ? change.sign > 0 : change.sign < 0;
              const expected =
                s.metric.direction === "NEUTRAL" || change.sign === 0 ? "flat" : good ? "good" : "bad";
              expect(cls.split(" ")).toContain(expected);
            } else {
              dashes++;
              expect(titleShown).toBe(`无可比数据 · ${title}`);
              expect(cls).not.toMatch(/good|bad/);
            }
          }
        }
      }
    }
    // Both cases were seen: figures compared and ranges without comparable data.
    expect(numbers).toBeGreaterThan(10);
    expect(dashes).toBeGreaterThan(0);
  });

  it("shows a flag the graph sends on the card, in the detail table and in the per-quarter CSV", async () => {
    // 鄂温克族自治旗's reporter reports 2025Q2 through the API with more activated e-vouchers than
    // insured persons (nothing in the API forbids it: people who left keep their voucher) — a
    // figure the graph flags. Which series carry which flags is read from the gateway, not assumed.
    const q = "2025Q2";
    await gatewayQuery(
      stack.gateway.url,
      stack.tokens.county ?? "",
      `mutation($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`,
      {
        input: {
          regionCode: EWENKI,
          quarter: q,
          insuredEmployee: 10_000,
          insuredResident: 20_000,
          registeredPopulation: 31_000,
          evoucherActivated: 36_000,
          settlementsTotal: 5_000,
          settlementsEvoucher: 2_000,
          remoteRegistrations: 50,
          remoteHospitalisations: 60,
          subsidisedPersons: 100,
          subsidyAmountYuan: "10000.00",
        },
      },
    );
    const flagged = (await apiKpis("enrollment", EWENKI, q, q)).filter(
      (s) => s.total.flags.length > 0 || s.points.some((p) => p.flags.length > 0),
    );
    expect(flagged.length).toBeGreaterThan(0);
    const labels: Record<string, string> = {
      ABOVE_MAXIMUM: "⚠ 超过上限",
      PARTIAL_REPORTING: "⚠ 部分上报",
      OUTLIER: "⚠ 异常值",
    };
    await open(`region=${EWENKI}&from=${q}&to=${q}`);
    for (const s of flagged) {
      const cardFlags = page.getByTestId(`card-${s.metric.id}`).getByTestId("card-flags");
      await expect
        .poll(() => cardFlags.locator("[data-flag]").allTextContents())
        .toEqual(s.total.flags.map((f) => labels[f]));
      // Each marker says what it means on hover.
      for (const f of s.total.flags)
        expect(await cardFlags.locator(`[data-flag=${f}]`).getAttribute("title")).toMatch(/：/);
    }
    await page.screenshot({ path: join(SHOTS, "quality-flag-card.png"), fullPage: true });
    const first = flagged[0];
    if (!first) throw new Error("unreachable");
    await page.getByTestId(`card-${first.metric.id}`).click();
    await page.getByTestId("kpi-detail").waitFor();
    for (const p of first.points) {
      const cell = page.getByTestId(`quarter-${p.quarter}`).getByTestId("quarter-flags");
      await expect
        .poll(() => cell.locator("[data-flag]").allTextContents())
        .toEqual(p.flags.map((f) => labels[f]));
    }
    await page.locator('[data-testid="trend-chart"][data-rendered="true"]').waitFor();
    await page.screenshot({ path: join(SHOTS, "quality-flag-detail.png"), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-quarters").click(),
    ]);
    const csv = parseCsv(await readFile(await download.path(), "utf8"));
    const flagsCol = csv[0]?.indexOf("数据质量") ?? -1;
    expect(flagsCol).toBeGreaterThan(0);
    const point = first.points.find((p) => p.quarter === q);
    expect(csv[1]?.[0]).toBe(quarterLabel(q, "zh"));
    expect(csv[1]?.[flagsCol]).toBe((point?.flags ?? []).map((f) => labels[f]?.slice(2)).join("；"));
    expect(csv.at(-1)?.[flagsCol]).toBe(first.total.flags.map((f) => labels[f]?.slice(2)).join("；"));
  });
});
