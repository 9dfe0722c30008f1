-- Institutions interviewed over a range (约谈 20 家, supervision.interviews) are a distinct count that
-- cannot be summed from the quarters' counts (an institution interviewed in two quarters counts
-- once). supervision.interview_summary keeps, per county-quarter (of the inspection), the distinct
-- institutions with an INTERVIEW disposition, recomputed by the triggers of 0003 with the other two
-- summaries: a range total counts distinct institutions over these few rows instead of joining every
-- inspection of the range to its dispositions (issue 17).
CREATE TABLE "supervision"."interview_summary" (
  "quarter" varchar(6) NOT NULL,
  "region_code" varchar(6) NOT NULL,
  "institution_id" text NOT NULL,
  PRIMARY KEY ("quarter", "region_code", "institution_id")
);
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
  DELETE FROM supervision.interview_summary s
  USING unnest(regions, quarters) AS k(region_code, quarter)
  WHERE s.region_code = k.region_code AND s.quarter = k.quarter;
  INSERT INTO supervision.interview_summary (quarter, region_code, institution_id)
  SELECT DISTINCT t.quarter, t.region_code, t.institution_id
  FROM supervision.inspection t
  JOIN (SELECT DISTINCT r, q FROM unnest(regions, quarters) AS u(r, q)) AS k
    ON t.region_code = k.r AND t.quarter = k.q
  JOIN supervision.disposition d ON d.inspection_id = t.id AND d.kind = 'INTERVIEW';
END
$$;
--> statement-breakpoint
LOCK TABLE "supervision"."inspection", "supervision"."disposition" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
INSERT INTO "supervision"."interview_summary" (quarter, region_code, institution_id)
SELECT DISTINCT i.quarter, i.region_code, i.institution_id
FROM "supervision"."disposition" d JOIN "supervision"."inspection" i ON i.id = d.inspection_id
WHERE d.kind = 'INTERVIEW';
--> statement-breakpoint
-- TRUNCATE of inspection or disposition empties it (0003's functions empty the other two).
CREATE FUNCTION "supervision"."interview_summary_truncated"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE supervision.interview_summary;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "interview_summary_truncate" AFTER TRUNCATE ON "supervision"."inspection"
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."interview_summary_truncated"();
--> statement-breakpoint
CREATE TRIGGER "interview_summary_truncate" AFTER TRUNCATE ON "supervision"."disposition"
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."interview_summary_truncated"();
