-- payment.budget_spend_summary (0007) kept by the database: the spend of the INSTITUTION and ALLIANCE
-- budgets per budget county, quarter and budget year. Every statement on global_budget_spend (INSERT,
-- UPDATE, DELETE, COPY) and every statement on global_budget that gives a budget another id, kind,
-- county or year recomputes, in the same transaction, the county-quarters its old and new rows belong
-- to, from the raw rows (global_budget by region_code, global_budget_spend by its key). A deleted
-- budget's spend goes with it (ON DELETE CASCADE): the spend's trigger no longer finds the budget, so
-- the budget's trigger recomputes every quarter the summary holds for its county. (A new budget has no
-- spend yet: no INSERT trigger on global_budget.) Recomputations of
-- one county-quarter are serialised with a transaction-level advisory lock (one of 64 buckets), as
-- dip_case_summary's (0004). TRUNCATE of either table empties it.
CREATE FUNCTION "payment"."budget_spend_summary_refresh"(regions text[], quarters text[]) RETURNS void
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
    PERFORM pg_advisory_xact_lock(hashtext('payment.budget_spend_summary'), bucket);
  END LOOP;
  DELETE FROM payment.budget_spend_summary s
  USING unnest(regions, quarters) AS k(region_code, quarter)
  WHERE s.region_code = k.region_code AND s.quarter = k.quarter;
  INSERT INTO payment.budget_spend_summary (region_code, quarter, year, spent_fen, row_count)
  SELECT b.region_code, s.quarter, b.year, sum(s.spent_fen), count(*)
  FROM (SELECT DISTINCT r, q FROM unnest(regions, quarters) AS u(r, q)) AS k
  JOIN payment.global_budget b ON b.region_code = k.r AND b.kind <> 'POOL'
  JOIN payment.global_budget_spend s ON s.budget_id = b.id AND s.quarter = k.q
  GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "payment"."budget_spend_summary_spend_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  regions text[];
  quarters text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE payment.budget_spend_summary;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT b.region_code::text, n.quarter::text
          FROM spend_new n JOIN payment.global_budget b ON b.id = n.budget_id AND b.kind <> 'POOL') AS k;
  ELSIF TG_OP = 'UPDATE' THEN
    -- Nothing summed changed (e.g. only reported_by): nothing to do.
    IF NOT EXISTS (
      (SELECT budget_id, quarter, spent_fen FROM spend_new EXCEPT ALL SELECT budget_id, quarter, spent_fen FROM spend_old)
      UNION ALL
      (SELECT budget_id, quarter, spent_fen FROM spend_old EXCEPT ALL SELECT budget_id, quarter, spent_fen FROM spend_new)
    ) THEN
      RETURN NULL;
    END IF;
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT b.region_code::text, n.quarter::text
          FROM spend_new n JOIN payment.global_budget b ON b.id = n.budget_id AND b.kind <> 'POOL'
          UNION
          SELECT b.region_code::text, o.quarter::text
          FROM spend_old o JOIN payment.global_budget b ON b.id = o.budget_id AND b.kind <> 'POOL') AS k;
  ELSE -- DELETE (a budget's cascade included: its budget is gone, the budget's trigger recomputes)
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT b.region_code::text, o.quarter::text
          FROM spend_old o JOIN payment.global_budget b ON b.id = o.budget_id AND b.kind <> 'POOL') AS k;
  END IF;
  IF regions IS NOT NULL THEN
    PERFORM payment.budget_spend_summary_refresh(regions, quarters);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION "payment"."budget_spend_summary_budget_changed"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  regions text[];
  quarters text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE payment.budget_spend_summary;
    RETURN NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    -- No budget got another id, kind, county or year (e.g. a new amount or name): nothing to do.
    IF NOT EXISTS (
      (SELECT id, kind, region_code, year FROM budget_new EXCEPT ALL SELECT id, kind, region_code, year FROM budget_old)
      UNION ALL
      (SELECT id, kind, region_code, year FROM budget_old EXCEPT ALL SELECT id, kind, region_code, year FROM budget_new)
    ) THEN
      RETURN NULL;
    END IF;
    -- The new side: the county-quarters of the budgets' spend; the old side: every quarter the
    -- summary holds for the budgets' former counties.
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT n.region_code::text, s.quarter::text
          FROM budget_new n JOIN payment.global_budget_spend s ON s.budget_id = n.id
          WHERE n.kind <> 'POOL'
          UNION
          SELECT m.region_code::text, m.quarter::text
          FROM payment.budget_spend_summary m
          WHERE m.region_code IN (SELECT o.region_code FROM budget_old o WHERE o.kind <> 'POOL')) AS k;
  ELSE -- DELETE
    SELECT array_agg(region_code), array_agg(quarter) INTO regions, quarters
    FROM (SELECT DISTINCT m.region_code::text, m.quarter::text
          FROM payment.budget_spend_summary m
          WHERE m.region_code IN (SELECT o.region_code FROM budget_old o WHERE o.kind <> 'POOL')) AS k;
  END IF;
  IF regions IS NOT NULL THEN
    PERFORM payment.budget_spend_summary_refresh(regions, quarters);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to the budgets and their spend while the triggers are created and the summary is filled.
LOCK TABLE "payment"."global_budget", "payment"."global_budget_spend" IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER "budget_spend_summary_insert" AFTER INSERT ON "payment"."global_budget_spend"
  REFERENCING NEW TABLE AS spend_new
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."budget_spend_summary_spend_changed"();
--> statement-breakpoint
CREATE TRIGGER "budget_spend_summary_update" AFTER UPDATE ON "payment"."global_budget_spend"
  REFERENCING OLD TABLE AS spend_old NEW TABLE AS spend_new
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."budget_spend_summary_spend_changed"();
--> statement-breakpoint
CREATE TRIGGER "budget_spend_summary_delete" AFTER DELETE ON "payment"."global_budget_spend"
  REFERENCING OLD TABLE AS spend_old
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."budget_spend_summary_spend_changed"();
--> statement-breakpoint
CREATE TRIGGER "budget_spend_summary_truncate" AFTER TRUNCATE ON "payment"."global_budget_spend"
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."budget_spend_summary_spend_changed"();
--> statement-breakpoint
CREATE TRIGGER "budget_spend_summary_budget_update" AFTER UPDATE ON "payment"."global_budget"
  REFERENCING OLD TABLE AS budget_old NEW TABLE AS budget_new
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."budget_spend_summary_budget_changed"();
--> statement-breakpoint
CREATE TRIGGER "budget_spend_summary_budget_delete" AFTER DELETE ON "payment"."global_budget"
  REFERENCING OLD TABLE AS budget_old
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."budget_spend_summary_budget_changed"();
--> statement-breakpoint
CREATE TRIGGER "budget_spend_summary_budget_truncate" AFTER TRUNCATE ON "payment"."global_budget"
  FOR EACH STATEMENT EXECUTE FUNCTION "payment"."budget_spend_summary_budget_changed"();
--> statement-breakpoint
-- Backfill from the rows already there.
INSERT INTO "payment"."budget_spend_summary" (region_code, quarter, year, spent_fen, row_count)
SELECT b.region_code, s.quarter, b.year, sum(s.spent_fen), count(*)
FROM "payment"."global_budget_spend" s JOIN "payment"."global_budget" b ON b.id = s.budget_id
WHERE b.kind <> 'POOL'
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- payment.budget_level: payment.global_budget (its rows where kind <> 'POOL') summed at every level (nation, province, city, own code) per year, kept by
-- statement-level triggers on payment.global_budget in the same transaction as every write. Generated by
-- levelRollupMigration (@hsa/db, src/levels.ts) from the subgraph's declaration: change both together.
CREATE TABLE payment.budget_level (
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  year integer NOT NULL,
  budget_fen bigint NOT NULL,
  source_rows bigint NOT NULL,
  PRIMARY KEY (depth, region_code, year)
);
--> statement-breakpoint
-- Finds the rows a statement emptied without scanning the table (normally none).
CREATE INDEX budget_level_emptied_idx ON payment.budget_level (depth) WHERE source_rows = 0;
--> statement-breakpoint
CREATE FUNCTION payment.budget_level_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  emptied bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE payment.budget_level;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    WITH d AS (
      SELECT region_code AS src_region, year, budget_fen AS budget_fen, 1 AS n FROM level_new WHERE kind <> 'POOL'
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.year, sum(d.budget_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.budget_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.budget_level AS l (depth, region_code, year, budget_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, year) DO UPDATE SET
        budget_fen = l.budget_fen + excluded.budget_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH d AS (
      SELECT region_code AS src_region, year, budget_fen AS budget_fen, 1 AS n FROM level_new WHERE kind <> 'POOL'
      UNION ALL
      SELECT region_code AS src_region, year, -budget_fen AS budget_fen, -1 AS n FROM level_old WHERE kind <> 'POOL'
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.year, sum(d.budget_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.budget_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.budget_level AS l (depth, region_code, year, budget_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, year) DO UPDATE SET
        budget_fen = l.budget_fen + excluded.budget_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSE
    WITH d AS (
      SELECT region_code AS src_region, year, -budget_fen AS budget_fen, -1 AS n FROM level_old WHERE kind <> 'POOL'
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.year, sum(d.budget_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.budget_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.budget_level AS l (depth, region_code, year, budget_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, year) DO UPDATE SET
        budget_fen = l.budget_fen + excluded.budget_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  END IF;
  -- Level rows left without source rows (a separate statement: a statement does not see its own CTE's updates).
  IF emptied > 0 THEN
    DELETE FROM payment.budget_level WHERE source_rows = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to payment.global_budget while the triggers are created and the level table is filled (one transaction).
LOCK TABLE payment.global_budget IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER budget_level_insert AFTER INSERT ON payment.global_budget
  REFERENCING NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_level_apply();
--> statement-breakpoint
CREATE TRIGGER budget_level_update AFTER UPDATE ON payment.global_budget
  REFERENCING OLD TABLE AS level_old NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_level_apply();
--> statement-breakpoint
CREATE TRIGGER budget_level_delete AFTER DELETE ON payment.global_budget
  REFERENCING OLD TABLE AS level_old
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_level_apply();
--> statement-breakpoint
CREATE TRIGGER budget_level_truncate AFTER TRUNCATE ON payment.global_budget
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_level_apply();
--> statement-breakpoint
INSERT INTO payment.budget_level (depth, region_code, year, budget_fen, source_rows)
SELECT lv.depth, lv.code AS region_code, s.year, sum(s.budget_fen) AS budget_fen, count(*) AS source_rows
    FROM (SELECT * FROM payment.global_budget WHERE kind <> 'POOL') s CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(s.region_code, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(s.region_code, 4), 6, '0')::varchar(6)),
      (3::smallint, s.region_code::varchar(6))) AS lv(depth, code)
    GROUP BY 1, 2, 3;
--> statement-breakpoint
-- payment.pool_budget_level: payment.global_budget (its rows where kind = 'POOL') summed at every level (nation, province, city, own code) per year, kept by
-- statement-level triggers on payment.global_budget in the same transaction as every write. Generated by
-- levelRollupMigration (@hsa/db, src/levels.ts) from the subgraph's declaration: change both together.
CREATE TABLE payment.pool_budget_level (
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  year integer NOT NULL,
  budget_fen bigint NOT NULL,
  source_rows bigint NOT NULL,
  PRIMARY KEY (depth, region_code, year)
);
--> statement-breakpoint
-- Finds the rows a statement emptied without scanning the table (normally none).
CREATE INDEX pool_budget_level_emptied_idx ON payment.pool_budget_level (depth) WHERE source_rows = 0;
--> statement-breakpoint
CREATE FUNCTION payment.pool_budget_level_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  emptied bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE payment.pool_budget_level;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    WITH d AS (
      SELECT pooling_area AS src_region, year, budget_fen AS budget_fen, 1 AS n FROM level_new WHERE kind = 'POOL'
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.year, sum(d.budget_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.budget_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.pool_budget_level AS l (depth, region_code, year, budget_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, year) DO UPDATE SET
        budget_fen = l.budget_fen + excluded.budget_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH d AS (
      SELECT pooling_area AS src_region, year, budget_fen AS budget_fen, 1 AS n FROM level_new WHERE kind = 'POOL'
      UNION ALL
      SELECT pooling_area AS src_region, year, -budget_fen AS budget_fen, -1 AS n FROM level_old WHERE kind = 'POOL'
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.year, sum(d.budget_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.budget_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.pool_budget_level AS l (depth, region_code, year, budget_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, year) DO UPDATE SET
        budget_fen = l.budget_fen + excluded.budget_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSE
    WITH d AS (
      SELECT pooling_area AS src_region, year, -budget_fen AS budget_fen, -1 AS n FROM level_old WHERE kind = 'POOL'
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.year, sum(d.budget_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.budget_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.pool_budget_level AS l (depth, region_code, year, budget_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, year) DO UPDATE SET
        budget_fen = l.budget_fen + excluded.budget_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  END IF;
  -- Level rows left without source rows (a separate statement: a statement does not see its own CTE's updates).
  IF emptied > 0 THEN
    DELETE FROM payment.pool_budget_level WHERE source_rows = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to payment.global_budget while the triggers are created and the level table is filled (one transaction).
LOCK TABLE payment.global_budget IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER pool_budget_level_insert AFTER INSERT ON payment.global_budget
  REFERENCING NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION payment.pool_budget_level_apply();
--> statement-breakpoint
CREATE TRIGGER pool_budget_level_update AFTER UPDATE ON payment.global_budget
  REFERENCING OLD TABLE AS level_old NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION payment.pool_budget_level_apply();
--> statement-breakpoint
CREATE TRIGGER pool_budget_level_delete AFTER DELETE ON payment.global_budget
  REFERENCING OLD TABLE AS level_old
  FOR EACH STATEMENT EXECUTE FUNCTION payment.pool_budget_level_apply();
--> statement-breakpoint
CREATE TRIGGER pool_budget_level_truncate AFTER TRUNCATE ON payment.global_budget
  FOR EACH STATEMENT EXECUTE FUNCTION payment.pool_budget_level_apply();
--> statement-breakpoint
INSERT INTO payment.pool_budget_level (depth, region_code, year, budget_fen, source_rows)
SELECT lv.depth, lv.code AS region_code, s.year, sum(s.budget_fen) AS budget_fen, count(*) AS source_rows
    FROM (SELECT * FROM payment.global_budget WHERE kind = 'POOL') s CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(s.pooling_area, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(s.pooling_area, 4), 6, '0')::varchar(6)),
      (3::smallint, s.pooling_area::varchar(6))) AS lv(depth, code)
    GROUP BY 1, 2, 3;
--> statement-breakpoint
-- payment.budget_spend_level: payment.budget_spend_summary summed at every level (nation, province, city, own code) per quarter, kept by
-- statement-level triggers on payment.budget_spend_summary in the same transaction as every write. Generated by
-- levelRollupMigration (@hsa/db, src/levels.ts) from the subgraph's declaration: change both together.
CREATE TABLE payment.budget_spend_level (
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  quarter varchar(6) NOT NULL,
  year integer NOT NULL,
  spent_fen bigint NOT NULL,
  source_rows bigint NOT NULL,
  PRIMARY KEY (depth, region_code, quarter, year)
);
--> statement-breakpoint
-- Finds the rows a statement emptied without scanning the table (normally none).
CREATE INDEX budget_spend_level_emptied_idx ON payment.budget_spend_level (depth) WHERE source_rows = 0;
--> statement-breakpoint
CREATE FUNCTION payment.budget_spend_level_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  emptied bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE payment.budget_spend_level;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    WITH d AS (
      SELECT region_code AS src_region, quarter, year, spent_fen AS spent_fen, 1 AS n FROM level_new
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, d.year, sum(d.spent_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3, 4
      HAVING sum(d.spent_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.budget_spend_level AS l (depth, region_code, quarter, year, spent_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3, 4
      ON CONFLICT (depth, region_code, quarter, year) DO UPDATE SET
        spent_fen = l.spent_fen + excluded.spent_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH d AS (
      SELECT region_code AS src_region, quarter, year, spent_fen AS spent_fen, 1 AS n FROM level_new
      UNION ALL
      SELECT region_code AS src_region, quarter, year, -spent_fen AS spent_fen, -1 AS n FROM level_old
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, d.year, sum(d.spent_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3, 4
      HAVING sum(d.spent_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.budget_spend_level AS l (depth, region_code, quarter, year, spent_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3, 4
      ON CONFLICT (depth, region_code, quarter, year) DO UPDATE SET
        spent_fen = l.spent_fen + excluded.spent_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSE
    WITH d AS (
      SELECT region_code AS src_region, quarter, year, -spent_fen AS spent_fen, -1 AS n FROM level_old
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, d.year, sum(d.spent_fen), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3, 4
      HAVING sum(d.spent_fen) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO payment.budget_spend_level AS l (depth, region_code, quarter, year, spent_fen, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3, 4
      ON CONFLICT (depth, region_code, quarter, year) DO UPDATE SET
        spent_fen = l.spent_fen + excluded.spent_fen,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.year, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  END IF;
  -- Level rows left without source rows (a separate statement: a statement does not see its own CTE's updates).
  IF emptied > 0 THEN
    DELETE FROM payment.budget_spend_level WHERE source_rows = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to payment.budget_spend_summary while the triggers are created and the level table is filled (one transaction).
LOCK TABLE payment.budget_spend_summary IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER budget_spend_level_insert AFTER INSERT ON payment.budget_spend_summary
  REFERENCING NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_spend_level_apply();
--> statement-breakpoint
CREATE TRIGGER budget_spend_level_update AFTER UPDATE ON payment.budget_spend_summary
  REFERENCING OLD TABLE AS level_old NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_spend_level_apply();
--> statement-breakpoint
CREATE TRIGGER budget_spend_level_delete AFTER DELETE ON payment.budget_spend_summary
  REFERENCING OLD TABLE AS level_old
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_spend_level_apply();
--> statement-breakpoint
CREATE TRIGGER budget_spend_level_truncate AFTER TRUNCATE ON payment.budget_spend_summary
  FOR EACH STATEMENT EXECUTE FUNCTION payment.budget_spend_level_apply();
--> statement-breakpoint
INSERT INTO payment.budget_spend_level (depth, region_code, quarter, year, spent_fen, source_rows)
SELECT lv.depth, lv.code AS region_code, s.quarter, s.year, sum(s.spent_fen) AS spent_fen, count(*) AS source_rows
    FROM payment.budget_spend_summary s CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(s.region_code, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(s.region_code, 4), 6, '0')::varchar(6)),
      (3::smallint, s.region_code::varchar(6))) AS lv(depth, code)
    GROUP BY 1, 2, 3, 4;
