-- supervision.interviews counts distinct institutions interviewed (约谈 20 家), not INTERVIEW
-- dispositions (issue 15): disposition_summary (county × quarter × kind) also keeps the distinct
-- institutions with a disposition of that kind, recomputed by the same triggers (0003) from the raw
-- rows. An institution's inspections all carry its own county, so a region's quarter adds its
-- counties' counts exactly; a range total is a distinct count over the raw rows (rollup.ts).
ALTER TABLE "supervision"."disposition_summary" ADD COLUMN "institutions" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "supervision"."inspection_summary_refresh"(regions text[], quarters text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  bucket integer;
BEGIN
  IF cardinality(regions) = 0 THEN
    RETURN;
  END IF;
  FOR bucket IN
    SELECT DISTINCT hashtext(r || q) & 63 FROM unnest(regions, quarters) AS k(r, q) ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(hashtext('supervision.inspection_summary'), bucket);
  END LOOP;
  DELETE FROM supervision.inspection_summary s
  USING unnest(regions, quarters) AS k(region_code, quarter)
  WHERE s.region_code = k.region_code AND s.quarter = k.quarter;
  INSERT INTO supervision.inspection_summary (quarter, region_code, inspections, inspected)
  SELECT t.quarter, t.region_code, count(*), count(DISTINCT t.institution_id)
  FROM supervision.inspection t
  JOIN (SELECT DISTINCT r, q FROM unnest(regions, quarters) AS u(r, q)) AS k
    ON t.region_code = k.r AND t.quarter = k.q
  GROUP BY 1, 2;
  DELETE FROM supervision.disposition_summary s
  USING unnest(regions, quarters) AS k(region_code, quarter)
  WHERE s.region_code = k.region_code AND s.quarter = k.quarter;
  INSERT INTO supervision.disposition_summary (quarter, region_code, kind, dispositions, amount_fen, institutions)
  SELECT t.quarter, t.region_code, d.kind, count(*), coalesce(sum(d.amount_fen), 0), count(DISTINCT t.institution_id)
  FROM supervision.inspection t
  JOIN (SELECT DISTINCT r, q FROM unnest(regions, quarters) AS u(r, q)) AS k
    ON t.region_code = k.r AND t.quarter = k.q
  JOIN supervision.disposition d ON d.inspection_id = t.id
  GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
LOCK TABLE "supervision"."inspection", "supervision"."disposition" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
UPDATE "supervision"."disposition_summary" s SET institutions = k.n
FROM (
  SELECT i.quarter, i.region_code, d.kind, count(DISTINCT i.institution_id)::integer AS n
  FROM "supervision"."disposition" d JOIN "supervision"."inspection" i ON i.id = d.inspection_id
  GROUP BY 1, 2, 3
) AS k
WHERE s.quarter = k.quarter AND s.region_code = k.region_code AND s.kind = k.kind;
