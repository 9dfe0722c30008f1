-- supervision.inspection_summary and supervision.disposition_summary (0002) kept by the database:
-- every statement on inspection or disposition (INSERT, UPDATE, DELETE, COPY) recomputes, in the same
-- transaction, the county-quarters its old and new rows belong to, from the raw rows (indexes on
-- inspection (quarter, region_code) and disposition (inspection_id)). Recomputing rather than adding
-- deltas keeps `inspected` (distinct institutions) exact. Recomputations of one county-quarter are
-- serialised with a transaction-level advisory lock (one of 64 buckets): concurrent writers cannot
-- leave a stale result (READ COMMITTED: each statement sees the other's committed rows once it holds
-- the lock). TRUNCATE empties them.
CREATE FUNCTION "supervision"."inspection_summary_refresh"(regions text[], quarters text[]) RETURNS void
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
  INSERT INTO supervision.disposition_summary (quarter, region_code, kind, dispositions, amount_fen)
  SELECT t.quarter, t.region_code, d.kind, count(*), coalesce(sum(d.amount_fen), 0)
  FROM supervision.inspection t
  JOIN (SELECT DISTINCT r, q FROM unnest(regions, quarters) AS u(r, q)) AS k
    ON t.region_code = k.r AND t.quarter = k.q
  JOIN supervision.disposition d ON d.inspection_id = t.id
  GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "supervision"."inspection_summary_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  regions text[];
  quarters text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT region_code::text, quarter::text FROM inspection_new) AS k;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Nothing counted changed (e.g. only findings): nothing to do.
    IF NOT EXISTS (
      (SELECT id, institution_id, region_code, quarter FROM inspection_new
       EXCEPT ALL SELECT id, institution_id, region_code, quarter FROM inspection_old)
      UNION ALL
      (SELECT id, institution_id, region_code, quarter FROM inspection_old
       EXCEPT ALL SELECT id, institution_id, region_code, quarter FROM inspection_new)
    ) THEN
      RETURN NULL;
    END IF;
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT region_code::text, quarter::text FROM inspection_new
          UNION SELECT region_code::text, quarter::text FROM inspection_old) AS k;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT region_code::text, quarter::text FROM inspection_old) AS k;
  ELSE -- TRUNCATE (dispositions reference inspections: they are truncated with them)
    TRUNCATE supervision.inspection_summary, supervision.disposition_summary;
    RETURN NULL;
  END IF;
  IF regions IS NOT NULL THEN
    PERFORM supervision.inspection_summary_refresh(regions, quarters);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Dispositions count in the county-quarter of their inspection; the inspection summary is recomputed
-- with them (it is small: one row per county-quarter).
CREATE FUNCTION "supervision"."disposition_summary_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  regions text[];
  quarters text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT i.region_code::text, i.quarter::text
          FROM disposition_new d JOIN supervision.inspection i ON i.id = d.inspection_id) AS k;
  ELSIF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (
      (SELECT id, inspection_id, kind, amount_fen FROM disposition_new
       EXCEPT ALL SELECT id, inspection_id, kind, amount_fen FROM disposition_old)
      UNION ALL
      (SELECT id, inspection_id, kind, amount_fen FROM disposition_old
       EXCEPT ALL SELECT id, inspection_id, kind, amount_fen FROM disposition_new)
    ) THEN
      RETURN NULL;
    END IF;
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT i.region_code::text, i.quarter::text
          FROM (SELECT inspection_id FROM disposition_new UNION SELECT inspection_id FROM disposition_old) d
          JOIN supervision.inspection i ON i.id = d.inspection_id) AS k;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT i.region_code::text, i.quarter::text
          FROM disposition_old d JOIN supervision.inspection i ON i.id = d.inspection_id) AS k;
  ELSE -- TRUNCATE
    TRUNCATE supervision.disposition_summary;
    RETURN NULL;
  END IF;
  IF regions IS NOT NULL THEN
    PERFORM supervision.inspection_summary_refresh(regions, quarters);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to inspections and dispositions while the triggers are created and the summaries filled.
LOCK TABLE "supervision"."inspection", "supervision"."disposition" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER "inspection_summary_insert" AFTER INSERT ON "supervision"."inspection"
  REFERENCING NEW TABLE AS inspection_new
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."inspection_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "inspection_summary_update" AFTER UPDATE ON "supervision"."inspection"
  REFERENCING OLD TABLE AS inspection_old NEW TABLE AS inspection_new
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."inspection_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "inspection_summary_delete" AFTER DELETE ON "supervision"."inspection"
  REFERENCING OLD TABLE AS inspection_old
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."inspection_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "inspection_summary_truncate" AFTER TRUNCATE ON "supervision"."inspection"
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."inspection_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "disposition_summary_insert" AFTER INSERT ON "supervision"."disposition"
  REFERENCING NEW TABLE AS disposition_new
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."disposition_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "disposition_summary_update" AFTER UPDATE ON "supervision"."disposition"
  REFERENCING OLD TABLE AS disposition_old NEW TABLE AS disposition_new
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."disposition_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "disposition_summary_delete" AFTER DELETE ON "supervision"."disposition"
  REFERENCING OLD TABLE AS disposition_old
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."disposition_summary_changed"();
--> statement-breakpoint
CREATE TRIGGER "disposition_summary_truncate" AFTER TRUNCATE ON "supervision"."disposition"
  FOR EACH STATEMENT EXECUTE FUNCTION "supervision"."disposition_summary_changed"();
--> statement-breakpoint
-- Backfill from the rows already there.
INSERT INTO "supervision"."inspection_summary" (quarter, region_code, inspections, inspected)
SELECT quarter, region_code, count(*), count(DISTINCT institution_id)
FROM "supervision"."inspection" GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "supervision"."disposition_summary" (quarter, region_code, kind, dispositions, amount_fen)
SELECT i.quarter, i.region_code, d.kind, count(*), coalesce(sum(d.amount_fen), 0)
FROM "supervision"."disposition" d JOIN "supervision"."inspection" i ON i.id = d.inspection_id
GROUP BY 1, 2, 3;
