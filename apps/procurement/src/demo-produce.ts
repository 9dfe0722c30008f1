// The procurement demo's rows, generated on a worker thread (`bulkLoadInWorker`, started by
// `loadProcurementDemo` in ./demo): county by county, COPYed every ~50,000 rows while the main
// thread writes the previous batch.
import { type BulkProducer, copyRows, serveBulkProducer } from "@hsa/db";
import { demoProcurement, type ProcurementDemo } from "@hsa/demo-data";
import { reportingUnits } from "@hsa/regions";
import { purchase, vbpAgreement, vbpProgress } from "./db/schema";
import { DEMO_REPORTER } from "./demo-reporter";

/** Rows kept in memory before they are COPYed (one county's are ≈2,000 in a full registry). */
const FLUSH_ROWS = 50_000;

/** What the producer is given: the scope (default the whole country). */
export interface ProcurementDemoWork {
  scope?: string;
}

/**
 * Purchases, VBP agreements and progress of every reporting unit of the scope. Where two agreement
 * years of a product meet in one quarter, that quarter's first progress row is kept (as
 * `insertProcurementDemo` does). The rows written.
 */
export async function produceProcurementDemo(out: BulkProducer, work: ProcurementDemoWork): Promise<number> {
  const units = reportingUnits(work.scope ?? "000000");
  let purchases: ProcurementDemo["purchases"] = [];
  let agreements: ProcurementDemo["agreements"] = [];
  let progress: ProcurementDemo["progress"] = [];
  let done = 0;
  const flush = async () => {
    done += await copyRows(
      out,
      purchase,
      [
        "institutionId",
        "regionCode",
        "quarter",
        "category",
        "totalFen",
        "networkFen",
        "reportedOffNetworkFen",
        "reportedBy",
      ],
      purchases.map((p) => ({ ...p, reportedBy: DEMO_REPORTER })),
    );
    // Progress before agreements: bulkLoad inserts in this order, so the VBP summary's trigger finds
    // no agreement for the progress rows and the agreements' insert computes every county once.
    done += await copyRows(
      out,
      vbpProgress,
      ["institutionId", "regionCode", "productId", "quarter", "purchasedVolume", "reportedBy"],
      progress.map((p) => ({ ...p, reportedBy: DEMO_REPORTER })),
    );
    done += await copyRows(
      out,
      vbpAgreement,
      ["institutionId", "regionCode", "productId", "startDate", "endDate", "startQuarter", "agreedVolume"],
      agreements,
    );
    purchases = [];
    agreements = [];
    progress = [];
  };
  for (const [k, unit] of units.entries()) {
    const part = demoProcurement({ scope: unit.code });
    purchases.push(...part.purchases);
    agreements.push(...part.agreements);
    const seen = new Set<string>();
    for (const p of part.progress) {
      const key = `${p.institutionId}|${p.productId}|${p.quarter}`;
      if (seen.has(key)) continue;
      seen.add(key);
      progress.push(p);
    }
    if (purchases.length + agreements.length + progress.length >= FLUSH_ROWS) {
      await flush();
      out.progress(k + 1, units.length);
    }
  }
  await flush();
  out.progress(units.length, units.length);
  return done;
}

serveBulkProducer(produceProcurementDemo);
