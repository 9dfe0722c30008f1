-- Designated institutions at each quarter's end and inspection coverage over any range of quarters as
-- county summaries (issue 17), so that a national, provincial or city figure is a lookup of its level
-- rows (generated below) rather than a pass over the registry and the inspections.
--
-- supervision.registry_summary (county × quarter): the change in the number of institutions designated
-- at a quarter's end (`activeOn`, db/agreement.ts), overall and per coverage tier (tertiary 三级 and
-- secondary 二级 hospitals). An institution's designated days are its agreement [start, end] less the
-- days its history suspends it (none at all when it is SUSPENDED without a history); a stretch of
-- days [x, y) holds the quarter ends of the quarters from x's up to, not including, y's — +1 in x's
-- quarter, -1 in y's. Designated at the end of Q = the sum of the changes of the quarters up to Q.
--
-- supervision.coverage_summary (county × quarter × as_of): institutions inspected and designated, as
-- signed counts that answer every range exactly (a distinct count over a range cannot be a sum of the
-- quarters' counts). For each institution and each quarter q it was inspected in, with n the next
-- quarter it was inspected in: for every stretch [a, b) of quarters at whose end it is designated,
-- +1 at (q, max(q, a)) and -1 at (q, min(b, n)) when that stretch is not empty. Institutions inspected
-- in [f, t] and designated at the end of t = the sum over quarter in [f, t] and as_of <= t: each
-- institution counts once, at its last inspection quarter in the range. A quarter's own coverage
-- numerator is the range [q, q].
--
-- Both are by the institution's county (as the raw counts), recomputed for every county a statement on
-- institution, agreement_history or inspection touches, in its transaction; recomputations of one
-- county are serialised by a transaction-level advisory lock (one of 64 buckets). Reference
-- computations from the raw rows: db/rollup.ts (`sumsByQuarterManyRaw`, `distinctInspectedManyRaw`);
-- tests/system/test/supervision-summary.integration.test.ts compares them after every write path.
CREATE TABLE supervision.registry_summary (
  region_code varchar(6) NOT NULL,
  quarter varchar(6) NOT NULL,
  active bigint NOT NULL,
  active_tertiary bigint NOT NULL,
  active_secondary bigint NOT NULL,
  PRIMARY KEY (region_code, quarter)
);
--> statement-breakpoint
CREATE TABLE supervision.coverage_summary (
  region_code varchar(6) NOT NULL,
  quarter varchar(6) NOT NULL,
  as_of varchar(6) NOT NULL,
  inspected bigint NOT NULL,
  inspected_tertiary bigint NOT NULL,
  inspected_secondary bigint NOT NULL,
  PRIMARY KEY (region_code, quarter, as_of)
);
--> statement-breakpoint
-- Each institution of the counties with its designated days (a datemultirange) and tiers.
CREATE FUNCTION supervision.designated_days(counties text[])
RETURNS TABLE (id text, region_code varchar(6), tertiary boolean, secondary boolean, days datemultirange)
LANGUAGE sql STABLE AS $$
  SELECT i.id, i.region_code,
    coalesce(i.kind = 'HOSPITAL' AND i.grade = 'III', false),
    coalesce(i.kind = 'HOSPITAL' AND i.grade = 'II', false),
    CASE WHEN s.suspended IS NULL AND i.agreement_status = 'SUSPENDED' THEN '{}'::datemultirange
      ELSE datemultirange(daterange(i.agreement_start, i.agreement_end, '[]'))
        - coalesce(s.suspended, '{}'::datemultirange) END
  FROM supervision.institution i
  LEFT JOIN (
    SELECT e.institution_id, range_agg(daterange(e.effective_on, e.next_on, '[)')) AS suspended
    FROM (
      SELECT h.institution_id, h.status, h.effective_on,
        lead(h.effective_on) OVER (PARTITION BY h.institution_id ORDER BY h.effective_on, h.id) AS next_on
      FROM supervision.agreement_history h
      WHERE h.institution_id IN (
        SELECT x.institution_id FROM supervision.agreement_history x
        JOIN supervision.institution xi ON xi.id = x.institution_id
        WHERE x.status = 'SUSPENDED' AND xi.region_code = ANY (counties)
      )
    ) AS e
    WHERE e.status = 'SUSPENDED'
    GROUP BY e.institution_id
  ) AS s ON s.institution_id = i.id
  WHERE i.region_code = ANY (counties)
$$;
--> statement-breakpoint
-- Each stretch of an institution's designated days as the quarters [a, b) at whose end it holds (b
-- null: no end); stretches holding no quarter end left out.
CREATE FUNCTION supervision.designated_quarters(counties text[])
RETURNS TABLE (id text, region_code varchar(6), tertiary boolean, secondary boolean, a text, b text)
LANGUAGE sql STABLE AS $$
  SELECT d.id, d.region_code, d.tertiary, d.secondary, q.a, q.b
  FROM supervision.designated_days(counties) AS d
  CROSS JOIN LATERAL unnest(d.days) AS r(days)
  CROSS JOIN LATERAL (
    SELECT to_char(lower(r.days), 'YYYY"Q"Q') AS a, to_char(upper(r.days), 'YYYY"Q"Q') AS b
  ) AS q
  WHERE q.b IS NULL OR q.a < q.b
$$;
--> statement-breakpoint
CREATE FUNCTION supervision.coverage_refresh(counties text[], registry boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  bucket integer;
BEGIN
  IF counties IS NULL OR cardinality(counties) = 0 THEN
    RETURN;
  END IF;
  FOR bucket IN SELECT DISTINCT hashtext(c) & 63 FROM unnest(counties) AS c ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtext('supervision.coverage_summary'), bucket);
  END LOOP;
  IF registry THEN
    DELETE FROM supervision.registry_summary WHERE region_code = ANY (counties);
    INSERT INTO supervision.registry_summary (region_code, quarter, active, active_tertiary, active_secondary)
    SELECT d.region_code, v.quarter, sum(v.n), coalesce(sum(v.n) FILTER (WHERE d.tertiary), 0),
      coalesce(sum(v.n) FILTER (WHERE d.secondary), 0)
    FROM supervision.designated_quarters(counties) AS d
    CROSS JOIN LATERAL (VALUES (d.a, 1), (d.b, -1)) AS v(quarter, n)
    WHERE v.quarter IS NOT NULL
    GROUP BY 1, 2
    HAVING sum(v.n) <> 0 OR sum(v.n) FILTER (WHERE d.tertiary) <> 0 OR sum(v.n) FILTER (WHERE d.secondary) <> 0;
  END IF;
  DELETE FROM supervision.coverage_summary WHERE region_code = ANY (counties);
  INSERT INTO supervision.coverage_summary
    (region_code, quarter, as_of, inspected, inspected_tertiary, inspected_secondary)
  SELECT s.region_code, s.quarter, v.as_of, sum(v.n), coalesce(sum(v.n) FILTER (WHERE s.tertiary), 0),
    coalesce(sum(v.n) FILTER (WHERE s.secondary), 0)
  FROM (
    SELECT d.region_code, d.tertiary, d.secondary, o.quarter,
      greatest(o.quarter, d.a) AS lo, least(o.next_quarter, d.b) AS hi
    FROM (
      SELECT q.institution_id, q.quarter,
        lead(q.quarter) OVER (PARTITION BY q.institution_id ORDER BY q.quarter) AS next_quarter
      FROM (
        SELECT DISTINCT t.institution_id, t.quarter::text AS quarter
        FROM supervision.inspection t
        JOIN supervision.institution i ON i.id = t.institution_id
        WHERE i.region_code = ANY (counties)
      ) AS q
    ) AS o
    JOIN supervision.designated_quarters(counties) AS d ON d.id = o.institution_id
  ) AS s
  CROSS JOIN LATERAL (VALUES (s.lo, 1), (s.hi, -1)) AS v(as_of, n)
  WHERE (s.hi IS NULL OR s.lo < s.hi) AND v.as_of IS NOT NULL
  GROUP BY 1, 2, 3
  HAVING sum(v.n) <> 0 OR sum(v.n) FILTER (WHERE s.tertiary) <> 0 OR sum(v.n) FILTER (WHERE s.secondary) <> 0;
END
$$;
--> statement-breakpoint
-- The counties a statement touches: its rows' own region codes (institution), or those of the
-- institutions its rows name (agreement_history, inspection).
CREATE FUNCTION supervision.coverage_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  counties text[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    IF TG_TABLE_NAME = 'inspection' THEN
      TRUNCATE supervision.coverage_summary;
    ELSIF TG_TABLE_NAME = 'institution' THEN
      TRUNCATE supervision.registry_summary, supervision.coverage_summary;
    ELSE
      PERFORM supervision.coverage_refresh(
        array(SELECT DISTINCT region_code::text FROM supervision.institution), true);
    END IF;
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'institution' THEN
    -- (a separate IF: the transition tables of another operation do not exist)
    IF TG_OP = 'UPDATE' THEN
      IF NOT EXISTS (
        (SELECT id, region_code, kind, grade, agreement_status, agreement_start, agreement_end FROM coverage_new
         EXCEPT ALL SELECT id, region_code, kind, grade, agreement_status, agreement_start, agreement_end FROM coverage_old)
        UNION ALL
        (SELECT id, region_code, kind, grade, agreement_status, agreement_start, agreement_end FROM coverage_old
         EXCEPT ALL SELECT id, region_code, kind, grade, agreement_status, agreement_start, agreement_end FROM coverage_new)
      ) THEN
        RETURN NULL; -- nothing counted changed (e.g. a name)
      END IF;
    END IF;
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT region_code::text) INTO counties FROM coverage_new;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT region_code::text) INTO counties FROM coverage_old;
    ELSE
      SELECT array_agg(DISTINCT c) INTO counties FROM (
        SELECT region_code::text AS c FROM coverage_new UNION SELECT region_code::text FROM coverage_old
      ) AS k;
    END IF;
    PERFORM supervision.coverage_refresh(counties, true);
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'inspection' THEN
    IF NOT EXISTS (
      (SELECT id, institution_id, quarter FROM coverage_new EXCEPT ALL SELECT id, institution_id, quarter FROM coverage_old)
      UNION ALL
      (SELECT id, institution_id, quarter FROM coverage_old EXCEPT ALL SELECT id, institution_id, quarter FROM coverage_new)
    ) THEN
      RETURN NULL; -- nothing counted changed (e.g. findings)
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT i.region_code::text) INTO counties
    FROM (SELECT DISTINCT institution_id FROM coverage_new) AS k JOIN supervision.institution i ON i.id = k.institution_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT i.region_code::text) INTO counties
    FROM (SELECT DISTINCT institution_id FROM coverage_old) AS k JOIN supervision.institution i ON i.id = k.institution_id;
  ELSE
    SELECT array_agg(DISTINCT i.region_code::text) INTO counties
    FROM (SELECT institution_id FROM coverage_new UNION SELECT institution_id FROM coverage_old) AS k
    JOIN supervision.institution i ON i.id = k.institution_id;
  END IF;
  PERFORM supervision.coverage_refresh(counties, TG_TABLE_NAME = 'agreement_history');
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to the registry or the inspections while the triggers are created and the summaries filled.
LOCK TABLE supervision.institution, supervision.agreement_history, supervision.inspection IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER institution_coverage_insert AFTER INSERT ON supervision.institution
  REFERENCING NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER institution_coverage_update AFTER UPDATE ON supervision.institution
  REFERENCING OLD TABLE AS coverage_old NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER institution_coverage_delete AFTER DELETE ON supervision.institution
  REFERENCING OLD TABLE AS coverage_old FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER institution_coverage_truncate AFTER TRUNCATE ON supervision.institution
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER agreement_history_coverage_insert AFTER INSERT ON supervision.agreement_history
  REFERENCING NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER agreement_history_coverage_update AFTER UPDATE ON supervision.agreement_history
  REFERENCING OLD TABLE AS coverage_old NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER agreement_history_coverage_delete AFTER DELETE ON supervision.agreement_history
  REFERENCING OLD TABLE AS coverage_old FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER agreement_history_coverage_truncate AFTER TRUNCATE ON supervision.agreement_history
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER inspection_coverage_insert AFTER INSERT ON supervision.inspection
  REFERENCING NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER inspection_coverage_update AFTER UPDATE ON supervision.inspection
  REFERENCING OLD TABLE AS coverage_old NEW TABLE AS coverage_new FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER inspection_coverage_delete AFTER DELETE ON supervision.inspection
  REFERENCING OLD TABLE AS coverage_old FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
CREATE TRIGGER inspection_coverage_truncate AFTER TRUNCATE ON supervision.inspection
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_changed();
--> statement-breakpoint
SELECT supervision.coverage_refresh(array(SELECT DISTINCT region_code::text FROM supervision.institution), true);
--> statement-breakpoint
-- supervision.registry_level: supervision.registry_summary summed at every level (nation, province, city, own code) per quarter, kept by
-- statement-level triggers on supervision.registry_summary in the same transaction as every write. Generated by
-- levelRollupMigration (@hsa/db, src/levels.ts) from the subgraph's declaration: change both together.
CREATE TABLE supervision.registry_level (
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  quarter varchar(6) NOT NULL,
  active bigint NOT NULL,
  active_tertiary bigint NOT NULL,
  active_secondary bigint NOT NULL,
  source_rows bigint NOT NULL,
  PRIMARY KEY (depth, region_code, quarter)
);
--> statement-breakpoint
-- Finds the rows a statement emptied without scanning the table (normally none).
CREATE INDEX registry_level_emptied_idx ON supervision.registry_level (depth) WHERE source_rows = 0;
--> statement-breakpoint
CREATE FUNCTION supervision.registry_level_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  emptied bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE supervision.registry_level;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    WITH d AS (
      SELECT region_code AS src_region, quarter, active AS active, active_tertiary AS active_tertiary, active_secondary AS active_secondary, 1 AS n FROM level_new
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, sum(d.active), sum(d.active_tertiary), sum(d.active_secondary), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.active) <> 0 OR sum(d.active_tertiary) <> 0 OR sum(d.active_secondary) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO supervision.registry_level AS l (depth, region_code, quarter, active, active_tertiary, active_secondary, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, quarter) DO UPDATE SET
        active = l.active + excluded.active,
        active_tertiary = l.active_tertiary + excluded.active_tertiary,
        active_secondary = l.active_secondary + excluded.active_secondary,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH d AS (
      SELECT region_code AS src_region, quarter, active AS active, active_tertiary AS active_tertiary, active_secondary AS active_secondary, 1 AS n FROM level_new
      UNION ALL
      SELECT region_code AS src_region, quarter, -active AS active, -active_tertiary AS active_tertiary, -active_secondary AS active_secondary, -1 AS n FROM level_old
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, sum(d.active), sum(d.active_tertiary), sum(d.active_secondary), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.active) <> 0 OR sum(d.active_tertiary) <> 0 OR sum(d.active_secondary) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO supervision.registry_level AS l (depth, region_code, quarter, active, active_tertiary, active_secondary, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, quarter) DO UPDATE SET
        active = l.active + excluded.active,
        active_tertiary = l.active_tertiary + excluded.active_tertiary,
        active_secondary = l.active_secondary + excluded.active_secondary,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSE
    WITH d AS (
      SELECT region_code AS src_region, quarter, -active AS active, -active_tertiary AS active_tertiary, -active_secondary AS active_secondary, -1 AS n FROM level_old
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, sum(d.active), sum(d.active_tertiary), sum(d.active_secondary), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3
      HAVING sum(d.active) <> 0 OR sum(d.active_tertiary) <> 0 OR sum(d.active_secondary) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO supervision.registry_level AS l (depth, region_code, quarter, active, active_tertiary, active_secondary, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3
      ON CONFLICT (depth, region_code, quarter) DO UPDATE SET
        active = l.active + excluded.active,
        active_tertiary = l.active_tertiary + excluded.active_tertiary,
        active_secondary = l.active_secondary + excluded.active_secondary,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  END IF;
  -- Level rows left without source rows (a separate statement: a statement does not see its own CTE's updates).
  IF emptied > 0 THEN
    DELETE FROM supervision.registry_level WHERE source_rows = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to supervision.registry_summary while the triggers are created and the level table is filled (one transaction).
LOCK TABLE supervision.registry_summary IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER registry_level_insert AFTER INSERT ON supervision.registry_summary
  REFERENCING NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.registry_level_apply();
--> statement-breakpoint
CREATE TRIGGER registry_level_update AFTER UPDATE ON supervision.registry_summary
  REFERENCING OLD TABLE AS level_old NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.registry_level_apply();
--> statement-breakpoint
CREATE TRIGGER registry_level_delete AFTER DELETE ON supervision.registry_summary
  REFERENCING OLD TABLE AS level_old
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.registry_level_apply();
--> statement-breakpoint
CREATE TRIGGER registry_level_truncate AFTER TRUNCATE ON supervision.registry_summary
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.registry_level_apply();
--> statement-breakpoint
INSERT INTO supervision.registry_level (depth, region_code, quarter, active, active_tertiary, active_secondary, source_rows)
SELECT lv.depth, lv.code AS region_code, s.quarter, sum(s.active) AS active, sum(s.active_tertiary) AS active_tertiary, sum(s.active_secondary) AS active_secondary, count(*) AS source_rows
    FROM supervision.registry_summary s CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(s.region_code, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(s.region_code, 4), 6, '0')::varchar(6)),
      (3::smallint, s.region_code::varchar(6))) AS lv(depth, code)
    GROUP BY 1, 2, 3;
--> statement-breakpoint
-- supervision.coverage_level: supervision.coverage_summary summed at every level (nation, province, city, own code) per quarter, kept by
-- statement-level triggers on supervision.coverage_summary in the same transaction as every write. Generated by
-- levelRollupMigration (@hsa/db, src/levels.ts) from the subgraph's declaration: change both together.
CREATE TABLE supervision.coverage_level (
  depth smallint NOT NULL,
  region_code varchar(6) NOT NULL,
  quarter varchar(6) NOT NULL,
  as_of varchar(6) NOT NULL,
  inspected bigint NOT NULL,
  inspected_tertiary bigint NOT NULL,
  inspected_secondary bigint NOT NULL,
  source_rows bigint NOT NULL,
  PRIMARY KEY (depth, region_code, quarter, as_of)
);
--> statement-breakpoint
-- Finds the rows a statement emptied without scanning the table (normally none).
CREATE INDEX coverage_level_emptied_idx ON supervision.coverage_level (depth) WHERE source_rows = 0;
--> statement-breakpoint
CREATE FUNCTION supervision.coverage_level_apply() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  emptied bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE supervision.coverage_level;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    WITH d AS (
      SELECT region_code AS src_region, quarter, as_of, inspected AS inspected, inspected_tertiary AS inspected_tertiary, inspected_secondary AS inspected_secondary, 1 AS n FROM level_new
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, d.as_of, sum(d.inspected), sum(d.inspected_tertiary), sum(d.inspected_secondary), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3, 4
      HAVING sum(d.inspected) <> 0 OR sum(d.inspected_tertiary) <> 0 OR sum(d.inspected_secondary) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO supervision.coverage_level AS l (depth, region_code, quarter, as_of, inspected, inspected_tertiary, inspected_secondary, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3, 4
      ON CONFLICT (depth, region_code, quarter, as_of) DO UPDATE SET
        inspected = l.inspected + excluded.inspected,
        inspected_tertiary = l.inspected_tertiary + excluded.inspected_tertiary,
        inspected_secondary = l.inspected_secondary + excluded.inspected_secondary,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.as_of, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSIF TG_OP = 'UPDATE' THEN
    WITH d AS (
      SELECT region_code AS src_region, quarter, as_of, inspected AS inspected, inspected_tertiary AS inspected_tertiary, inspected_secondary AS inspected_secondary, 1 AS n FROM level_new
      UNION ALL
      SELECT region_code AS src_region, quarter, as_of, -inspected AS inspected, -inspected_tertiary AS inspected_tertiary, -inspected_secondary AS inspected_secondary, -1 AS n FROM level_old
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, d.as_of, sum(d.inspected), sum(d.inspected_tertiary), sum(d.inspected_secondary), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3, 4
      HAVING sum(d.inspected) <> 0 OR sum(d.inspected_tertiary) <> 0 OR sum(d.inspected_secondary) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO supervision.coverage_level AS l (depth, region_code, quarter, as_of, inspected, inspected_tertiary, inspected_secondary, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3, 4
      ON CONFLICT (depth, region_code, quarter, as_of) DO UPDATE SET
        inspected = l.inspected + excluded.inspected,
        inspected_tertiary = l.inspected_tertiary + excluded.inspected_tertiary,
        inspected_secondary = l.inspected_secondary + excluded.inspected_secondary,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.as_of, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  ELSE
    WITH d AS (
      SELECT region_code AS src_region, quarter, as_of, -inspected AS inspected, -inspected_tertiary AS inspected_tertiary, -inspected_secondary AS inspected_secondary, -1 AS n FROM level_old
    ),
    delta AS (
      SELECT lv.depth, lv.code, d.quarter, d.as_of, sum(d.inspected), sum(d.inspected_tertiary), sum(d.inspected_secondary), sum(d.n)
      FROM d CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(d.src_region, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(d.src_region, 4), 6, '0')::varchar(6)),
      (3::smallint, d.src_region::varchar(6))) AS lv(depth, code)
      GROUP BY 1, 2, 3, 4
      HAVING sum(d.inspected) <> 0 OR sum(d.inspected_tertiary) <> 0 OR sum(d.inspected_secondary) <> 0 OR sum(d.n) <> 0
    ),
    up AS (
      INSERT INTO supervision.coverage_level AS l (depth, region_code, quarter, as_of, inspected, inspected_tertiary, inspected_secondary, source_rows)
      SELECT * FROM delta ORDER BY 1, 2, 3, 4
      ON CONFLICT (depth, region_code, quarter, as_of) DO UPDATE SET
        inspected = l.inspected + excluded.inspected,
        inspected_tertiary = l.inspected_tertiary + excluded.inspected_tertiary,
        inspected_secondary = l.inspected_secondary + excluded.inspected_secondary,
        source_rows = l.source_rows + excluded.source_rows
      RETURNING l.depth, l.region_code, l.quarter, l.as_of, l.source_rows
    )
    SELECT count(*) INTO emptied FROM up WHERE up.source_rows = 0;
  END IF;
  -- Level rows left without source rows (a separate statement: a statement does not see its own CTE's updates).
  IF emptied > 0 THEN
    DELETE FROM supervision.coverage_level WHERE source_rows = 0;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- No writes to supervision.coverage_summary while the triggers are created and the level table is filled (one transaction).
LOCK TABLE supervision.coverage_summary IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
CREATE TRIGGER coverage_level_insert AFTER INSERT ON supervision.coverage_summary
  REFERENCING NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_level_apply();
--> statement-breakpoint
CREATE TRIGGER coverage_level_update AFTER UPDATE ON supervision.coverage_summary
  REFERENCING OLD TABLE AS level_old NEW TABLE AS level_new
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_level_apply();
--> statement-breakpoint
CREATE TRIGGER coverage_level_delete AFTER DELETE ON supervision.coverage_summary
  REFERENCING OLD TABLE AS level_old
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_level_apply();
--> statement-breakpoint
CREATE TRIGGER coverage_level_truncate AFTER TRUNCATE ON supervision.coverage_summary
  FOR EACH STATEMENT EXECUTE FUNCTION supervision.coverage_level_apply();
--> statement-breakpoint
INSERT INTO supervision.coverage_level (depth, region_code, quarter, as_of, inspected, inspected_tertiary, inspected_secondary, source_rows)
SELECT lv.depth, lv.code AS region_code, s.quarter, s.as_of, sum(s.inspected) AS inspected, sum(s.inspected_tertiary) AS inspected_tertiary, sum(s.inspected_secondary) AS inspected_secondary, count(*) AS source_rows
    FROM supervision.coverage_summary s CROSS JOIN LATERAL (VALUES (0::smallint, '000000'::varchar(6)),
      (1::smallint, rpad(left(s.region_code, 2), 6, '0')::varchar(6)),
      (2::smallint, rpad(left(s.region_code, 4), 6, '0')::varchar(6)),
      (3::smallint, s.region_code::varchar(6))) AS lv(depth, code)
    GROUP BY 1, 2, 3, 4;
