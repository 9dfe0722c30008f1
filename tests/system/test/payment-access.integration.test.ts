// Issue 14, payment subgraph: both sides of every write, and no existence oracle — through the
// gateway, on PGlite and PostgreSQL. Every refused write is re-read: a fingerprint of every payment
// table is the same before and after. Stored rows whose region the API would never write (a case
// row or a budget under another county, a settlement line of another city) are planted directly in
// the database, so that the stored side of each write is exercised on its own.
import type { InstitutionFacts } from "@hsa/demo-data";
import { enrollmentModule } from "@hsa/enrollment";
import { paymentModule, schema as paymentSchema } from "@hsa/payment-reform";
import { supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fingerprint, masked, plantBudget, plantCase, plantSettlement } from "./payment-access.fixtures";
import { type DbKind, type GqlResult, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const POOL = "430600"; // 岳阳市: no payment demo data; its 2024 catalogue is seeded
const HULUNBUIR = "150700"; // 呼伦贝尔市: the payment demo pool
const Q = "2024Q1";

/** The request of issue 14, verbatim. */
const ISSUE_REQUEST = `mutation { setGlobalBudget(input: { kind: ALLIANCE, poolingArea: "430600", key: "150702-ALLIANCE",
  regionCode: "430602", name: "x", year: 2024, budgetYuan: "0.01" }) {
  budget { key regionCode budgetYuan spend { quarter spentYuan } } } }`;
const BUDGETS = `query B($pool: ID!, $year: Int!) { globalBudgets(poolingArea: $pool, year: $year) {
  kind key poolingArea regionCode name budgetYuan surplusRetainedShare overspendSharedShare spend { quarter spentYuan } } }`;
const SET_BUDGET = `mutation S($input: SetGlobalBudgetInput!) { setGlobalBudget(input: $input) { changed budget { key } } }`;
const SPEND = `mutation P($input: ReportBudgetSpendInput!) { reportBudgetSpend(input: $input) { changed } }`;
const REPORT = `mutation R($input: ReportDipCasesInput!) { reportDipCases(input: $input) { changed } }`;
const RUN = `mutation Run($pool: ID!, $year: Int!) { runDipSettlement(poolingArea: $pool, year: $year) { changed } }`;
const CLOSE = `mutation C($pool: ID!, $year: Int!) { closeDipSettlement(poolingArea: $pool, year: $year) { status } }`;
const REOPEN = `mutation O($pool: ID!, $year: Int!) { reopenDipSettlement(poolingArea: $pool, year: $year, reason: "复核") { status } }`;
const COEFFICIENT = `mutation K($input: SetCoefficientInput!) { setInstitutionCoefficient(input: $input) { coefficient } }`;
const AUDIT = `query A($id: ID!) { dipCaseAudit(institutionId: $id) { action } }`;
const SETTLEMENT = `query D($pool: ID!, $year: Int!) { dipSettlement(poolingArea: $pool, year: $year) { status } }`;

const codes = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);
const alliance = (pool: string, key: string, extra: Record<string, unknown> = {}) => ({
  input: { kind: "ALLIANCE", poolingArea: pool, key, name: "x", year: 2024, budgetYuan: "0.01", ...extra },
});

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("payment access: both sides of every write, no existence oracle, on %s", (kind) => {
  let stack: Stack;
  let url: string;
  let yueyangApprover: string; // the token of issue 14: scope 430600, viewer + approver
  let yueyangReporter: string;
  let yueyangAdmin: string;
  let hulunbuir: string; // 150700 viewer + reporter + approver
  let hulunbuirAdmin: string;
  let national: string;
  let a: InstitutionFacts; // a 岳阳 hospital

  const db = () => {
    const d = stack.handles.payment?.db;
    if (!d) throw new Error("no payment database");
    return d;
  };
  /** Runs the writes, expects FORBIDDEN from each and that no payment table changed. */
  async function refused(writes: (() => Promise<GqlResult>)[]) {
    const before = await fingerprint(db());
    for (const write of writes) {
      const r = await write();
      expect(codes(r)).toEqual(["FORBIDDEN"]);
      expect(r.data ?? null).toBeNull();
    }
    expect(await fingerprint(db())).toEqual(before);
  }

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule, paymentModule],
      enrollmentScopes: [],
      supervisionScopes: [HULUNBUIR, POOL],
      paymentScopes: ["150724"],
      seed: async (name, handle) => {
        if (name !== "payment") return;
        await handle.db.insert(paymentSchema.dipGroup).values({
          poolingArea: POOL,
          year: 2024,
          code: "T01",
          name: "测试病种",
          type: "CORE",
          score: "1000.0000",
        });
      },
    });
    url = stack.gateway.url;
    yueyangApprover = await token({ sub: "yy-approver", scope: POOL, roles: ["viewer", "approver"] });
    yueyangReporter = await token({ sub: "yy-reporter", scope: POOL, roles: ["viewer", "reporter"] });
    yueyangAdmin = await token({ sub: "yy-admin", scope: POOL, roles: ["admin"] });
    hulunbuir = await token({ sub: "hlbe", scope: HULUNBUIR, roles: ["viewer", "reporter", "approver"] });
    hulunbuirAdmin = await token({ sub: "hlbe-admin", scope: HULUNBUIR, roles: ["admin"] });
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    a = stack.supervision.institutions.find(
      (i) => i.kind === "HOSPITAL" && i.regionCode.startsWith("4306"),
    ) as InstitutionFacts;
    expect(a).toBeTruthy();
    // 岳阳's own DIP fund budget for 2024, set the legitimate way
    const pool = await gql(
      url,
      SET_BUDGET,
      {
        input: {
          kind: "POOL",
          poolingArea: POOL,
          key: POOL,
          name: "岳阳市DIP基金",
          year: 2024,
          budgetYuan: "1000000",
        },
      },
      yueyangApprover,
    );
    expect(pool.errors).toBeUndefined();
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses issue 14's request with FORBIDDEN: 呼伦贝尔's budget 150702-ALLIANCE is unchanged", async () => {
    const demo = stack.payment[0]?.budgets.find((b) => b.key === "150702-ALLIANCE" && b.year === 2024);
    expect(demo).toMatchObject({ kind: "ALLIANCE", poolingArea: HULUNBUIR, regionCode: "150702" });
    const read = () => gql(url, BUDGETS, { pool: HULUNBUIR, year: 2024 }, national);
    const before = await read();
    expect(JSON.stringify(before.data)).toContain('"key":"150702-ALLIANCE"');
    await refused([() => gql(url, ISSUE_REQUEST, {}, yueyangApprover)]);
    expect(await read()).toEqual(before);
    // nor does it appear in 岳阳's pool
    const yueyang = await gql(url, BUDGETS, { pool: POOL, year: 2024 }, yueyangApprover);
    expect(JSON.stringify(yueyang.data)).not.toContain("150702");
  });

  it("setGlobalBudget: stored row out of scope (new values in) and new values out of scope (stored row in) → FORBIDDEN", async () => {
    // a stored budget whose key names 430602 but which lies in 呼伦贝尔 (as the old hole could leave one)
    const undo = await plantBudget(db(), {
      kind: "ALLIANCE",
      key: "430602-LEGACY",
      poolingArea: HULUNBUIR,
      regionCode: "150702",
      year: 2024,
    });
    try {
      await refused([
        () => gql(url, SET_BUDGET, alliance(POOL, "430602-LEGACY"), yueyangApprover),
        () =>
          gql(url, SET_BUDGET, alliance(POOL, "430602-LEGACY", { regionCode: "430602" }), yueyangApprover),
      ]);
    } finally {
      await undo();
    }
    // 呼伦贝尔's approver may touch 150702-ALLIANCE, but not move it (nor anything) into 岳阳
    const inst = stack.payment[0]?.budgets.find((b) => b.kind === "INSTITUTION" && b.year === 2024);
    await refused([
      () => gql(url, SET_BUDGET, alliance(POOL, "150702-ALLIANCE"), hulunbuir),
      () => gql(url, SET_BUDGET, alliance(HULUNBUIR, "150702-ALLIANCE", { regionCode: "430602" }), hulunbuir),
      () =>
        gql(
          url,
          SET_BUDGET,
          {
            input: {
              kind: "INSTITUTION",
              poolingArea: POOL,
              key: inst?.key,
              name: "x",
              year: 2024,
              budgetYuan: "1",
            },
          },
          yueyangApprover,
        ),
      () =>
        gql(
          url,
          SET_BUDGET,
          {
            input: {
              kind: "POOL",
              poolingArea: POOL,
              key: HULUNBUIR,
              name: "x",
              year: 2024,
              budgetYuan: "1",
            },
          },
          yueyangApprover,
        ),
    ]);
    // an ALLIANCE key must start with a county of the pool: its own county, in scope, works
    const own = await gql(url, SET_BUDGET, alliance(POOL, "430602-ALLIANCE"), yueyangApprover);
    expect(own.errors).toBeUndefined();
    const bad = await gql(url, SET_BUDGET, alliance(POOL, "yy-alliance"), yueyangApprover);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
  });

  it("reportBudgetSpend: a stored budget out of scope, or a key naming a region out of scope → FORBIDDEN", async () => {
    const undoOut = await plantBudget(db(), {
      kind: "ALLIANCE",
      key: "430602-LEGACY",
      poolingArea: HULUNBUIR,
      regionCode: "150702",
      year: 2024,
    });
    const undoIn = await plantBudget(db(), {
      kind: "ALLIANCE",
      key: "150702-MOVED",
      poolingArea: POOL,
      regionCode: "430602",
      year: 2024,
    });
    const spend = (key: string, kind = "ALLIANCE") => ({
      input: { kind, key, quarter: Q, spentYuan: "1.00" },
    });
    try {
      await refused([
        () => gql(url, SPEND, spend("430602-LEGACY"), yueyangReporter), // key in scope, stored row not
        () => gql(url, SPEND, spend("150702-MOVED"), yueyangReporter), // stored row in scope, key not
        () => gql(url, SPEND, spend("150702-ALLIANCE"), yueyangReporter),
        () => gql(url, SPEND, spend(HULUNBUIR, "POOL"), yueyangReporter),
      ]);
    } finally {
      await undoIn();
      await undoOut();
    }
  });

  it("reportDipCases and the dip-cases import: stored case rows out of scope, or the institution out of scope → FORBIDDEN", async () => {
    const input = { institutionId: a.id, quarter: Q, groups: [{ groupCode: "T01", cases: 5 }] };
    const csv = `institutionId,quarter,groupCode,cases\n${a.id},${Q},T01,5\n`;
    // 岳阳's hospital, but its stored row of the quarter lies in 鄂温克 (150724, pool 150700)
    const undo = await plantCase(db(), {
      institutionId: a.id,
      regionCode: "150724",
      poolingArea: HULUNBUIR,
      quarter: Q,
      groupCode: "T01",
    });
    try {
      const before = await fingerprint(db());
      await refused([
        () => gql(url, REPORT, { input }, yueyangReporter), // institution in scope, stored row not
        () => gql(url, REPORT, { input }, hulunbuir), // stored row in scope, institution not
      ]);
      const imported = await uploadCsv(url, "dip-cases", csv, yueyangReporter);
      expect(imported.status).toBe(403);
      const foreign = await uploadCsv(url, "dip-cases", csv, hulunbuir);
      expect(foreign.status).toBe(422);
      expect(foreign.body.errors[0]?.reason).toMatch(/outside your scope/);
      expect(await fingerprint(db())).toEqual(before);
    } finally {
      await undo();
    }
    // without the planted row, 岳阳's reporter reports its own hospital
    const own = await gql<{ reportDipCases: { changed: number } }>(url, REPORT, { input }, yueyangReporter);
    expect(own.data?.reportDipCases.changed).toBe(1);
  });

  it("runDipSettlement, closeDipSettlement, reopenDipSettlement: a line out of scope (stored or new) → FORBIDDEN", async () => {
    // a stored 岳阳 settlement with a line of 鄂温克's hospital
    let undo = await plantSettlement(db(), {
      poolingArea: POOL,
      year: 2024,
      status: "OPEN",
      institutionId: "150724-H-001",
      lineRegion: "150724",
    });
    try {
      await refused([
        () => gql(url, RUN, { pool: POOL, year: 2024 }, yueyangApprover),
        () => gql(url, CLOSE, { pool: POOL, year: 2024 }, yueyangApprover),
        () => gql(url, RUN, { pool: POOL, year: 2024 }, hulunbuir), // the line in scope, the pool not
      ]);
    } finally {
      await undo();
    }
    undo = await plantSettlement(db(), {
      poolingArea: POOL,
      year: 2023,
      status: "CLOSED",
      institutionId: "150724-H-001",
      lineRegion: "150724",
    });
    try {
      await refused([
        () => gql(url, REOPEN, { pool: POOL, year: 2023 }, yueyangAdmin),
        () => gql(url, REOPEN, { pool: POOL, year: 2023 }, hulunbuirAdmin),
      ]);
    } finally {
      await undo();
    }
    // no stored settlement, but a case row pooled in 岳阳 under 鄂温克: the new line would be out of scope
    const undoCase = await plantCase(db(), {
      institutionId: "150724-H-001",
      regionCode: "150724",
      poolingArea: POOL,
      quarter: "2024Q2",
      groupCode: "T01",
    });
    try {
      await refused([() => gql(url, RUN, { pool: POOL, year: 2024 }, yueyangApprover)]);
    } finally {
      await undoCase();
    }
    // without them, 岳阳's approver settles 岳阳
    const run = await gql<{ runDipSettlement: { changed: boolean } }>(
      url,
      RUN,
      { pool: POOL, year: 2024 },
      yueyangApprover,
    );
    expect(run.errors).toBeUndefined();
  });

  it("setInstitutionCoefficient and the report workflow refuse another city's pool or county", async () => {
    const coefficient = (pool: string) => ({
      input: { poolingArea: pool, year: 2024, grade: "II", coefficient: "0.1" },
    });
    await refused([
      () => gql(url, COEFFICIENT, coefficient(HULUNBUIR), yueyangApprover),
      () => gql(url, COEFFICIENT, coefficient(POOL), hulunbuir),
      () =>
        gql(
          url,
          `mutation { approvePaymentReport(regionCode: "150724", quarter: "2024Q4") { status } }`,
          {},
          yueyangApprover,
        ),
      () =>
        gql(
          url,
          `mutation { reopenPaymentReport(regionCode: "150724", quarter: "2024Q3", reason: "x") { status } }`,
          {},
          yueyangApprover,
        ),
      () =>
        gql(
          url,
          `mutation { submitPaymentReport(regionCode: "150724", quarter: "2024Q4") { status } }`,
          {},
          yueyangReporter,
        ),
    ]);
  });

  it("an out-of-scope institution id, budget key or settlement answers exactly like an unknown one", async () => {
    const instBudget = stack.payment[0]?.budgets.find(
      (b) => b.kind === "INSTITUTION" && b.year === 2024,
    )?.key;
    expect(instBudget).toBeTruthy();
    const cases: [string, string, (id: string) => Record<string, unknown>, string, string[]][] = [
      // [operation, token, variables of an id, an existing id out of scope, unknown ids]
      [
        REPORT,
        yueyangReporter,
        (id) => ({ input: { institutionId: id, quarter: Q, groups: [{ groupCode: "T01", cases: 1 }] } }),
        "150724-H-001",
        ["150724-H-999", "999999-H-001"],
      ],
      [AUDIT, yueyangReporter, (id) => ({ id }), "150724-H-001", ["150724-H-999", "999999-H-001"]],
      [
        SET_BUDGET,
        yueyangApprover,
        (id) => alliance(POOL, id),
        "150702-ALLIANCE",
        ["150702-NOSUCH", "150799-ALLIANCE"],
      ],
      [
        SET_BUDGET,
        yueyangApprover,
        (id) => ({
          input: { kind: "INSTITUTION", poolingArea: POOL, key: id, name: "x", year: 2024, budgetYuan: "1" },
        }),
        instBudget as string,
        ["150724-H-999"],
      ],
      [
        SPEND,
        yueyangReporter,
        (id) => ({ input: { kind: "ALLIANCE", key: id, quarter: Q, spentYuan: "1" } }),
        "150702-ALLIANCE",
        ["150702-NOSUCH"],
      ],
      [
        SPEND,
        yueyangReporter,
        (id) => ({ input: { kind: "INSTITUTION", key: id, quarter: Q, spentYuan: "1" } }),
        instBudget as string,
        ["150724-H-999"],
      ],
      [
        SPEND,
        yueyangReporter,
        (id) => ({ input: { kind: "POOL", key: id, quarter: Q, spentYuan: "1" } }),
        HULUNBUIR,
        ["150600"],
      ],
    ];
    const before = await fingerprint(db());
    for (const [op, bearer, vars, existing, unknowns] of cases) {
      const known = await gql(url, op, vars(existing), bearer);
      expect(codes(known)).toEqual(["FORBIDDEN"]);
      for (const unknown of unknowns) {
        expect(masked(await gql(url, op, vars(unknown), bearer), unknown)).toBe(masked(known, existing));
      }
    }
    // settlements: 呼伦贝尔 2022 exists (CLOSED), 2019 does not
    for (const [op, bearer] of [
      [SETTLEMENT, yueyangApprover],
      [RUN, yueyangApprover],
      [CLOSE, yueyangApprover],
      [REOPEN, yueyangAdmin],
      [BUDGETS, yueyangApprover],
    ] as const) {
      const known = await gql(url, op, { pool: HULUNBUIR, year: 2022 }, bearer);
      expect(codes(known)).toEqual(["FORBIDDEN"]);
      expect(await gql(url, op, { pool: HULUNBUIR, year: 2019 }, bearer)).toEqual(known);
    }
    // Institution.dipSettlements, asked directly of the payment subgraph: [] for both
    const entity = (id: string) =>
      gql(
        stack.services.payment?.url as string,
        `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Institution { id dipSettlements { year } } } }`,
        { r: [{ __typename: "Institution", id }] },
        yueyangApprover,
      );
    const known = await entity("150724-H-001");
    expect(known.data).toEqual({ _entities: [{ id: "150724-H-001", dipSettlements: [] }] });
    expect(masked(await entity("150724-H-999"), "150724-H-999")).toBe(masked(known, "150724-H-001"));
    expect(await fingerprint(db())).toEqual(before);
  });
});
