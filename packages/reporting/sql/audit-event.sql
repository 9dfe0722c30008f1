CREATE TABLE "{schema}"."audit_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_name" text NOT NULL,
	"actor_roles" text[],
	"actor_scope" varchar(6),
	"action" text NOT NULL,
	"kind" text NOT NULL,
	"key" jsonb NOT NULL,
	"region_code" varchar(6),
	"quarter" varchar(6),
	"old_value" jsonb,
	"new_value" jsonb NOT NULL,
	"source" text,
	"import_id" text
);
--> statement-breakpoint
CREATE INDEX "audit_event_region_quarter_idx" ON "{schema}"."audit_event" USING btree ("region_code","quarter");