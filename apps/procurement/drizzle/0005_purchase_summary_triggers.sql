-- procurement.purchase_summary (0004) kept exact by the database: statement-level triggers with
-- transition tables add each statement's delta per (region_code, quarter, category) in the same
-- transaction, whatever the write path (mutations, CSV imports, demo loads, COPY). An UPDATE that
-- moves a row to another county, quarter or category subtracts it from its old key and adds it to the
-- new one. A key whose row count falls to 0 is deleted, so the summary always equals
-- `select region_code, quarter, category, sum(...), count(*) from purchase group by 1, 2, 3`.
CREATE FUNCTION "procurement"."purchase_summary_apply"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  zero_regions text[];
  zero_quarters text[];
  zero_categories text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Only additions: one upsert of the new rows' sums (keys in order, so concurrent writers lock alike).
    INSERT INTO procurement.purchase_summary AS s
      (region_code, quarter, category, total_fen, network_fen, reported_off_network_fen, row_count)
    SELECT region_code, quarter, category, sum(total_fen), sum(network_fen), sum(reported_off_network_fen),
      count(*)
    FROM purchase_new GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (region_code, quarter, category) DO UPDATE SET
      total_fen = s.total_fen + excluded.total_fen,
      network_fen = s.network_fen + excluded.network_fen,
      reported_off_network_fen = s.reported_off_network_fen + excluded.reported_off_network_fen,
      row_count = s.row_count + excluded.row_count;
    RETURN NULL;
  END IF;

  -- UPDATE or DELETE: the new rows minus the old rows, per key (keys whose sums do not change are skipped).
  IF TG_OP = 'UPDATE' THEN
    WITH delta AS (
      SELECT region_code, quarter, category, sum(total_fen) AS total_fen, sum(network_fen) AS network_fen,
        sum(reported_off_network_fen) AS reported_off_network_fen, sum(n) AS n
      FROM (
        SELECT region_code, quarter, category, total_fen, network_fen, reported_off_network_fen, 1 AS n
        FROM purchase_new
        UNION ALL
        SELECT region_code, quarter, category, -total_fen, -network_fen, -reported_off_network_fen, -1
        FROM purchase_old
      ) d
      GROUP BY 1, 2, 3
      HAVING sum(total_fen) <> 0 OR sum(network_fen) <> 0 OR sum(reported_off_network_fen) <> 0 OR sum(n) <> 0
    ),
    up AS (
      INSERT INTO procurement.purchase_summary AS s
        (region_code, quarter, category, total_fen, network_fen, reported_off_network_fen, row_count)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (region_code, quarter, category) DO UPDATE SET
        total_fen = s.total_fen + excluded.total_fen,
        network_fen = s.network_fen + excluded.network_fen,
        reported_off_network_fen = s.reported_off_network_fen + excluded.reported_off_network_fen,
        row_count = s.row_count + excluded.row_count
      RETURNING s.region_code, s.quarter, s.category, s.row_count
    )
    SELECT array_agg(region_code), array_agg(quarter), array_agg(category)
    INTO zero_regions, zero_quarters, zero_categories
    FROM up WHERE row_count = 0;
  ELSE
    WITH delta AS (
      SELECT region_code, quarter, category, -sum(total_fen) AS total_fen, -sum(network_fen) AS network_fen,
        -sum(reported_off_network_fen) AS reported_off_network_fen, -count(*) AS n
      FROM purchase_old GROUP BY 1, 2, 3
    ),
    up AS (
      INSERT INTO procurement.purchase_summary AS s
        (region_code, quarter, category, total_fen, network_fen, reported_off_network_fen, row_count)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (region_code, quarter, category) DO UPDATE SET
        total_fen = s.total_fen + excluded.total_fen,
        network_fen = s.network_fen + excluded.network_fen,
        reported_off_network_fen = s.reported_off_network_fen + excluded.reported_off_network_fen,
        row_count = s.row_count + excluded.row_count
      RETURNING s.region_code, s.quarter, s.category, s.row_count
    )
    SELECT array_agg(region_code), array_agg(quarter), array_agg(category)
    INTO zero_regions, zero_quarters, zero_categories
    FROM up WHERE row_count = 0;
  END IF;

  -- Keys left without rows (a separate statement: a statement does not see its own CTE's updates).
  IF zero_regions IS NOT NULL THEN
    DELETE FROM procurement.purchase_summary s
    USING unnest(zero_regions, zero_quarters, zero_categories) AS z(region_code, quarter, category)
    WHERE s.region_code = z.region_code AND s.quarter = z.quarter AND s.category = z.category
      AND s.row_count = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "procurement"."purchase_summary_truncate"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE procurement.purchase_summary;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to purchase while the triggers are created and the summary is filled (one transaction).
LOCK TABLE "procurement"."purchase" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER "purchase_summary_insert" AFTER INSERT ON "procurement"."purchase"
  REFERENCING NEW TABLE AS purchase_new
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."purchase_summary_apply"();
--> statement-breakpoint
CREATE TRIGGER "purchase_summary_update" AFTER UPDATE ON "procurement"."purchase"
  REFERENCING OLD TABLE AS purchase_old NEW TABLE AS purchase_new
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."purchase_summary_apply"();
--> statement-breakpoint
CREATE TRIGGER "purchase_summary_delete" AFTER DELETE ON "procurement"."purchase"
  REFERENCING OLD TABLE AS purchase_old
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."purchase_summary_apply"();
--> statement-breakpoint
CREATE TRIGGER "purchase_summary_truncate" AFTER TRUNCATE ON "procurement"."purchase"
  FOR EACH STATEMENT EXECUTE FUNCTION "procurement"."purchase_summary_truncate"();
--> statement-breakpoint
-- Backfill from the rows already there.
INSERT INTO "procurement"."purchase_summary"
  (region_code, quarter, category, total_fen, network_fen, reported_off_network_fen, row_count)
SELECT region_code, quarter, category, sum(total_fen), sum(network_fen), sum(reported_off_network_fen), count(*)
FROM "procurement"."purchase" GROUP BY 1, 2, 3;
