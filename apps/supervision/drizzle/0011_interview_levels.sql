-- Institutions interviewed over a range of quarters (约谈 20 家, supervision.interviews) at every level
-- (nation, province, city, county) as a lookup of a few rows instead of a count(distinct …) over
-- interview_summary (issue 17: ≈10–30 ms per read at national scale, three reads per landing).
--
-- A distinct count over a range cannot be a sum of the quarters' counts, so the rows are signed, as
-- coverage's (0009): for each level region L, each institution interviewed in L and each quarter q it
-- was interviewed in there, with n the next quarter it was interviewed in L: +1 at (q, as_of q) and -1
-- at (q, as_of n). Institutions interviewed in [f, t] within L = the sum over quarter in [f, t] and
-- as_of <= t: each institution counts once, at its last interview quarter of the range. The sequence is
-- taken per level (not summed from the counties'), so an institution interviewed in two counties of a
-- city counts once in the city.
--
-- supervision.interview_span holds each institution's signed rows (so that a change can take back its
-- old ones) and supervision.interview_level their sums; both are recomputed, for the institutions a
-- statement on interview_summary touches, by statement-level triggers in the same transaction (the
-- summary itself is kept by the triggers of 0003/0010 on inspection and disposition). Recomputations of
-- one institution are serialised by a transaction-level advisory lock (one of 64 buckets).
-- tests/system/test/supervision-summary.integration.test.ts compares the counts with the raw
-- (county, institution) pairs after every write path.
CREATE TABLE supervision.interview_span (
  institution_id text NOT NULL,
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  quarter varchar(6) NOT NULL,
  as_of varchar(6) NOT NULL,
  n smallint NOT NULL,
  PRIMARY KEY (institution_id, depth, region_code, quarter, as_of)
);
--> statement-breakpoint
CREATE TABLE supervision.interview_level (
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  quarter varchar(6) NOT NULL,
  as_of varchar(6) NOT NULL,
  interviewed bigint NOT NULL,
  PRIMARY KEY (depth, region_code, quarter, as_of)
);
--> statement-breakpoint
-- Finds the level rows a change emptied without scanning the table (normally none).
CREATE INDEX interview_level_emptied_idx ON supervision.interview_level (depth) WHERE interviewed = 0;
--> statement-breakpoint
-- The rows of one institution, for the recomputation.
CREATE INDEX interview_summary_institution_idx ON supervision.interview_summary (institution_id);
--> statement-breakpoint
CREATE FUNCTION supervision.interview_level_refresh(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  bucket integer;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN
    RETURN;
  END IF;
  FOR bucket IN SELECT DISTINCT hashtext(c) & 63 FROM unnest(ids) AS c ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtext('supervision.interview_level'), bucket);
  END LOOP;
  -- take back the institutions' old rows
  WITH gone AS (
    DELETE FROM supervision.interview_span WHERE institution_id = ANY (ids)
    RETURNING depth, region_code, quarter, as_of, n
  )
  INSERT INTO supervision.interview_level AS l (depth, region_code, quarter, as_of, interviewed)
  SELECT depth, region_code, quarter, as_of, -sum(n) FROM gone GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (depth, region_code, quarter, as_of) DO UPDATE SET interviewed = l.interviewed + excluded.interviewed;
  -- and add their rows as they are now
  WITH fresh AS (
    INSERT INTO supervision.interview_span (institution_id, depth, region_code, quarter, as_of, n)
    SELECT o.institution_id, o.depth, o.code, o.quarter, v.as_of, v.n
    FROM (
      SELECT d.institution_id, d.depth, d.code, d.quarter,
        lead(d.quarter) OVER (PARTITION BY d.institution_id, d.depth, d.code ORDER BY d.quarter) AS next_quarter
      FROM (
        SELECT DISTINCT s.institution_id, lv.depth, lv.code, s.quarter::varchar(6) AS quarter
        FROM supervision.interview_summary s
        CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
          (1::smallint, rpad(left(s.region_code, 2), 6, '0')::varchar(6)),
          (2::smallint, rpad(left(s.region_code, 4), 6, '0')::varchar(6)),
          (3::smallint, s.region_code::varchar(6))) AS lv(depth, code)
        WHERE s.institution_id = ANY (ids)
      ) AS d
    ) AS o
    CROSS JOIN LATERAL (VALUES (o.quarter, 1::smallint), (o.next_quarter, -1::smallint)) AS v(as_of, n)
    WHERE v.as_of IS NOT NULL
    RETURNING depth, region_code, quarter, as_of, n
  )
  INSERT INTO supervision.interview_level AS l (depth, region_code, quarter, as_of, interviewed)
  SELECT depth, region_code, quarter, as_of, sum(n) FROM fresh GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (depth, region_code, quarter, as_of) DO UPDATE SET interviewed = l.interviewed + excluded.interviewed;
  -- a level row is zero only when no institution has a row there any more (+1 rows are at as_of =
  -- quarter, -1 rows after it)
  DELETE FROM supervision.interview_level WHERE interviewed = 0;
END
$$;
--> statement-breakpoint
CREATE FUNCTION supervision.interview_level_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE supervision.interview_span, supervision.interview_level;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT institution_id) INTO ids FROM interview_new;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT institution_id) INTO ids FROM interview_old;
  ELSE
    SELECT array_agg(DISTINCT k.id) INTO ids FROM (
      SELECT institution_id AS id FROM interview_new UNION SELECT institution_id FROM interview_old
    ) AS k;
  END IF;
  PERFORM supervision.interview_level_refresh(ids);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to supervision.interview_summary while the triggers are created and the tables filled (one transaction).
LOCK TABLE supervision.interview_summary IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER interview_level_insert AFTER INSERT ON supervision.interview_summary
  REFERENCING NEW TABLE AS interview_new
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.interview_level_changed();
--> statement-breakpoint
CREATE TRIGGER interview_level_update AFTER UPDATE ON supervision.interview_summary
  REFERENCING OLD TABLE AS interview_old NEW TABLE AS interview_new
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.interview_level_changed();
--> statement-breakpoint
CREATE TRIGGER interview_level_delete AFTER DELETE ON supervision.interview_summary
  REFERENCING OLD TABLE AS interview_old
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.interview_level_changed();
--> statement-breakpoint
CREATE TRIGGER interview_level_truncate AFTER TRUNCATE ON supervision.interview_summary
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.interview_level_changed();
--> statement-breakpoint
SELECT supervision.interview_level_refresh(array(SELECT DISTINCT institution_id FROM supervision.interview_summary));
