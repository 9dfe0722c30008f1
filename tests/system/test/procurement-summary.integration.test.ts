// Issue 9: procurement.purchase_summary (county × quarter × category) is kept by database triggers on
// procurement.purchase. On PGlite and on PostgreSQL, after the demo load, mutations (insert, update,
// unchanged), CSV imports and re-imports, rows moving between counties, quarters and categories,
// multi-row inserts, deletes and TRUNCATE, the summary equals a fresh GROUP BY over the raw rows, row
// for row; and the network rates read from it are those of the raw rows. Likewise
// procurement.vbp_summary (county × quarter VBP completion, kept by triggers on vbp_agreement and
// vbp_progress, and on price changes of vbp_product) equals the raw computation (`vbpSums`, amounts
// at agreed prices) for every county and for the regions above.
import { enrollmentModule } from "@hsa/enrollment";
import { quarterRange } from "@hsa/periods";
import { levelRollups, procurementModule, type VbpSums, vbpSums, vbpSumsMany } from "@hsa/procurement";
import { supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { expectLevelsExact } from "./levels";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

const Q = "2026Q3"; // after the demo range; over by 2026-11-23
const COLS = "institutionId,institutionName,quarter,category,totalYuan,networkYuan,reportedOffNetworkYuan";
const REPORT = /* GraphQL */ `mutation M($input: ReportPurchasesInput!) { reportPurchases(input: $input) { changed } }`;
const REPORT_VBP = /* GraphQL */ `mutation V($input: ReportVbpProgressInput!) { reportVbpProgress(input: $input) { changed } }`;
const KPIS = /* GraphQL */ `
  query K($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      procurementKpis(from: $from, to: $to, metrics: ["procurement.network_rate.drug", "procurement.purchase_amount"]) {
        metric { id } total { numerator denominator } points { quarter numerator denominator }
      }
    }
  }`;

type Row = Record<string, string>;

async function query(stack: Stack, text: string): Promise<Row[]> {
  const res = await stack.handles.procurement?.db.execute(text);
  return (Array.isArray(res) ? res : (res as unknown as { rows: Row[] }).rows) as Row[];
}

const SUMMARY = `
  select region_code, quarter, category, total_fen::text, network_fen::text,
    reported_off_network_fen::text, row_count::text
  from procurement.purchase_summary order by 1, 2, 3`;
const FRESH = `
  select region_code, quarter, category, sum(total_fen)::text as total_fen,
    sum(network_fen)::text as network_fen, sum(reported_off_network_fen)::text as reported_off_network_fen,
    count(*)::text as row_count
  from procurement.purchase group by 1, 2, 3 order by 1, 2, 3`;

/** The summary, row for row, equals the GROUP BY over the raw rows; returns its size. */
async function expectExact(stack: Stack): Promise<number> {
  const [summary, fresh] = await Promise.all([query(stack, SUMMARY), query(stack, FRESH)]);
  expect(summary).toEqual(fresh);
  // and the level aggregates over the summaries (issue 17) equal their GROUP BY at every level
  await expectLevelsExact(
    stack.handles.procurement?.db as NonNullable<Stack["handles"][string]>["db"],
    levelRollups,
  );
  return summary.length;
}

const VBP_QUARTERS = quarterRange("2015Q1", "2026Q4");
/** GB/T 2260: the nation, a province (xx0000), a city (xxxx00) or a county. */
const inSubtree = (county: string, region: string) =>
  region === "000000" ||
  (region.endsWith("0000")
    ? county.startsWith(region.slice(0, 2))
    : region.endsWith("00")
      ? county.startsWith(region.slice(0, 4))
      : county === region);

/**
 * vbp_summary, county by county and rolled up, equals `vbpSums` over the raw rows (amounts at agreed
 * prices, fen); returns its size.
 */
async function expectVbpExact(stack: Stack): Promise<number> {
  const db = stack.handles.procurement?.db as NonNullable<Stack["handles"][string]>["db"];
  const rows = await query(
    stack,
    `select region_code, quarter, agreed_fen::text as agreed, purchased_fen::text as purchased,
       institutions::text, behind::text, round(elapsed_agreed_fen, 6)::text as elapsed
     from procurement.vbp_summary order by 1, 2`,
  );
  const counties = (
    await query(
      stack,
      `select region_code from procurement.vbp_agreement union select region_code from procurement.vbp_summary
       order by 1`,
    )
  ).map((r) => r.region_code as string);
  const fresh: Row[] = [];
  for (const c of counties) {
    for (const [quarter, v] of [...(await vbpSums(db, c, VBP_QUARTERS))].sort(([a], [b]) =>
      a.localeCompare(b),
    ))
      fresh.push({
        region_code: c,
        quarter,
        agreed: String(v.agreedFen),
        purchased: String(v.purchasedFen),
        institutions: String(v.institutions),
        behind: String(v.behind),
        elapsed: v.elapsedAgreedFen.toFixed(6),
      });
  }
  expect(rows).toEqual(fresh);
  await expectLevelsExact(db, levelRollups);
  // A region is the sum of its counties (an institution with agreements in two counties counts in
  // each, as the roll-up always did): vbpSumsMany over the summary.
  const regions = ["000000", "150000", "150700", "150724"];
  const many = await vbpSumsMany(db, regions, VBP_QUARTERS);
  for (const r of regions) {
    const expected = new Map<string, VbpSums>();
    for (const f of fresh) {
      if (!inSubtree(f.region_code as string, r)) continue;
      const e = expected.get(f.quarter as string) ?? {
        agreedFen: 0,
        purchasedFen: 0,
        institutions: 0,
        behind: 0,
        elapsedAgreedFen: 0,
      };
      e.agreedFen += Number(f.agreed);
      e.purchasedFen += Number(f.purchased);
      e.institutions += Number(f.institutions);
      e.behind += Number(f.behind);
      e.elapsedAgreedFen += Number(f.elapsed);
      expected.set(f.quarter as string, e);
    }
    // Σ elapsed × agreed amount (序时进度 of each agreement's own year) to 1e-3 fen (fresh rows are rounded)
    const got = many.get(r) ?? new Map();
    for (const [q, e] of expected)
      expect(got.get(q)?.elapsedAgreedFen, `${r} ${q}`).toBeCloseTo(e.elapsedAgreedFen, 3);
    const strip = (m: Map<string, VbpSums>) =>
      [...m]
        .map(([q, v]) => [q, { ...v, elapsedAgreedFen: 0 }])
        .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(strip(got)).toEqual(strip(expected));
  }
  return rows.length;
}

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("procurement purchase summary kept by triggers on %s", (kind) => {
  let stack: Stack;
  let reporter: string; // 150724 鄂温克族自治旗
  let viewer: string;

  const report = (institutionId: string, quarter: string, drug: [string, string, string]) =>
    gql<{ reportPurchases: { changed: number } }>(
      stack.gateway.url,
      REPORT,
      {
        input: {
          institutionId,
          quarter,
          items: [
            { category: "DRUG", totalYuan: drug[0], networkYuan: drug[1], reportedOffNetworkYuan: drug[2] },
            {
              category: "CONSUMABLE_SEPARATE",
              totalYuan: "1000.00",
              networkYuan: "900.00",
              reportedOffNetworkYuan: "0",
            },
          ],
        },
      },
      reporter,
    );

  const upload = async (csv: string) => {
    const res = await fetch(new URL("/import/purchases", stack.gateway.url), {
      method: "POST",
      headers: { "content-type": "text/csv", authorization: `Bearer ${reporter}` },
      body: csv,
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { inserted: number; updated: number; unchanged: number };
  };

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule, procurementModule],
      enrollmentScopes: [],
      supervisionScopes: ["150000"],
      procurementScopes: ["150700"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
    });
    reporter = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter"] });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("equals the GROUP BY after the demo load (backfill + insert trigger)", async () => {
    expect(await expectExact(stack)).toBeGreaterThan(10);
  });

  it("follows mutations: a new report, a changed one, an unchanged one", async () => {
    const first = await report("150724-H-001", Q, ["100.00", "90.00", "5.00"]);
    expect(first.errors).toBeUndefined();
    expect(first.data?.reportPurchases.changed).toBe(2);
    await expectExact(stack);
    const changed = await report("150724-H-001", Q, ["200.00", "150.00", "10.00"]);
    expect(changed.data?.reportPurchases.changed).toBe(1);
    await expectExact(stack);
    const same = await report("150724-H-001", Q, ["200.00", "150.00", "10.00"]);
    expect(same.data?.reportPurchases.changed).toBe(0);
    const second = await report("150724-H-002", Q, ["50.00", "50.00", "0"]);
    expect(second.data?.reportPurchases.changed).toBe(2);
    await expectExact(stack);
    const [drug] = await query(
      stack,
      `select total_fen::text, row_count::text from procurement.purchase_summary
       where region_code = '150724' and quarter = '${Q}' and category = 'DRUG'`,
    );
    expect(drug).toEqual({ total_fen: "25000", row_count: "2" });
  });

  it("follows a CSV import and re-imports (new, changed and unchanged rows)", async () => {
    const csv = (drugTotal: string) =>
      [
        COLS,
        `150724-H-003,,${Q},DRUG,${drugTotal},300.00,0`,
        `150724-H-003,,${Q},不可单独收费医用耗材,80.00,40.00,0`,
        `150724-H-001,,${Q},DRUG,200.00,150.00,10.00`, // as the mutation left it
        `150724-H-001,,${Q},CONSUMABLE_SEPARATE,1100.00,900.00,0`, // changed
      ].join("\n");
    const first = await upload(csv("400.00"));
    expect(first).toMatchObject({ inserted: 2, updated: 1, unchanged: 1 });
    await expectExact(stack);
    const again = await upload(csv("400.00"));
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 4 });
    await expectExact(stack);
    const changed = await upload(csv("500.00"));
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    await expectExact(stack);
  });

  it("follows rows moving to another county, quarter or category, multi-row inserts and deletes", async () => {
    // An institution re-registered in another county (the next report rewrites region_code).
    await query(
      stack,
      `update procurement.purchase set region_code = '150702' where institution_id = '150724-H-002'`,
    );
    await expectExact(stack);
    // A figure booked to the wrong quarter and category, corrected.
    await query(
      stack,
      `update procurement.purchase set quarter = '2019Q2', category = 'DRUG'
       where institution_id = '150724-H-001' and quarter = '2023Q2' and category = 'CONSUMABLE_NON_SEPARATE'`,
    );
    await expectExact(stack);
    // An update that changes no summed figure.
    await query(stack, `update procurement.purchase set reported_by = 'someone' where quarter = '2023Q3'`);
    await expectExact(stack);
    // Many rows at once, into new keys and existing ones.
    await query(
      stack,
      `insert into procurement.purchase (institution_id, region_code, quarter, category, total_fen, network_fen,
         reported_off_network_fen, reported_by)
       select institution_id || '-copy', region_code, case when quarter = '2023Q1' then '2018Q1' else quarter end,
         category, total_fen, network_fen, reported_off_network_fen, 'copy'
       from procurement.purchase where quarter in ('2023Q1', '2023Q4')`,
    );
    await expectExact(stack);
    // Deletes: one row; then every row of a county-quarter (its keys leave the summary).
    await query(
      stack,
      `delete from procurement.purchase where institution_id = '150724-H-003' and quarter = '${Q}' and category = 'DRUG'`,
    );
    await expectExact(stack);
    await query(
      stack,
      `delete from procurement.purchase where region_code = '150724' and quarter = '2023Q3'`,
    );
    await expectExact(stack);
    const gone = await query(
      stack,
      `select count(*)::text as n from procurement.purchase_summary where region_code = '150724' and quarter = '2023Q3'`,
    );
    expect(gone[0]?.n).toBe("0");
  });

  it("rolls back with the writes of a failed transaction", async () => {
    const before = await query(stack, SUMMARY);
    await expect(
      query(
        stack,
        `insert into procurement.purchase (institution_id, region_code, quarter, category, total_fen, network_fen,
           reported_off_network_fen, reported_by)
         values ('150724-H-009', '150724', '2017Q1', 'DRUG', 100, 50, 0, 'x'),
                ('150724-H-009', '150724', '2017Q1', 'CONSUMABLE_SEPARATE', 100, 500, 0, 'x')`,
      ),
    ).rejects.toThrow();
    expect(await query(stack, SUMMARY)).toEqual(before);
  });

  it("gives the roll-ups the raw rows' sums (Σ/Σ over the city, every quarter)", async () => {
    const r = await gql<{
      region: {
        procurementKpis: {
          metric: { id: string };
          total: { numerator: number; denominator: number | null };
          points: { quarter: string; numerator: number; denominator: number | null }[];
        }[];
      };
    }>(stack.gateway.url, KPIS, { code: "150700", from: "2018Q1", to: Q }, viewer);
    expect(r.errors).toBeUndefined();
    const raw = await query(
      stack,
      `select quarter, (sum(total_fen) filter (where category = 'DRUG'))::text as drug_total,
         (sum(network_fen) filter (where category = 'DRUG'))::text as drug_network,
         (sum(reported_off_network_fen) filter (where category = 'DRUG'))::text as drug_reported,
         sum(total_fen)::text as total
       from procurement.purchase where region_code like '1507%' and quarter between '2018Q1' and '${Q}'
       group by quarter order by quarter`,
    );
    const [drug, amount] = r.data?.region.procurementKpis ?? [];
    const byQuarter = new Map(raw.map((x) => [x.quarter as string, x]));
    expect(byQuarter.size).toBeGreaterThan(5);
    for (const p of drug?.points ?? []) {
      const x = byQuarter.get(p.quarter);
      if (!x?.drug_total) {
        expect(p.numerator).toBe(0);
        continue;
      }
      // networkRateParts adds the two yuan sums
      expect([p.numerator, p.denominator]).toEqual([
        Number(x.drug_network) / 100 + Number(x.drug_reported) / 100,
        Number(x.drug_total) / 100,
      ]);
    }
    for (const p of amount?.points ?? []) {
      const x = byQuarter.get(p.quarter);
      expect(p.numerator).toBeCloseTo(x ? Number(x.total) / 100 : 0, 6);
    }
  });

  it("keeps VBP completion exact through mutations, imports, agreement changes, deletes and TRUNCATE", async () => {
    expect(await expectVbpExact(stack)).toBeGreaterThan(4);
    const agreed = stack.procurement.agreements.find(
      (a) => a.institutionId === "150724-H-001" && a.startDate <= "2023-04-01" && a.endDate >= "2023-06-30",
    );
    const product = agreed?.productId as string;
    expect(product).toBeDefined();
    const reportVbp = (purchasedVolume: number) =>
      gql<{ reportVbpProgress: { changed: boolean } }>(
        stack.gateway.url,
        REPORT_VBP,
        { input: { institutionId: "150724-H-001", productId: product, quarter: "2023Q2", purchasedVolume } },
        reporter,
      );
    const first = await reportVbp(123_456);
    expect(first.errors).toBeUndefined();
    await expectVbpExact(stack);
    await reportVbp(7); // far behind schedule now
    await expectVbpExact(stack);
    const csv = (volume: number) =>
      `institutionId,productId,quarter,purchasedVolume\n150724-H-001,${product},2023Q2,${volume}\n`;
    const upload = async (body: string) => {
      const res = await fetch(new URL("/import/vbp-progress", stack.gateway.url), {
        method: "POST",
        headers: { "content-type": "text/csv", authorization: `Bearer ${reporter}` },
        body,
      });
      expect(res.status).toBe(200);
    };
    await upload(csv(50_000));
    await expectVbpExact(stack);
    await upload(csv(50_000)); // unchanged
    await upload(csv(60_000));
    await expectVbpExact(stack);
    await query(
      stack,
      "update procurement.vbp_progress set purchased_volume = purchased_volume * 2 where region_code = '150724'",
    );
    await expectVbpExact(stack);
    await query(stack, "update procurement.vbp_progress set reported_by = 'someone'");
    await expectVbpExact(stack);
    await query(stack, "delete from procurement.vbp_progress where quarter = '2023Q3'");
    await expectVbpExact(stack);
    // A product's 中选价 changes (e.g. entered late or corrected): its agreements are re-weighted.
    await query(
      stack,
      `update procurement.vbp_product set price_fen = price_fen * 7 + 3 where id = '${product}'`,
    );
    await expectVbpExact(stack);
    await query(stack, `update procurement.vbp_product set name = name || ' ' where id = '${product}'`);
    await expectVbpExact(stack);
    // A new product counted in another unit, agreed and bought in the same county.
    for (const statement of [
      `insert into procurement.vbp_batch (id, name, level) values ('test-units', '单位测试', 'PROVINCIAL')`,
      `insert into procurement.vbp_product (id, batch_id, name, unit, price_fen)
         values ('test-units-01', 'test-units', '测试注射剂', '支', 3000)`,
      `insert into procurement.vbp_agreement (institution_id, region_code, product_id, start_date, end_date,
           start_quarter, agreed_volume)
         values ('150724-H-001', '150724', 'test-units-01', '2023-04-01', '2024-03-31', '2023Q2', 500)`,
      `insert into procurement.vbp_progress (institution_id, region_code, product_id, quarter, purchased_volume,
           reported_by)
         values ('150724-H-001', '150724', 'test-units-01', '2023Q2', 120, 'test'),
                ('150724-H-001', '150724', 'test-units-01', '2023Q3', 110, 'test')`,
    ])
      await query(stack, statement);
    await expectVbpExact(stack);
    // Agreements: a changed volume, one moved to another county, one removed.
    await query(
      stack,
      `update procurement.vbp_agreement set agreed_volume = agreed_volume * 3 where institution_id = '150724-H-001'`,
    );
    await expectVbpExact(stack);
    await query(
      stack,
      `update procurement.vbp_agreement set region_code = '150702'
       where institution_id = '150724-H-001' and product_id = '${product}'`,
    );
    await expectVbpExact(stack);
    await query(stack, `delete from procurement.vbp_agreement where product_id = '${product}'`);
    await expectVbpExact(stack);
    await query(stack, "truncate procurement.vbp_progress");
    await expectVbpExact(stack);
    await query(stack, "delete from procurement.vbp_agreement");
    expect(await expectVbpExact(stack)).toBe(0);
  });

  it("is emptied by TRUNCATE and refilled by the next insert", async () => {
    await query(stack, "truncate procurement.purchase");
    expect(await expectExact(stack)).toBe(0);
    await report("150724-H-001", Q, ["10.00", "10.00", "0"]);
    expect(await expectExact(stack)).toBe(2);
  });
});
