CREATE TABLE "{schema}"."report_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"action" varchar(16) NOT NULL,
	"from_status" varchar(16) NOT NULL,
	"to_status" varchar(16) NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_name" text NOT NULL,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "{schema}"."report_import" (
	"id" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"rows" integer NOT NULL,
	"inserted" integer NOT NULL,
	"updated" integer NOT NULL,
	"unchanged" integer NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "{schema}"."report_state" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"status" varchar(16) NOT NULL,
	"first_submitted_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"reopened_at" timestamp with time zone,
	"reopened_by" text,
	"reopen_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_state_region_code_quarter_pk" PRIMARY KEY("region_code","quarter"),
	CONSTRAINT "report_state_status" CHECK ("{schema}"."report_state"."status" in ('DRAFT', 'SUBMITTED', 'APPROVED'))
);
--> statement-breakpoint
ALTER TABLE "{schema}"."audit_log" ADD COLUMN "source" text;--> statement-breakpoint
CREATE INDEX "report_event_region_quarter_idx" ON "{schema}"."report_event" USING btree ("region_code","quarter");--> statement-breakpoint
CREATE INDEX "report_state_quarter_idx" ON "{schema}"."report_state" USING btree ("quarter","region_code");