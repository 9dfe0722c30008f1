// Issue 14 for the procurement subgraph, through the gateway on PGlite and PostgreSQL: both sides of
// every write. A purchase row and a VBP progress row of a 150724 institution are filed under 430671
// (as a hand-made move or an institution that changed county would leave them). A caller whose
// scope covers the new values (the institution's county) but not that stored row, and one whose
// scope covers the stored row but not the new values, get FORBIDDEN from reportPurchases,
// reportVbpProgress and both imports, and re-reading shows nothing changed; a caller covering both
// moves the row, but not out of an approved quarter. Out-of-scope institutions answer like unknown ones.
import { enrollmentModule } from "@hsa/enrollment";
import { procurementModule } from "@hsa/procurement";
import { supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type DbKind,
  type GqlResult,
  gql,
  type ImportResult,
  type Stack,
  startStack,
  token,
  uploadCsv,
} from "./stack";

const REPORT = /* GraphQL */ `
  mutation R($input: ReportPurchasesInput!) { reportPurchases(input: $input) { changed purchases { regionCode totalYuan } } }`;
const REPORT_VBP = /* GraphQL */ `
  mutation V($input: ReportVbpProgressInput!) { reportVbpProgress(input: $input) { changed } }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitProcurementReport(regionCode: $c, quarter: $q) { status } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approveProcurementReport(regionCode: $c, quarter: $q) { status } }`;
const REOPEN = /* GraphQL */ `mutation O($c: ID!, $q: Quarter!, $r: String!) { reopenProcurementReport(regionCode: $c, quarter: $q, reason: $r) { status } }`;
const PURCHASE_COLS =
  "institutionId,institutionName,quarter,category,totalYuan,networkYuan,reportedOffNetworkYuan";
const VBP_COLS = "institutionId,productId,quarter,purchasedVolume";

const INST = "150724-H-001";
const Q = "2023Q2";
const kinds: DbKind[] = ["pglite", "postgres"];

type Row = Record<string, string>;

describe.each(kinds)("procurement: both sides of every write on %s", (kind) => {
  let stack: Stack;
  let ewenki: string; // reporter of 150724: covers the new values, not the stored rows
  let quyuan: string; // reporter of 430671: covers the stored rows, not the new values
  let city: string; // reporter of 呼伦贝尔市 (150700)
  let nation: string; // reporter of the nation: covers both
  let yueyang: string; // approver of 岳阳市 (430600)
  let vbp: { product: string; quarter: string };

  async function query(text: string): Promise<Row[]> {
    const res = await stack.handles.procurement?.db.execute(text);
    return (Array.isArray(res) ? res : (res as unknown as { rows: Row[] }).rows) as Row[];
  }
  /** Everything a refused write could have touched: the two rows, the audit log and the imports. */
  const snapshot = async () => ({
    purchase: await query(
      `select region_code, total_fen::text, network_fen::text, reported_off_network_fen::text, reported_by
       from procurement.purchase
       where institution_id = '${INST}' and quarter = '${Q}' and category = 'DRUG'`,
    ),
    vbp: await query(
      `select region_code, purchased_volume::text, reported_by from procurement.vbp_progress
       where institution_id = '${INST}' and product_id = '${vbp.product}' and quarter = '${vbp.quarter}'`,
    ),
    audit: await query("select count(*)::text as n from procurement.audit_event"),
    imports: await query("select count(*)::text as n from procurement.report_import"),
  });
  const purchase = (
    institutionId: string,
    amounts = { totalYuan: "1000.00", networkYuan: "900.00", reportedOffNetworkYuan: "0" },
  ) => ({ institutionId, quarter: Q, items: [{ category: "DRUG", ...amounts }] });
  /** POST /import/<kind>, optionally as a dry run. */
  async function upload(kindName: string, csv: string, bearer: string, dryRun = false) {
    const res = await fetch(new URL(`/import/${kindName}${dryRun ? "?dryRun=1" : ""}`, stack.gateway.url), {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${bearer}` },
      body: csv,
    });
    return { status: res.status, body: (await res.json()) as ImportResult };
  }
  const codes = (r: GqlResult) => r.errors?.map((e) => e.extensions?.code);

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule, procurementModule],
      enrollmentScopes: [],
      supervisionScopes: ["150724", "430671"],
      procurementScopes: ["150724", "430671"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
      seed: async (name, handle) => {
        if (name !== "procurement") return;
        // Rows of a 150724 institution filed under 430671 (a hand-made move).
        await handle.db.execute(
          `update procurement.purchase set region_code = '430671'
           where institution_id = '${INST}' and quarter = '${Q}' and category = 'DRUG'`,
        );
        await handle.db.execute(
          `update procurement.vbp_progress set region_code = '430671'
           where (institution_id, product_id, quarter) = (
             select institution_id, product_id, quarter from procurement.vbp_progress
             where institution_id = '${INST}' order by quarter, product_id limit 1)`,
        );
      },
    });
    ewenki = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter"] });
    quyuan = await token({ sub: "quyuan", scope: "430671", roles: ["viewer", "reporter"] });
    city = await token({ sub: "hlbr", scope: "150700", roles: ["viewer", "reporter"] });
    nation = await token({ sub: "nation", scope: "000000", roles: ["viewer", "reporter"] });
    yueyang = await token({ sub: "yueyang", scope: "430600", roles: ["viewer", "approver"] });
    const [moved] = await query(
      `select product_id, quarter from procurement.vbp_progress where institution_id = '${INST}' and region_code = '430671'`,
    );
    vbp = { product: moved?.product_id ?? "", quarter: moved?.quarter ?? "" };
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("the seed filed one purchase row and one VBP row of a 150724 institution under 430671", async () => {
    const s = await snapshot();
    expect(s.purchase).toEqual([expect.objectContaining({ region_code: "430671" })]);
    expect(s.vbp).toEqual([expect.objectContaining({ region_code: "430671" })]);
  });

  it("scope covers the new values but not the stored row: FORBIDDEN (even with the stored figures), nothing written or shown", async () => {
    const before = await snapshot();
    const yuan = (fen: string | undefined) => (Number(fen) / 100).toFixed(2);
    const stored = before.purchase[0];
    const same = {
      totalYuan: yuan(stored?.total_fen),
      networkYuan: yuan(stored?.network_fen),
      reportedOffNetworkYuan: yuan(stored?.reported_off_network_fen),
    };
    for (const who of [ewenki, city]) {
      for (const input of [purchase(INST), purchase(INST, same)]) {
        const r = await gql(stack.gateway.url, REPORT, { input }, who);
        expect(codes(r)).toEqual(["FORBIDDEN"]);
        expect(r.data ?? null).toBeNull();
        expect(JSON.stringify(r)).not.toContain("430671");
      }
      const v = await gql(
        stack.gateway.url,
        REPORT_VBP,
        { input: { institutionId: INST, productId: vbp.product, quarter: vbp.quarter, purchasedVolume: 1 } },
        who,
      );
      expect(codes(v)).toEqual(["FORBIDDEN"]);
    }
    const files: [string, string][] = [
      ["purchases", [PURCHASE_COLS, `${INST},,${Q},DRUG,1000.00,900.00,0`].join("\n")],
      ["vbp-progress", [VBP_COLS, `${INST},${vbp.product},${vbp.quarter},1`].join("\n")],
    ];
    for (const [kindName, csv] of files) {
      for (const dry of [false, true]) {
        const r = await upload(kindName, csv, ewenki, dry);
        expect(r.status, kindName).toBe(422);
        expect(r.body.errors).toEqual([expect.objectContaining({ line: 2, column: "机构编码" })]);
        expect(r.body.errors[0]?.reason).toMatch(/权限范围外|outside your scope/);
        expect(r.body.errors[0]?.reason).not.toContain("430671");
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("vice versa: scope covers the stored row but not the new values: FORBIDDEN, nothing written", async () => {
    const before = await snapshot();
    expect(codes(await gql(stack.gateway.url, REPORT, { input: purchase(INST) }, quyuan))).toEqual([
      "FORBIDDEN",
    ]);
    const v = await gql(
      stack.gateway.url,
      REPORT_VBP,
      { input: { institutionId: INST, productId: vbp.product, quarter: vbp.quarter, purchasedVolume: 1 } },
      quyuan,
    );
    expect(codes(v)).toEqual(["FORBIDDEN"]);
    const r = await uploadCsv(
      stack.gateway.url,
      "purchases",
      [PURCHASE_COLS, `${INST},,${Q},DRUG,1000.00,900.00,0`].join("\n"),
      quyuan,
    );
    expect(r.status).toBe(422);
    expect(r.body.errors[0]?.reason).toMatch(/权限范围|scope/);
    expect(await snapshot()).toEqual(before);
  });

  it("an out-of-scope institution answers exactly like an unknown one", async () => {
    const before = await snapshot();
    const a = await gql(stack.gateway.url, REPORT, { input: purchase("430671-H-001") }, ewenki);
    const b = await gql(stack.gateway.url, REPORT, { input: purchase("430671-H-999") }, ewenki);
    expect(codes(a)).toEqual(["FORBIDDEN"]);
    const shape = (r: GqlResult, id: string) => JSON.stringify(r).replaceAll(id, "<id>");
    expect(shape(a, "430671-H-001")).toBe(shape(b, "430671-H-999"));
    const file = await uploadCsv(
      stack.gateway.url,
      "purchases",
      [PURCHASE_COLS, `430671-H-001,,${Q},DRUG,1.00,1.00,0`, `430671-H-999,,${Q},DRUG,1.00,1.00,0`].join(
        "\n",
      ),
      ewenki,
    );
    expect(file.status).toBe(422);
    expect(file.body.errors[0]?.reason).toBe(file.body.errors[1]?.reason);
    expect(await snapshot()).toEqual(before);
  });

  it("covering both sides moves the row, but not out of an approved quarter (REPORT_APPROVED until reopened)", async () => {
    expect((await gql(stack.gateway.url, SUBMIT, { c: "430671", q: Q }, quyuan)).errors).toBeUndefined();
    expect((await gql(stack.gateway.url, APPROVE, { c: "430671", q: Q }, yueyang)).errors).toBeUndefined();
    const before = await snapshot();
    const refused = await gql(stack.gateway.url, REPORT, { input: purchase(INST) }, nation);
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    expect(refused.errors?.[0]?.extensions?.reason).toBe("REPORT_APPROVED");
    const csv = [PURCHASE_COLS, `${INST},,${Q},DRUG,1000.00,900.00,0`].join("\n");
    const imp = await uploadCsv(stack.gateway.url, "purchases", csv, nation);
    expect(imp.status).toBe(422);
    expect(imp.body.errors[0]?.reason).toMatch(/已审核|approved/);
    expect(await snapshot()).toEqual(before);

    const reopened = await gql(
      stack.gateway.url,
      REOPEN,
      { c: "430671", q: Q, r: "采购记录归属有误" },
      yueyang,
    );
    expect(reopened.errors).toBeUndefined();
    const moved = await gql<{ reportPurchases: { changed: number; purchases: { regionCode: string }[] } }>(
      stack.gateway.url,
      REPORT,
      { input: purchase(INST) },
      nation,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.reportPurchases).toMatchObject({ changed: 1, purchases: [{ regionCode: "150724" }] });
    const vImp = await uploadCsv(
      stack.gateway.url,
      "vbp-progress",
      [VBP_COLS, `${INST},${vbp.product},${vbp.quarter},1`].join("\n"),
      nation,
    );
    expect(vImp.body).toMatchObject({ ok: true, updated: 1 });
    const after = await snapshot();
    expect(after.purchase).toEqual([expect.objectContaining({ region_code: "150724", total_fen: "100000" })]);
    expect(after.vbp).toEqual([expect.objectContaining({ region_code: "150724", purchased_volume: "1" })]);
  });
});
