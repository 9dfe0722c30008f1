import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainQuery } from "../../../apps/dashboard/src/lib/api";
import { aliasQuery, codes, deepQuery, post, smallStack } from "./helpers";
import { gql, type Stack, token } from "./stack";

describe("query limits (gateway defaults: depth 12, aliases 30, cost 25,000, 5,000 tokens)", () => {
  let stack: Stack;
  let viewer: string;
  beforeAll(async () => {
    stack = await smallStack();
    viewer = await token({ sub: "v", scope: "150000", roles: ["viewer"] });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("accepts 12 levels and refuses 13 with QUERY_TOO_DEEP, before any subgraph call", async () => {
    const ok = await gql(stack.gateway.url, deepQuery(12), {}, viewer);
    expect(ok.errors).toBeUndefined();
    const deep = await gql(stack.gateway.url, deepQuery(13), {}, viewer);
    expect(deep.status).toBe(400);
    expect(codes(deep)).toEqual(["QUERY_TOO_DEEP"]);
    expect(deep.data).toBeUndefined();
  });

  it("counts depth through fragments", async () => {
    const q = `query { region(code: "150724") { ...P } } fragment P on Region { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }`;
    expect(codes(await gql(stack.gateway.url, q, {}, viewer))).toEqual(["QUERY_TOO_DEEP"]);
  });

  it("accepts 30 aliases and refuses 31 with TOO_MANY_ALIASES, also when hidden in a reused fragment", async () => {
    expect((await gql(stack.gateway.url, aliasQuery(30), {}, viewer)).errors).toBeUndefined();
    const bomb = await gql(stack.gateway.url, aliasQuery(31), {}, viewer);
    expect(bomb.status).toBe(400);
    expect(codes(bomb)).toEqual(["TOO_MANY_ALIASES"]);
    const frag = `{ region(code: "150700") { ...F c2: children { ...F } c3: children { ...F } } } fragment F on Region { ${Array.from({ length: 10 }, (_, i) => `n${i}: name`).join(" ")} }`;
    expect(codes(await gql(stack.gateway.url, frag, {}, viewer))).toEqual(["TOO_MANY_ALIASES"]);
  });

  it("refuses nested lists beyond the cost limit with QUERY_TOO_COMPLEX", async () => {
    // The nation's 34 provinces → their cities → their counties, 10 metrics × 12 quarters each.
    const q = `{ region(code: "000000") { children { children { children { enrollmentKpis(from: "2022Q1", to: "2024Q4") { points { value } } } } } } }`;
    const r = await gql(stack.gateway.url, q, {}, viewer);
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(r.errors?.[0]?.message).toMatch(/cost is \d+ .*at most 25000/);
  });

  it("prices a list by what it returns: every county's report states over a range", async () => {
    const national = await token({ sub: "n", scope: "000000", roles: ["viewer"] });
    const q = `query S($from: Quarter!, $to: Quarter!) { regions(level: COUNTY) { enrollmentReportStates(from: $from, to: $to) { status } } }`;
    // ≈2,850 counties × 8 quarters: refused before any subgraph call, although a flat list factor
    // (10 × 10) would have let it through.
    const all = await gql(stack.gateway.url, q, { from: "2023Q1", to: "2024Q4" }, national);
    expect(all.status).toBe(400);
    expect(codes(all)).toEqual(["QUERY_TOO_COMPLEX"]);
    // The same question for one city's counties (呼伦贝尔: 13) over the same range is cheap.
    const city = await token({ sub: "c", scope: "150700", roles: ["viewer"] });
    const one = await gql(stack.gateway.url, q, { from: "2023Q1", to: "2024Q4" }, city);
    expect(one.errors).toBeUndefined();
  });

  it("prices lists reached through path, parent and variable defaults like the same list asked directly", async () => {
    const national = await token({ sub: "n", scope: "000000", roles: ["viewer"] });
    // Up the path to the nation, then down to every province's report states: as costly as asking.
    const viaPath = `{ region(code: "150724") { path { children { enrollmentReportStates(from: "2014Q1", to: "2023Q4") { status } } } } }`;
    expect(codes(await gql(stack.gateway.url, viaPath, {}, national))).toEqual(["QUERY_TOO_COMPLEX"]);
    // A range given only as variable defaults is priced with those defaults.
    const defaults = `query S($from: Quarter = "2016Q1", $to: Quarter = "2025Q4") { regions(level: COUNTY) { enrollmentReportStates(from: $from, to: $to) { status } } }`;
    expect(codes(await gql(stack.gateway.url, defaults, {}, national))).toEqual(["QUERY_TOO_COMPLEX"]);
  });

  it("bounds quarter ranges: 2000Q1..2099Q4 and at most 40 quarters per field, with BAD_USER_INPUT naming the limit", async () => {
    const q = `query K($from: Quarter!, $to: Quarter!) { region(code: "150700") { enrollmentKpis(from: $from, to: $to) { metric { id } } } }`;
    const ancient = await gql(stack.gateway.url, q, { from: "1900Q1", to: "2999Q4" }, viewer);
    expect(codes(ancient).length).toBeGreaterThan(0);
    expect(codes(ancient).every((c) => c === "BAD_USER_INPUT")).toBe(true);
    expect(ancient.errors?.[0]?.message).toMatch(/2000Q1\.\.2099Q4/);
    const long = await gql(stack.gateway.url, q, { from: "2010Q1", to: "2020Q4" }, viewer);
    expect(codes(long)).toEqual(["BAD_USER_INPUT"]);
    expect(long.errors?.[0]?.message).toMatch(/44 quarters; at most 40/);
    const ten = await gql(stack.gateway.url, q, { from: "2015Q1", to: "2024Q4" }, viewer);
    expect(ten.errors).toBeUndefined();
  });

  it("lets every dashboard operation through the limits", async () => {
    for (const domain of ["enrollment", "supervision"]) {
      const r = await gql(
        stack.gateway.url,
        domainQuery(domain),
        { code: "150700", from: "2022Q1", to: "2022Q4" },
        viewer,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.region).toBeTruthy();
    }
  });

  it("refuses a document of more than 5,000 tokens with QUERY_TOO_LARGE", async () => {
    const q = `{ region(code: "150700") { ${"code ".repeat(5_000)} } }`;
    const r = await gql(stack.gateway.url, q, {}, viewer);
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["QUERY_TOO_LARGE"]);
  });

  it("refuses batched requests with BATCHING_DISABLED (HSA_ALLOW_BATCH unset)", async () => {
    const body = JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]);
    const r = await post(stack.gateway.url, body, { authorization: `Bearer ${viewer}` });
    expect(r.status).toBe(400);
    expect(codes(r)).toEqual(["BATCHING_DISABLED"]);
  });

  it("refuses a body over 1 MiB with HTTP 413 PAYLOAD_TOO_LARGE, then still answers", async () => {
    const body = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } });
    const r = await post(stack.gateway.url, body, { authorization: `Bearer ${viewer}` });
    expect(r.status).toBe(413);
    expect(codes(r)).toEqual(["PAYLOAD_TOO_LARGE"]);
    expect((await gql(stack.gateway.url, "{ __typename }", {}, viewer)).data).toEqual({
      __typename: "Query",
    });
  });

  it("applies depth and alias limits on a subgraph reached directly (depth 14 there: the gateway's _entities wrapper)", async () => {
    const url = stack.enrollment.url;
    expect((await gql(url, deepQuery(14), {}, viewer)).errors).toBeUndefined();
    expect(codes(await gql(url, deepQuery(15), {}, viewer))).toEqual(["QUERY_TOO_DEEP"]);
    expect(codes(await gql(url, aliasQuery(31), {}, viewer))).toEqual(["TOO_MANY_ALIASES"]);
    const big = JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } });
    expect((await post(url, big, { authorization: `Bearer ${viewer}` })).status).toBe(413);
  });

  it("keeps field suggestions outside production (they are stripped in production: see production test)", async () => {
    const r = await gql(stack.gateway.url, `{ region(code: "150700") { cod } }`, {}, viewer);
    expect(r.errors?.[0]?.message).toMatch(/Did you mean "code"\?/);
  });
});

describe("batching when allowed (HSA_ALLOW_BATCH=1, HSA_MAX_BATCH=2)", () => {
  let stack: Stack;
  let viewer: string;
  const saved = { ...process.env };
  beforeAll(async () => {
    process.env.HSA_ALLOW_BATCH = "1";
    process.env.HSA_MAX_BATCH = "2";
    try {
      stack = await smallStack({ supervisionScopes: [] });
    } finally {
      process.env.HSA_ALLOW_BATCH = saved.HSA_ALLOW_BATCH;
      process.env.HSA_MAX_BATCH = saved.HSA_MAX_BATCH;
      if (saved.HSA_ALLOW_BATCH === undefined) delete process.env.HSA_ALLOW_BATCH;
      if (saved.HSA_MAX_BATCH === undefined) delete process.env.HSA_MAX_BATCH;
    }
    viewer = await token({ sub: "v", scope: "150000", roles: ["viewer"] });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("answers a batch of 2 and refuses 3 with BATCH_TOO_LARGE", async () => {
    const op = { query: `{ region(code: "150700") { code } }` };
    const auth = { authorization: `Bearer ${viewer}` };
    const res = await fetch(stack.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify([op, op]),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { data: { region: { code: "150700" } } },
      { data: { region: { code: "150700" } } },
    ]);
    const three = await post(stack.gateway.url, JSON.stringify([op, op, op]), auth);
    expect(three.status).toBe(400);
    expect(codes(three)).toEqual(["BATCH_TOO_LARGE"]);
  });
});
