// Supervision writes through the gateway, on PGlite and PostgreSQL: recordInspection (all or nothing,
// idempotent, audited, validated), updateInstitutionAgreement and registerInstitution, and keyset
// pagination that stays stable while inspections are recorded between page reads.
import type { InspectionFacts, InstitutionFacts } from "@hsa/demo-data";
import { enrollmentModule } from "@hsa/enrollment";
import { recordInspectionRow, supervisionModule, tableCounts } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack } from "./stack";
import {
  activeOn,
  allPages,
  type Disposition,
  INSPECTIONS,
  INSTITUTIONS,
  type InspectionNode,
  inspectionsOf,
  institutionsOf,
  type Page,
  RECORD,
  startSupervisionStack,
} from "./supervision-fixtures";

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("supervision writes and pagination through the gateway on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let city: string;
  let cityReporter: string;

  async function dbCounts() {
    const db = stack.handles.supervision?.db;
    if (!db) throw new Error("no supervision database");
    return tableCounts(db);
  }

  beforeAll(async () => {
    ({ stack, national, city, cityReporter } = await startSupervisionStack(
      kind,
      kind === "postgres" ? inject("pgUrl") : undefined,
      [enrollmentModule, supervisionModule],
    ));
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  describe("recordInspection", () => {
    const inst = () =>
      stack.supervision.institutions.find(
        (i) => i.regionCode === "150724" && i.kind === "PHARMACY" && activeOn(i, "2026-10-01"),
      ) as InstitutionFacts;

    it("writes nothing when the second disposition is invalid, and reports every bad one by index", async () => {
      const before = await dbCounts();
      const r = await gql(
        stack.gateway.url,
        RECORD,
        {
          input: {
            institutionId: inst().id,
            inspectedOn: "2026-10-12",
            kind: "SPECIAL",
            findings: "串换药品",
            dispositions: [
              { kind: "RECOVERY", amountYuan: "1200.50" },
              { kind: "PENALTY", amountYuan: "12.345" },
              { kind: "INTERVIEW", amountYuan: "10" },
            ],
          },
        },
        cityReporter,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const problems = r.errors?.[0]?.extensions?.problems as { field: string }[];
      expect(problems.map((p) => p.field)).toEqual([
        "dispositions[1].amountYuan",
        "dispositions[2].amountYuan",
      ]);
      expect(await dbCounts()).toEqual(before);
      const audit = await gql<{ supervisionAudit: unknown[] }>(
        stack.gateway.url,
        `{ supervisionAudit(regionCode: "150724") { id action entityId } }`,
        {},
        national,
      );
      expect(audit.errors).toBeUndefined();
      const listed = await gql<{ institution: { inspections: Page<InspectionNode> } }>(
        stack.gateway.url,
        `query($id: ID!) { institution(id: $id) { inspections(first: 200) { totalCount edges { node { inspectedOn } } } } }`,
        { id: inst().id },
        national,
      );
      expect(
        listed.data?.institution.inspections.edges.some((e) => e.node.inspectedOn === "2026-10-12"),
      ).toBe(false);
    });

    it("rolls the whole transaction back when the database refuses a later disposition", async () => {
      const db = stack.handles.supervision?.db;
      if (!db) throw new Error("no db");
      const before = await dbCounts();
      await expect(
        recordInspectionRow(
          db,
          {
            institutionId: inst().id,
            regionCode: inst().regionCode,
            inspectedOn: "2026-10-13",
            quarter: "2026Q4",
            kind: "ROUTINE",
            findings: "x",
            requestId: null,
            dispositions: [
              { kind: "RECOVERY", amountFen: 100n, note: "" },
              { kind: "PENALTY", amountFen: -1n, note: "" },
            ],
          },
          { sub: "t", name: "t" },
        ),
      ).rejects.toThrow();
      expect(await dbCounts()).toEqual(before);
    });

    it("stores a valid inspection with its dispositions and audit, once per requestId", async () => {
      const before = await dbCounts();
      const input = {
        institutionId: inst().id,
        inspectedOn: "2026-10-14",
        kind: "FLYING",
        findings: "飞行检查：串换药品",
        requestId: "form-7d2c1e0a",
        dispositions: [
          { kind: "RECOVERY", amountYuan: "1200.5", note: "追回" },
          { kind: "RECOVERY", amountYuan: "1200.5", note: "追回（第二笔）" },
          { kind: "INTERVIEW" },
        ],
      };
      const first = await gql<{
        recordInspection: {
          created: boolean;
          inspection: { id: string; quarter: string; dispositions: Disposition[] };
        };
      }>(stack.gateway.url, RECORD, { input }, cityReporter);
      expect(first.errors).toBeUndefined();
      expect(first.data?.recordInspection.created).toBe(true);
      expect(first.data?.recordInspection.inspection.quarter).toBe("2026Q4");
      expect(first.data?.recordInspection.inspection.dispositions.map((d) => d.amountYuan)).toEqual([
        "1200.50",
        "1200.50",
        null,
      ]);
      const retry = await gql<typeof first.data>(stack.gateway.url, RECORD, { input }, cityReporter);
      expect(retry.data?.recordInspection.created).toBe(false);
      expect(retry.data?.recordInspection.inspection.id).toBe(first.data?.recordInspection.inspection.id);
      const after = await dbCounts();
      expect(after).toEqual({
        ...before,
        inspections: before.inspections + 1,
        dispositions: before.dispositions + 3,
        audit: before.audit + 1,
        institutions: before.institutions,
      });
      const audit = await gql<{
        supervisionAudit: { actorSub: string; oldValue: string | null; newValue: string }[];
      }>(
        stack.gateway.url,
        `query($id: ID) { supervisionAudit(regionCode: "150724", entityId: $id) { actorSub oldValue newValue } }`,
        { id: first.data?.recordInspection.inspection.id },
        national,
      );
      expect(audit.data?.supervisionAudit).toHaveLength(1);
      expect(audit.data?.supervisionAudit[0]?.actorSub).toBe("hulunbuir-reporter");
      expect(JSON.parse(audit.data?.supervisionAudit[0]?.newValue ?? "{}").dispositions[0].amountFen).toBe(
        "120050",
      );
    });

    it("rejects a future date, a date before the agreement and a viewer without the reporter role", async () => {
      const before = await dbCounts();
      const base = { institutionId: inst().id, kind: "ROUTINE", findings: "x" };
      const future = await gql(
        stack.gateway.url,
        RECORD,
        { input: { ...base, inspectedOn: "2099-01-01" } },
        cityReporter,
      );
      expect(future.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const early = await gql(
        stack.gateway.url,
        RECORD,
        { input: { ...base, inspectedOn: "1990-01-01" } },
        cityReporter,
      );
      expect(early.errors?.[0]?.message).toContain("agreement start");
      const viewer = await gql(
        stack.gateway.url,
        RECORD,
        { input: { ...base, inspectedOn: "2026-10-01" } },
        city,
      );
      expect(viewer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await dbCounts()).toEqual(before);
    });
  });

  describe("updateInstitutionAgreement and registerInstitution", () => {
    it("audits an agreement change (old → new), writes nothing for the same values", async () => {
      const target = stack.supervision.institutions.find(
        (i) => i.regionCode === "150702" && i.agreementStatus === "ACTIVE",
      ) as InstitutionFacts;
      const M = `mutation($input: UpdateAgreementInput!) { updateInstitutionAgreement(input: $input) { changed institution { agreementStatus agreementEnd } } }`;
      const input = { institutionId: target.id, agreementStatus: "TERMINATED", agreementEnd: "2026-06-30" };
      const first = await gql<{ updateInstitutionAgreement: { changed: boolean } }>(
        stack.gateway.url,
        M,
        { input },
        cityReporter,
      );
      expect(first.errors).toBeUndefined();
      expect(first.data?.updateInstitutionAgreement.changed).toBe(true);
      const again = await gql<{ updateInstitutionAgreement: { changed: boolean } }>(
        stack.gateway.url,
        M,
        { input },
        cityReporter,
      );
      expect(again.data?.updateInstitutionAgreement.changed).toBe(false);
      const noEnd = await gql(
        stack.gateway.url,
        M,
        { input: { institutionId: target.id, agreementStatus: "TERMINATED", agreementEnd: null } },
        cityReporter,
      );
      expect(noEnd.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const audit = await gql<{ supervisionAudit: { oldValue: string; newValue: string }[] }>(
        stack.gateway.url,
        `query($id: ID) { supervisionAudit(regionCode: "150702", entityId: $id) { oldValue newValue } }`,
        { id: target.id },
        national,
      );
      expect(audit.data?.supervisionAudit).toHaveLength(1);
      expect(JSON.parse(audit.data?.supervisionAudit[0]?.oldValue ?? "{}")).toEqual({
        agreementStatus: "ACTIVE",
        agreementEnd: null,
      });
      expect(JSON.parse(audit.data?.supervisionAudit[0]?.newValue ?? "{}")).toEqual({
        agreementStatus: "TERMINATED",
        agreementEnd: "2026-06-30",
      });
    });

    it("registers an institution with the next readable id of its county and kind, and refuses a duplicate name", async () => {
      const M = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id name grade region { code } } }`;
      const input = {
        name: "鄂温克旗新开药房",
        kind: "PHARMACY",
        ownership: "PRIVATE",
        regionCode: "150724",
        agreementStart: "2026-01-01",
      };
      const pharmacies = stack.supervision.institutions.filter(
        (i) => i.regionCode === "150724" && i.kind === "PHARMACY",
      ).length;
      const r = await gql<{ registerInstitution: { id: string } }>(
        stack.gateway.url,
        M,
        { input },
        cityReporter,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.registerInstitution.id).toBe(`150724-P-${String(pharmacies + 1).padStart(3, "0")}`);
      const dup = await gql(stack.gateway.url, M, { input }, cityReporter);
      expect(dup.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const city = await gql(
        stack.gateway.url,
        M,
        { input: { ...input, regionCode: "150700" } },
        cityReporter,
      );
      expect(city.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const graded = await gql(
        stack.gateway.url,
        M,
        { input: { ...input, name: "另一家", grade: "II" } },
        cityReporter,
      );
      expect(graded.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("pagination", () => {
    it("is stable while inspections are inserted between page reads: no duplicates, no gaps", async () => {
      const vars = { code: "150700", from: "2021Q1", to: "2024Q4", first: 150 };
      const full0 = await allPages(stack.gateway.url, INSPECTIONS, vars, inspectionsOf, national);
      expect(full0.length).toBe(
        stack.supervision.inspections.filter((i: InspectionFacts) => i.regionCode.startsWith("1507")).length,
      );
      const early = stack.supervision.institutions.find(
        (i) => i.regionCode === "150721" && activeOn(i, "2021-01-02") && activeOn(i, "2024-12-30"),
      ) as InstitutionFacts;
      const inserted: string[] = [];
      const seen = await allPages(
        stack.gateway.url,
        INSPECTIONS,
        vars,
        inspectionsOf,
        national,
        async (pageNo) => {
          if (pageNo > 1) return;
          // One before the cursor (already passed) and one after it (still ahead).
          for (const day of ["2021-01-02", "2024-12-30"]) {
            const w = await gql<{ recordInspection: { inspection: { id: string } } }>(
              stack.gateway.url,
              RECORD,
              {
                input: {
                  institutionId: early.id,
                  inspectedOn: day,
                  kind: "CROSS",
                  findings: `交叉检查 ${pageNo}`,
                },
              },
              cityReporter,
            );
            expect(w.errors).toBeUndefined();
            inserted.push(w.data?.recordInspection.inspection.id ?? "");
          }
        },
      );
      const ids = seen.map((n) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
      const seenSet = new Set(ids);
      for (const n of full0) expect(seenSet.has(n.id)).toBe(true);
      const full1 = await allPages(stack.gateway.url, INSPECTIONS, vars, inspectionsOf, national);
      expect(full1.length).toBe(full0.length + inserted.length);
      const fullSet = new Set(full1.map((n) => n.id));
      for (const id of ids) expect(fullSet.has(id)).toBe(true);
      // Rows inserted ahead of the cursor show up; rows behind it do not come back as duplicates.
      expect(ids.filter((id) => inserted.includes(id)).length).toBeGreaterThan(0);
      const order = full1.map((n) => `${n.inspectedOn}:${n.id.padStart(12, "0")}`);
      expect(order).toEqual([...order].sort());
    });

    it("rejects an over-cap page size and a malformed cursor with BAD_USER_INPUT", async () => {
      const over = await gql(stack.gateway.url, INSTITUTIONS, { code: "150700", first: 201 }, national);
      expect(over.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(over.errors?.[0]?.message).toContain("200");
      // The subgraph caps page sizes itself; the gateway, which prices a page by its size, already
      // refuses a page of 1,000 inspections as too costly.
      const over2Vars = { code: "150700", from: "2021Q1", to: "2024Q4", first: 1000 };
      const over2 = await gql(stack.services.supervision?.url ?? "", INSPECTIONS, over2Vars, national);
      expect(over2.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(over2.errors?.[0]?.message).toContain("200");
      const viaGateway = await gql<{ region: unknown }>(stack.gateway.url, INSPECTIONS, over2Vars, national);
      expect(viaGateway.errors?.length).toBeGreaterThan(0);
      expect(viaGateway.data?.region ?? null).toBeNull();
      const bad = await gql(
        stack.gateway.url,
        INSTITUTIONS,
        { code: "150700", after: "not a cursor!" },
        national,
      );
      expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const tampered = Buffer.from(
        JSON.stringify(["institutions:150700:[null,null,null,null,null]", 5]),
      ).toString("base64url");
      const t = await gql(stack.gateway.url, INSTITUTIONS, { code: "150700", after: tampered }, national);
      expect(t.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("filters institutions and pages them in id order", async () => {
      const all = await allPages(
        stack.gateway.url,
        INSTITUTIONS,
        { code: "150724", first: 7, filter: { kind: "PHARMACY" } },
        institutionsOf,
        national,
      );
      const expected = stack.supervision.institutions
        .filter((i) => i.regionCode === "150724" && i.kind === "PHARMACY")
        .map((i) => i.id);
      const got = all.map((i) => i.id).filter((id) => expected.includes(id));
      expect(got).toEqual([...expected].sort());
    });
  });
});
