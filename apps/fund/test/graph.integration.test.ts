// The fund subgraph (issue 18) through the gateway, on PGlite and on PostgreSQL: the seeds' worked
// figures to the digit (屈原管理区 2022, 鄂温克族自治旗 2023Q1–Q2, with 鄂温克's remote-care
// registrations, which the enrollment subgraph places), one query across three subgraphs, and the
// write paths (mutation, CSV import, rules, scope, audit).

import { type DbKind, gql, type Stack, startStack, token, uploadCsv } from "@hsa/system-tests/test/stack";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

interface KpiValue {
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
}
interface Series {
  metric: {
    id: string;
    unit: string;
    unitEn: string;
    precision: number;
    targetRule: string;
    targetLow: number | null;
    targetHigh: number | null;
  };
  total: KpiValue;
}

const FUND_KPIS = /* GraphQL */ `
  query FundKpis($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      fundKpis(from: $from, to: $to) {
        metric { id unit unitEn precision targetRule targetLow targetHigh }
        total { numerator denominator value status }
      }
    }
  }
`;

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("the fund subgraph through the gateway on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let reporter: string;
  let outsider: string;

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      enrollmentScopes: ["430671", "150724"],
      supervisionScopes: ["430671"],
      demoScopes: { fund: ["430671", "150724"] },
    });
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    reporter = await token({
      sub: "ewenki",
      name: "鄂温克旗填报员",
      scope: "150724",
      roles: ["viewer", "reporter"],
    });
    outsider = await token({
      sub: "quyuan",
      name: "屈原填报员",
      scope: "430671",
      roles: ["viewer", "reporter"],
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function fundKpis(code: string, from: string, to: string, bearer = national) {
    const res = await gql<{ region: { fundKpis: Series[] } }>(
      stack.gateway.url,
      FUND_KPIS,
      { code, from, to },
      bearer,
    );
    expect(res.errors).toBeUndefined();
    return new Map((res.data?.region.fundKpis ?? []).map((s) => [s.metric.id, s]));
  }
  const fixed = (s: Series | undefined, digits = 2) => s?.total.value?.toFixed(digits);

  it("屈原管理区 2022: income 7,102.35 and expenditure 6,900 万元 give 当期结余率 2.85%", async () => {
    const k = await fundKpis("430671", "2022Q1", "2022Q4");
    expect(fixed(k.get("fund.income"))).toBe("7102.35");
    expect(fixed(k.get("fund.expenditure"))).toBe("6900.00");
    const rate = k.get("fund.balance_rate");
    expect(rate?.total).toMatchObject({ numerator: 2_023_500, denominator: 71_023_500, status: "MET" });
    expect(fixed(rate)).toBe("2.85");
    // 累计结余可支付月数: a BAND of 6–9 months, judged like every KPI
    const months = k.get("fund.reserve_months");
    expect(months?.metric).toMatchObject({ unit: "月", targetRule: "BAND", targetLow: 6, targetHigh: 9 });
    // a unit of the domain's own, its English and decimals declared by the metric (none in @hsa/kpi)
    expect(months?.metric).toMatchObject({ unitEn: "months", precision: 1 });
    expect(k.get("fund.income")?.metric).toMatchObject({ unit: "万元", unitEn: "×10k yuan", precision: 2 });
    expect(months?.total.denominator).toBeCloseTo(69_000_000 / 12, 6);
    expect(["MET", "NEAR", "MISSED"]).toContain(months?.total.status);
  });

  it("鄂温克族自治旗 2023Q1–Q2: every worked figure of the seed, to the digit", async () => {
    const k = await fundKpis("150724", "2023Q1", "2023Q2");
    const num = (id: string) => k.get(id)?.total.numerator;
    // remote-care direct settlement
    expect(num("fund.remote_cases.resident")).toBe(4_242);
    expect(num("fund.remote_inpatient_cases.resident")).toBe(1_030);
    expect(fixed(k.get("fund.remote_inpatient_paid.resident"))).toBe("1122.12");
    expect(num("fund.remote_chronic_cases.resident")).toBe(405);
    expect(fixed(k.get("fund.remote_chronic_paid.resident"))).toBe("24.52");
    expect(num("fund.remote_cases.employee")).toBe(49_924);
    expect(num("fund.remote_inpatient_cases.employee")).toBe(2_626);
    expect(fixed(k.get("fund.remote_inpatient_paid.employee"))).toBe("3693.25");
    expect(num("fund.remote_chronic_cases.employee")).toBe(1_983);
    expect(fixed(k.get("fund.remote_chronic_paid.employee"))).toBe("126.47");
    expect(num("fund.remote_cross_outpatient_cases")).toBe(5_301);
    expect(fixed(k.get("fund.remote_cross_outpatient_paid"))).toBe("110.70");
    // outpatient pooling: all, pharmacies, medical institutions
    expect(num("fund.outpatient_persons")).toBe(24_725);
    expect(num("fund.outpatient_visits")).toBe(78_059);
    expect(k.get("fund.outpatient_fund_pay_ratio")?.total).toMatchObject({
      numerator: 11_512_300,
      denominator: 24_412_500,
    });
    expect(fixed(k.get("fund.outpatient_fund_pay_ratio"))).toBe("47.16");
    expect(num("fund.pharmacy_visits")).toBe(26_703);
    expect(k.get("fund.pharmacy_fund_pay_ratio")?.total).toMatchObject({
      numerator: 2_975_000,
      denominator: 5_540_700,
    });
    expect(fixed(k.get("fund.pharmacy_fund_pay_ratio"))).toBe("53.69");
    expect(num("fund.pharmacy_in_scope_share")).toBe(5_057_500);
    expect(fixed(k.get("fund.pharmacy_in_scope_share"))).toBe("91.28");
    expect(num("fund.institution_visits")).toBe(11_581);
    expect(k.get("fund.institution_fund_pay_ratio")?.total).toMatchObject({
      numerator: 1_970_100,
      denominator: 3_690_900,
    });
    expect(num("fund.institution_in_scope_share")).toBe(3_382_200);
    // medical assistance and 两病
    expect(num("fund.outpatient_assistance_cases")).toBe(1_144);
    expect(fixed(k.get("fund.outpatient_assistance_amount"))).toBe("30.38");
    expect(num("fund.inpatient_assistance_cases")).toBe(1_823);
    expect(fixed(k.get("fund.inpatient_assistance_amount"))).toBe("270.31");
    expect(num("fund.two_disease_settlements")).toBe(3_973);
    expect(fixed(k.get("fund.two_disease_fund_paid"))).toBe("29.84");
    // subsidised enrollment: the same 8,661 persons and 97.17 万元 as the enrollment subgraph's
    expect(num("fund.subsidised_persons")).toBe(8_661);
    expect(fixed(k.get("fund.subsidy_amount"))).toBe("97.17");
  });

  it("鄂温克族自治旗 2023Q1–Q2: the enrollment subgraph places 3,336 remote-care registrations (居民 929, 职工 2,407)", async () => {
    const res = await gql<{
      region: {
        enrollmentKpis: Series[];
        enrollmentRemoteRegistrations: { quarter: string; scheme: string; registrations: number }[];
      };
    }>(
      stack.gateway.url,
      /* GraphQL */ `
        query Ewenki {
          region(code: "150724") {
            enrollmentKpis(from: "2023Q1", to: "2023Q2", metrics: [
              "enrollment.remote_registrations", "enrollment.remote_registrations.resident", "enrollment.remote_registrations.employee"
            ]) { metric { id unit targetRule targetLow targetHigh } total { numerator denominator value status } }
            enrollmentRemoteRegistrations(from: "2023Q1", to: "2023Q2") { quarter scheme registrations }
          }
        }
      `,
      {},
      national,
    );
    expect(res.errors).toBeUndefined();
    const k = new Map(res.data?.region.enrollmentKpis.map((s) => [s.metric.id, s]));
    expect(k.get("enrollment.remote_registrations")?.total).toMatchObject({
      numerator: 3_336,
      denominator: null,
      value: 3_336,
      status: "NO_TARGET",
    });
    expect(k.get("enrollment.remote_registrations")?.metric.unit).toBe("人次");
    expect(k.get("enrollment.remote_registrations.resident")?.total.value).toBe(929);
    expect(k.get("enrollment.remote_registrations.employee")?.total.value).toBe(2_407);
    // the stored facts, one per quarter and scheme, add up to the same figures
    const rows = res.data?.region.enrollmentRemoteRegistrations ?? [];
    expect(rows.map((r) => `${r.quarter} ${r.scheme}`)).toEqual([
      "2023Q1 EMPLOYEE",
      "2023Q1 RESIDENT",
      "2023Q2 EMPLOYEE",
      "2023Q2 RESIDENT",
    ]);
    const sum = (scheme: string) =>
      rows.filter((r) => r.scheme === scheme).reduce((n, r) => n + r.registrations, 0);
    expect([sum("RESIDENT"), sum("EMPLOYEE")]).toEqual([929, 2_407]);
  });

  it("a county reports remote-care registrations by scheme (mutation and CSV): scope, idempotency, audit and the KPI follow", async () => {
    const REPORT = /* GraphQL */ `
      mutation R($input: RemoteRegistrationInput!) {
        reportRemoteRegistrations(input: $input) { changed report { regionCode quarter scheme registrations } }
      }
    `;
    const input = { regionCode: "150724", quarter: "2024Q4", scheme: "RESIDENT", registrations: 600 };
    const negative = await gql(
      stack.gateway.url,
      REPORT,
      { input: { ...input, registrations: -1 } },
      reporter,
    );
    expect(negative.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const forbidden = await gql(stack.gateway.url, REPORT, { input }, outsider);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const first = await gql<{ reportRemoteRegistrations: { changed: boolean } }>(
      stack.gateway.url,
      REPORT,
      { input },
      reporter,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.reportRemoteRegistrations.changed).toBe(true);
    const again = await gql<{ reportRemoteRegistrations: { changed: boolean } }>(
      stack.gateway.url,
      REPORT,
      { input },
      reporter,
    );
    expect(again.data?.reportRemoteRegistrations.changed).toBe(false);
    const csv = "行政区划代码,季度,险种,异地就医备案人次\n150724,2024Q4,职工,1400\n";
    expect((await uploadCsv(stack.gateway.url, "remote-registration", csv, outsider)).body.ok).toBe(false);
    const imported = await uploadCsv(stack.gateway.url, "remote-registration", csv, reporter);
    expect(imported.body).toMatchObject({ ok: true, rows: 1 });
    const kpis = await gql<{ region: { enrollmentKpis: Series[] } }>(
      stack.gateway.url,
      `{ region(code: "150724") { enrollmentKpis(from: "2024Q4", to: "2024Q4", metrics: ["enrollment.remote_registrations"]) { metric { id } total { numerator } } } }`,
      {},
      national,
    );
    expect(kpis.data?.region.enrollmentKpis[0]?.total.numerator).toBe(2_000);
    const audit = await gql<{ enrollmentAudit: { action: string; newValue: string }[] }>(
      stack.gateway.url,
      `query { enrollmentAudit(regionCode: "150724", quarter: "2024Q4") { action newValue } }`,
      {},
      reporter,
    );
    expect(audit.data?.enrollmentAudit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["reportRemoteRegistrations", "importRemoteRegistrations"]),
    );
  });

  it("answers 屈原管理区 2022 enrollment, supervision and fund KPIs in one query", async () => {
    const res = await gql<{
      region: {
        name: string;
        enrollmentKpis: Series[];
        supervisionKpis: Series[];
        fundKpis: Series[];
      };
    }>(
      stack.gateway.url,
      /* GraphQL */ `
        query Quyuan2022 {
          region(code: "430671") {
            name
            enrollmentKpis(from: "2022Q1", to: "2022Q4", metrics: ["enrollment.remote_registration"]) {
              metric { id } total { numerator denominator value status }
            }
            supervisionKpis(from: "2022Q1", to: "2022Q4", metrics: ["supervision.recovered_amount", "supervision.penalty_amount"]) {
              metric { id } total { numerator denominator value status }
            }
            fundKpis(from: "2022Q1", to: "2022Q4", metrics: ["fund.balance_rate"]) {
              metric { id } total { numerator denominator value status }
            }
          }
        }
      `,
      {},
      national,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data?.region;
    expect(r?.name).toContain("屈原");
    // the seed's figures of all three domains, each from its own subgraph, in the one answer
    expect(r?.enrollmentKpis[0]?.total).toMatchObject({ numerator: 2_463, denominator: 2_582 });
    expect(r?.enrollmentKpis[0]?.total.value?.toFixed(2)).toBe("95.39");
    const supervision = new Map(r?.supervisionKpis.map((s) => [s.metric.id, s.total]));
    expect(supervision.get("supervision.recovered_amount")?.numerator).toBe(433_000);
    expect(supervision.get("supervision.recovered_amount")?.value?.toFixed(2)).toBe("43.30");
    expect(supervision.get("supervision.penalty_amount")?.value?.toFixed(2)).toBe("45.50");
    expect(r?.fundKpis[0]?.total).toMatchObject({ numerator: 2_023_500, denominator: 71_023_500 });
    expect(r?.fundKpis[0]?.total.value?.toFixed(2)).toBe("2.85");
  });

  it("answers the layouts of its four facts (the dashboard's import help reads them)", async () => {
    const res = await gql<{ fundReportLayouts: { fact: string; importKind: string; mutation: string }[] }>(
      stack.gateway.url,
      "{ fundReportLayouts { fact importKind mutation } }",
      {},
      reporter,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.fundReportLayouts.map((l) => [l.importKind, l.mutation])).toEqual([
      ["fund-balance", "reportFundBalance"],
      ["remote-settlement", "reportRemoteSettlement"],
      ["outpatient-pooling", "reportOutpatientPooling"],
      ["assistance", "reportAssistance"],
    ]);
  });

  it("a county reports outpatient pooling: rules, scope, idempotency, audit and the KPI follow", async () => {
    const input = {
      regionCode: "150724",
      quarter: "2024Q4",
      personsYtd: 30_000,
      visits: 40_000,
      totalCostYuan: "10000000.00",
      inScopeCostYuan: "9000000.00",
      fundPaidYuan: "5000000.00",
      pharmacyVisits: 10_000,
      pharmacyTotalCostYuan: "2000000.00",
      pharmacyInScopeCostYuan: "1900000.00",
      pharmacyFundPaidYuan: "1000000.00",
      institutionVisits: 5_000,
      institutionTotalCostYuan: "1000000.00",
      institutionInScopeCostYuan: "950000.00",
      institutionFundPaidYuan: "600000.00",
    };
    const REPORT = /* GraphQL */ `
      mutation R($input: OutpatientPoolingInput!) {
        reportOutpatientPooling(input: $input) { changed report { regionCode quarter fundPaidYuan totalCostYuan } }
      }
    `;
    // fund paid above the cost within scope, and parts above the whole: every problem at once
    const bad = await gql(
      stack.gateway.url,
      REPORT,
      { input: { ...input, fundPaidYuan: "9500000.00", pharmacyVisits: 39_000 } },
      reporter,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = ((bad.errors?.[0]?.extensions?.problems ?? []) as { field: string }[]).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(["fundPaidYuan", "visits"]));
    // another county's reporter may not write 鄂温克's figures
    const forbidden = await gql(stack.gateway.url, REPORT, { input }, outsider);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const first = await gql<{
      reportOutpatientPooling: { changed: boolean; report: { fundPaidYuan: string } };
    }>(stack.gateway.url, REPORT, { input }, reporter);
    expect(first.errors).toBeUndefined();
    expect(first.data?.reportOutpatientPooling).toMatchObject({
      changed: true,
      report: { fundPaidYuan: "5000000.00" },
    });
    const again = await gql<{ reportOutpatientPooling: { changed: boolean } }>(
      stack.gateway.url,
      REPORT,
      { input },
      reporter,
    );
    expect(again.data?.reportOutpatientPooling.changed).toBe(false);
    const k = await fundKpis("150724", "2024Q4", "2024Q4");
    expect(fixed(k.get("fund.outpatient_fund_pay_ratio"))).toBe("50.00");
    const audit = await gql<{ fundAudit: { action: string; entityKey: string; newValue: string }[] }>(
      stack.gateway.url,
      `query { fundAudit(regionCode: "150724", quarter: "2024Q4") { action entityKey newValue } }`,
      {},
      reporter,
    );
    expect(audit.data?.fundAudit[0]).toMatchObject({
      action: "reportOutpatientPooling",
      entityKey: "outpatient-pooling:150724:2024Q4",
    });
    expect(JSON.parse(audit.data?.fundAudit[0]?.newValue ?? "{}").fundPaidFen).toBe("500000000");
  });

  it("imports fund income and expenditure from a CSV with Chinese headers; a bad row writes nothing", async () => {
    const header = "行政区划代码,季度,险种,基金收入（元）,基金支出（元）,累计结余（元）";
    const good = `${header}\n150724,2024Q3,职工,12000000.00,11000000.00,60000000.00\n150724,2024Q3,居民,8000000.00,9000000.00,30000000.00\n`;
    const badCsv = `${header}\n150724,2024Q2,职工,1.234,1,1\n`;
    const refused = await uploadCsv(stack.gateway.url, "fund-balance", badCsv, reporter);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.errors[0]?.line).toBe(2);
    const outside = await uploadCsv(stack.gateway.url, "fund-balance", good, outsider);
    expect(outside.body.ok).toBe(false);
    const res = await uploadCsv(stack.gateway.url, "fund-balance", good, reporter);
    expect(res.body).toMatchObject({ ok: true, rows: 2 });
    const k = await fundKpis("150724", "2024Q3", "2024Q3");
    // (20,000,000 − 20,000,000) / 20,000,000; the resident scheme alone runs a deficit
    expect(fixed(k.get("fund.balance_rate"))).toBe("0.00");
    expect(fixed(k.get("fund.balance_rate.resident"))).toBe("-12.50");
    expect(k.get("fund.balance_rate.resident")?.total.status).toBe("MISSED");
    // 90,000,000 / (20,000,000 / 3) = 13.5 months: above the band
    expect(fixed(k.get("fund.reserve_months"), 1)).toBe("13.5");
    expect(k.get("fund.reserve_months")?.total.status).toBe("MISSED");
  });
});
