-- procurement.vbp_summary (0006) kept by the database. VBP completion is cumulative per agreement and
-- "behind schedule" is decided per institution, so a delta cannot be added: instead every statement on
-- vbp_agreement or vbp_progress recomputes, in the same transaction, the counties it touches (the
-- counties of the agreements of the institutions whose progress changed), all quarters, with the same
-- arithmetic as `vbpSums` (apps/procurement/src/db/queries.ts; 0.8 = BEHIND_SCHEDULE_FACTOR).
-- Recomputations of one county are serialised with a transaction-level advisory lock (one of 64
-- buckets by county, so a national load holds at most 64 locks), so concurrent writers in one county
-- cannot leave a stale result (READ COMMITTED: each statement sees the other's committed rows once it
-- holds the lock).
CREATE FUNCTION "procurement"."vbp_summary_refresh"(counties text[]) RETURNS void
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
    (region_code, quarter, agreed_volume, purchased_volume, institutions, behind)
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
      least(1.0, (p.q_end - p.start_date + 1)::numeric / (p.end_date - p.start_date + 1)) AS elapsed
    FROM periods p
    LEFT JOIN procurement.vbp_progress v ON v.institution_id = p.institution_id
      AND v.product_id = p.product_id AND v.quarter >= p.start_quarter AND v.quarter <= p.quarter
    GROUP BY p.quarter, p.q_end, p.institution_id, p.product_id, p.start_date, p.end_date, p.region_code,
      p.agreed_volume
  ),
  per_institution AS (
    SELECT quarter, institution_id, region_code, sum(agreed) AS agreed, sum(purchased) AS purchased,
      sum(purchased) < 0.8 * sum(elapsed * agreed) AS behind
    FROM per_agreement GROUP BY quarter, institution_id, region_code
  )
  SELECT region_code, quarter, sum(agreed), sum(purchased), count(*), count(*) FILTER (WHERE behind)
  FROM per_institution GROUP BY region_code, quarter;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "procurement"."vbp_summary_agreement_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM procurement.vbp_summary_refresh(ARRAY(SELECT DISTINCT region_code::text FROM agreement_new));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM procurement.vbp_summary_refresh(ARRAY(
      SELECT region_code::text FROM agreement_new UNION SELECT region_code::text FROM agreement_old));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM procurement.vbp_summary_refresh(ARRAY(SELECT DISTINCT region_code::text FROM agreement_old));
  ELSE -- TRUNCATE
    PERFORM procurement.vbp_summary_refresh(NULL);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "procurement"."vbp_summary_progress_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- The counties of the agreements of the institutions whose progress changed.
  IF TG_OP = 'INSERT' THEN
    PERFORM procurement.vbp_summary_refresh(ARRAY(
      SELECT DISTINCT a.region_code::text FROM procurement.vbp_agreement a
      WHERE a.institution_id IN (SELECT institution_id FROM progress_new)));
  ELSIF TG_OP = 'UPDATE' THEN
    -- Nothing counted changed (e.g. only reported_by): nothing to do.
    IF NOT EXISTS (
      (SELECT institution_id, product_id, quarter, purchased_volume FROM progress_new
       EXCEPT ALL SELECT institution_id, product_id, quarter, purchased_volume FROM progress_old)
      UNION ALL
      (SELECT institution_id, product_id, quarter, purchased_volume FROM progress_old
       EXCEPT ALL SELECT institution_id, product_id, quarter, purchased_volume FROM progress_new)
    ) THEN
      RETURN NULL;
    END IF;
    PERFORM procurement.vbp_summary_refresh(ARRAY(
      SELECT DISTINCT a.region_code::text FROM procurement.vbp_agreement a
      WHERE a.institution_id IN (
        SELECT institution_id FROM progress_new UNION SELECT institution_id FROM progress_old)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM procurement.vbp_summary_refresh(ARRAY(
      SELECT DISTINCT a.region_code::text FROM procurement.vbp_agreement a
      WHERE a.institution_id IN (SELECT institution_id FROM progress_old)));
  ELSE -- TRUNCATE
    PERFORM procurement.vbp_summary_refresh(NULL);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to the VBP tables while the triggers are created and the summary is filled (one transaction).
LOCK TABLE "procurement"."vbp_agreement", "procurement"."vbp_progress" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_agreement_insert" AFTER INSERT ON "procurement"."vbp_agreement"
  REFERENCING NEW TABLE AS agreement_new
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_agreement_changed"();
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_agreement_update" AFTER UPDATE ON "procurement"."vbp_agreement"
  REFERENCING OLD TABLE AS agreement_old NEW TABLE AS agreement_new
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_agreement_changed"();
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_agreement_delete" AFTER DELETE ON "procurement"."vbp_agreement"
  REFERENCING OLD TABLE AS agreement_old
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_agreement_changed"();
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_agreement_truncate" AFTER TRUNCATE ON "procurement"."vbp_agreement"
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_agreement_changed"();
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_progress_insert" AFTER INSERT ON "procurement"."vbp_progress"
  REFERENCING NEW TABLE AS progress_new
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_progress_changed"();
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_progress_update" AFTER UPDATE ON "procurement"."vbp_progress"
  REFERENCING OLD TABLE AS progress_old NEW TABLE AS progress_new
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_progress_changed"();
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_progress_delete" AFTER DELETE ON "procurement"."vbp_progress"
  REFERENCING OLD TABLE AS progress_old
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_progress_changed"();
--> statement-breakpoint
CREATE TRIGGER "vbp_summary_progress_truncate" AFTER TRUNCATE ON "procurement"."vbp_progress"
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."vbp_summary_progress_changed"();
--> statement-breakpoint
-- Backfill from the rows already there.
SELECT "procurement"."vbp_summary_refresh"(NULL);
