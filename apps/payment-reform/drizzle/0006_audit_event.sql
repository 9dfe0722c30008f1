--> include @hsa/reporting/sql/audit-event.sql schema=payment
--> statement-breakpoint
-- audit_log, payment's former audit shape, moves into
-- audit_event with its ids and times. Its entity keys become a kind and a natural key:
--   dip_case:<institution>:<quarter>:<group>   → dip-cases   {institutionId, quarter, groupCode}
-- (the declared facts' kinds and keys, as defineFact writes them now)
--   dip_settlement:<pool>:<year>               → dip_settlement {pool, year}
--   coefficient:<pool>:<year>:<grade>          → institution-coefficient {poolingArea, year, grade}
--   budget:<kind>:<key>:<year>                 → global-budget {kind, key, year}
--   budget_spend:<budget id>:<quarter>         → budget-spend {budgetId, quarter}
--   anything else                              → its prefix  {entityKey}
-- The region: an institution's county (its id's first six digits), a pool, or the budget's region.
INSERT INTO "payment"."audit_event" ("id", "occurred_at", "actor_sub", "actor_name", "action", "kind", "key",
  "region_code", "quarter", "old_value", "new_value", "source", "import_id")
SELECT a."id", a."at", a."actor_sub", a."actor_name", a."action",
  CASE p.prefix WHEN 'dip_case' THEN 'dip-cases' WHEN 'budget' THEN 'global-budget'
    WHEN 'budget_spend' THEN 'budget-spend' WHEN 'coefficient' THEN 'institution-coefficient' ELSE p.prefix END,
  CASE p.prefix
    WHEN 'dip_case' THEN jsonb_build_object('institutionId', p.p2, 'quarter', p.p3,
      'groupCode', substring(a."entity_key" from '^dip_case:[^:]*:[^:]*:(.*)$'))
    WHEN 'dip_settlement' THEN jsonb_build_object('pool', p.p2, 'year', p.p3::int)
    WHEN 'coefficient' THEN jsonb_build_object('poolingArea', p.p2, 'year', p.p3::int, 'grade', p.p4)
    WHEN 'budget' THEN jsonb_build_object('kind', p.p2, 'key', p.p3, 'year', p.p4::int)
    WHEN 'budget_spend' THEN jsonb_build_object('budgetId', p.p2::int, 'quarter', p.p3)
    ELSE jsonb_build_object('entityKey', a."entity_key") END,
  CASE p.prefix
    WHEN 'dip_case' THEN CASE WHEN p.p2 ~ '^[0-9]{6}-' THEN left(p.p2, 6) END
    WHEN 'dip_settlement' THEN p.p2
    WHEN 'coefficient' THEN p.p2
    WHEN 'budget' THEN (SELECT b."region_code" FROM "payment"."global_budget" b
      WHERE b."kind"::text = p.p2 AND b."key" = p.p3 AND b."year"::text = p.p4)
    WHEN 'budget_spend' THEN (SELECT b."region_code" FROM "payment"."global_budget" b WHERE b."id"::text = p.p2)
  END,
  CASE p.prefix WHEN 'dip_case' THEN p.p3 WHEN 'budget_spend' THEN p.p3 END,
  a."old_value", a."new_value", a."source",
  CASE WHEN a."source" LIKE 'import %' THEN split_part(a."source", ' ', 2) END
FROM "payment"."audit_log" a,
  LATERAL (SELECT split_part(a."entity_key", ':', 1) AS prefix, split_part(a."entity_key", ':', 2) AS p2,
    split_part(a."entity_key", ':', 3) AS p3, split_part(a."entity_key", ':', 4) AS p4) p;
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"payment"."audit_event"', 'id'), coalesce(max("id"), 0) + 1, false)
FROM "payment"."audit_event";
--> statement-breakpoint
DROP TABLE "payment"."audit_log" CASCADE;
