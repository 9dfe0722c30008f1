--> include @hsa/reporting/sql/audit-event.sql schema=enrollment
--> statement-breakpoint
-- audit_log, enrollment's former audit shape, moves into audit_event with its ids and times.
INSERT INTO "enrollment"."audit_event" ("id", "occurred_at", "actor_sub", "actor_name", "action", "kind", "key",
  "region_code", "quarter", "old_value", "new_value", "source", "import_id")
SELECT "id", "at", "actor_sub", "actor_name", "action", 'enrollment',
  jsonb_build_object('regionCode', "region_code", 'quarter', "quarter"),
  "region_code", "quarter", "old_value", "new_value", "source",
  CASE WHEN "source" LIKE 'import %' THEN split_part("source", ' ', 2) END
FROM "enrollment"."audit_log";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"enrollment"."audit_event"', 'id'), coalesce(max("id"), 0) + 1, false)
FROM "enrollment"."audit_event";
--> statement-breakpoint
DROP TABLE "enrollment"."audit_log" CASCADE;
