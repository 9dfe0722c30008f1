-- payment.dip_case_summary (0003) kept by the database: every statement on dip_case_aggregate
-- (INSERT, UPDATE, DELETE, COPY) recomputes, in the same transaction, the county-quarters its old and
-- new rows belong to, from the raw rows (index on region_code, quarter). Recomputing rather than adding
-- deltas keeps `institutions` (distinct institutions with cases > 0) exact. Recomputations of one
-- county-quarter are serialised with a transaction-level advisory lock (one of 64 buckets, so a
-- national load holds at most 64 locks): concurrent writers cannot leave a stale result (READ
-- COMMITTED: each statement sees the other's committed rows once it holds the lock). TRUNCATE empties it.
CREATE FUNCTION "payment"."dip_case_summary_refresh"(regions text[], quarters text[]) RETURNS void
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
    PERFORM pg_advisory_xact_lock(hashtext('payment.dip_case_summary'), bucket);
  END LOOP;
  DELETE FROM payment.dip_case_summary s
  USING unnest(regions, quarters) AS k(region_code, quarter)
  WHERE s.region_code = k.region_code AND s.quarter = k.quarter;
  INSERT INTO payment.dip_case_summary
    (region_code, pooling_area, quarter, cases, comprehensive_cases, points, dip_fund_fen, inpatient_fund_fen,
     institutions, row_count)
  SELECT t.region_code, t.pooling_area, t.quarter, sum(t.cases),
    coalesce(sum(t.cases) FILTER (WHERE t.group_type = 'COMPREHENSIVE'), 0), sum(t.points), sum(t.dip_fund_fen),
    sum(t.inpatient_fund_fen), count(DISTINCT t.institution_id) FILTER (WHERE t.cases > 0), count(*)
  FROM payment.dip_case_aggregate t
  JOIN (SELECT DISTINCT r, q FROM unnest(regions, quarters) AS u(r, q)) AS k
    ON t.region_code = k.r AND t.quarter = k.q
  GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "payment"."dip_case_summary_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  regions text[];
  quarters text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT region_code::text, quarter::text FROM case_new) AS k;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Nothing summed changed (e.g. only reported_by): nothing to do.
    IF NOT EXISTS (
      (SELECT institution_id, region_code, pooling_area, quarter, group_code, group_type, cases, points,
         dip_fund_fen, inpatient_fund_fen FROM case_new
       EXCEPT ALL
       SELECT institution_id, region_code, pooling_area, quarter, group_code, group_type, cases, points,
         dip_fund_fen, inpatient_fund_fen FROM case_old)
      UNION ALL
      (SELECT institution_id, region_code, pooling_area, quarter, group_code, group_type, cases, points,
         dip_fund_fen, inpatient_fund_fen FROM case_old
       EXCEPT ALL
       SELECT institution_id, region_code, pooling_area, quarter, group_code, group_type, cases, points,
         dip_fund_fen, inpatient_fund_fen FROM case_new)
    ) THEN
      RETURN NULL;
    END IF;
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT region_code::text, quarter::text FROM case_new
          UNION SELECT region_code::text, quarter::text FROM case_old) AS k;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT region_code::text, quarter::text FROM case_old) AS k;
  ELSE -- TRUNCATE
    TRUNCATE payment.dip_case_summary;
    RETURN NULL;
  END IF;
  IF regions IS NOT NULL THEN
    PERFORM payment.dip_case_summary_refresh(regions, quarters);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to the case aggregates while the triggers are created and the summary is filled.
LOCK TABLE "payment"."dip_case_aggregate" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER "dip_case_summary_insert" AFTER INSERT ON "payment"."dip_case_aggregate"
  REFERENCING NEW TABLE AS case_new
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."dip_case_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "dip_case_summary_update" AFTER UPDATE ON "payment"."dip_case_aggregate"
  REFERENCING OLD TABLE AS case_old NEW TABLE AS case_new
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."dip_case_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "dip_case_summary_delete" AFTER DELETE ON "payment"."dip_case_aggregate"
  REFERENCING OLD TABLE AS case_old
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."dip_case_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "dip_case_summary_truncate" AFTER TRUNCATE ON "payment"."dip_case_aggregate"
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."dip_case_summary_changed"();
--> statement-breakpoint
-- Backfill from the rows already there.
INSERT INTO "payment"."dip_case_summary"
  (region_code, pooling_area, quarter, cases, comprehensive_cases, points, dip_fund_fen, inpatient_fund_fen,
   institutions, row_count)
SELECT region_code, pooling_area, quarter, sum(cases),
  coalesce(sum(cases) FILTER (WHERE group_type = 'COMPREHENSIVE'), 0), sum(points), sum(dip_fund_fen),
  sum(inpatient_fund_fen), count(DISTINCT institution_id) FILTER (WHERE cases > 0), count(*)
FROM "payment"."dip_case_aggregate" GROUP BY 1, 2, 3;
