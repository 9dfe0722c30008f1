// VBP completion (集采约定量完成率) through the gateway, issue 15: weighted by agreed amount — Σ purchased
// volume × 中选价 / Σ agreed volume × 中选价 — so volumes counted in different units (片, 支, 粒) are
// never added; judged against 序时进度 of each agreement's own year, weighted the same way. Every
// expectation is computed here from the loaded rows (demo facts or the rows a test inserts).
import { rowsOf } from "@hsa/db";
import { quarterEnd, quarterRange, quarterStart } from "@hsa/periods";
import { isInSubtree } from "@hsa/regions";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

interface KpiValue {
  quarter: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
  expected: number | null;
}

const KPIS = /* GraphQL */ `
  query P($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      procurementKpis(from: $from, to: $to, metrics: $metrics) {
        metric { id }
        total { quarter numerator denominator value status expected }
        points { quarter numerator denominator value status expected }
      }
    }
  }
`;

interface Agreement {
  institutionId: string;
  regionCode: string;
  productId: string;
  startDate: string;
  endDate: string;
  startQuarter: string;
  agreedVolume: number;
}
interface Progress {
  institutionId: string;
  productId: string;
  quarter: string;
  purchasedVolume: number;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const month = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
/** 序时进度 of an agreement at the end of a quarter: whole months of its own year. */
const monthShare = (a: Agreement, q: string) =>
  Math.min(
    1,
    (month(iso(quarterEnd(q))) - month(a.startDate) + 1) / (month(a.endDate) - month(a.startDate) + 1),
  );
/** The day-based share "behind schedule" uses. */
const dayShare = (a: Agreement, q: string) =>
  Math.min(1, (day(iso(quarterEnd(q))) - day(a.startDate) + 1) / (day(a.endDate) - day(a.startDate) + 1));
const inForce = (a: Agreement, q: string) =>
  a.startDate <= iso(quarterEnd(q)) && a.endDate >= iso(quarterStart(q));
const purchasedBy = (a: Agreement, q: string, progress: readonly Progress[]) =>
  progress
    .filter(
      (p) =>
        p.institutionId === a.institutionId &&
        p.productId === a.productId &&
        p.quarter >= a.startQuarter &&
        p.quarter <= q,
    )
    .reduce((t, p) => t + p.purchasedVolume, 0);

/**
 * Independent VBP figures of the agreements in force in `q`: amounts at agreed prices (fen), the
 * amount-weighted 序时进度, and the volume sums the old roll-up added (to show they differ).
 */
function expectedVbp(
  agreements: readonly Agreement[],
  progress: readonly Progress[],
  price: ReadonlyMap<string, number>,
  q: string,
) {
  let agreedFen = 0;
  let purchasedFen = 0;
  let elapsedFen = 0;
  let agreedVolume = 0;
  let purchasedVolume = 0;
  for (const a of agreements) {
    if (!inForce(a, q)) continue;
    const p = price.get(a.productId);
    if (p === undefined) throw new Error(`no price for ${a.productId}`);
    const bought = purchasedBy(a, q, progress);
    agreedFen += a.agreedVolume * p;
    purchasedFen += bought * p;
    elapsedFen += monthShare(a, q) * a.agreedVolume * p;
    agreedVolume += a.agreedVolume;
    purchasedVolume += bought;
  }
  return {
    agreedFen,
    purchasedFen,
    value: (100 * purchasedFen) / agreedFen,
    expected: (100 * elapsedFen) / agreedFen,
    volumeValue: (100 * purchasedVolume) / agreedVolume,
  };
}

/** MET / NEAR (within 5 points) / MISSED against the expected value (DESIGN §4, ratios). */
const judged = (value: number, expected: number) =>
  value >= expected - 1e-9 ? "MET" : expected - value <= 5 + 1e-9 ? "NEAR" : "MISSED";

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("VBP completion weighted by agreed amount on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let price: Map<string, number>;

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      enrollmentScopes: [],
      supervisionScopes: ["150000", "430671"],
      procurementScopes: ["150000", "430671"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
    });
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    price = new Map(stack.procurement.batches.flatMap((b) => b.products.map((p) => [p.id, p.priceFen])));
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const kpis = async (code: string, from: string, to: string, metrics: string[]) => {
    const r = await gql<{
      region: { procurementKpis: { metric: { id: string }; total: KpiValue; points: KpiValue[] }[] };
    }>(stack.gateway.url, KPIS, { code, from, to, metrics }, national);
    expect(r.errors).toBeUndefined();
    return r.data?.region.procurementKpis ?? [];
  };
  const exec = async (text: string) => {
    await stack.handles.procurement?.db.execute(text);
  };

  it("adds two products in different units by agreed amount: 10,000 片 at 0.12 yuan and 500 支 at 30 yuan", async () => {
    // 西城区 has no demo VBP data. A tablet agreement from July, an injection agreement from April.
    const agreements: Agreement[] = [
      {
        institutionId: "110102-H-901",
        regionCode: "110102",
        productId: "units-tablet",
        startDate: "2023-07-01",
        endDate: "2024-06-30",
        startQuarter: "2023Q3",
        agreedVolume: 10_000,
      },
      {
        institutionId: "110102-H-901",
        regionCode: "110102",
        productId: "units-injection",
        startDate: "2023-04-01",
        endDate: "2024-03-31",
        startQuarter: "2023Q2",
        agreedVolume: 500,
      },
    ];
    const progress: Progress[] = [
      ["units-injection", "2023Q2", 120],
      ["units-tablet", "2023Q3", 3_000],
      ["units-injection", "2023Q3", 110],
      ["units-tablet", "2023Q4", 7_000],
      ["units-injection", "2023Q4", 50],
      ["units-injection", "2024Q1", 220],
    ].map(([productId, quarter, purchasedVolume]) => ({
      institutionId: "110102-H-901",
      productId: String(productId),
      quarter: String(quarter),
      purchasedVolume: Number(purchasedVolume),
    }));
    const prices = new Map([
      ["units-tablet", 12],
      ["units-injection", 3_000],
    ]);
    await exec(
      `insert into procurement.vbp_batch (id, name, level) values ('units', '单位测试批', 'PROVINCIAL')`,
    );
    await exec(`insert into procurement.vbp_product (id, batch_id, name, unit, price_fen) values
      ('units-tablet', 'units', '测试片 10mg', '片', 12), ('units-injection', 'units', '测试注射剂 1g', '支', 3000)`);
    for (const a of agreements)
      await exec(`insert into procurement.vbp_agreement
          (institution_id, region_code, product_id, start_date, end_date, start_quarter, agreed_volume)
        values ('${a.institutionId}', '${a.regionCode}', '${a.productId}', '${a.startDate}', '${a.endDate}',
          '${a.startQuarter}', ${a.agreedVolume})`);
    for (const p of progress)
      await exec(`insert into procurement.vbp_progress
          (institution_id, region_code, product_id, quarter, purchased_volume, reported_by)
        values ('${p.institutionId}', '110102', '${p.productId}', '${p.quarter}', ${p.purchasedVolume}, 'test')`);

    const [completion] = await kpis("110102", "2023Q2", "2024Q1", ["procurement.vbp_completion"]);
    const statuses: string[] = [];
    for (const q of quarterRange("2023Q2", "2024Q1")) {
      const e = expectedVbp(agreements, progress, prices, q);
      const point = completion?.points.find((p) => p.quarter === q);
      // numerator and denominator are yuan at agreed prices
      expect(Math.round((point?.numerator ?? 0) * 100), q).toBe(e.purchasedFen);
      expect(Math.round((point?.denominator ?? 0) * 100), q).toBe(e.agreedFen);
      expect(point?.value, q).toBeCloseTo(e.value, 9);
      expect(point?.expected, q).toBeCloseTo(e.expected, 9);
      expect(point?.status, q).toBe(judged(e.value, e.expected));
      statuses.push(point?.status ?? "");
      if (q === "2023Q3" || q === "2023Q4") expect(Math.abs(e.volumeValue - e.value), q).toBeGreaterThan(10);
    }
    // the scenario reaches every status on the weighted figure (the volume sum would say MET in Q3 and Q4)
    expect(statuses).toEqual(["NEAR", "NEAR", "MISSED", "MET"]);
    // 2023Q4 in figures: 10,000 片 × 0.12 + 280 支 × 30 = 9,600 of 1,200 + 15,000 = 16,200 yuan
    const q4 = completion?.points.find((p) => p.quarter === "2023Q4");
    expect([q4?.numerator, q4?.denominator]).toEqual([1_200 + 280 * 30, 16_200]);
    // a STOCK: the range's total is its last quarter
    expect(completion?.total).toMatchObject({ numerator: 16_200, denominator: 16_200, status: "MET" });
  });

  it("rolls 呼伦贝尔市 and 内蒙古 up from the raw rows: amounts, expected progress and status", async () => {
    // The stored rows, read back as they are (the demo facts hold a few progress rows twice where two
    // agreement years meet in a quarter; the table keeps one).
    const rows = async <T>(text: string) => rowsOf<T>(await stack.handles.procurement?.db.execute(text));
    const agreementRows = (
      await rows<Record<string, string>>(`select institution_id, region_code, product_id, start_date::text,
         end_date::text, start_quarter, agreed_volume::text from procurement.vbp_agreement`)
    ).map((r) => ({
      institutionId: String(r.institution_id),
      regionCode: String(r.region_code),
      productId: String(r.product_id),
      startDate: String(r.start_date),
      endDate: String(r.end_date),
      startQuarter: String(r.start_quarter),
      agreedVolume: Number(r.agreed_volume),
    }));
    const progressRows = (
      await rows<Record<string, string>>(
        "select institution_id, product_id, quarter, purchased_volume::text from procurement.vbp_progress",
      )
    ).map((r) => ({
      institutionId: String(r.institution_id),
      productId: String(r.product_id),
      quarter: String(r.quarter),
      purchasedVolume: Number(r.purchased_volume),
    }));
    const prices = new Map(
      (await rows<Record<string, string>>("select id, price_fen::text from procurement.vbp_product")).map(
        (r) => [String(r.id), Number(r.price_fen)],
      ),
    );
    for (const code of ["150700", "150000"]) {
      const [completion] = await kpis(code, "2023Q1", "2023Q4", ["procurement.vbp_completion"]);
      const agreements = agreementRows.filter((a) => isInSubtree(a.regionCode, code));
      expect(agreements.length).toBeGreaterThan(10);
      let differs = false;
      for (const q of quarterRange("2023Q1", "2023Q4")) {
        const e = expectedVbp(agreements, progressRows, prices, q);
        const point = completion?.points.find((p) => p.quarter === q);
        expect(Math.round((point?.numerator ?? 0) * 100), `${code} ${q}`).toBe(e.purchasedFen);
        expect(Math.round((point?.denominator ?? 0) * 100), `${code} ${q}`).toBe(e.agreedFen);
        expect(point?.value, `${code} ${q}`).toBeCloseTo(e.value, 9);
        expect(point?.expected, `${code} ${q}`).toBeCloseTo(e.expected, 9);
        expect(point?.status, `${code} ${q}`).toBe(judged(e.value, e.expected));
        if (Math.abs(e.volumeValue - e.value) > 0.5) differs = true;
      }
      expect(differs, `${code}: the volume sum gives another figure`).toBe(true);
    }
  });

  it("reports 屈原's completion above 200% of the agreed amount for a finished agreement year", async () => {
    const q = "2023Q3";
    const [completion, behind] = await kpis("430671", q, q, [
      "procurement.vbp_completion",
      "procurement.vbp_behind_schedule",
    ]);
    const e = expectedVbp(
      stack.procurement.agreements.filter((a) => a.regionCode === "430671"),
      stack.procurement.progress,
      price,
      q,
    );
    expect(Math.round((completion?.total.numerator ?? 0) * 100)).toBe(e.purchasedFen);
    expect(Math.round((completion?.total.denominator ?? 0) * 100)).toBe(e.agreedFen);
    expect(completion?.total.value ?? 0).toBeGreaterThan(100);
    expect(behind?.total.numerator).toBe(0);

    const active = stack.procurement.agreements.filter((a) => a.regionCode === "430671" && inForce(a, q));
    const hospital = active[0]?.institutionId ?? "";
    const v = await gql<{
      institution: {
        vbpProgress: {
          batchId: string;
          productId: string;
          priceYuan: string;
          startDate: string;
          completion: number;
          elapsedProgress: number;
          behindSchedule: boolean;
        }[];
      };
    }>(
      stack.gateway.url,
      `query V($id: ID!) { institution(id: $id) { vbpProgress(quarter: "2023Q4") {
         batchId productId priceYuan startDate completion elapsedProgress behindSchedule } } }`,
      { id: hospital },
      national,
    );
    expect(v.errors).toBeUndefined();
    const finished =
      v.data?.institution.vbpProgress.filter(
        (p) => p.batchId === "national-7" && p.startDate === "2022-11-01",
      ) ?? [];
    expect(finished.length).toBeGreaterThan(0);
    for (const p of finished) {
      expect(p.priceYuan).toBe(((price.get(p.productId) ?? 0) / 100).toFixed(2));
      expect(p.elapsedProgress).toBe(100);
      expect(p.completion).toBeGreaterThan(200);
      expect(p.behindSchedule).toBe(false);
    }
  });

  it("lists every winning product with its 中选价", async () => {
    const r = await gql<{
      vbpBatches: { id: string; products: { id: string; unit: string; priceYuan: string }[] }[];
    }>(stack.gateway.url, "{ vbpBatches { id products { id unit priceYuan } } }", {}, national);
    expect(r.errors).toBeUndefined();
    const listed = new Map(r.data?.vbpBatches.flatMap((b) => b.products.map((p) => [p.id, p.priceYuan])));
    for (const [id, fen] of price) expect(listed.get(id), id).toBe((fen / 100).toFixed(2));
  });

  it("judges against 序时进度 of the agreement's own year: 50% at the end of its 2nd quarter → MET, expected 50", async () => {
    // 东城区 has no demo VBP data: one agreement starting in July (not the calendar year), half purchased by December
    await exec(`insert into procurement.vbp_agreement
        (institution_id, region_code, product_id, start_date, end_date, start_quarter, agreed_volume)
      values ('110101-H-901', '110101', 'national-7-01', '2023-07-01', '2024-06-30', '2023Q3', 1000)`);
    await exec(`insert into procurement.vbp_progress
        (institution_id, region_code, product_id, quarter, purchased_volume, reported_by)
      values ('110101-H-901', '110101', 'national-7-01', '2023Q3', 250, 'test'),
             ('110101-H-901', '110101', 'national-7-01', '2023Q4', 250, 'test')`);
    const fen = price.get("national-7-01") ?? Number.NaN;
    const total = async (q: string) => (await kpis("110101", q, q, ["procurement.vbp_completion"]))[0]?.total;
    // the calendar year would expect 100 at 2023Q4 (MISSED); the agreement's own year expects 50
    const q4 = await total("2023Q4");
    expect(q4).toMatchObject({ value: 50, status: "MET" });
    expect([q4?.numerator, q4?.denominator].map((x) => Math.round((x ?? 0) * 100))).toEqual([
      500 * fen,
      1000 * fen,
    ]);
    expect(q4?.expected).toBeCloseTo(50, 9);
    expect((await total("2023Q3"))?.expected).toBeCloseTo(25, 9);
  });

  it("counts institutions behind schedule: purchased amount below 80% of the amount due by now", async () => {
    const q = "2023Q3";
    const perInstitution = new Map<string, { purchased: number; due: number }>();
    for (const a of stack.procurement.agreements) {
      if (!isInSubtree(a.regionCode, "150000") || !inForce(a, q)) continue;
      const p = price.get(a.productId) ?? Number.NaN;
      const cur = perInstitution.get(a.institutionId) ?? { purchased: 0, due: 0 };
      perInstitution.set(a.institutionId, {
        purchased: cur.purchased + purchasedBy(a, q, stack.procurement.progress) * p,
        due: cur.due + dayShare(a, q) * a.agreedVolume * p,
      });
    }
    const expected = [...perInstitution.values()].filter((v) => v.purchased < 0.8 * v.due).length;
    expect(expected).toBeGreaterThan(0);
    const [behind] = await kpis("150000", q, q, ["procurement.vbp_behind_schedule"]);
    expect(behind?.total.numerator).toBe(expected);
    expect(behind?.total.status).toBe("MISSED");
  });
});
