CREATE SCHEMA "supervision";
--> statement-breakpoint
CREATE TYPE "supervision"."agreement_status" AS ENUM('ACTIVE', 'SUSPENDED', 'TERMINATED');--> statement-breakpoint
CREATE TYPE "supervision"."disposition_kind" AS ENUM('INTERVIEW', 'RECOVERY', 'PENALTY', 'REFUSAL', 'DEDUCTION', 'SELF_CORRECTION');--> statement-breakpoint
CREATE TYPE "supervision"."inspection_kind" AS ENUM('ROUTINE', 'SPECIAL', 'FLYING', 'CROSS');--> statement-breakpoint
CREATE TYPE "supervision"."institution_grade" AS ENUM('I', 'II', 'III');--> statement-breakpoint
CREATE TYPE "supervision"."institution_kind" AS ENUM('HOSPITAL', 'PHARMACY', 'CLINIC', 'VILLAGE_CLINIC');--> statement-breakpoint
CREATE TYPE "supervision"."ownership" AS ENUM('PUBLIC', 'PRIVATE');--> statement-breakpoint
CREATE TABLE "supervision"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision"."disposition" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"inspection_id" bigint NOT NULL,
	"kind" "supervision"."disposition_kind" NOT NULL,
	"amount_fen" bigint,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "disposition_amount_non_negative" CHECK ("supervision"."disposition"."amount_fen" is null or "supervision"."disposition"."amount_fen" >= 0),
	CONSTRAINT "disposition_interview_no_amount" CHECK (("supervision"."disposition"."kind" = 'INTERVIEW') = ("supervision"."disposition"."amount_fen" is null))
);
--> statement-breakpoint
CREATE TABLE "supervision"."inspection" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"institution_id" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"inspected_on" date NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"kind" "supervision"."inspection_kind" NOT NULL,
	"findings" text NOT NULL,
	"recorded_by" text NOT NULL,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision"."institution" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" "supervision"."institution_kind" NOT NULL,
	"grade" "supervision"."institution_grade",
	"ownership" "supervision"."ownership" NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"agreement_status" "supervision"."agreement_status" NOT NULL,
	"agreement_start" date NOT NULL,
	"agreement_end" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institution_agreement_dates" CHECK ("supervision"."institution"."agreement_end" is null or "supervision"."institution"."agreement_end" >= "supervision"."institution"."agreement_start")
);
--> statement-breakpoint
ALTER TABLE "supervision"."disposition" ADD CONSTRAINT "disposition_inspection_id_inspection_id_fk" FOREIGN KEY ("inspection_id") REFERENCES "supervision"."inspection"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision"."inspection" ADD CONSTRAINT "inspection_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "supervision"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_region_idx" ON "supervision"."audit_log" USING btree ("region_code","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "supervision"."audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "disposition_inspection_idx" ON "supervision"."disposition" USING btree ("inspection_id");--> statement-breakpoint
CREATE INDEX "inspection_quarter_region_idx" ON "supervision"."inspection" USING btree ("quarter","region_code");--> statement-breakpoint
CREATE INDEX "inspection_region_order_idx" ON "supervision"."inspection" USING btree ("region_code","inspected_on","id");--> statement-breakpoint
CREATE INDEX "inspection_institution_idx" ON "supervision"."inspection" USING btree ("institution_id","inspected_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_request_id_idx" ON "supervision"."inspection" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "institution_region_idx" ON "supervision"."institution" USING btree ("region_code","id");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_region_name_idx" ON "supervision"."institution" USING btree ("region_code","name");