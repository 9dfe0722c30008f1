--> include @hsa/reporting/sql/audit-event.sql schema=procurement
--> statement-breakpoint
-- audit_log, procurement's former audit shape, moves into audit_event with its ids and times. Its
-- entity keys were "purchase:<institution>:<quarter>:<category>" and
-- "vbp:<institution>:<product>:<quarter>" (ids hold no ':'); the county is the institution id's first
-- six digits, as the facts' regionFrom says.
INSERT INTO "procurement"."audit_event" ("id", "occurred_at", "actor_sub", "actor_name", "action", "kind", "key",
  "region_code", "quarter", "old_value", "new_value", "source", "import_id")
SELECT "id", "at", "actor_sub", "actor_name", "action",
  CASE split_part("entity_key", ':', 1) WHEN 'purchase' THEN 'purchases' WHEN 'vbp' THEN 'vbp-progress'
    ELSE split_part("entity_key", ':', 1) END,
  CASE split_part("entity_key", ':', 1)
    WHEN 'purchase' THEN jsonb_build_object('institutionId', split_part("entity_key", ':', 2),
      'quarter', split_part("entity_key", ':', 3), 'category', split_part("entity_key", ':', 4))
    WHEN 'vbp' THEN jsonb_build_object('institutionId', split_part("entity_key", ':', 2),
      'productId', split_part("entity_key", ':', 3), 'quarter', split_part("entity_key", ':', 4))
    ELSE jsonb_build_object('entityKey', "entity_key") END,
  CASE WHEN split_part("entity_key", ':', 2) ~ '^[0-9]{6}-' THEN left(split_part("entity_key", ':', 2), 6) END,
  CASE split_part("entity_key", ':', 1) WHEN 'purchase' THEN split_part("entity_key", ':', 3)
    WHEN 'vbp' THEN split_part("entity_key", ':', 4) END,
  "old_value", "new_value", "source",
  CASE WHEN "source" LIKE 'import %' THEN split_part("source", ' ', 2) END
FROM "procurement"."audit_log";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"procurement"."audit_event"', 'id'), coalesce(max("id"), 0) + 1, false)
FROM "procurement"."audit_event";
--> statement-breakpoint
DROP TABLE "procurement"."audit_log" CASCADE;
