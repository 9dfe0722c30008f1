// Issue 9: supervision.inspection_summary (county × quarter: inspections, distinct institutions
// inspected) and supervision.disposition_summary (county × quarter × kind: count, fen) are kept by
// database triggers on inspection and disposition. On PGlite and on PostgreSQL, after the demo load,
// recordInspection (with dispositions, and its idempotent retry), CSV imports and a corrected
// re-import, registerInstitution, updateInstitutionAgreement, hand-written SQL (an inspection moving
// to another county and quarter, a disposition changed, dispositions and an inspection deleted,
// multi-row inserts, a past suspension in the agreement history, a county move, a re-grade) and TRUNCATE, the summaries equal fresh GROUP BYs over the raw rows, row for row,
// and the roll-ups read from them (`sumsByQuarterMany`, `distinctInspectedMany`) equal the raw
// computations (`sumsByQuarterManyRaw`, `distinctInspectedManyRaw`) for the nation, a province, a
// city and a county.
import { enrollmentModule } from "@hsa/enrollment";
import { quarterRange } from "@hsa/periods";
import {
  coverageLevelRollups,
  distinctInspectedMany,
  distinctInspectedManyRaw,
  distinctInterviewedMany,
  distinctInterviewedManyRaw,
  levelRollups,
  sumsByQuarterMany,
  sumsByQuarterManyRaw,
  supervisionModule,
} from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectLevelsExact } from "./levels";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

const COLS_EN =
  "reference,institutionId,institutionName,regionCode,inspectedOn,kind,findings,dispositionKind,amountYuan,note";
const RECORD = /* GraphQL */ `
  mutation M($input: RecordInspectionInput!) { recordInspection(input: $input) { created inspection { id } } }`;
const REGISTER = /* GraphQL */ `
  mutation R($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
const AGREEMENT = /* GraphQL */ `
  mutation A($input: UpdateAgreementInput!) { updateInstitutionAgreement(input: $input) { changed } }`;
const REGIONS = ["000000", "150000", "150700", "150724", "150702"];
const QUARTERS = quarterRange("2015Q1", "2026Q4");
const RANGES: [string, string][] = [
  ["2015Q1", "2026Q4"],
  ["2023Q1", "2024Q4"],
  ["2025Q3", "2026Q4"],
  ["2024Q4", "2024Q4"],
  // an interview inside the range and the same institution's next one after it (see the hand-written SQL)
  ["2023Q1", "2023Q3"],
  ["2023Q2", "2024Q1"],
];

type Row = Record<string, string>;

async function query(stack: Stack, text: string): Promise<Row[]> {
  const res = await stack.handles.supervision?.db.execute(text);
  return (Array.isArray(res) ? res : (res as unknown as { rows: Row[] }).rows) as Row[];
}

const SUMMARIES: [string, string][] = [
  [
    `select quarter, region_code, inspections::text, inspected::text
     from supervision.inspection_summary order by 1, 2`,
    `select quarter, region_code, count(*)::text as inspections, count(distinct institution_id)::text as inspected
     from supervision.inspection group by 1, 2 order by 1, 2`,
  ],
  [
    `select quarter, region_code, kind::text, dispositions::text, amount_fen::text, institutions::text
     from supervision.disposition_summary order by 1, 2, 3`,
    `select i.quarter, i.region_code, d.kind::text, count(*)::text as dispositions,
       coalesce(sum(d.amount_fen), 0)::text as amount_fen, count(distinct i.institution_id)::text as institutions
     from supervision.disposition d join supervision.inspection i on i.id = d.inspection_id
     group by 1, 2, 3 order by 1, 2, 3`,
  ],
  [
    "select quarter, region_code, institution_id from supervision.interview_summary order by 1, 2, 3",
    `select distinct i.quarter, i.region_code, i.institution_id
     from supervision.disposition d join supervision.inspection i on i.id = d.inspection_id
     where d.kind = 'INTERVIEW' order by 1, 2, 3`,
  ],
];

const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => a.localeCompare(b));

/** Summaries equal the GROUP BYs row for row; the roll-ups equal the raw ones. Returns the summaries' size. */
async function expectExact(stack: Stack): Promise<number> {
  let size = 0;
  for (const [summary, fresh] of SUMMARIES) {
    const [s, f] = await Promise.all([query(stack, summary), query(stack, fresh)]);
    expect(s).toEqual(f);
    size += s.length;
  }
  const db = stack.handles.supervision?.db as NonNullable<Stack["handles"][string]>["db"];
  // the level aggregates over the summaries (issue 17) equal their GROUP BY at every level
  await expectLevelsExact(db, [...levelRollups, ...coverageLevelRollups]);
  // the interview levels (signed rows per institution, migration 0011) are the sums of their
  // institutions' rows, with no row left at zero
  const [levels, spans] = await Promise.all([
    query(
      stack,
      `select depth::text, region_code, quarter, as_of, interviewed::text from supervision.interview_level order by 1, 2, 3, 4`,
    ),
    query(
      stack,
      `select depth::text, region_code, quarter, as_of, sum(n)::text as interviewed from supervision.interview_span
       group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4`,
    ),
  ]);
  expect(levels).toEqual(spans);
  const [sums, raw] = await Promise.all([
    sumsByQuarterMany(db, REGIONS, QUARTERS),
    sumsByQuarterManyRaw(db, REGIONS, QUARTERS),
  ]);
  for (const r of REGIONS) {
    expect(sorted(sums.get(r) ?? new Map()), r).toEqual(sorted(raw.get(r) ?? new Map()));
  }
  for (const [from, to] of RANGES) {
    const [d, dr] = await Promise.all([
      distinctInspectedMany(db, REGIONS, from, to),
      distinctInspectedManyRaw(db, REGIONS, from, to),
    ]);
    expect(sorted(d), `${from}–${to}`).toEqual(sorted(dr));
    // interviews over a range: distinct institutions, checked against the raw (county, institution) pairs
    const [interviewed, pairs] = await Promise.all([
      distinctInterviewedMany(db, REGIONS, from, to),
      query(
        stack,
        `select distinct i.region_code, i.institution_id from supervision.inspection i
         join supervision.disposition d on d.inspection_id = i.id
         where d.kind = 'INTERVIEW' and i.quarter between '${from}' and '${to}'`,
      ),
    ]);
    for (const r of REGIONS) {
      const prefix =
        r === "000000" ? "" : r.endsWith("0000") ? r.slice(0, 2) : r.endsWith("00") ? r.slice(0, 4) : r;
      const ids = new Set(
        pairs.filter((p) => String(p.region_code).startsWith(prefix)).map((p) => p.institution_id),
      );
      expect(interviewed.get(r), `interviews ${r} ${from}–${to}`).toBe(ids.size);
    }
    expect(sorted(interviewed), `interviews ${from}–${to}`).toEqual(
      sorted(await distinctInterviewedManyRaw(db, REGIONS, from, to)),
    );
  }
  return size;
}

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("supervision summaries kept by triggers on %s", (kind) => {
  let stack: Stack;
  let reporter: string; // 150724 鄂温克族自治旗
  let admin: string; // 呼伦贝尔市 reporter (150724, 150702)

  const upload = async (csv: string) => {
    const res = await fetch(new URL("/import/inspections", stack.gateway.url), {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${reporter}` },
      body: csv,
    });
    const body = (await res.json()) as { ok: boolean; inserted: number; updated: number; unchanged: number };
    expect(res.status, JSON.stringify(body)).toBe(200);
    return body;
  };

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule],
      enrollmentScopes: [],
      supervisionScopes: ["150000"],
    });
    reporter = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter"] });
    admin = await token({ sub: "hlbr", scope: "150700", roles: ["viewer", "reporter"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("equals the GROUP BYs and the raw roll-ups after the demo load", async () => {
    expect(await expectExact(stack)).toBeGreaterThan(10);
  });

  it("follows recordInspection (with dispositions, and its retry)", async () => {
    const input = {
      institutionId: "150724-H-001",
      inspectedOn: "2026-10-14",
      kind: "FLYING",
      findings: "飞行检查：串换药品",
      requestId: "summary-test-1",
      dispositions: [
        { kind: "RECOVERY", amountYuan: "1200.5", note: "追回" },
        { kind: "PENALTY", amountYuan: "300.01" },
        { kind: "INTERVIEW" },
      ],
    };
    const first = await gql<{ recordInspection: { created: boolean } }>(
      stack.gateway.url,
      RECORD,
      { input },
      reporter,
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordInspection.created).toBe(true);
    await expectExact(stack);
    const retry = await gql<{ recordInspection: { created: boolean } }>(
      stack.gateway.url,
      RECORD,
      { input },
      reporter,
    );
    expect(retry.data?.recordInspection.created).toBe(false);
    // the same institution again in the same quarter: inspections 2, inspected 1
    const second = await gql<{ recordInspection: { created: boolean } }>(
      stack.gateway.url,
      RECORD,
      { input: { ...input, inspectedOn: "2026-10-20", requestId: "summary-test-2", dispositions: [] } },
      reporter,
    );
    expect(second.data?.recordInspection.created).toBe(true);
    await expectExact(stack);
    const [row] = await query(
      stack,
      `select inspections::text, inspected::text from supervision.inspection_summary
       where region_code = '150724' and quarter = '2026Q4'`,
    );
    expect(row).toEqual({ inspections: "2", inspected: "1" });
  });

  it("follows a CSV import and a corrected re-import", async () => {
    const lines = (amount: string) =>
      [
        COLS_EN,
        `SUM-1,150724-H-001,,,2025-08-12,FLYING,串换药品,RECOVERY,${amount},`,
        "SUM-1,150724-H-001,,,2025-08-12,FLYING,串换药品,PENALTY,50000.05,",
        "SUM-2,150724-H-003,,,2025-09-01,ROUTINE,未发现问题,,,",
        "SUM-3,150724-H-003,,,2025-07-01,ROUTINE,未发现问题,INTERVIEW,,",
      ].join("\n");
    const first = await upload(lines("123456.78"));
    expect(first).toMatchObject({ ok: true, inserted: 3 });
    await expectExact(stack);
    const fixed = await upload(lines("120000.00"));
    expect(fixed).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 2 });
    await expectExact(stack);
  });

  it("follows registerInstitution and updateInstitutionAgreement", async () => {
    const r = await gql<{ registerInstitution: { id: string } }>(
      stack.gateway.url,
      REGISTER,
      {
        input: {
          name: "鄂温克旗汇总测试药房",
          kind: "PHARMACY",
          ownership: "PRIVATE",
          regionCode: "150724",
          agreementStart: "2025-01-01",
        },
      },
      reporter,
    );
    expect(r.errors).toBeUndefined();
    const u = await gql<{ updateInstitutionAgreement: { changed: boolean } }>(
      stack.gateway.url,
      AGREEMENT,
      { input: { institutionId: "150724-H-001", agreementStatus: "TERMINATED", agreementEnd: "2026-10-31" } },
      admin,
    );
    expect(u.errors).toBeUndefined();
    await expectExact(stack);
  });

  it("follows hand-written SQL: moves, changes, multi-row inserts, deletes and TRUNCATE", async () => {
    const [moved] = await query(
      stack,
      `select id::text from supervision.inspection i
       where region_code = '150724' and exists (select 1 from supervision.disposition d where d.inspection_id = i.id)
       order by id limit 1`,
    );
    expect(moved).toBeDefined();
    // another county and quarter (with its dispositions), then a changed amount and kind
    await query(
      stack,
      `update supervision.inspection set region_code = '150702', quarter = '2019Q2', inspected_on = '2019-05-05'
       where id = ${moved?.id}`,
    );
    await expectExact(stack);
    await query(
      stack,
      `update supervision.disposition set amount_fen = amount_fen + 1 where inspection_id = ${moved?.id} and amount_fen is not null`,
    );
    await query(
      stack,
      `update supervision.inspection set findings = findings || '。' where region_code = '150724'`,
    );
    await expectExact(stack);
    // several counties and quarters in one statement, with dispositions in one statement
    await query(
      stack,
      `insert into supervision.inspection (institution_id, region_code, inspected_on, quarter, kind, findings, recorded_by)
       select id, region_code, '2020-02-02', '2020Q1', 'ROUTINE', 'bulk', 'summary-test'
       from supervision.institution where region_code in ('150724', '150702') order by id limit 6`,
    );
    await query(
      stack,
      `insert into supervision.disposition (inspection_id, kind, amount_fen, note)
       select id, 'RECOVERY', 100 + id, '' from supervision.inspection where recorded_by = 'summary-test'`,
    );
    await expectExact(stack);
    await query(
      stack,
      `delete from supervision.disposition where inspection_id in
         (select id from supervision.inspection where recorded_by = 'summary-test' order by id limit 3)`,
    );
    await query(
      stack,
      `delete from supervision.inspection where recorded_by = 'summary-test'
         and not exists (select 1 from supervision.disposition d where d.inspection_id = inspection.id)`,
    );
    await expectExact(stack);
    // the registry by hand (issue 17: designated counts and coverage are county summaries too): a
    // suspension in the past with its return, an institution moving county, a hospital re-graded
    const [inspected] = await query(
      stack,
      `select i.id from supervision.institution i where i.region_code = '150724'
         and exists (select 1 from supervision.inspection t where t.institution_id = i.id and t.quarter between '2023Q1' and '2024Q4')
       order by i.id limit 1`,
    );
    expect(inspected).toBeDefined();
    await query(
      stack,
      `insert into supervision.agreement_history (institution_id, effective_on, status, agreement_end, recorded_by, source)
       values ('${inspected?.id}', '2023-05-01', 'SUSPENDED', null, 'summary-test', 'test'),
              ('${inspected?.id}', '2024-02-10', 'ACTIVE', null, 'summary-test', 'test')`,
    );
    await expectExact(stack);
    await query(
      stack,
      `update supervision.institution set region_code = '150702' where id = '${inspected?.id}'`,
    );
    await query(
      stack,
      `update supervision.institution set grade = 'II' where id = (
         select id from supervision.institution where region_code = '150724' and kind = 'HOSPITAL' and grade = 'III' order by id limit 1)`,
    );
    await expectExact(stack);
    await query(stack, `delete from supervision.agreement_history where recorded_by = 'summary-test'`);
    await expectExact(stack);
    // one institution interviewed (约谈) three times, twice in its county and once in another county
    // of the city: a range holding one of its interviews counts it once, and so does the city over
    // both counties (issue 17: interview levels are signed per level, not summed from the counties)
    const [twice] = await query(
      stack,
      "select id from supervision.institution where region_code = '150724' order by id limit 1",
    );
    await query(
      stack,
      `insert into supervision.inspection (institution_id, region_code, inspected_on, quarter, kind, findings, recorded_by)
       values ('${twice?.id}', '150724', '2023-02-02', '2023Q1', 'ROUTINE', 'interview', 'interview-test'),
              ('${twice?.id}', '150724', '2023-11-02', '2023Q4', 'ROUTINE', 'interview', 'interview-test'),
              ('${twice?.id}', '150702', '2024-05-02', '2024Q2', 'ROUTINE', 'interview', 'interview-test')`,
    );
    await query(
      stack,
      `insert into supervision.disposition (inspection_id, kind, amount_fen, note)
       select id, 'INTERVIEW', null, '' from supervision.inspection where recorded_by = 'interview-test'`,
    );
    const db = stack.handles.supervision?.db as NonNullable<Stack["handles"][string]>["db"];
    const once = await distinctInterviewedMany(db, ["150724"], "2023Q1", "2023Q3");
    const before = await distinctInterviewedManyRaw(db, ["150724"], "2023Q1", "2023Q3");
    expect(before.get("150724")).toBeGreaterThan(0);
    expect(once).toEqual(before);
    await expectExact(stack);
    await query(
      stack,
      `delete from supervision.disposition where inspection_id in
         (select id from supervision.inspection where recorded_by = 'interview-test' and quarter = '2023Q4')`,
    );
    await expectExact(stack);
    await query(stack, "truncate supervision.disposition");
    expect(await query(stack, "select * from supervision.disposition_summary")).toEqual([]);
    await expectExact(stack);
    await query(stack, "truncate supervision.inspection, supervision.disposition");
    expect(await expectExact(stack)).toBe(0);
  });
});
