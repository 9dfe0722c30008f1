// The reporting workflow of issue 7 through the gateway, on PGlite and on PostgreSQL: CSV import
// (UTF-8 with/without BOM, GB18030 with Chinese headers), all-or-nothing validation with every
// bad row reported, idempotent re-import, submit → approve → reopen with roles and scopes,
// approved figures locked, history and audit with their source, completeness rising.
import { enrollmentModule } from "@hsa/enrollment";
import { reportingUnits } from "@hsa/regions";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const Q = "2025Q1"; // after the demo range: nothing reported yet
const COLS_EN =
  "regionCode,regionName,quarter,insuredEmployee,insuredResident,registeredPopulation,evoucherActivated,settlementsTotal,settlementsEvoucher,remoteRegistrations,remoteHospitalisations,subsidisedPersons,subsidyAmountYuan";
const COLS_ZH =
  "行政区划代码,行政区划名称,季度,职工医保参保人数,居民医保参保人数,户籍人口,医保电子凭证激活人数,结算笔数,医保电子凭证结算笔数,异地就医备案人次,统筹区外住院人次,资助参保人数,资助参保金额（元）";

function row(code: string, quarter: string, n = 0, evoucherSettlements = 21_000): string {
  return [
    code,
    "",
    quarter,
    41_200 + n,
    98_700,
    146_000,
    88_100,
    70_000,
    evoucherSettlements,
    1_650,
    1_700,
    8_102,
    "908900.50",
  ].join(",");
}

const upload = uploadCsv;

const STATE = /* GraphQL */ `
  query States($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) { enrollmentReportStates(from: $from, to: $to) { regionCode quarter status hasData onTime reopenReason } }
  }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitEnrollmentReport(regionCode: $c, quarter: $q) { status submittedBy onTime } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approveEnrollmentReport(regionCode: $c, quarter: $q) { status approvedBy } }`;
const REOPEN = /* GraphQL */ `mutation R($c: ID!, $q: Quarter!, $r: String!) { reopenEnrollmentReport(regionCode: $c, quarter: $q, reason: $r) { status reopenReason } }`;
const HISTORY = /* GraphQL */ `
  query H($c: ID!, $q: Quarter!) {
    enrollmentReportHistory(regionCode: $c, quarter: $q) { action fromStatus toStatus actorName reason }
    enrollmentAudit(regionCode: $c, quarter: $q) { action actorSub source oldValue newValue }
  }`;
const READ = /* GraphQL */ `query R($c: ID!, $q: Quarter!) { enrollmentReport(regionCode: $c, quarter: $q) { insuredEmployee subsidyAmountYuan } }`;
const COMPLETENESS = /* GraphQL */ `
  query C($code: ID!, $q: Quarter!) {
    region(code: $code) {
      enrollmentKpis(from: $q, to: $q, metrics: ["enrollment.reporting_completeness", "enrollment.reporting_timeliness"]) {
        metric { id } total { numerator denominator value }
      }
    }
  }`;
const REPORT = /* GraphQL */ `
  mutation M($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`;

const codesOf = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  (r.errors ?? []).map((e) => e.extensions?.code);

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("reporting workflow (enrollment) through the gateway on %s", (kind) => {
  let stack: Stack;
  let base: string;
  let reporter: string; // county 150724 鄂温克族自治旗
  let cityReporter: string; // 呼伦贝尔市, reporter only
  let approver: string; // 呼伦贝尔市 approver
  let foreignApprover: string; // 岳阳市 approver
  let viewer: string;
  const counties = reportingUnits("150700").map((r) => r.code);

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule],
      enrollmentScopes: [],
    });
    base = stack.gateway.url;
    reporter = await token({
      sub: "ewenki",
      name: "鄂温克旗填报员",
      scope: "150724",
      roles: ["viewer", "reporter"],
    });
    cityReporter = await token({
      sub: "hlbr-rep",
      name: "市填报员",
      scope: "150700",
      roles: ["viewer", "reporter"],
    });
    approver = await token({
      sub: "hlbr-appr",
      name: "呼伦贝尔市审核员",
      scope: "150700",
      roles: ["viewer", "approver"],
    });
    foreignApprover = await token({
      sub: "yy-appr",
      name: "岳阳市审核员",
      scope: "430600",
      roles: ["viewer", "approver"],
    });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("rejects a file with bad rows as a whole and reports every bad row with line, column and reason", async () => {
    const lines = [
      COLS_EN,
      row("150702", Q),
      row("150703", Q, 0, 99_999),
      row("430671", Q),
      row("150783", "2025Q5"),
      row("150784", Q),
      row("431121", Q), // 祁阳县: a retired code (issue 15), refused naming its successor 祁阳市
    ];
    const r = await upload(base, "enrollment", lines.join("\n"), cityReporter);
    expect(r.status).toBe(422);
    expect(r.body.ok).toBe(false);
    expect(r.body.rows).toBe(6);
    const byLine = new Map(r.body.errors.map((e) => [e.line, e]));
    expect([...byLine.keys()].sort()).toEqual([3, 4, 5, 7]);
    expect(byLine.get(7)?.column).toBe("行政区划代码");
    expect(byLine.get(7)?.reason).toMatch(/431181 祁阳市/);
    expect(byLine.get(3)?.column).toBe("医保电子凭证结算笔数");
    expect(byLine.get(4)?.column).toBe("行政区划代码");
    expect(byLine.get(4)?.reason).toMatch(/scope|权限/);
    expect(byLine.get(5)?.column).toBe("季度");
    // nothing written, not even the good rows
    const read = await gql<{ enrollmentReport: unknown }>(base, READ, { c: "150702", q: Q }, viewer);
    expect(read.data?.enrollmentReport).toBeNull();
  });

  it("imports a UTF-8 file with BOM, then the same file again changes nothing", async () => {
    const csv = `\uFEFF${[COLS_EN, ...counties.slice(0, 5).map((c) => row(c, Q))].join("\r\n")}\r\n`;
    const first = await upload(base, "enrollment", csv, cityReporter, "呼伦贝尔-2025Q1.csv");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      ok: true,
      rows: 5,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      encoding: "utf-8-bom",
    });
    expect(first.body.importId).toMatch(/^[0-9a-f-]{36}$/);
    const again = await upload(base, "enrollment", csv, cityReporter);
    expect(again.body).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 5, importId: null });
    const audit = await gql<{ enrollmentAudit: { source: string }[] }>(
      base,
      HISTORY,
      { c: counties[0], q: Q },
      viewer,
    );
    expect(audit.data?.enrollmentAudit).toHaveLength(1);
    expect(audit.data?.enrollmentAudit[0]?.source).toBe(
      `import ${first.body.importId} (呼伦贝尔-2025Q1.csv)`,
    );
  });

  it("imports a GB18030 file with Chinese headers (as Excel on Chinese Windows saves it)", async () => {
    const text = [COLS_ZH, row("150724", Q).replace(",,", ",鄂温克族自治旗,")].join("\r\n");
    const bytes = iconv.encode(text, "gb18030");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const r = await upload(base, "enrollment", bytes, reporter);
    expect(r.body).toMatchObject({ ok: true, inserted: 1, encoding: "gb18030" });
    const read = await gql<{ enrollmentReport: { insuredEmployee: number; subsidyAmountYuan: string } }>(
      base,
      READ,
      { c: "150724", q: Q },
      viewer,
    );
    expect(read.data?.enrollmentReport).toEqual({ insuredEmployee: 41_200, subsidyAmountYuan: "908900.50" });
  });

  it("submit → approve → reopen: roles, scopes, locked approved data, history; completeness rises", async () => {
    const before = await gql<{
      region: {
        enrollmentKpis: { metric: { id: string }; total: { numerator: number; denominator: number } }[];
      };
    }>(base, COMPLETENESS, { code: "150700", q: Q }, viewer);
    const completeness = () =>
      before.data?.region.enrollmentKpis.find((s) => s.metric.id === "enrollment.reporting_completeness");
    expect(completeness()?.total).toMatchObject({ numerator: 0, denominator: counties.length });

    // nothing entered yet → cannot submit
    const empty = await gql(base, SUBMIT, { c: "150781", q: Q }, cityReporter);
    expect(codesOf(empty)).toEqual(["BAD_USER_INPUT"]);

    const submitted = await gql<{ submitEnrollmentReport: { status: string; onTime: boolean } }>(
      base,
      SUBMIT,
      { c: "150724", q: Q },
      reporter,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitEnrollmentReport.status).toBe("SUBMITTED");
    expect(submitted.data?.submitEnrollmentReport.onTime).toBe(false); // 2025Q1 was due in April 2025

    // a county reporter cannot approve; a city approver of 430600 cannot approve 150724
    expect(codesOf(await gql(base, APPROVE, { c: "150724", q: Q }, reporter))).toEqual(["FORBIDDEN"]);
    expect(codesOf(await gql(base, APPROVE, { c: "150724", q: Q }, foreignApprover))).toEqual(["FORBIDDEN"]);
    // and the 150700 approver cannot approve 430671 either
    expect(codesOf(await gql(base, APPROVE, { c: "430671", q: Q }, approver))).toEqual(["FORBIDDEN"]);

    const approved = await gql<{ approveEnrollmentReport: { status: string; approvedBy: string } }>(
      base,
      APPROVE,
      { c: "150724", q: Q },
      approver,
    );
    expect(approved.data?.approveEnrollmentReport).toEqual({
      status: "APPROVED",
      approvedBy: "呼伦贝尔市审核员",
    });

    const after = await gql<{
      region: {
        enrollmentKpis: { metric: { id: string }; total: { numerator: number; denominator: number } }[];
      };
    }>(base, COMPLETENESS, { code: "150700", q: Q }, viewer);
    const total = after.data?.region.enrollmentKpis.find(
      (s) => s.metric.id === "enrollment.reporting_completeness",
    )?.total;
    expect(total).toMatchObject({ numerator: 1, denominator: counties.length });
    const timely = after.data?.region.enrollmentKpis.find(
      (s) => s.metric.id === "enrollment.reporting_timeliness",
    )?.total;
    expect(timely?.numerator).toBe(0);

    // approved figures reject changes by mutation and by import, with a clear error; nothing changes
    const change = await gql(
      base,
      REPORT,
      {
        input: {
          regionCode: "150724",
          quarter: Q,
          insuredEmployee: 1,
          insuredResident: 98_700,
          registeredPopulation: 146_000,
          evoucherActivated: 88_100,
          settlementsTotal: 70_000,
          settlementsEvoucher: 21_000,
          remoteRegistrations: 1_650,
          remoteHospitalisations: 1_700,
          subsidisedPersons: 8_102,
          subsidyAmountYuan: "1.00",
        },
      },
      reporter,
    );
    expect(codesOf(change)).toEqual(["FORBIDDEN"]);
    expect(change.errors?.[0]?.message).toMatch(/已审核|approved/);
    const reimport = await upload(base, "enrollment", [COLS_EN, row("150724", Q, 5)].join("\n"), reporter);
    expect(reimport.status).toBe(422);
    expect(reimport.body.errors[0]?.reason).toMatch(/已审核|approved/);
    const read = await gql<{ enrollmentReport: { insuredEmployee: number } }>(
      base,
      READ,
      { c: "150724", q: Q },
      viewer,
    );
    expect(read.data?.enrollmentReport.insuredEmployee).toBe(41_200);

    // reopen needs an approver and a reason
    expect(codesOf(await gql(base, REOPEN, { c: "150724", q: Q, r: "  " }, approver))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codesOf(await gql(base, REOPEN, { c: "150724", q: Q, r: "参保人数有误" }, reporter))).toEqual([
      "FORBIDDEN",
    ]);
    const reopened = await gql<{ reopenEnrollmentReport: { status: string; reopenReason: string } }>(
      base,
      REOPEN,
      { c: "150724", q: Q, r: "职工参保人数与税务数据不符，请核实" },
      approver,
    );
    expect(reopened.data?.reopenEnrollmentReport).toEqual({
      status: "DRAFT",
      reopenReason: "职工参保人数与税务数据不符，请核实",
    });
    const fixed = await upload(
      base,
      "enrollment",
      [COLS_EN, row("150724", Q, 5)].join("\n"),
      reporter,
      "fix.csv",
    );
    expect(fixed.body).toMatchObject({ ok: true, updated: 1 });

    const h = await gql<{
      enrollmentReportHistory: {
        action: string;
        fromStatus: string;
        toStatus: string;
        actorName: string;
        reason: string | null;
      }[];
      enrollmentAudit: { action: string; source: string; oldValue: string | null; newValue: string }[];
    }>(base, HISTORY, { c: "150724", q: Q }, viewer);
    expect(
      h.data?.enrollmentReportHistory.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorName]),
    ).toEqual([
      ["SUBMIT", "DRAFT", "SUBMITTED", "鄂温克旗填报员"],
      ["APPROVE", "SUBMITTED", "APPROVED", "呼伦贝尔市审核员"],
      ["REOPEN", "APPROVED", "DRAFT", "呼伦贝尔市审核员"],
    ]);
    expect(h.data?.enrollmentReportHistory[2]?.reason).toBe("职工参保人数与税务数据不符，请核实");
    const audit = h.data?.enrollmentAudit ?? [];
    expect(audit).toHaveLength(2); // newest first: the fix, then the GB18030 import
    expect(audit[0]?.source).toMatch(/^import .+ \(fix\.csv\)$/);
    expect(JSON.parse(audit[0]?.oldValue ?? "{}").insuredEmployee).toBe(41_200);
    expect(JSON.parse(audit[0]?.newValue ?? "{}").insuredEmployee).toBe(41_205);

    const states = await gql<{
      region: { enrollmentReportStates: { regionCode: string; status: string; hasData: boolean }[] };
    }>(base, STATE, { code: "150700", from: Q, to: Q }, approver);
    const list = states.data?.region.enrollmentReportStates ?? [];
    expect(list.map((s) => s.regionCode)).toEqual(counties);
    expect(list.find((s) => s.regionCode === "150724")).toMatchObject({ status: "DRAFT", hasData: true });
    // a foreign approver cannot list 150700's states
    expect(codesOf(await gql(base, STATE, { code: "150700", from: Q, to: Q }, foreignApprover))).toEqual([
      "FORBIDDEN",
    ]);
  });

  it("accepts a multipart form upload (curl -F, an HTML form) and a dry run writes nothing", async () => {
    const form = new FormData();
    form.append(
      "file",
      new Blob([[COLS_EN, row("150785", Q)].join("\n")], { type: "text/csv" }),
      "扎兰屯.csv",
    );
    const res = await fetch(new URL("/import/enrollment?dryRun=1", base), {
      method: "POST",
      headers: { authorization: `Bearer ${cityReporter}` },
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      dryRun: true,
      rows: 1,
      inserted: 0,
      fileName: "扎兰屯.csv",
    });
    const read = await gql<{ enrollmentReport: unknown }>(base, READ, { c: "150785", q: Q }, viewer);
    expect(read.data?.enrollmentReport).toBeNull();
  });

  it("streams progress lines before the result when asked for NDJSON", async () => {
    const rows = counties.slice(6, 10).map((c) => row(c, Q));
    const res = await fetch(new URL("/import/enrollment", base), {
      method: "POST",
      headers: {
        authorization: `Bearer ${cityReporter}`,
        accept: "application/x-ndjson",
        "content-type": "text/csv",
      },
      body: [COLS_EN, ...rows].join("\n"),
    });
    expect(res.headers.get("content-type")).toMatch(/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; phase?: string });
    expect(lines.at(-1)).toMatchObject({ type: "result", ok: true, inserted: 4 });
    expect(new Set(lines.filter((l) => l.type === "progress").map((l) => l.phase))).toEqual(
      new Set(["upload", "parse", "validate", "write"]),
    );
  });

  it("separation of duties: the token subject that submitted a report cannot approve it", async () => {
    // One person at the city holding both roles: may report and submit for a county, not approve it.
    const both = await token({
      sub: "hlbr-both",
      name: "市填报审核员",
      scope: "150700",
      roles: ["viewer", "reporter", "approver"],
    });
    const q = "2025Q2";
    const imported = await upload(base, "enrollment", [COLS_EN, row("150783", q)].join("\n"), both);
    expect(imported.status).toBe(200);
    const submitted = await gql<{ submitEnrollmentReport: { status: string; submittedBy: string } }>(
      base,
      SUBMIT,
      { c: "150783", q },
      both,
    );
    expect(submitted.data?.submitEnrollmentReport).toMatchObject({
      status: "SUBMITTED",
      submittedBy: "市填报审核员",
    });
    const self = await gql(base, APPROVE, { c: "150783", q }, both);
    expect(codesOf(self)).toEqual(["FORBIDDEN"]);
    expect(self.errors?.[0]?.message).toMatch(/提交人不能审核/);
    // The same display name under another subject is another person: the subject decides.
    const sameName = await token({
      sub: "hlbr-both",
      name: "另一个名字",
      scope: "150700",
      roles: ["approver"],
    });
    expect(codesOf(await gql(base, APPROVE, { c: "150783", q }, sameName))).toEqual(["FORBIDDEN"]);
    const history = await gql<{ enrollmentReportHistory: { action: string; actorSub: string }[] }>(
      base,
      `query H($c: ID!, $q: Quarter!) { enrollmentReportHistory(regionCode: $c, quarter: $q) { action actorSub } }`,
      { c: "150783", q },
      viewer,
    );
    expect(history.data?.enrollmentReportHistory).toEqual([{ action: "SUBMIT", actorSub: "hlbr-both" }]);
    const other = await gql<{ approveEnrollmentReport: { status: string; approvedBy: string } }>(
      base,
      APPROVE,
      { c: "150783", q },
      approver,
    );
    expect(other.data?.approveEnrollmentReport).toEqual({
      status: "APPROVED",
      approvedBy: "呼伦贝尔市审核员",
    });
  });

  it("import needs a token, the reporter role and a known kind", async () => {
    expect((await upload(base, "enrollment", COLS_EN, null)).status).toBe(401);
    const r = await upload(base, "enrollment", [COLS_EN, row("150724", Q)].join("\n"), viewer);
    expect(r.status).toBe(403);
    const res = await fetch(new URL("/import/nonsense", base), { method: "POST", body: "x" });
    expect(res.status).toBe(404);
  });
});
