// Issue 7 for procurement, through the gateway on PGlite and on PostgreSQL: CSV import of purchases
// and VBP progress (GB18030 with Chinese headers, every bad row reported, nothing written, idempotent
// re-import, institutions checked with supervision in batches), approved county-quarters locked for
// imports and mutations, the audit with its source, completeness; and the acceptance test: a
// 100,000-row purchases file through the CLI with progress, then the same file with one bad row.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { enrollmentModule } from "@hsa/enrollment";
import { procurementModule } from "@hsa/procurement";
import { isInSubtree, reportingUnits } from "@hsa/regions";
import { supervisionModule } from "@hsa/supervision";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const Q = "2026Q3"; // after the demo range and outside the 100k file's quarters; over by 2026-11-23
const COLS_EN = "institutionId,institutionName,quarter,category,totalYuan,networkYuan,reportedOffNetworkYuan";
const COLS_ZH = "机构编码,机构名称,季度,采购类别,采购总金额（元）,网采金额（元）,报备网外采购金额（元）";
const VBP_COLS = "institutionId,productId,quarter,purchasedVolume";

const upload = uploadCsv;

/** Runs `npm run import`'s script as a child process (async: the stack runs in this process). */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const PURCHASES = /* GraphQL */ `
  query P($id: ID!, $from: Quarter!, $to: Quarter!) {
    institution(id: $id) { purchases(from: $from, to: $to) { quarter category totalYuan networkYuan reportedOffNetworkYuan } }
  }`;
const AUDIT = /* GraphQL */ `
  query A($id: ID!, $q: Quarter) {
    procurementAudit(institutionId: $id, quarter: $q) { action actorSub entityKey source oldValue newValue }
  }`;
const KPIS = /* GraphQL */ `
  query K($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      procurementKpis(from: $from, to: $to, metrics: $metrics) { metric { id } total { numerator denominator value } }
    }
  }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitProcurementReport(regionCode: $c, quarter: $q) { status hasData } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approveProcurementReport(regionCode: $c, quarter: $q) { status } }`;
const REOPEN = /* GraphQL */ `mutation R($c: ID!, $q: Quarter!, $r: String!) { reopenProcurementReport(regionCode: $c, quarter: $q, reason: $r) { status } }`;
const REPORT = /* GraphQL */ `mutation M($input: ReportPurchasesInput!) { reportPurchases(input: $input) { changed } }`;
const REPORT_VBP = /* GraphQL */ `mutation V($input: ReportVbpProgressInput!) { reportVbpProgress(input: $input) { changed } }`;

const codesOf = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  (r.errors ?? []).map((e) => e.extensions?.code);

interface Kpis {
  region: {
    procurementKpis: {
      metric: { id: string };
      total: { numerator: number; denominator: number | null; value: number | null };
    }[];
  };
}

async function count(stack: Stack, table: "purchase" | "audit_event"): Promise<number> {
  const res = await stack.handles.procurement?.db.execute(
    `select count(*)::int as n from procurement.${table}`,
  );
  const rows = (Array.isArray(res) ? res : (res as unknown as { rows: { n: number }[] }).rows) as {
    n: number;
  }[];
  return Number(rows[0]?.n);
}

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("procurement CSV import and reporting workflow through the gateway on %s", (kind) => {
  let stack: Stack;
  let base: string;
  let reporter: string; // 150724 鄂温克族自治旗
  let cityReporter: string; // 呼伦贝尔市
  let provinceReporter: string; // 内蒙古
  let approver: string; // 呼伦贝尔市
  let viewer: string;
  let dir: string;

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule, procurementModule],
      enrollmentScopes: [],
      supervisionScopes: ["150000", "430671"],
      procurementScopes: ["150724"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
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
    provinceReporter = await token({
      sub: "nmg-rep",
      name: "自治区填报员",
      scope: "150000",
      roles: ["viewer", "reporter"],
    });
    approver = await token({
      sub: "hlbr-appr",
      name: "呼伦贝尔市审核员",
      scope: "150700",
      roles: ["viewer", "approver"],
    });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    dir = mkdtempSync(join(tmpdir(), "hsa-procurement-import-"));
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("rejects a file with bad rows as a whole and reports every bad row with line, column and reason", async () => {
    const lines = [
      COLS_EN,
      `150724-H-001,,${Q},DRUG,1000.00,900.00,50.00`, // 2: good
      `150724-H-999,,${Q},DRUG,1000.00,900.00,0`, // 3: unknown institution
      `430671-H-001,,${Q},DRUG,1000.00,900.00,0`, // 4: a real institution outside the scope 150700
      `150724-H-002,,${Q},DRUG,100.00,90.00,20.00`, // 5: network + reported > total
      `150724-H-003,,${Q},中药饮片,100.00,90.00,0`, // 6: unknown category
      `150724-H-001,,${Q},药品,1000.00,900.00,50.00`, // 7: the same record as line 2
      `150724-H-004,,${Q},可单独收费医用耗材,100.00,90.00,`, // 8: good
    ];
    const r = await upload(base, "purchases", lines.join("\n"), cityReporter);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ ok: false, rows: 7, inserted: 0, importId: null });
    const byLine = new Map(r.body.errors.map((e) => [e.line, e]));
    expect([...byLine.keys()].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(byLine.get(3)).toMatchObject({ column: "机构编码", value: "150724-H-999" });
    expect(byLine.get(3)?.reason).toMatch(/unknown institution/);
    expect(byLine.get(4)?.reason).toMatch(/scope|权限/);
    expect(byLine.get(5)?.column).toBe("网采金额（元）");
    expect(byLine.get(5)?.reason).toMatch(/exceed the total/);
    expect(byLine.get(6)?.column).toBe("采购类别");
    expect(byLine.get(7)?.reason).toMatch(/line 2/);
    // nothing written, not even the good rows
    for (const id of ["150724-H-001", "150724-H-004"]) {
      const read = await gql<{ institution: { purchases: unknown[] } }>(
        base,
        PURCHASES,
        { id, from: Q, to: Q },
        viewer,
      );
      expect(read.errors).toBeUndefined();
      expect(read.data?.institution.purchases).toEqual([]);
    }
  });

  it("imports a GB18030 file with Chinese headers; the same file again changes nothing; audited with its source", async () => {
    const text = [
      COLS_ZH,
      `150724-H-001,鄂温克族自治旗人民医院,${Q},药品,"8,748,900.00",8143100.00,353800.00`,
      `150724-H-001,鄂温克族自治旗人民医院,${Q},可单独收费医用耗材,2980300,2725900,0`,
      `150724-H-001,鄂温克族自治旗人民医院,${Q},不可单独收费医用耗材,1985700.00,1142900.00,`,
    ].join("\r\n");
    const bytes = iconv.encode(text, "gb18030");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const first = await upload(base, "purchases", bytes, reporter, "鄂温克-采购.csv");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      ok: true,
      rows: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      encoding: "gb18030",
    });
    const again = await upload(base, "purchases", bytes, reporter);
    expect(again.body).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 3, importId: null });

    const read = await gql<{
      institution: {
        purchases: {
          category: string;
          totalYuan: string;
          networkYuan: string;
          reportedOffNetworkYuan: string;
        }[];
      };
    }>(base, PURCHASES, { id: "150724-H-001", from: Q, to: Q }, viewer);
    expect(read.data?.institution.purchases.find((p) => p.category === "DRUG")).toMatchObject({
      totalYuan: "8748900.00",
      networkYuan: "8143100.00",
      reportedOffNetworkYuan: "353800.00",
    });
    const kpis = await gql<Kpis>(
      base,
      KPIS,
      { code: "150724", from: Q, to: Q, metrics: ["procurement.network_rate.drug"] },
      viewer,
    );
    expect(kpis.data?.region.procurementKpis[0]?.total.value?.toFixed(2)).toBe("97.12");

    const audit = await gql<{
      procurementAudit: {
        action: string;
        actorSub: string;
        entityKey: string;
        source: string;
        oldValue: string | null;
      }[];
    }>(base, AUDIT, { id: "150724-H-001", q: Q }, viewer);
    expect(audit.errors).toBeUndefined();
    expect(audit.data?.procurementAudit).toHaveLength(3);
    for (const e of audit.data?.procurementAudit ?? []) {
      expect(e).toMatchObject({ action: "importPurchases", actorSub: "ewenki", oldValue: null });
      expect(e.source).toBe(`import ${first.body.importId} (鄂温克-采购.csv)`);
    }
    // the audit of another county's institution is forbidden to the county reporter
    expect(codesOf(await gql(base, AUDIT, { id: "150702-H-001" }, reporter))).toEqual(["FORBIDDEN"]);
  });

  it("imports VBP progress: the product must exist and be agreed for the institution and quarter", async () => {
    const agreed = stack.procurement.agreements.find(
      (a) => a.institutionId === "150724-H-001" && a.startDate <= "2023-04-01" && a.endDate >= "2023-06-30",
    );
    expect(agreed).toBeDefined();
    const product = agreed?.productId as string;
    const stored = stack.procurement.progress.find(
      (p) => p.institutionId === "150724-H-001" && p.productId === product && p.quarter === "2023Q2",
    );
    const bad = [
      VBP_COLS,
      `150724-H-001,${product},2023Q2,12`,
      "150724-H-001,no-such-product,2023Q2,5",
      `150724-H-001,${product},2021Q1,5`,
    ].join("\n");
    const r = await upload(base, "vbp-progress", bad, reporter);
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "集采产品编码"],
      [4, "集采产品编码"],
    ]);
    expect(r.body.errors[0]?.reason).toMatch(/unknown VBP product/);
    expect(r.body.errors[1]?.reason).toMatch(/no agreement in force/);

    const volume = (stored?.purchasedVolume ?? 0) + 7;
    const good = `${["机构编码", "集采产品编码", "季度", "采购量"].join(",")}\n150724-H-001,${product},2023Q2,${volume}\n`;
    const ok = await upload(base, "vbp-progress", good, reporter, "vbp.csv");
    expect(ok.body).toMatchObject({ ok: true, rows: 1, [stored ? "updated" : "inserted"]: 1 });
    const again = await upload(base, "vbp-progress", good, reporter, "vbp.csv");
    expect(again.body).toMatchObject({ ok: true, unchanged: 1, importId: null });
    const audit = await gql<{
      procurementAudit: { action: string; source: string; oldValue: string | null; newValue: string }[];
    }>(base, AUDIT, { id: "150724-H-001", q: "2023Q2" }, viewer);
    const entry = audit.data?.procurementAudit[0];
    expect(entry).toMatchObject({
      action: "importVbpProgress",
      source: `import ${ok.body.importId} (vbp.csv)`,
    });
    expect(JSON.parse(entry?.newValue ?? "{}")).toEqual({ purchasedVolume: volume });
    if (stored)
      expect(JSON.parse(entry?.oldValue ?? "{}")).toEqual({ purchasedVolume: stored.purchasedVolume });
  });

  it("locks an approved county-quarter against imports and mutations; completeness counts it", async () => {
    // a mutation before approval is audited with its source
    const input = {
      institutionId: "150724-H-002",
      quarter: Q,
      items: [
        { category: "DRUG", totalYuan: "100.00", networkYuan: "90.00", reportedOffNetworkYuan: "5.00" },
      ],
    };
    const m = await gql<{ reportPurchases: { changed: number } }>(base, REPORT, { input }, reporter);
    expect(m.errors).toBeUndefined();
    expect(m.data?.reportPurchases.changed).toBe(1);
    const audit = await gql<{ procurementAudit: { action: string; source: string }[] }>(
      base,
      AUDIT,
      { id: "150724-H-002", q: Q },
      viewer,
    );
    expect(audit.data?.procurementAudit).toEqual([
      expect.objectContaining({
        action: "reportPurchases",
        source: "mutation reportPurchases",
        oldValue: null,
      }),
    ]);

    expect(codesOf(await gql(base, SUBMIT, { c: "150781", q: Q }, cityReporter))).toEqual(["BAD_USER_INPUT"]); // nothing reported
    const submitted = await gql<{ submitProcurementReport: { status: string; hasData: boolean } }>(
      base,
      SUBMIT,
      { c: "150724", q: Q },
      reporter,
    );
    expect(submitted.data?.submitProcurementReport).toEqual({ status: "SUBMITTED", hasData: true });
    expect(codesOf(await gql(base, APPROVE, { c: "150724", q: Q }, reporter))).toEqual(["FORBIDDEN"]);
    const approved = await gql<{ approveProcurementReport: { status: string } }>(
      base,
      APPROVE,
      { c: "150724", q: Q },
      approver,
    );
    expect(approved.data?.approveProcurementReport.status).toBe("APPROVED");

    const kpis = await gql<Kpis>(
      base,
      KPIS,
      { code: "150700", from: Q, to: Q, metrics: ["procurement.reporting_completeness"] },
      viewer,
    );
    expect(kpis.errors).toBeUndefined();
    expect(kpis.data?.region.procurementKpis[0]?.total).toMatchObject({
      numerator: 1,
      denominator: reportingUnits("150700").length,
    });

    // import and mutations are refused with a clear error; nothing changes
    const reimport = await upload(
      base,
      "purchases",
      [COLS_EN, `150724-H-002,,${Q},DRUG,100.00,80.00,0`].join("\n"),
      reporter,
    );
    expect(reimport.status).toBe(422);
    expect(reimport.body.errors[0]?.reason).toMatch(/已审核|approved/);
    const change = await gql(
      base,
      REPORT,
      { input: { ...input, items: [{ ...input.items[0], networkYuan: "80.00" }] } },
      reporter,
    );
    expect(codesOf(change)).toEqual(["FORBIDDEN"]);
    expect(change.errors?.[0]?.message).toMatch(/已审核|approved/);
    const read = await gql<{ institution: { purchases: { networkYuan: string }[] } }>(
      base,
      PURCHASES,
      { id: "150724-H-002", from: Q, to: Q },
      viewer,
    );
    expect(read.data?.institution.purchases).toEqual([expect.objectContaining({ networkYuan: "90.00" })]);

    // VBP progress of an approved quarter (the demo's 2023Q2 of 150724) is locked too
    const agreed = stack.procurement.agreements.find(
      (a) => a.institutionId === "150724-H-003" && a.startDate <= "2023-04-01" && a.endDate >= "2023-06-30",
    );
    expect(agreed).toBeDefined();
    expect((await gql(base, SUBMIT, { c: "150724", q: "2023Q2" }, reporter)).errors).toBeUndefined();
    expect((await gql(base, APPROVE, { c: "150724", q: "2023Q2" }, approver)).errors).toBeUndefined();
    const vbp = await gql(
      base,
      REPORT_VBP,
      {
        input: {
          institutionId: "150724-H-003",
          productId: agreed?.productId,
          quarter: "2023Q2",
          purchasedVolume: 1,
        },
      },
      reporter,
    );
    expect(codesOf(vbp)).toEqual(["FORBIDDEN"]);
    const vbpImport = await upload(
      base,
      "vbp-progress",
      `${VBP_COLS}\n150724-H-003,${agreed?.productId},2023Q2,1\n`,
      reporter,
    );
    expect(vbpImport.status).toBe(422);
    expect(vbpImport.body.errors[0]?.reason).toMatch(/已审核|approved/);

    // reopened with a reason, the import goes through
    expect(
      (await gql(base, REOPEN, { c: "150724", q: Q, r: "网采金额有误，请核实" }, approver)).errors,
    ).toBeUndefined();
    const fixed = await upload(
      base,
      "purchases",
      [COLS_EN, `150724-H-002,,${Q},DRUG,100.00,80.00,0`].join("\n"),
      reporter,
    );
    expect(fixed.body).toMatchObject({ ok: true, updated: 1 });
  });

  it("still reproduces 鄂温克族自治旗 2023Q1: 97.12 / 91.46 / 57.56", async () => {
    const r = await gql<Kpis>(
      base,
      KPIS,
      {
        code: "150724",
        from: "2023Q1",
        to: "2023Q1",
        metrics: [
          "procurement.network_rate.drug",
          "procurement.network_rate.consumable_separate",
          "procurement.network_rate.consumable_non_separate",
        ],
      },
      viewer,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.region.procurementKpis.map((s) => s.total.value?.toFixed(2))).toEqual([
      "97.12",
      "91.46",
      "57.56",
    ]);
  });

  it("acceptance: a 100,000-row purchases CSV imports through the CLI with progress; the same file with one bad row in the middle writes nothing", async () => {
    const institutions = stack.supervision.institutions
      .filter((i) => isInSubtree(i.regionCode, "150000"))
      .map((i) => i.id);
    const quarters = ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2"];
    const categories = ["药品", "可单独收费医用耗材", "不可单独收费医用耗材"];
    const N = 100_000;
    expect(institutions.length * quarters.length * categories.length).toBeGreaterThanOrEqual(N);
    const lines: string[] = [COLS_ZH];
    outer: for (const q of quarters) {
      for (const [k, id] of institutions.entries()) {
        for (const [c, category] of categories.entries()) {
          const total = 100_000 + ((k * 7 + c * 13) % 900_000);
          lines.push(
            `${id},,${q},${category},${total}.50,${Math.floor(total * 0.9)}.25,${Math.floor(total * 0.05)}`,
          );
          if (lines.length > N) break outer;
        }
      }
    }
    const file = join(dir, "purchases-100k.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const bearer = provinceReporter;
    const before = { purchases: await count(stack, "purchase"), audit: await count(stack, "audit_event") };

    const started = Date.now();
    const ok = await runCli(["purchases", file, "--url", base, "--token", bearer]);
    const seconds = (Date.now() - started) / 1000;
    expect(ok.stderr).toMatch(/写入 write/);
    expect(
      ok.stderr.split("\n").filter((l) => /^(解析 parse|校验 validate|写入 write)/.test(l)).length,
    ).toBeGreaterThanOrEqual(5);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/100,000 rows \(utf-8\) — 100000 new, 0 changed, 0 unchanged; import id/);
    // Tests never assert wall-clock times (a busy CI machine): the figure is printed for the README
    // (≈11 s on PGlite and ≈5 s on PostgreSQL on the 2-core machine when idle).
    console.log(`100,000-row purchases import: ${seconds.toFixed(1)} s`);
    const afterImport = {
      purchases: await count(stack, "purchase"),
      audit: await count(stack, "audit_event"),
    };
    expect(afterImport).toEqual({ purchases: before.purchases + N, audit: before.audit + N });

    // the same file with one bad row in the middle (network + reported > total)
    const middle = N / 2 + 1; // the line number in the file (1 is the header)
    const parts = (lines[middle - 1] as string).split(",");
    parts[5] = "99999999.00";
    const badLines = [...lines];
    badLines[middle - 1] = parts.join(",");
    const badFile = join(dir, "purchases-100k-bad.csv");
    writeFileSync(badFile, `${badLines.join("\n")}\n`);
    const bad = await runCli(["purchases", badFile, "--url", base, "--token", bearer]);
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stderr).toMatch(/1 problem\(s\) in 100,000 rows — nothing was written/);
    expect(bad.stderr).toContain(`line ${middle}, 网采金额（元）`);
    expect({ purchases: await count(stack, "purchase"), audit: await count(stack, "audit_event") }).toEqual(
      afterImport,
    );
  }, 240_000);
});
