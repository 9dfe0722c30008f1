// Issue 14 for the supervision subgraph, through the gateway and directly on the subgraph, on PGlite
// and PostgreSQL: both sides of every write (the stored row a write reaches and the new values) and
// no existence oracle — an institution id or inspection reference outside the caller's scope answers
// exactly like an unknown one, in queries, mutations and the inspections import; refused writes
// change nothing (re-read).
import { enrollmentModule } from "@hsa/enrollment";
import { supervisionModule, tableCounts } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, type GqlResult, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const INSTITUTION = /* GraphQL */ `
  query I($id: ID!) { institution(id: $id) { id agreementStatus agreementEnd } }`;
const AGREEMENT = /* GraphQL */ `
  mutation A($input: UpdateAgreementInput!) { updateInstitutionAgreement(input: $input) { changed } }`;
const RECORD = /* GraphQL */ `
  mutation M($input: RecordInspectionInput!) {
    recordInspection(input: $input) { created inspection { id region { code } institution { id } findings } }
  }`;
const BY_INSTITUTION = /* GraphQL */ `
  query B($id: ID!) {
    institution(id: $id) { inspections(first: 200) { edges { node { id requestId inspectedOn findings region { code } } } } }
  }`;
const COLS =
  "reference,institutionId,institutionName,regionCode,inspectedOn,kind,findings,dispositionKind,amountYuan,note";

type Node = {
  id: string;
  requestId: string | null;
  inspectedOn: string;
  findings: string;
  region: { code: string };
};
type RecordResult = {
  recordInspection: {
    created: boolean;
    inspection: { id: string; region: { code: string }; findings: string };
  };
};

/** An error as a client sees it, with the id it names replaced: two answers that differ only by the id asked. */
const shape = (r: GqlResult, id: string) =>
  JSON.stringify({ errors: r.errors, data: r.data ?? null }).replaceAll(id, "<id>");

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("supervision: both sides of every write, no existence oracle, on %s", (kind) => {
  let stack: Stack;
  let ewenki: string; // reporter of 150724
  let quyuan: string; // reporter of 430671
  let viewer: string; // national

  const counts = () => tableCounts(stack.handles.supervision?.db as Parameters<typeof tableCounts>[0]);
  async function inspectionsOf(id: string): Promise<Node[]> {
    const r = await gql<{ institution: { inspections: { edges: { node: Node }[] } } }>(
      stack.gateway.url,
      BY_INSTITUTION,
      { id },
      viewer,
    );
    expect(r.errors).toBeUndefined();
    return r.data?.institution.inspections.edges.map((e) => e.node) ?? [];
  }

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule],
      enrollmentScopes: [],
      supervisionScopes: ["150724", "430671"],
    });
    ewenki = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter", "approver"] });
    quyuan = await token({ sub: "quyuan", scope: "430671", roles: ["viewer", "reporter"] });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  for (const target of ["gateway", "subgraph"] as const) {
    const url = () => (target === "gateway" ? stack.gateway.url : (stack.services.supervision?.url ?? ""));

    it(`answers an out-of-scope institution exactly like an unknown one (${target})`, async () => {
      const before = await counts();
      const existing = "430671-H-001";
      const unknown = "430671-H-999";
      const ask = (id: string) => gql(url(), INSTITUTION, { id }, ewenki);
      const update = (id: string) =>
        gql(url(), AGREEMENT, { input: { institutionId: id, agreementStatus: "SUSPENDED" } }, ewenki);
      const record = (id: string) =>
        gql(
          url(),
          RECORD,
          { input: { institutionId: id, inspectedOn: "2025-05-06", kind: "FLYING", findings: "x" } },
          ewenki,
        );
      for (const call of [ask, update, record]) {
        const [a, b] = [await call(existing), await call(unknown)];
        expect(a.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(shape(a, existing)).toBe(shape(b, unknown));
        // no stored region is named
        expect(JSON.stringify(a)).not.toMatch(/430671"|430671 |region 4306/);
      }
      // An id of the caller's own county that does not exist: null for a query, NOT_FOUND for a write.
      const own = await gql<{ institution: unknown }>(url(), INSTITUTION, { id: "150724-H-999" }, ewenki);
      expect(own.errors).toBeUndefined();
      expect(own.data?.institution).toBeNull();
      expect((await update("150724-H-999")).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(await counts()).toEqual(before);
      const reread = await gql<{ institution: { agreementStatus: string } }>(
        url(),
        INSTITUTION,
        { id: existing },
        viewer,
      );
      expect(reread.data?.institution.agreementStatus).not.toBe("SUSPENDED");
    });
  }

  it("a reference used in another county is another inspection: it neither collides nor shows, and the stored one is untouched", async () => {
    const theirs = await gql<RecordResult>(
      stack.gateway.url,
      RECORD,
      {
        input: {
          institutionId: "430671-H-001",
          inspectedOn: "2025-04-02",
          kind: "ROUTINE",
          findings: "屈原原始记录",
          requestId: "SHARED-REF-1",
        },
      },
      quyuan,
    );
    expect(theirs.data?.recordInspection.created).toBe(true);
    const storedBefore = await inspectionsOf("430671-H-001");
    const mine = (requestId: string) =>
      gql<RecordResult>(
        stack.gateway.url,
        RECORD,
        {
          input: {
            institutionId: "150724-H-001",
            inspectedOn: "2025-04-03",
            kind: "ROUTINE",
            findings: "鄂温克记录",
            requestId,
          },
        },
        ewenki,
      );
    // The same answer as for a reference nobody used: a new inspection of the caller's county.
    const reused = await mine("SHARED-REF-1");
    const fresh = await mine("FRESH-REF-1");
    expect(reused.errors).toBeUndefined();
    expect(reused.data?.recordInspection).toMatchObject({
      created: true,
      inspection: { region: { code: "150724" }, findings: "鄂温克记录" },
    });
    expect(shape(reused, reused.data?.recordInspection.inspection.id ?? "")).toBe(
      shape(fresh, fresh.data?.recordInspection.inspection.id ?? ""),
    );
    expect(reused.data?.recordInspection.inspection.id).not.toBe(theirs.data?.recordInspection.inspection.id);
    // A retry finds the caller's own inspection, not the other county's.
    const retry = await mine("SHARED-REF-1");
    expect(retry.data?.recordInspection).toMatchObject({
      created: false,
      inspection: { id: reused.data?.recordInspection.inspection.id },
    });
    expect(await inspectionsOf("430671-H-001")).toEqual(storedBefore);
  });

  it("vice versa: a caller whose scope covers the stored inspection but not the new values gets FORBIDDEN, nothing written", async () => {
    const before = await counts();
    const storedBefore = await inspectionsOf("430671-H-001");
    const r = await gql(
      stack.gateway.url,
      RECORD,
      {
        input: {
          institutionId: "150724-H-001",
          inspectedOn: "2025-04-04",
          kind: "ROUTINE",
          findings: "移走",
          requestId: "SHARED-REF-1",
        },
      },
      quyuan,
    );
    expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // the import: a correction of the caller's own reference that moves it to another county's institution
    const moved = await uploadCsv(
      stack.gateway.url,
      "inspections",
      [COLS, "SHARED-REF-1,150724-H-001,,,2025-04-02,ROUTINE,屈原原始记录,,,"].join("\n"),
      quyuan,
    );
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0]).toMatchObject({ line: 2, column: "机构编码" });
    expect(moved.body.errors[0]?.reason).toMatch(/权限范围|scope/);
    expect(await counts()).toEqual(before);
    expect(await inspectionsOf("430671-H-001")).toEqual(storedBefore);
  });

  it("import: a reference stored in another county imports like an unused one; an out-of-scope institution fails like an unknown one", async () => {
    const theirs = await uploadCsv(
      stack.gateway.url,
      "inspections",
      [COLS, "SHARED-REF-2,430671-H-001,,,2025-04-05,ROUTINE,屈原导入,RECOVERY,100.00,"].join("\n"),
      quyuan,
    );
    expect(theirs.body).toMatchObject({ ok: true, inserted: 1 });
    const storedBefore = await inspectionsOf("430671-H-001");
    const file = (ref: string) =>
      [COLS, `${ref},150724-H-001,,,2025-04-06,SPECIAL,鄂温克导入,PENALTY,200.00,`].join("\n");
    const reused = await uploadCsv(stack.gateway.url, "inspections", file("SHARED-REF-2"), ewenki);
    const fresh = await uploadCsv(stack.gateway.url, "inspections", file("FRESH-REF-2"), ewenki);
    for (const r of [reused, fresh]) expect(r.body).toMatchObject({ ok: true, inserted: 1, updated: 0 });
    expect(await inspectionsOf("430671-H-001")).toEqual(storedBefore);
    // the other county's own file again: still unchanged (its inspection was not touched)
    const again = await uploadCsv(
      stack.gateway.url,
      "inspections",
      [COLS, "SHARED-REF-2,430671-H-001,,,2025-04-05,ROUTINE,屈原导入,RECOVERY,100.00,"].join("\n"),
      quyuan,
    );
    expect(again.body).toMatchObject({ ok: true, unchanged: 1, inserted: 0, updated: 0 });

    const before = await counts();
    const bad = await uploadCsv(
      stack.gateway.url,
      "inspections",
      [
        COLS,
        "X-1,430671-H-001,,,2025-04-07,ROUTINE,x,,,",
        "X-2,430671-H-999,,,2025-04-07,ROUTINE,x,,,",
        "X-3,150724-H-999,,,2025-04-07,ROUTINE,x,,,",
      ].join("\n"),
      ewenki,
    );
    expect(bad.status).toBe(422);
    const [e1, e2, e3] = bad.body.errors;
    expect(e1?.column).toBe(e2?.column);
    expect(e1?.reason).toBe(e2?.reason);
    expect(e3?.reason).toMatch(/权限范围内没有|no institution with this id in your scope/);
    expect(await counts()).toEqual(before);
  });
});
