// The payment domain of the reporting workflow (issue 7) through the gateway, on PGlite and on
// PostgreSQL: the `dip-cases` CSV import (GB18030 with Chinese headers), points computed exactly
// as reportDipCases computes them, all-or-nothing validation with every bad row reported (line and
// column), idempotent re-import, approved county-quarters and closed settlement years locked for
// import and mutation, the audit of a figure with its source, completeness as a KPI. Last, the
// county × pooling area × quarter summary the triggers keep (issue 9) equals a fresh GROUP BY after all
// of it, and after updates, moves, deletes and TRUNCATE; the roll-ups read from it equal the raw ones.
import type { InstitutionFacts } from "@hsa/demo-data";
import { enrollmentModule } from "@hsa/enrollment";
import {
  caseSums,
  caseSumsMany,
  levelRollups,
  listCases,
  paymentModule,
  schema as paymentSchema,
  pointValueSums,
  pointValueSumsMany,
} from "@hsa/payment-reform";
import { quarterRange } from "@hsa/periods";
import { supervisionModule } from "@hsa/supervision";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectLevelsExact } from "./levels";
import { type DbKind, type GqlResult, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const POOL = "430600"; // 岳阳市: no payment demo data here, so its 2024 catalogue is seeded below
const YEAR = 2024;
const Q1 = "2024Q1";
const Q2 = "2024Q2";

const HEAD_ZH =
  "机构编码,机构名称,季度,病种编码,病种名称,病例数,预付金额（元）,DIP基金支付金额（元）,住院统筹基金支付金额（元）";
const HEAD_EN = "institutionId,quarter,groupCode,cases,fundPrepaidYuan,dipFundYuan,inpatientFundYuan";

interface Figures {
  groupCode: string;
  cases: number;
  fundPrepaidYuan: string;
  dipFundYuan: string;
  inpatientFundYuan: string;
}
const T01: Figures = {
  groupCode: "T01",
  cases: 123,
  fundPrepaidYuan: "45000.50",
  dipFundYuan: "800000.00",
  inpatientFundYuan: "950000.25",
};
const T02: Figures = {
  groupCode: "T02",
  cases: 7,
  fundPrepaidYuan: "0",
  dipFundYuan: "12000.00",
  inpatientFundYuan: "30000.00",
};

const enRow = (id: string, q: string, f: Figures) =>
  [id, q, f.groupCode, f.cases, f.fundPrepaidYuan, f.dipFundYuan, f.inpatientFundYuan].join(",");

const upload = (url: string, body: Uint8Array | string, bearer: string | null, fileName = "dip.csv") =>
  uploadCsv(url, "dip-cases", body, bearer, fileName);

const REPORT = /* GraphQL */ `
  mutation Report($input: ReportDipCasesInput!) {
    reportDipCases(input: $input) { changed aggregates { groupCode cases score coefficient points } }
  }`;
const AUDIT = /* GraphQL */ `
  query A($id: ID!, $q: Quarter, $g: ID) {
    dipCaseAudit(institutionId: $id, quarter: $q, groupCode: $g) { action actorSub source entityKey oldValue newValue }
  }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitPaymentReport(regionCode: $c, quarter: $q) { status } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approvePaymentReport(regionCode: $c, quarter: $q) { status } }`;
const STATES = /* GraphQL */ `
  query St($code: ID!, $q: Quarter!) {
    region(code: $code) {
      paymentReportStates(from: $q, to: $q) { regionCode status hasData }
      paymentKpis(from: $q, to: $q, metrics: ["payment.reporting_completeness", "payment.dip_fund_share"]) {
        metric { id } total { numerator denominator }
      }
    }
  }`;

const codesOf = (r: GqlResult) => (r.errors ?? []).map((e) => e.extensions?.code);

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("DIP case import (payment) through the gateway on %s", (kind) => {
  let stack: Stack;
  let base: string;
  let reporter: string; // 岳阳市 reporter
  let approver: string; // 岳阳市 approver
  let ewenki: string; // 鄂温克族自治旗 reporter
  let viewer: string;
  let a: InstitutionFacts;
  let b: InstitutionFacts;
  let pharmacy: InstitutionFacts;

  const cases = (id: string) => {
    const db = stack.handles.payment?.db;
    if (!db) throw new Error("no payment database");
    return listCases(db, id);
  };

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule, paymentModule],
      enrollmentScopes: [],
      supervisionScopes: ["150700", POOL],
      paymentScopes: ["150724"],
      seed: async (name, handle) => {
        if (name !== "payment") return;
        await handle.db.insert(paymentSchema.dipGroup).values([
          {
            poolingArea: POOL,
            year: YEAR,
            code: "T01",
            name: "测试病种一",
            type: "CORE",
            score: "1234.5678",
          },
          {
            poolingArea: POOL,
            year: YEAR,
            code: "T02",
            name: "测试综合病种",
            type: "COMPREHENSIVE",
            score: "333.3333",
          },
        ]);
        await handle.db.insert(paymentSchema.institutionCoefficient).values(
          [
            ["III", "1.1250"],
            ["II", "0.9137"],
            ["I", "0.7777"],
            ["NONE", "0.6543"],
          ].map(([grade, coefficient]) => ({
            poolingArea: POOL,
            year: YEAR,
            grade: grade as "III",
            coefficient: coefficient as string,
          })),
        );
      },
    });
    base = stack.gateway.url;
    reporter = await token({
      sub: "yy-rep",
      name: "岳阳市填报员",
      scope: POOL,
      roles: ["viewer", "reporter"],
    });
    approver = await token({
      sub: "yy-appr",
      name: "岳阳市审核员",
      scope: POOL,
      roles: ["viewer", "approver"],
    });
    ewenki = await token({
      sub: "ewenki",
      name: "鄂温克旗填报员",
      scope: "150724",
      roles: ["viewer", "reporter"],
    });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    const yy = stack.supervision.institutions.filter((i) => i.regionCode.startsWith("4306"));
    const hospitals = yy.filter((i) => i.kind === "HOSPITAL");
    // two hospitals of different grades (so the coefficient matters), and a pharmacy
    a = hospitals.find((i) => i.grade === "III") ?? (hospitals[0] as InstitutionFacts);
    b = hospitals.find((i) => i.grade !== a.grade) ?? (hospitals[1] as InstitutionFacts);
    pharmacy = yy.find((i) => i.kind === "PHARMACY") as InstitutionFacts;
    expect(a && b && pharmacy && a.id !== b.id).toBeTruthy();
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("imports a GB18030 file with Chinese headers; the points are exactly what reportDipCases stores", async () => {
    const zhRow = (i: InstitutionFacts, q: string, f: Figures, name: string) =>
      [
        i.id,
        i.name,
        q,
        f.groupCode,
        name,
        f.cases,
        f.fundPrepaidYuan,
        f.dipFundYuan,
        f.inpatientFundYuan,
      ].join(",");
    const text = [
      HEAD_ZH,
      zhRow(a, Q1, T01, "测试病种一"),
      zhRow(a, Q1, T02, "测试综合病种"),
      zhRow(b, Q1, T01, "测试病种一"),
    ].join("\r\n");
    const bytes = iconv.encode(text, "gb18030");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const r = await upload(base, bytes, reporter, "岳阳-2024Q1.csv");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ok: true,
      rows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      encoding: "gb18030",
    });

    // The same figures through the mutation for another quarter: the same score, coefficient, points.
    const m = await gql<{
      reportDipCases: {
        changed: number;
        aggregates: { groupCode: string; score: string; coefficient: string; points: string }[];
      };
    }>(base, REPORT, { input: { institutionId: a.id, quarter: Q2, groups: [T01, T02] } }, reporter);
    expect(m.errors).toBeUndefined();
    expect(m.data?.reportDipCases.changed).toBe(2);
    const stored = await cases(a.id);
    const pick = (q: string) =>
      stored
        .filter((c) => c.quarter === q)
        .map((c) => ({
          groupCode: c.groupCode,
          groupType: c.groupType,
          cases: c.cases,
          score: c.score,
          coefficient: c.coefficient,
          points: c.points,
          fundPrepaidFen: c.fundPrepaidFen,
          dipFundFen: c.dipFundFen,
          inpatientFundFen: c.inpatientFundFen,
          regionCode: c.regionCode,
          poolingArea: c.poolingArea,
        }));
    expect(pick(Q1)).toHaveLength(2);
    expect(pick(Q1)).toEqual(pick(Q2));
    // points = cases × score × coefficient (grade III: 1.1250): 123 × 1234.5678 × 1.125 = 170833.319325 → 170833.3193
    const t01 = pick(Q1).find((c) => c.groupCode === "T01");
    expect(t01?.fundPrepaidFen).toBe(4_500_050n);
    if (a.grade === "III") expect(t01?.points).toBe("170833.3193");
    // and the mutation with the imported figures changes nothing: the import stored what it would store
    const same = await gql<{ reportDipCases: { changed: number } }>(
      base,
      REPORT,
      { input: { institutionId: a.id, quarter: Q1, groups: [T01, T02] } },
      reporter,
    );
    expect(same.data?.reportDipCases.changed).toBe(0);
    // b's grade differs, so does its coefficient
    const bRows = await cases(b.id);
    expect(bRows).toHaveLength(1);
    expect(bRows[0]?.coefficient).not.toBe(t01?.coefficient);
  });

  it("rejects a file with bad rows as a whole and reports every bad row with line and column", async () => {
    const before = [...(await cases(a.id)), ...(await cases(b.id))];
    const q3 = "2024Q3";
    const lines = [
      HEAD_EN,
      enRow(a.id, q3, T01), // 2: fine
      enRow(a.id, q3, { ...T01, groupCode: "T99" }), // 3: unknown group
      enRow(b.id, q3, T01).replace(",123,", ",-5,"), // 4: negative cases
      enRow(b.id, "2099Q1", T02), // 5: future quarter
      enRow(`${a.regionCode}-H-999`, q3, T01), // 6: unknown institution
      enRow("150724-H-001", q3, T01), // 7: outside the scope
      enRow(a.id, q3, T01), // 8: the same as line 2
      enRow(pharmacy.id, q3, T01), // 9: a pharmacy is not paid by DIP
      enRow(b.id, q3, { ...T02, dipFundYuan: "50000.00" }), // 10: DIP fund > inpatient fund
      enRow(b.id, "2023Q4", T01), // 11: no 2023 catalogue for the pool
      enRow(b.id, q3, T02), // 12: fine
    ];
    const r = await upload(base, lines.join("\n"), reporter);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ ok: false, rows: 11, inserted: 0, importId: null });
    const byLine = new Map(r.body.errors.map((e) => [e.line, e]));
    expect([...byLine.keys()].sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(r.body.errorCount).toBe(9);
    for (const e of r.body.errors) expect(e.column, `line ${e.line}`).toBeTruthy();
    expect(byLine.get(3)).toMatchObject({ column: "病种编码" });
    expect(byLine.get(3)?.reason).toMatch(/T99/);
    expect(byLine.get(4)).toMatchObject({ column: "病例数" });
    expect(byLine.get(5)?.reason).toMatch(/future|未来/);
    expect(byLine.get(6)).toMatchObject({ column: "机构编码" });
    expect(byLine.get(6)?.reason).toMatch(/unknown institution/);
    expect(byLine.get(7)).toMatchObject({ column: "机构编码" });
    expect(byLine.get(7)?.reason).toMatch(/scope|权限/);
    expect(byLine.get(8)?.reason).toMatch(/line 2/);
    expect(byLine.get(9)).toMatchObject({ column: "机构编码" });
    expect(byLine.get(9)?.reason).toMatch(/PHARMACY/);
    expect(byLine.get(10)).toMatchObject({ column: "DIP基金支付金额（元）" });
    expect(byLine.get(11)?.reason).toMatch(/no DIP catalogue for 2023/);
    // nothing written, not even the good rows
    expect([...(await cases(a.id)), ...(await cases(b.id))]).toEqual(before);
  });

  it("the same file again changes nothing; the audit of a figure names the import or the mutation", async () => {
    const csv = `\uFEFF${[HEAD_EN, enRow(a.id, "2024Q4", T01), enRow(a.id, "2024Q4", T02)].join("\r\n")}\r\n`;
    const first = await upload(base, csv, reporter, "a-2024Q4.csv");
    expect(first.body).toMatchObject({ ok: true, inserted: 2, encoding: "utf-8-bom" });
    const stored = await cases(a.id);
    const again = await upload(base, csv, reporter, "a-2024Q4.csv");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 2, importId: null });
    expect(await cases(a.id)).toEqual(stored);

    // a changed figure by mutation: audited with its source, newest first
    const changed = await gql<{ reportDipCases: { changed: number } }>(
      base,
      REPORT,
      { input: { institutionId: a.id, quarter: "2024Q4", groups: [{ ...T01, cases: 124 }] } },
      reporter,
    );
    expect(changed.data?.reportDipCases.changed).toBe(1);
    const audit = await gql<{
      dipCaseAudit: {
        action: string;
        source: string;
        entityKey: string;
        oldValue: string | null;
        newValue: string;
      }[];
    }>(base, AUDIT, { id: a.id, q: "2024Q4", g: "T01" }, viewer);
    expect(audit.errors).toBeUndefined();
    const entries = audit.data?.dipCaseAudit ?? [];
    expect(entries.map((e) => [e.action, e.source])).toEqual([
      ["reportDipCases", "mutation reportDipCases"],
      ["importDipCases", `import ${first.body.importId} (a-2024Q4.csv)`],
    ]);
    expect(entries[1]?.oldValue).toBeNull();
    expect(JSON.parse(entries[0]?.oldValue ?? "{}").cases).toBe(123);
    expect(JSON.parse(entries[0]?.newValue ?? "{}").cases).toBe(124);
    // the whole institution, and scope: 150724's reporter cannot read a 岳阳 institution's audit
    const all = await gql<{ dipCaseAudit: unknown[] }>(base, AUDIT, { id: a.id }, viewer);
    expect((all.data?.dipCaseAudit ?? []).length).toBeGreaterThanOrEqual(6);
    expect(codesOf(await gql(base, AUDIT, { id: a.id }, ewenki))).toEqual(["FORBIDDEN"]);
  });

  it("an approved county-quarter rejects import and mutation; completeness counts it", async () => {
    const county = a.regionCode;
    const submitted = await gql<{ submitPaymentReport: { status: string } }>(
      base,
      SUBMIT,
      { c: county, q: Q1 },
      reporter,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitPaymentReport.status).toBe("SUBMITTED");
    const approved = await gql<{ approvePaymentReport: { status: string } }>(
      base,
      APPROVE,
      { c: county, q: Q1 },
      approver,
    );
    expect(approved.data?.approvePaymentReport.status).toBe("APPROVED");

    const before = await cases(a.id);
    const reimport = await upload(
      base,
      [HEAD_EN, enRow(a.id, Q1, { ...T01, cases: 999 })].join("\n"),
      reporter,
    );
    expect(reimport.status).toBe(422);
    expect(reimport.body.errors[0]?.reason).toMatch(/已审核|approved/);
    const mutation = await gql(
      base,
      REPORT,
      { input: { institutionId: a.id, quarter: Q1, groups: [{ ...T01, cases: 999 }] } },
      reporter,
    );
    expect(codesOf(mutation)).toEqual(["FORBIDDEN"]);
    expect(mutation.errors?.[0]?.message).toMatch(/已审核|approved/);
    expect(await cases(a.id)).toEqual(before);
    // another quarter of the same county stays open
    const other = await gql<{ reportDipCases: { changed: number } }>(
      base,
      REPORT,
      { input: { institutionId: a.id, quarter: Q2, groups: [T01] } },
      reporter,
    );
    expect(other.errors).toBeUndefined();

    const st = await gql<{
      region: {
        paymentReportStates: { regionCode: string; status: string; hasData: boolean }[];
        paymentKpis: { metric: { id: string }; total: { numerator: number; denominator: number | null } }[];
      };
    }>(base, STATES, { code: POOL, q: Q1 }, viewer);
    expect(st.errors).toBeUndefined();
    const states = st.data?.region.paymentReportStates ?? [];
    expect(states.find((s) => s.regionCode === county)).toMatchObject({ status: "APPROVED", hasData: true });
    if (b.regionCode !== county)
      expect(states.find((s) => s.regionCode === b.regionCode)).toMatchObject({
        status: "DRAFT",
        hasData: true,
      });
    const completeness = st.data?.region.paymentKpis.find(
      (s) => s.metric.id === "payment.reporting_completeness",
    );
    expect(completeness?.total).toMatchObject({ numerator: 1, denominator: states.length });
    // the DIP KPIs are still computed beside it
    const share = st.data?.region.paymentKpis.find((s) => s.metric.id === "payment.dip_fund_share");
    expect(share?.total.denominator).toBeGreaterThan(0);
  });

  it("a closed settlement year is locked for import; 鄂温克族自治旗 still has 3,562 DIP cases in 2022", async () => {
    const demo = stack.payment[0];
    if (!demo) throw new Error("no payment demo loaded");
    const group = demo.groups.find((g) => g.poolingArea === "150700" && g.year === 2022);
    if (!group) throw new Error("no 2022 catalogue");
    const r = await upload(
      base,
      [HEAD_EN, enRow("150724-H-001", "2022Q1", { ...T01, groupCode: group.code, cases: 1 })].join("\n"),
      ewenki,
    );
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ line: 2, column: "季度" });
    expect(r.body.errors[0]?.reason).toMatch(/closed/);
    const total = await gql<{ region: { dipCaseTotal: number } }>(
      base,
      `{ region(code: "150724") { dipCaseTotal(from: "2022Q1", to: "2022Q4") } }`,
      {},
      ewenki,
    );
    expect(total.data?.region.dipCaseTotal).toBe(3562);
  });
  it("keeps payment.dip_case_summary exact (triggers) through imports, mutations, moves, deletes, TRUNCATE", async () => {
    const db = stack.handles.payment?.db as NonNullable<Stack["handles"][string]>["db"];
    const run = async (text: string) => {
      const res = await db.execute(text);
      return (Array.isArray(res) ? res : (res as unknown as { rows: unknown[] }).rows) as Record<
        string,
        string
      >[];
    };
    const summary = `select region_code, pooling_area, quarter, cases::text, comprehensive_cases::text,
        points::text, dip_fund_fen::text, inpatient_fund_fen::text, institutions::text, row_count::text
      from payment.dip_case_summary order by 1, 2, 3`;
    const fresh = `select region_code, pooling_area, quarter, sum(cases)::text as cases,
        coalesce(sum(cases) filter (where group_type = 'COMPREHENSIVE'), 0)::text as comprehensive_cases,
        sum(points)::text as points, sum(dip_fund_fen)::text as dip_fund_fen,
        sum(inpatient_fund_fen)::text as inpatient_fund_fen,
        (count(distinct institution_id) filter (where cases > 0))::text as institutions, count(*)::text as row_count
      from payment.dip_case_aggregate group by 1, 2, 3 order by 1, 2, 3`;
    const quarters = quarterRange("2015Q1", "2026Q4");
    const [from, to] = [quarters[0] as string, quarters.at(-1) as string];
    const sorted = (m: Map<string, unknown> | undefined) =>
      [...(m ?? [])].sort(([a], [b]) => String(a).localeCompare(String(b)));
    const exact = async () => {
      const rows = await run(summary);
      expect(rows).toEqual(await run(fresh));
      // the level aggregates over the summary (issue 17) equal their GROUP BY at every level
      await expectLevelsExact(db, levelRollups);
      const regions = ["000000", "150000", "150700", "150724", "430000", POOL];
      const cases = await caseSumsMany(db, regions, from, to);
      const points = await pointValueSumsMany(db, regions, from, to);
      for (const r of regions) {
        expect(sorted(cases.get(r))).toEqual(sorted(await caseSums(db, r, from, to)));
        expect(sorted(points.get(r))).toEqual(sorted(await pointValueSums(db, r, from, to)));
      }
      return rows.length;
    };
    expect(await exact()).toBeGreaterThan(4); // after the demo load, the imports and mutations above
    await run("update payment.dip_case_aggregate set reported_by = 'someone'");
    await exact();
    // No cases left for some institution-groups: they no longer count as institutions with cases.
    await run(
      "update payment.dip_case_aggregate set cases = 0 where region_code = '150724' and quarter = '2023Q2' and group_code < 'M'",
    );
    await exact();
    // Rows moved to another county and quarter.
    await run(
      "update payment.dip_case_aggregate set region_code = '150702', quarter = '2019Q1' where quarter = '2023Q3' and institution_id like '150724-H-00%'",
    );
    await exact();
    await run(`insert into payment.dip_case_aggregate (institution_id, region_code, pooling_area, quarter, group_code,
        group_type, cases, score, coefficient, points, fund_prepaid_fen, dip_fund_fen, inpatient_fund_fen, reported_by)
      select institution_id || '-copy', region_code, pooling_area, '2018Q4', group_code, group_type, cases, score,
        coefficient, points, fund_prepaid_fen, dip_fund_fen, inpatient_fund_fen, 'copy'
      from payment.dip_case_aggregate where quarter = '2023Q4'`);
    await exact();
    await run("delete from payment.dip_case_aggregate where quarter = '2023Q1' and group_code < 'M'");
    await exact();
    await run("delete from payment.dip_case_aggregate where quarter = '2023Q1'");
    await exact();
    await run("truncate payment.dip_case_aggregate cascade");
    expect(await exact()).toBe(0);
  });
});
