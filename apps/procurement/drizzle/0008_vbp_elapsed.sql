-- VBP completion is judged against 序时进度 (issue 15): the share of each agreement's own year elapsed
-- (agreements start in different months), counted in whole months from the agreement's start month
-- to the quarter's end over its length in months, weighted like the value (by agreed volume).
-- vbp_summary keeps Σ month share × agreed_volume per county-quarter, recomputed by the same
-- triggers (0007). "Behind schedule" keeps its day-based share.
ALTER TABLE "procurement"."vbp_summary" ADD COLUMN "elapsed_agreed" numeric DEFAULT 0 NOT NULL;
--> statement-breakpoint
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
    (region_code, quarter, agreed_volume, purchased_volume, institutions, behind, elapsed_agreed)
  WITH periods AS (
    -- every quarter each agreement is in force in (start_date <= quarter end and end_date >= quarter start)
    SELECT a.institution_id, a.region_code, a.product_id, a.start_date, a.end_date, a.start_quarter,
      a.agreed_volume, to_char(d, 'YYYY"Q"Q') AS quarter,
      (d + interval '3 months' - interval '1 day')::date AS q_end
    FROM procurement.vbp_agreement a
    CROSS JOIN LATERAL generate_series(
      date_trunc('quarter', a.start_date::timestamp), a.end_date::timestamp, interval '3 months') AS d
    WHERE a.region_code = ANY (counties)
  ),
  per_agreement AS (
    SELECT p.quarter, p.institution_id, p.region_code, p.agreed_volume AS agreed,
      coalesce(sum(v.purchased_volume), 0) AS purchased,
      least(1.0, (p.q_end - p.start_date + 1)::numeric / (p.end_date - p.start_date + 1)) AS elapsed,
      -- 序时进度 in whole months of the agreement's own year (a July start: 6/12 at December's end)
      least(1.0, ((extract(year from p.q_end) * 12 + extract(month from p.q_end)) - (extract(year from p.start_date) * 12 + extract(month from p.start_date)) + 1)::numeric / ((extract(year from p.end_date) * 12 + extract(month from p.end_date)) - (extract(year from p.start_date) * 12 + extract(month from p.start_date)) + 1)) AS month_share
    FROM periods p
    LEFT JOIN procurement.vbp_progress v ON v.institution_id = p.institution_id
      AND v.product_id = p.product_id AND v.quarter >= p.start_quarter AND v.quarter <= p.quarter
    GROUP BY p.quarter, p.q_end, p.institution_id, p.product_id, p.start_date, p.end_date, p.region_code,
      p.agreed_volume
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
LOCK TABLE "procurement"."vbp_agreement", "procurement"."vbp_progress" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
SELECT "procurement"."vbp_summary_refresh"(NULL);
