// The 接口令牌 / API tokens page in real headless Chromium against a real stack (enrollment subgraph
// + gateway with its token database + the dashboard's server): a 150700 admin issues a token for a
// script, reads it once, the script uses it, the admin revokes it and the gateway refuses it.

import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { mintToken } from "@hsa/subgraph-kit";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch } from "./chromium";
import { type DashboardStack, gatewayQuery, SECRET, startDashboardStack } from "./stack";

const SHOTS = join(import.meta.dirname, "..", "screenshots");
const CITY = "150700";
const ADMIN_NAME = "呼伦贝尔市医保局管理员";

let stack: DashboardStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let adminToken: string;
const pageErrors: string[] = [];

async function newPage(ctx: BrowserContext): Promise<Page> {
  const p = await ctx.newPage();
  p.on("pageerror", (err) => pageErrors.push(err.message));
  p.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Uncaught/.test(m.text())) pageErrors.push(m.text());
  });
  return p;
}

async function signInWithToken(p: Page, token: string): Promise<void> {
  await p.goto(stack.dashboard.url);
  await p.getByTestId("token-input").fill(token);
  await p.getByTestId("token-input").press("Tab");
  await p.locator(".signin form button[type=submit]").click();
  await p.getByTestId("user").waitFor();
}

/** The gateway's answer to a region query with a bearer token (errors kept, not thrown). */
async function askRegion(bearer: string, code: string) {
  const res = await fetch(stack.gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query: "query($c: ID!) { region(code: $c) { name } }", variables: { c: code } }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: { region: { name: string } | null } | null;
      errors?: { extensions?: { code?: string } }[];
    },
  };
}

/** yyyy-mm-dd of an instant in China time, as the page shows dates. */
function chinaDay(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  [stack, browser] = await Promise.all([startDashboardStack({ scopes: ["150000"] }), launch()]);
  context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: "zh-CN" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.dashboard.url });
  page = await newPage(context);
  adminToken = await mintToken(
    { sub: "hlbr-admin", name: ADMIN_NAME, scope: CITY, roles: ["admin"] },
    SECRET,
    "1h",
  );
});

afterAll(async () => {
  expect(pageErrors).toEqual([]);
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

describe("接口令牌 page in Chromium", () => {
  let issued = "";
  const name = `统计科 Python 脚本 ${Date.now().toString(36)}`;

  it("an admin of 150700 issues a token, sees it once with a copy button, and the token works for 150700", async () => {
    await signInWithToken(page, adminToken);
    await page.getByTestId("nav-tokens").click();
    await page.getByTestId("token-form").waitFor();
    expect(new URL(page.url()).searchParams.get("page")).toBe("tokens");

    // Scope: the admin's own region first (the default), then its children, as the gateway knows them.
    const tree = await gatewayQuery<{ region: { name: string; children: { code: string; name: string }[] } }>(
      stack.gateway.url,
      adminToken,
      "query($c: ID!) { region(code: $c) { name children { code name } } }",
      { c: CITY },
    );
    const scope = page.getByTestId("token-scope");
    await expect
      .poll(
        async () =>
          await scope.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)),
      )
      .toEqual([CITY, ...tree.region.children.map((c) => c.code)]);
    expect(await scope.inputValue()).toBe(CITY);
    expect(await page.getByTestId("token-days").inputValue()).toBe("90");
    // Each role has a one-line explanation; viewer is ticked by default.
    for (const r of ["viewer", "reporter", "approver", "analyst"])
      await page.getByTestId(`token-role-${r}`).waitFor();
    expect(await page.getByTestId("token-role-viewer").isChecked()).toBe(true);
    expect(await page.getByTestId("token-form").textContent()).toContain("只读");

    // Nothing named: the form says so in Chinese and sends nothing.
    await page.getByTestId("token-issue").click();
    await expect.poll(() => page.getByTestId("tokens-message").textContent()).toContain("请填写名称");

    await page.getByTestId("token-name").fill(name);
    const before = Date.now();
    await page.getByTestId("token-issue").click();
    const panel = page.getByTestId("token-issued");
    await panel.waitFor();
    expect(await page.getByTestId("token-once").textContent()).toContain("令牌只显示这一次，请立即复制保存");
    issued = ((await page.getByTestId("token-value").textContent()) ?? "").trim();
    expect(issued.split(".")).toHaveLength(3);

    await page.getByTestId("token-copy").click();
    await expect.poll(() => page.getByTestId("token-copy-result").textContent()).toBe("已复制");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(issued);
    await page.screenshot({ path: join(SHOTS, "tokens-issued.png"), fullPage: true });

    // A script with the token reads 150700 as the admin does, and nothing outside it.
    const mine = await askRegion(issued, CITY);
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data?.region?.name).toBe(tree.region.name);
    const outside = await askRegion(issued, "150000");
    expect(outside.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // The table lists it: scope name, roles, who issued it, when it expires (90 days), 有效.
    const row = page.locator("[data-testid^=token-row-]", { hasText: name });
    await row.waitFor();
    const cells = (await row.locator("td").allTextContents()).map((s) => s.trim());
    expect(cells[1]).toContain(tree.region.name);
    expect(cells[2]).toContain("viewer");
    expect(cells[3]).toBe(ADMIN_NAME);
    expect([chinaDay(before + 90 * 86_400_000), chinaDay(Date.now() + 90 * 86_400_000)]).toContain(
      cells[5]?.slice(0, 10),
    );
    expect(await row.getByTestId("token-status").textContent()).toBe("有效");

    // Closed, the token is gone from the page for good.
    await page.getByTestId("token-done").click();
    await page.getByTestId("token-form").waitFor();
    expect(await page.locator("body").textContent()).not.toContain(issued);
  });

  it("revokes the token from the table after a confirmation, and the gateway refuses it at once", async () => {
    expect(issued).not.toBe("");
    const row = page.locator("[data-testid^=token-row-]", { hasText: name });
    await row.getByTestId("token-revoke").click();
    const confirm = row.getByTestId("token-revoke-confirm");
    expect(await confirm.textContent()).toContain(`确认吊销“${name}”`);
    // Cancelling keeps it.
    await confirm.getByRole("button", { name: "取消" }).click();
    expect(await row.getByTestId("token-status").textContent()).toBe("有效");
    expect((await askRegion(issued, CITY)).body.errors).toBeUndefined();

    await row.getByTestId("token-revoke").click();
    await row.getByTestId("token-revoke-yes").click();
    await expect.poll(() => row.getByTestId("token-status").textContent()).toBe("已吊销");
    expect(await page.getByTestId("tokens-message").textContent()).toContain(`已吊销“${name}”`);
    expect(await row.textContent()).toContain(ADMIN_NAME);
    expect(await row.getByTestId("token-revoke").count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, "tokens-revoked.png"), fullPage: true });

    const refused = await askRegion(issued, CITY);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    // English mode: the same page in English.
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.getByTestId("nav-tokens").textContent()).toBe("API tokens");
    expect(await row.getByTestId("token-status").textContent()).toBe("Revoked");
  });

  it("a non-admin sees no 接口令牌 entry, and the page opened by link says it is for admins", async () => {
    const ctx = await browser.newContext({ locale: "zh-CN" });
    try {
      const p = await newPage(ctx);
      // The county reporter (viewer + reporter) has reporting pages in the navigation, not this one.
      await p.goto(stack.dashboard.url);
      await p.getByTestId("demo-county").click();
      await p.getByTestId("nav-entry").waitFor();
      expect(await p.getByTestId("nav-tokens").count()).toBe(0);
      expect(await p.getByTestId("page-nav").textContent()).not.toContain("接口令牌");
      // A plain viewer has no navigation at all.
      await p.getByTestId("sign-out").click();
      await p.getByTestId("demo-national").click();
      await p.getByTestId("user").waitFor();
      expect(await p.getByTestId("nav-tokens").count()).toBe(0);
      await p.goto(`${stack.dashboard.url}?page=tokens`);
      await p.getByTestId("tokens-not-admin").waitFor();
      expect(await p.getByTestId("token-form").count()).toBe(0);
      expect(await p.getByTestId("nav-tokens").count()).toBe(0);
    } finally {
      await ctx.close();
    }
  });
});
