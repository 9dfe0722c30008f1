-- VBP completion weighted by agreed amount (issue 15). Adding the volumes of different products
-- (片 + 支 + 粒) means nothing, so every winning product gets its 中选价 (agreed unit price, integer
-- fen) and completion becomes Σ purchased volume × price / Σ agreed volume × price: the amount bought
-- at agreed prices over the agreed amount. 序时进度 (0008) is weighted the same way, and an
-- institution is behind schedule when its purchased amount is below 80% of its amount due by now.
-- vbp_summary holds these amounts (fen) instead of volumes; the triggers of 0007 stay and call the
-- new vbp_summary_refresh; a price change on vbp_product re-weights its agreements' counties.
--
-- Backfill: the demo's products (@hsa/demo-data vbpBatches — the only way products reach a database
-- so far) get the demo's prices. Any other product has no known price: the migration stops and
-- names it rather than invent one. To go on, add the column and enter those prices by hand first
-- (ALTER TABLE procurement.vbp_product ADD COLUMN price_fen bigint; UPDATE … SET price_fen = <fen>
-- WHERE id = …); prices already there are kept.
ALTER TABLE "procurement"."vbp_product" ADD COLUMN IF NOT EXISTS "price_fen" bigint;
--> statement-breakpoint
UPDATE "procurement"."vbp_product" SET "price_fen" = CASE "id"
  WHEN 'national-7-01' THEN 18
  WHEN 'national-7-02' THEN 12
  WHEN 'national-8-01' THEN 186
  WHEN 'national-8-02' THEN 11
  WHEN 'alliance-tcm-2023-01' THEN 2350
END
WHERE "price_fen" IS NULL;
--> statement-breakpoint
DO $$
DECLARE
  missing text;
BEGIN
  SELECT string_agg(id, ', ' ORDER BY id) INTO missing FROM procurement.vbp_product WHERE price_fen IS NULL;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'procurement migration 0009: no 中选价 known for VBP products %: enter price_fen (fen) for them first (see the migration''s header)', missing;
  END IF;
END
$$;
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_product" ALTER COLUMN "price_fen" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_product" ADD CONSTRAINT "vbp_product_price" CHECK ("procurement"."vbp_product"."price_fen" >= 0);
--> statement-breakpoint
-- No writes to the VBP tables while the summary changes shape and is refilled (one transaction).
LOCK TABLE "procurement"."vbp_product", "procurement"."vbp_agreement", "procurement"."vbp_progress"
  IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
DELETE FROM "procurement"."vbp_summary";
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_summary" DROP COLUMN "agreed_volume";
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_summary" DROP COLUMN "purchased_volume";
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_summary" DROP COLUMN "elapsed_agreed";
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_summary" ADD COLUMN "agreed_fen" bigint NOT NULL;
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_summary" ADD COLUMN "purchased_fen" bigint NOT NULL;
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_summary" ADD COLUMN "elapsed_agreed_fen" numeric NOT NULL;
--> statement-breakpoint
-- The arithmetic of `vbpSums` (apps/procurement/src/db/queries.ts; 0.8 = BEHIND_SCHEDULE_FACTOR).
CREATE OR REPLACE FUNCTION "procurement"."vbp_summary_refresh"(counties text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  bucket integer;
BEGIN
  IF counties IS NULL THEN
    LOCK TABLE procurement.vbp_summary IN EXCLUSIVE MODE;
    DELETE FROM procurement.vbp_summary;
    counties := ARRAY(SELECT DISTINCT region_code::text FROM procurement.vbp_agreement);
  ELSE
    IF cardinality(counties) = 0 THEN
      RETURN;
    END IF;
    FOR bucket IN SELECT DISTINCT hashtext(c) & 63 FROM unnest(counties) AS u(c) ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(hashtext('procurement.vbp_summary'), bucket);
    END LOOP;
    DELETE FROM procurement.vbp_summary WHERE region_code = ANY (counties);
  END IF;
  INSERT INTO procurement.vbp_summary
    (region_code, quarter, agreed_fen, purchased_fen, institutions, behind, elapsed_agreed_fen)
  WITH periods AS (
    -- every quarter each agreement is in force in (start_date <= quarter end and end_date >= quarter start)
    SELECT a.institution_id, a.region_code, a.product_id, a.start_date, a.end_date, a.start_quarter,
      a.agreed_volume, pr.price_fen, to_char(d, 'YYYY"Q"Q') AS quarter,
      (d + interval '3 months' - interval '1 day')::date AS q_end
    FROM procurement.vbp_agreement a
    JOIN procurement.vbp_product pr ON pr.id = a.product_id
    CROSS JOIN LATERAL generate_series(
      date_trunc('quarter', a.start_date::timestamp), a.end_date::timestamp, interval '3 months') AS d
    WHERE a.region_code = ANY (counties)
  ),
  per_agreement AS (
    -- amounts at the agreed price (fen): volumes of different units are never added
    SELECT p.quarter, p.institution_id, p.region_code, p.agreed_volume * p.price_fen AS agreed,
      coalesce(sum(v.purchased_volume), 0) * p.price_fen AS purchased,
      least(1.0, (p.q_end - p.start_date + 1)::numeric / (p.end_date - p.start_date + 1)) AS elapsed,
      -- 序时进度 in whole months of the agreement's own year (a July start: 6/12 at December's end)
      least(1.0, ((extract(year from p.q_end) * 12 + extract(month from p.q_end)) - (extract(year from p.start_date) * 12 + extract(month from p.start_date)) + 1)::numeric / ((extract(year from p.end_date) * 12 + extract(month from p.end_date)) - (extract(year from p.start_date) * 12 + extract(month from p.start_date)) + 1)) AS month_share
    FROM periods p
    LEFT JOIN procurement.vbp_progress v ON v.institution_id = p.institution_id
      AND v.product_id = p.product_id AND v.quarter >= p.start_quarter AND v.quarter <= p.quarter
    GROUP BY p.quarter, p.q_end, p.institution_id, p.product_id, p.start_date, p.end_date, p.region_code,
      p.agreed_volume, p.price_fen
  ),
  per_institution AS (
    SELECT quarter, institution_id, region_code, sum(agreed) AS agreed, sum(purchased) AS purchased,
      sum(purchased) < 0.8 * sum(elapsed * agreed) AS behind, sum(month_share * agreed) AS elapsed_agreed
    FROM per_agreement GROUP BY quarter, institution_id, region_code
  )
  SELECT region_code, quarter, sum(agreed), sum(purchased), count(*), count(*) FILTER (WHERE behind),
    sum(elapsed_agreed)
  FROM per_institution GROUP BY region_code, quarter;
END
$$;
--> statement-breakpoint
-- A product's 中选价 changed: recompute the counties of its agreements.
CREATE FUNCTION "procurement"."vbp_summary_product_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM procurement.vbp_summary_refresh(ARRAY(
    SELECT DISTINCT a.region_code::text FROM procurement.vbp_agreement a
    WHERE a.product_id IN (
      SELECT n.id FROM product_new n JOIN product_old o ON o.id = n.id
      WHERE n.price_fen IS DISTINCT FROM o.price_fen)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_product_update" AFTER UPDATE ON "procurement"."vbp_product"
  REFERENCING OLD TABLE AS product_old NEW TABLE AS product_new
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_product_changed"();
--> statement-breakpoint
SELECT "procurement"."vbp_summary_refresh"(NULL);
