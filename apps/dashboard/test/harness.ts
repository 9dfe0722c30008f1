// What the browser tests share: pages that record script errors, CSP violations and GraphQL
// operations, waiting for the app to settle, and the city office's counties.
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { type DashboardStack, gatewayQuery } from "./stack";

export const SHOTS = join(import.meta.dirname, "..", "screenshots");
export const CITY = "150700";
export const EWENKI = "150724";

/** What the pages of one test file saw: script errors and CSP violations, and the GraphQL operations sent. */
export interface Watch {
  pageErrors: string[];
  graphqlOps: string[];
}

export function newWatch(): Watch {
  return { pageErrors: [], graphqlOps: [] };
}

export async function newPage(ctx: BrowserContext, watch: Watch): Promise<Page> {
  const p = await ctx.newPage();
  // Script errors and CSP violations fail the run (checked at the end).
  p.on("pageerror", (err) => watch.pageErrors.push(err.message));
  p.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Uncaught/.test(m.text()))
      watch.pageErrors.push(m.text());
  });
  p.on("request", (req) => {
    if (req.url().endsWith("/graphql")) {
      const body = req.postDataJSON() as {
        operationName?: string;
        variables?: Record<string, unknown>;
      } | null;
      watch.graphqlOps.push(`${body?.operationName ?? "?"} ${JSON.stringify(body?.variables ?? {})}`);
    }
  });
  return p;
}

/** A browser context as the tests use it: Chinese locale, a large screen, charts not animated. */
export async function newContext(browser: Browser, acceptDownloads = false): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    acceptDownloads,
    viewport: { width: 1440, height: 960 },
    locale: "zh-CN",
  });
  // Charts animate: turn animation off so screenshots show the final frame.
  await ctx.addInitScript(() => {
    (globalThis as unknown as { __HSA_NO_ANIMATION__: boolean }).__HSA_NO_ANIMATION__ = true;
  });
  return ctx;
}

/** A search parameter of the page's current URL (poll it: the app updates the URL after renders). */
export function param(p: Page, name: string): string | null {
  return new URL(p.url()).searchParams.get(name);
}

/**
 * Before a screenshot: nothing is loading any more (no skeleton) and ECharts has finished drawing
 * every chart named (EChart sets data-rendered="true" on `finished` for its current option) and
 * every other chart on the page — a condition, not a delay, however busy the machine is.
 */
export async function settled(p: Page, ...charts: string[]): Promise<void> {
  await expect.poll(() => p.locator('[aria-busy="true"]').count()).toBe(0);
  for (const id of charts) await p.locator(`[data-testid="${id}"][data-rendered="true"]`).waitFor();
  await expect.poll(() => p.locator('[data-rendered="false"]').count()).toBe(0);
}

/** Children of 呼伦贝尔市 as the gateway answers for the city office. */
export async function cityCounties(stack: DashboardStack): Promise<{ code: string; name: string }[]> {
  const data = await gatewayQuery<{ region: { children: { code: string; name: string }[] } }>(
    stack.gateway.url,
    stack.tokens.city ?? "",
    `query($c: ID!) { region(code: $c) { children { code name } } }`,
    { c: CITY },
  );
  return data.region.children;
}
