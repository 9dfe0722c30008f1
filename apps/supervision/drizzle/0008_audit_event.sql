--> include @hsa/reporting/sql/audit-event.sql schema=supervision
--> statement-breakpoint
-- audit_log, supervision's former audit shape, moves into audit_event with its ids and times.
-- entity 'institution' | 'inspection' becomes the kind, entity_id the key {"id": …}; an inspection's quarter is the one the audit row recorded (its new value, else its old one), else the inspection's today (institutions have none).
INSERT INTO "supervision"."audit_event" ("id", "occurred_at", "actor_sub", "actor_name", "action", "kind", "key",
  "region_code", "quarter", "old_value", "new_value", "source", "import_id")
SELECT a."id", a."at", a."actor_sub", a."actor_name", a."action", a."entity", jsonb_build_object('id', a."entity_id"),
  a."region_code",
  CASE WHEN a."entity" = 'inspection' THEN coalesce(a."new_value"->>'quarter', a."old_value"->>'quarter', i."quarter") END,
  a."old_value", a."new_value", a."source",
  CASE WHEN a."source" LIKE 'import %' THEN split_part(a."source", ' ', 2) END
FROM "supervision"."audit_log" a
LEFT JOIN "supervision"."inspection" i ON a."entity" = 'inspection' AND i."id"::text = a."entity_id";
--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('"supervision"."audit_event"', 'id'), coalesce(max("id"), 0) + 1, false)
FROM "supervision"."audit_event";
--> statement-breakpoint
DROP TABLE "supervision"."audit_log" CASCADE;
