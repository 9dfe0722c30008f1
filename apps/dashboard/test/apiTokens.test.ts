// What the 接口令牌 page says when a token request fails: every failure the real gateway answers
// (with and without a token database) becomes plain Chinese, and English in English mode.
import { type DbHandle, openDatabase } from "@hsa/db";
import { readSupergraph, startGateway, supergraphServices } from "@hsa/gateway";
import { mintToken, type RunningService } from "@hsa/subgraph-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkIssue,
  issueToken,
  listTokens,
  revokeToken,
  roleLabels,
  TokenApiError,
  tokenErrorText,
} from "../src/lib/apiTokens";
import { messages } from "../src/lib/i18n";
import { DEAD_URL, SECRET } from "./stack";

const zh = messages("zh");
const en = messages("en");

/** The error a request fails with (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<TokenApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(TokenApiError);
    return err as TokenApiError;
  }
  throw new Error("the request succeeded");
}

describe("the form's own checks", () => {
  const ok = { name: "统计科 Python 脚本", scope: "150700", roles: ["viewer"], expiresInDays: 90 };
  it("lets a complete request through and names what is missing otherwise, in both languages", () => {
    expect(checkIssue(ok)).toBeNull();
    const cases: [Partial<typeof ok>, keyof typeof zh][] = [
      [{ name: "  " }, "tokErrName"],
      [{ name: "x".repeat(81) }, "tokErrName"],
      [{ roles: [] }, "tokErrRoles"],
      [{ expiresInDays: 0 }, "tokErrDays"],
      [{ expiresInDays: 367 }, "tokErrDays"],
      [{ expiresInDays: 1.5 }, "tokErrDays"],
    ];
    for (const [change, key] of cases) {
      const err = checkIssue({ ...ok, ...change });
      expect(tokenErrorText(err, zh), JSON.stringify(change)).toBe(zh[key]);
      expect(tokenErrorText(err, en)).toBe(en[key]);
    }
    expect(zh.tokErrRoles).toMatch(/[\u4e00-\u9fff]/);
    expect(en.tokErrRoles).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("labels roles in the page's language", () => {
    expect(roleLabels(["viewer", "reporter"], zh)).toBe(`${zh.tokRole_viewer}、${zh.tokRole_reporter}`);
    expect(roleLabels(["viewer", "reporter"], en)).toBe("viewer, reporter");
  });
});

describe("gateway failures in plain words (real gateways)", () => {
  let handle: DbHandle;
  let withTokens: RunningService;
  let without: RunningService;
  let withBase: string;
  let withoutBase: string;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    // No subgraph is needed for /auth/tokens: every one points at a dead port.
    const subgraphUrls = Object.fromEntries(
      supergraphServices(readSupergraph()).map((s) => [s.name, DEAD_URL]),
    );
    handle = await openDatabase({ subgraph: "enrollment", pgliteDataDir: "memory://" });
    [withTokens, without] = await Promise.all([
      startGateway({ port: 0, jwtSecret: SECRET, subgraphUrls, tokens: handle }),
      startGateway({ port: 0, jwtSecret: SECRET, subgraphUrls }),
    ]);
    withBase = new URL(withTokens.url).origin;
    withoutBase = new URL(without.url).origin;
    admin = await mintToken(
      { sub: "hlbr-admin", name: "管理员", scope: "150700", roles: ["admin"] },
      SECRET,
      "1h",
    );
    viewer = await mintToken({ sub: "hlbr-viewer", scope: "150700", roles: ["viewer"] }, SECRET, "1h");
  });
  afterAll(async () => {
    await withTokens?.stop();
    await without?.stop();
    await handle?.close();
  });

  const base = { name: "脚本", scope: "150700", roles: ["viewer"], expiresInDays: 30 };

  it("503: this gateway has no API tokens", async () => {
    const err = await failure(listTokens(admin, withoutBase));
    expect(err.status).toBe(503);
    expect(tokenErrorText(err, zh)).toBe("本网关未启用接口令牌");
    expect(tokenErrorText(err, en)).toBe(en.tokErrUnavailable);
  });

  it("401 and 403: signed out, not an admin, or signed in with an API token", async () => {
    const out = await failure(listTokens("not-a-token", withBase));
    expect([out.status, tokenErrorText(out, zh)]).toEqual([401, zh.tokErrSignIn]);
    const notAdmin = await failure(listTokens(viewer, withBase));
    expect([notAdmin.status, tokenErrorText(notAdmin, zh)]).toEqual([403, zh.tokErrForbidden]);
    const issued = await issueToken(admin, { ...base, roles: ["reporter"] }, withBase);
    const byToken = await failure(listTokens(issued.token, withBase));
    expect(tokenErrorText(byToken, zh)).toBe(zh.tokErrForbidden);
    expect(tokenErrorText(byToken, en)).toBe(en.tokErrForbidden);
    const wider = await failure(issueToken(admin, { ...base, scope: "150000" }, withBase));
    expect([wider.status, tokenErrorText(wider, zh)]).toEqual([403, zh.tokErrOutside]);
  });

  it("400: the gateway's own checks name the field, said as the form says it", async () => {
    const cases: [Partial<typeof base> | { roles: string[] }, keyof typeof zh][] = [
      [{ name: "" }, "tokErrName"],
      [{ roles: ["admin"] }, "tokErrRoles"],
      [{ expiresInDays: 400 }, "tokErrDays"],
      [{ scope: "431121" }, "tokErrScope"], // retired 祁阳县: not a region of this vintage
    ];
    for (const [change, key] of cases) {
      const err = await failure(issueToken(admin, { ...base, ...change }, withBase));
      expect([err.status, tokenErrorText(err, zh)], JSON.stringify(change)).toEqual([400, zh[key]]);
      expect(tokenErrorText(err, en)).toBe(en[key]);
    }
  });

  it("404: an unknown token id", async () => {
    const err = await failure(revokeToken(admin, "tok_unknown", withBase));
    expect([err.status, tokenErrorText(err, zh)]).toEqual([404, zh.tokErrNotFound]);
  });

  it("no gateway, a non-gateway answer, and an OIDC deployment (501)", async () => {
    const down = await failure(listTokens(admin, "http://127.0.0.1:9"));
    expect([down.status, tokenErrorText(down, zh)]).toEqual([0, zh.tokErrNetwork]);
    // The gateway's /health is JSON without a token list: not mistaken for an empty list.
    const other = await failure(listTokens(admin, `${withBase}/health?`));
    expect(tokenErrorText(other, zh)).toContain(zh.tokErrBadResponse);
    // A gateway verifying an OIDC issuer's tokens answers 501 (its integration test covers that).
    const oidc = new TokenApiError(501, "NOT_IMPLEMENTED", "this gateway verifies tokens of an OIDC issuer");
    expect(tokenErrorText(oidc, zh)).toBe(
      "本部署使用统一身份认证（OIDC）：请在认证系统中为脚本创建客户端（client credentials）",
    );
    expect(tokenErrorText(oidc, en)).toContain("client credentials");
  });
});
