// Issue 20 item 4: API tokens for scripts that can be taken back. An administrator of a region
// issues a named token for its own subtree with roles and an expiry, lists and revokes it; a
// revoked token is refused by the gateway at once and by a subgraph asked directly within one poll.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Stack, startStack, token } from "./stack";

process.env.HSA_REVOCATION_POLL_MS = "250";

interface Err {
  errors?: { message: string; extensions?: { code?: string } }[];
}
interface Issued extends Err {
  id: string;
  token: string;
  scope: string;
  roles: string[];
  status: string;
  expiresAt: string;
}

describe("API tokens for scripts (pglite)", () => {
  let stack: Stack;
  let cityAdmin: string;
  let otherAdmin: string;
  let nationAdmin: string;
  let cityViewer: string;

  beforeAll(async () => {
    stack = await startStack("pglite", undefined, { enrollmentScopes: ["150700"], apiTokens: true });
    cityAdmin = await token({
      sub: "hlbr-admin",
      name: "呼伦贝尔市医保局管理员",
      scope: "150700",
      roles: ["admin"],
    });
    otherAdmin = await token({ sub: "yy-admin", scope: "430600", roles: ["admin"] });
    nationAdmin = await token({ sub: "nhsa-admin", scope: "000000", roles: ["admin"] });
    cityViewer = await token({ sub: "hlbr-viewer", scope: "150700", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const call = async <T = Err>(method: string, path: string, bearer?: string, body?: unknown) => {
    const res = await fetch(new URL(path, stack.gateway.url), {
      method,
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const codeOf = (b: Err) => b.errors?.[0]?.extensions?.code;
  const ask = (url: string, bearer: string, code = "150700") =>
    gql<{ region: { name: string } | null }>(
      url,
      `query R($c: ID!) { region(code: $c) { name } }`,
      { c: code },
      bearer,
    );

  it("an admin issues a token for its own subtree: it works for that scope and roles only, and expires when asked", async () => {
    const issued = await call<Issued>("POST", "/auth/tokens", cityAdmin, {
      name: "统计科 Python 脚本",
      roles: ["viewer"],
      expiresInDays: 30,
    });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ scope: "150700", roles: ["viewer"], status: "ACTIVE" });
    const claims = decodeJwt(issued.body.token);
    expect(claims.jti).toBe(issued.body.id);
    const days = ((claims.exp ?? 0) - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);

    const ok = await ask(stack.gateway.url, issued.body.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.region?.name).toBe("呼伦贝尔市");
    const outside = await ask(stack.gateway.url, issued.body.token, "150000");
    expect(outside.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // a viewer token cannot write
    const write = await gql(
      stack.gateway.url,
      `mutation { submitEnrollmentReport(regionCode: "150724", quarter: "2023Q1") { status } }`,
      {},
      issued.body.token,
    );
    expect(write.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("refuses what an admin may not issue, and everyone but an admin", async () => {
    const base = { name: "脚本", roles: ["viewer"] };
    expect((await call("POST", "/auth/tokens", undefined, base)).status).toBe(401);
    const viewer = await call("POST", "/auth/tokens", cityViewer, base);
    expect([viewer.status, codeOf(viewer.body)]).toEqual([403, "FORBIDDEN"]);
    const wider = await call("POST", "/auth/tokens", cityAdmin, { ...base, scope: "150000" });
    expect([wider.status, codeOf(wider.body)]).toEqual([403, "FORBIDDEN"]);
    for (const bad of [
      { ...base, roles: ["admin"] },
      { ...base, roles: [] },
      { ...base, expiresInDays: 0 },
      { ...base, expiresInDays: 400 },
      { ...base, name: "" },
      { ...base, scope: "431121" }, // retired 祁阳县: not a region of this vintage
    ]) {
      const r = await call("POST", "/auth/tokens", cityAdmin, bad);
      expect([r.status, codeOf(r.body)], JSON.stringify(bad)).toEqual([400, "BAD_USER_INPUT"]);
    }
    // a token cannot manage tokens, even one issued to an admin's region
    const issued = await call<Issued>("POST", "/auth/tokens", cityAdmin, { ...base, roles: ["reporter"] });
    const byToken = await call("GET", "/auth/tokens", issued.body.token);
    expect([byToken.status, codeOf(byToken.body)]).toEqual([403, "FORBIDDEN"]);
  });

  it("lists the tokens of the admin's subtree only", async () => {
    const issued = await call<Issued>("POST", "/auth/tokens", cityAdmin, {
      name: "列表测试",
      roles: ["viewer"],
    });
    const ids = async (bearer: string) =>
      (
        (await call<{ tokens: { id: string; scope: string }[] }>("GET", "/auth/tokens", bearer)).body
          .tokens ?? []
      ).map((t) => t.id);
    expect(await ids(cityAdmin)).toContain(issued.body.id);
    expect(await ids(nationAdmin)).toContain(issued.body.id);
    expect(await ids(otherAdmin)).not.toContain(issued.body.id);
    // the token itself is never listed
    const listed = await call<{ tokens: Record<string, unknown>[] }>("GET", "/auth/tokens", cityAdmin);
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
  });

  it("a revoked token is refused by the gateway at once and by the subgraph within a poll; others cannot revoke it", async () => {
    const issued = await call<Issued>("POST", "/auth/tokens", cityAdmin, {
      name: "将被吊销",
      roles: ["viewer"],
    });
    const t = issued.body.token;
    const direct = stack.enrollment.url;
    expect((await ask(direct, t)).errors).toBeUndefined(); // tests run subgraphs without the internal secret
    // another region's admin gets the same answer as for an unknown id
    const foreign = await call("POST", "/auth/tokens/revoke", otherAdmin, { id: issued.body.id });
    const unknown = await call("POST", "/auth/tokens/revoke", otherAdmin, { id: "tok_doesnotexist" });
    expect([foreign.status, codeOf(foreign.body)]).toEqual([404, "NOT_FOUND"]);
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, "NOT_FOUND"]);
    expect((await ask(stack.gateway.url, t)).errors).toBeUndefined();

    const revoked = await call<{ status: string; revokedBy: string }>(
      "POST",
      "/auth/tokens/revoke",
      cityAdmin,
      {
        id: issued.body.id,
      },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: "REVOKED", revokedBy: "呼伦贝尔市医保局管理员" });

    const gw = await ask(stack.gateway.url, t);
    expect(gw.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(gw.errors?.[0]?.message).toMatch(/revoked/);
    const imp = await fetch(new URL("/import/enrollment", stack.gateway.url), {
      method: "POST",
      headers: { authorization: `Bearer ${t}`, "content-type": "text/csv" },
      body: "region_code,quarter\n",
    });
    expect(imp.status).toBe(401);
    const list = await call<{ revoked: string[] }>("GET", "/auth/revoked");
    expect(list.body.revoked).toContain(issued.body.id);

    // the subgraph asked directly: refused once it has polled (250 ms here; 30 s by default)
    let code: string | undefined;
    for (let i = 0; i < 40 && code !== "UNAUTHENTICATED"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      code = (await ask(direct, t)).errors?.[0]?.extensions?.code;
    }
    expect(code).toBe("UNAUTHENTICATED");
    // other tokens are unaffected
    expect((await ask(stack.gateway.url, cityViewer)).errors).toBeUndefined();
  });
});
