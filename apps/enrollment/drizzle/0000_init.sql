CREATE SCHEMA "enrollment";
--> statement-breakpoint
CREATE TABLE "enrollment"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrollment"."quarterly_report" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"insured_employee" integer NOT NULL,
	"insured_resident" integer NOT NULL,
	"registered_population" integer NOT NULL,
	"evoucher_activated" integer NOT NULL,
	"settlements_total" integer NOT NULL,
	"settlements_evoucher" integer NOT NULL,
	"remote_registrations" integer NOT NULL,
	"remote_hospitalisations" integer NOT NULL,
	"subsidised_persons" integer NOT NULL,
	"subsidy_amount_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quarterly_report_region_code_quarter_pk" PRIMARY KEY("region_code","quarter"),
	CONSTRAINT "quarterly_report_non_negative" CHECK (least("enrollment"."quarterly_report"."insured_employee", "enrollment"."quarterly_report"."insured_resident", "enrollment"."quarterly_report"."registered_population", "enrollment"."quarterly_report"."evoucher_activated", "enrollment"."quarterly_report"."settlements_total", "enrollment"."quarterly_report"."settlements_evoucher", "enrollment"."quarterly_report"."remote_registrations", "enrollment"."quarterly_report"."remote_hospitalisations", "enrollment"."quarterly_report"."subsidised_persons") >= 0 and "enrollment"."quarterly_report"."subsidy_amount_fen" >= 0),
	CONSTRAINT "quarterly_report_evoucher_settlements" CHECK ("enrollment"."quarterly_report"."settlements_evoucher" <= "enrollment"."quarterly_report"."settlements_total")
);
--> statement-breakpoint
CREATE INDEX "audit_log_region_quarter_idx" ON "enrollment"."audit_log" USING btree ("region_code","quarter");--> statement-breakpoint
CREATE INDEX "quarterly_report_quarter_idx" ON "enrollment"."quarterly_report" USING btree ("quarter","region_code");