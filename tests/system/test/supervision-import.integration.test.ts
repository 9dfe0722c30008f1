// Issue 7 for the supervision subgraph, through the gateway, on PGlite and on PostgreSQL: the CSV
// import of inspections with their dispositions (one row per disposition, GB18030 with Chinese
// headers), all-or-nothing validation with every bad row reported by line and column, idempotent
// re-import and corrections, the approval workflow locking a county-quarter against import and
// recordInspection, history and audit with their source, completeness and the demo states.
import { enrollmentModule } from "@hsa/enrollment";
import { supervisionModule, tableCounts } from "@hsa/supervision";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const Q = "2025Q3"; // after the demo range: nothing reported yet
const COLS_EN =
  "reference,institutionId,institutionName,regionCode,inspectedOn,kind,findings,dispositionKind,amountYuan,note";
const COLS_ZH =
  "检查编号,机构编码,机构名称,行政区划代码,检查日期,检查类型,检查发现,处理方式,金额（元）,处理说明";

const upload = (
  url: string,
  body: Uint8Array | string,
  bearer: string | null,
  fileName = "inspections.csv",
) => uploadCsv(url, "inspections", body, bearer, fileName);

const KPIS = /* GraphQL */ `
  query K($code: ID!, $q: Quarter!) {
    region(code: $code) {
      supervisionKpis(from: $q, to: $q, metrics: [
        "supervision.recovered_amount", "supervision.penalty_amount", "supervision.inspections",
        "supervision.interviews", "supervision.reporting_completeness", "supervision.reporting_timeliness"
      ]) { metric { id } total { numerator denominator } }
    }
  }`;
const INSPECTIONS = /* GraphQL */ `
  query I($code: ID!, $q: Quarter!) {
    region(code: $code) {
      inspections(from: $q, to: $q, first: 200) {
        totalCount
        edges { node { id requestId inspectedOn kind findings recordedBy institution { id } dispositions { kind amountYuan note } } }
      }
    }
  }`;
const AUDIT = /* GraphQL */ `
  query A($c: ID!, $e: ID) { supervisionAudit(regionCode: $c, entityId: $e) { action actorSub actorName entityId source oldValue newValue } }`;
const STATES = /* GraphQL */ `
  query S($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) { supervisionReportStates(from: $from, to: $to) { regionCode quarter status hasData } }
  }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitSupervisionReport(regionCode: $c, quarter: $q) { status submittedBy } }`;
const APPROVE = /* GraphQL */ `mutation A($c: ID!, $q: Quarter!) { approveSupervisionReport(regionCode: $c, quarter: $q) { status approvedBy } }`;
const REOPEN = /* GraphQL */ `mutation R($c: ID!, $q: Quarter!, $r: String!) { reopenSupervisionReport(regionCode: $c, quarter: $q, reason: $r) { status reopenReason } }`;
const HISTORY = /* GraphQL */ `
  query H($c: ID!, $q: Quarter!) { supervisionReportHistory(regionCode: $c, quarter: $q) { action fromStatus toStatus actorName reason } }`;
const RECORD = /* GraphQL */ `
  mutation M($input: RecordInspectionInput!) { recordInspection(input: $input) { created inspection { id } } }`;

const codesOf = (r: { errors?: { extensions?: { code?: string } }[] }) =>
  (r.errors ?? []).map((e) => e.extensions?.code);
const fen = (yuan: number) => Math.round(yuan * 100);

type Series = { metric: { id: string }; total: { numerator: number; denominator: number | null } };

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)(
  "supervision reporting (inspections import, workflow) through the gateway on %s",
  (kind) => {
    let stack: Stack;
    let base: string;
    let reporter: string; // county 150724 鄂温克族自治旗
    let approver: string; // 呼伦贝尔市 approver
    let viewer: string;
    let demoMarked = 0;

    const counts = () => {
      const db = stack.handles.supervision?.db;
      if (!db) throw new Error("no supervision database");
      return tableCounts(db);
    };
    async function kpis(code = "150724", q = Q): Promise<Map<string, Series["total"]>> {
      const r = await gql<{ region: { supervisionKpis: Series[] } }>(base, KPIS, { code, q }, viewer);
      expect(r.errors).toBeUndefined();
      return new Map((r.data?.region.supervisionKpis ?? []).map((s) => [s.metric.id, s.total]));
    }

    // One inspection with two dispositions, one inspection without any (the GB18030 file).
    const good = [
      '150724-2025-017,150724-H-001,鄂温克族自治旗人民医院,150724,2025-08-12,飞行检查,串换药品、超标准收费,追回违规基金,"123,456.78",追回串换药品费用',
      "150724-2025-017,150724-H-001,鄂温克族自治旗人民医院,,2025-08-12,飞行检查,串换药品、超标准收费,行政处罚,50000.05,",
      "150724-2025-018,150724-H-003,鄂温克族自治旗妇幼保健院,150724,2025-09-01,日常检查,未发现问题,,,",
    ];

    beforeAll(async () => {
      stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
        modules: [enrollmentModule, supervisionModule],
        enrollmentScopes: [],
        supervisionScopes: ["150724", "150702"],
        seed: async (name, handle) => {
          if (name === "supervision")
            demoMarked = (await supervisionModule.loadDemoReports?.(handle.db)) ?? 0;
        },
      });
      base = stack.gateway.url;
      reporter = await token({
        sub: "ewenki",
        name: "鄂温克旗填报员",
        scope: "150724",
        roles: ["viewer", "reporter"],
      });
      approver = await token({
        sub: "hlbr-appr",
        name: "呼伦贝尔市审核员",
        scope: "150700",
        roles: ["viewer", "approver"],
      });
      viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    }, 180_000);
    afterAll(async () => {
      await stack?.stop();
    });

    it("marks the demo county-quarters (inspections) as approved, the last demo quarter as submitted", async () => {
      expect(demoMarked).toBeGreaterThan(0);
      const r = await gql<{
        region: { supervisionReportStates: { quarter: string; status: string; hasData: boolean }[] };
      }>(base, STATES, { code: "150724", from: "2024Q3", to: "2025Q3" }, viewer);
      expect(r.errors).toBeUndefined();
      expect(r.data?.region.supervisionReportStates.map((s) => [s.quarter, s.status, s.hasData])).toEqual([
        ["2024Q3", "APPROVED", true],
        ["2024Q4", "SUBMITTED", true],
        ["2025Q1", "DRAFT", false],
        ["2025Q2", "DRAFT", false],
        ["2025Q3", "DRAFT", false],
      ]);
    });

    it("rejects a file with bad rows as a whole and reports every bad row with line and column", async () => {
      const before = await counts();
      const lines = [
        COLS_EN,
        good[0], // 2: fine
        "R-UNKNOWN,150724-H-999,,,2025-08-12,ROUTINE,x,RECOVERY,10.00,", // 3: unknown institution
        "R-FOREIGN,150702-H-001,,,2025-08-12,ROUTINE,x,RECOVERY,10.00,", // 4: outside the reporter's scope
        "R-KIND,150724-H-001,,,2025-08-12,ROUTINE,x,罚没,10.00,", // 5: no such disposition kind
        "R-NEG,150724-H-001,,,2025-08-12,ROUTINE,x,RECOVERY,-5.00,", // 6: negative amount
        "R-FUTURE,150724-H-001,,,2099-01-05,ROUTINE,x,RECOVERY,10.00,", // 7: in the future
        "150724-2025-017,150724-H-001,,,2025-08-12,ROUTINE,另一段发现,PENALTY,1.00,", // 8: inconsistent with line 2
        "R-ZERO,150724-H-001,,,2025-08-12,ROUTINE,x,RECOVERY,0,", // 9: a recovery needs a positive amount
        "R-INTERVIEW,150724-H-001,,,2025-08-12,ROUTINE,x,INTERVIEW,10.00,", // 10: an interview has no amount
        "R-AGREEMENT,150724-H-002,,,2025-08-12,ROUTINE,x,,,", // 11: fine (agreement started 2022-06-25)
        "R-EARLY,150724-H-002,,,2025-01-10,ROUTINE,x,,,", // 12: fine
        "R-BEFORE,150724-H-002,,,2022-06-01,ROUTINE,x,,,", // 13: before the agreement start (and 2022Q2 is approved)
        "R-COPY,150724-H-001,,,2025-08-12,ROUTINE,x,INTERVIEW,,", // 14: fine
        "R-COPY,150724-H-001,,,2025-08-12,ROUTINE,x,INTERVIEW,,", // 15: the same row again
        "bad ref!,150724-H-001,,,2025-08-12,ROUTINE,x,,,", // 16: reference not [A-Za-z0-9_.:-]
      ];
      const r = await upload(base, lines.join("\n"), reporter);
      expect(r.status).toBe(422);
      expect(r.body.ok).toBe(false);
      expect(r.body.rows).toBe(15);
      const byLine = new Map<number, (string | null)[]>();
      for (const e of r.body.errors) byLine.set(e.line, [...(byLine.get(e.line) ?? []), e.column]);
      expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 13, 15, 16]);
      expect(byLine.get(3)).toEqual(["机构编码"]);
      expect(byLine.get(4)).toEqual(["机构编码"]);
      expect(r.body.errors.find((e) => e.line === 4)?.reason).toMatch(/scope|权限/);
      expect(byLine.get(5)).toEqual(["处理方式"]);
      expect(byLine.get(6)).toEqual(["金额（元）"]);
      expect(byLine.get(7)).toEqual(["检查日期"]);
      expect(byLine.get(8)).toEqual(["检查类型", "检查发现"]);
      expect(r.body.errors.find((e) => e.line === 8)?.reason).toMatch(/line 2/);
      expect(byLine.get(9)).toEqual(["金额（元）"]);
      expect(byLine.get(10)).toEqual(["金额（元）"]);
      expect(byLine.get(13)).toEqual(expect.arrayContaining([null, "检查日期"])); // approved 2022Q2, agreement start
      expect(byLine.get(15)).toEqual(["检查编号"]);
      expect(byLine.get(16)).toEqual(["检查编号"]);
      // nothing written, not even the good rows
      expect(await counts()).toEqual(before);
    });

    it("imports a GB18030 file with Chinese headers; the recovered-funds KPI rises by exactly the amount", async () => {
      const before = await kpis();
      const countsBefore = await counts();
      const bytes = iconv.encode([COLS_ZH, ...good].join("\r\n"), "gb18030");
      expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
      const r = await upload(base, bytes, reporter, "鄂温克旗-2025Q3-检查.csv");
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({
        ok: true,
        rows: 3,
        inserted: 2,
        updated: 0,
        unchanged: 0,
        encoding: "gb18030",
      });
      expect(r.body.importId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await counts()).toEqual({
        ...countsBefore,
        inspections: countsBefore.inspections + 2,
        dispositions: countsBefore.dispositions + 2,
        audit: countsBefore.audit + 2,
      });

      const after = await kpis();
      const delta = (id: string) => fen(after.get(id)?.numerator ?? 0) - fen(before.get(id)?.numerator ?? 0);
      expect(delta("supervision.recovered_amount")).toBe(12_345_678);
      expect(delta("supervision.penalty_amount")).toBe(5_000_005);
      expect(
        (after.get("supervision.inspections")?.numerator ?? 0) -
          (before.get("supervision.inspections")?.numerator ?? 0),
      ).toBe(2);

      const list = await gql<{
        region: {
          inspections: {
            totalCount: number;
            edges: {
              node: {
                id: string;
                requestId: string;
                kind: string;
                recordedBy: string;
                dispositions: { kind: string; amountYuan: string | null; note: string }[];
              };
            }[];
          };
        };
      }>(base, INSPECTIONS, { code: "150724", q: Q }, viewer);
      const nodes = list.data?.region.inspections.edges.map((e) => e.node) ?? [];
      const flying = nodes.find((n) => n.requestId === "150724-2025-017");
      expect(flying).toMatchObject({ kind: "FLYING", recordedBy: "ewenki" });
      expect(flying?.dispositions).toEqual([
        { kind: "RECOVERY", amountYuan: "123456.78", note: "追回串换药品费用" },
        { kind: "PENALTY", amountYuan: "50000.05", note: "" },
      ]);
      expect(nodes.find((n) => n.requestId === "150724-2025-018")?.dispositions).toEqual([]);

      const audit = await gql<{
        supervisionAudit: { action: string; source: string; oldValue: string | null; newValue: string }[];
      }>(base, AUDIT, { c: "150724", e: flying?.id }, viewer);
      expect(audit.data?.supervisionAudit).toHaveLength(1);
      expect(audit.data?.supervisionAudit[0]).toMatchObject({
        action: "importInspections",
        source: `import ${r.body.importId} (鄂温克旗-2025Q3-检查.csv)`,
        oldValue: null,
      });
      expect(JSON.parse(audit.data?.supervisionAudit[0]?.newValue ?? "{}").dispositions).toHaveLength(2);
    });

    it("the same file again (also reordered, as UTF-8) changes nothing; a corrected row updates, audited old → new", async () => {
      const countsBefore = await counts();
      const kpisBefore = await kpis();
      const same = await upload(base, iconv.encode([COLS_ZH, ...good].join("\r\n"), "gb18030"), reporter);
      expect(same.body).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 2, importId: null });
      const reordered = await upload(base, [COLS_ZH, good[2], good[1], good[0]].join("\n"), reporter);
      expect(reordered.body).toMatchObject({
        ok: true,
        inserted: 0,
        updated: 0,
        unchanged: 2,
        encoding: "utf-8",
      });
      expect(await counts()).toEqual(countsBefore);
      expect(await kpis()).toEqual(kpisBefore);

      // a reference used for another institution's inspection is a row error
      const clash = await upload(
        base,
        [COLS_EN, "150724-2025-017,150724-H-002,,,2025-08-12,ROUTINE,x,,,"].join("\n"),
        reporter,
      );
      expect(clash.status).toBe(422);
      expect(clash.body.errors).toEqual([expect.objectContaining({ line: 2, column: "检查编号" })]);

      // the county corrects the recovered amount: the stored inspection is updated, not duplicated
      const fixed = [COLS_ZH, good[0]?.replace('"123,456.78"', "120000.00"), good[1], good[2]].join("\n");
      const r = await upload(base, fixed, reporter, "fix.csv");
      expect(r.body).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
      const after = await kpis();
      expect(
        fen(after.get("supervision.recovered_amount")?.numerator ?? 0) -
          fen(kpisBefore.get("supervision.recovered_amount")?.numerator ?? 0),
      ).toBe(-345_678);
      expect((await counts()).inspections).toBe(countsBefore.inspections);
      const audit = await gql<{
        supervisionAudit: { action: string; source: string; oldValue: string | null; newValue: string }[];
      }>(base, AUDIT, { c: "150724" }, viewer);
      const last = audit.data?.supervisionAudit[0];
      expect(last?.source).toMatch(/^import .+ \(fix\.csv\)$/);
      const amounts = (json: string | null | undefined) =>
        (JSON.parse(json ?? "{}").dispositions as { kind: string; amountFen: string }[])
          .map((d) => d.amountFen)
          .sort();
      expect(amounts(last?.oldValue)).toEqual(["12345678", "5000005"]);
      expect(amounts(last?.newValue)).toEqual(["12000000", "5000005"]);
    });

    it("submit → approve by the right roles; an approved county-quarter rejects import and recordInspection", async () => {
      // a mutation before approval is audited with its source
      const recorded = await gql<{ recordInspection: { created: boolean; inspection: { id: string } } }>(
        base,
        RECORD,
        {
          input: {
            institutionId: "150724-H-001",
            inspectedOn: "2025-09-20",
            kind: "ROUTINE",
            findings: "复查整改情况",
            dispositions: [{ kind: "INTERVIEW" }],
            requestId: "150724-2025-019",
          },
        },
        reporter,
      );
      expect(recorded.errors).toBeUndefined();
      expect(recorded.data?.recordInspection.created).toBe(true);
      const mAudit = await gql<{ supervisionAudit: { source: string; actorName: string }[] }>(
        base,
        AUDIT,
        { c: "150724", e: recorded.data?.recordInspection.inspection.id },
        viewer,
      );
      expect(mAudit.data?.supervisionAudit).toEqual([
        expect.objectContaining({ source: "mutation recordInspection", actorName: "鄂温克旗填报员" }),
      ]);

      const completenessBefore = (await kpis()).get("supervision.reporting_completeness");
      expect(completenessBefore).toEqual({ numerator: 0, denominator: 1 });

      expect(codesOf(await gql(base, SUBMIT, { c: "150724", q: Q }, viewer))).toEqual(["FORBIDDEN"]);
      const submitted = await gql<{ submitSupervisionReport: { status: string } }>(
        base,
        SUBMIT,
        { c: "150724", q: Q },
        reporter,
      );
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data?.submitSupervisionReport.status).toBe("SUBMITTED");
      // nothing inspected in 150724 2025Q2 → nothing to submit
      expect(codesOf(await gql(base, SUBMIT, { c: "150724", q: "2025Q2" }, reporter))).toEqual([
        "BAD_USER_INPUT",
      ]);
      // the county reporter cannot approve; the city approver can
      expect(codesOf(await gql(base, APPROVE, { c: "150724", q: Q }, reporter))).toEqual(["FORBIDDEN"]);
      const approved = await gql<{ approveSupervisionReport: { status: string; approvedBy: string } }>(
        base,
        APPROVE,
        { c: "150724", q: Q },
        approver,
      );
      expect(approved.data?.approveSupervisionReport).toEqual({
        status: "APPROVED",
        approvedBy: "呼伦贝尔市审核员",
      });
      expect((await kpis()).get("supervision.reporting_completeness")).toEqual({
        numerator: 1,
        denominator: 1,
      });

      const before = await counts();
      // import: new rows, corrections and even unchanged rows of the approved quarter are refused
      const imp = await upload(
        base,
        [COLS_EN, "R-LATE,150724-H-001,,,2025-09-25,ROUTINE,x,RECOVERY,1.00,"].join("\n"),
        reporter,
      );
      expect(imp.status).toBe(422);
      expect(imp.body.errors[0]?.reason).toMatch(/已审核|approved/);
      // moving an inspection out of the approved quarter is refused too
      const move = await upload(
        base,
        [COLS_ZH, good[2]?.replace("2025-09-01", "2025-10-02")].join("\n"),
        reporter,
      );
      expect(move.status).toBe(422);
      expect(move.body.errors).toEqual([expect.objectContaining({ line: 2, column: "检查日期" })]);
      expect(move.body.errors[0]?.reason).toMatch(/已审核|approved/);
      // recordInspection into the approved quarter: FORBIDDEN with a clear message
      const rec = await gql(
        base,
        RECORD,
        {
          input: {
            institutionId: "150724-H-001",
            inspectedOn: "2025-09-21",
            kind: "ROUTINE",
            findings: "x",
            dispositions: [],
          },
        },
        reporter,
      );
      expect(codesOf(rec)).toEqual(["FORBIDDEN"]);
      expect(rec.errors?.[0]?.message).toMatch(/已审核|approved/);
      expect(await counts()).toEqual(before);
      // another quarter of the same county is still open
      const open = await gql<{ recordInspection: { created: boolean } }>(
        base,
        RECORD,
        {
          input: {
            institutionId: "150724-H-001",
            inspectedOn: "2025-10-08",
            kind: "ROUTINE",
            findings: "x",
            dispositions: [],
          },
        },
        reporter,
      );
      expect(open.errors).toBeUndefined();

      // reopen (approver, with a reason) → the correction goes through
      expect(codesOf(await gql(base, REOPEN, { c: "150724", q: Q, r: "金额有误" }, reporter))).toEqual([
        "FORBIDDEN",
      ]);
      const reopened = await gql<{ reopenSupervisionReport: { status: string } }>(
        base,
        REOPEN,
        { c: "150724", q: Q, r: "追回金额与处理决定书不符" },
        approver,
      );
      expect(reopened.data?.reopenSupervisionReport.status).toBe("DRAFT");
      const again = await upload(
        base,
        [COLS_EN, "R-LATE,150724-H-001,,,2025-09-25,ROUTINE,x,RECOVERY,1.00,"].join("\n"),
        reporter,
      );
      expect(again.body).toMatchObject({ ok: true, inserted: 1 });

      const h = await gql<{
        supervisionReportHistory: {
          action: string;
          fromStatus: string;
          toStatus: string;
          actorName: string;
          reason: string | null;
        }[];
      }>(base, HISTORY, { c: "150724", q: Q }, viewer);
      expect(
        h.data?.supervisionReportHistory.map((e) => [
          e.action,
          e.fromStatus,
          e.toStatus,
          e.actorName,
          e.reason,
        ]),
      ).toEqual([
        ["SUBMIT", "DRAFT", "SUBMITTED", "鄂温克旗填报员", null],
        ["APPROVE", "SUBMITTED", "APPROVED", "呼伦贝尔市审核员", null],
        ["REOPEN", "APPROVED", "DRAFT", "呼伦贝尔市审核员", "追回金额与处理决定书不符"],
      ]);
    });

    it("import needs a token and the reporter role", async () => {
      expect((await upload(base, COLS_EN, null)).status).toBe(401);
      expect((await upload(base, [COLS_EN, good[2]].join("\n"), viewer)).status).toBe(403);
    });
  },
);
