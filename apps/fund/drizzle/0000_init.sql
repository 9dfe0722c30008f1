CREATE SCHEMA "fund";
--> statement-breakpoint
CREATE TABLE "fund"."assistance" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"subsidised_persons" integer NOT NULL,
	"subsidy_fen" bigint NOT NULL,
	"outpatient_assistance_cases" integer NOT NULL,
	"outpatient_assistance_fen" bigint NOT NULL,
	"inpatient_assistance_cases" integer NOT NULL,
	"inpatient_assistance_fen" bigint NOT NULL,
	"two_disease_approved" integer NOT NULL,
	"two_disease_settlements" integer NOT NULL,
	"two_disease_fund_paid_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assistance_region_code_quarter_pk" PRIMARY KEY("region_code","quarter"),
	CONSTRAINT "assistance_non_negative" CHECK (least("fund"."assistance"."subsidised_persons", "fund"."assistance"."outpatient_assistance_cases", "fund"."assistance"."inpatient_assistance_cases", "fund"."assistance"."two_disease_approved", "fund"."assistance"."two_disease_settlements") >= 0 and least("fund"."assistance"."subsidy_fen", "fund"."assistance"."outpatient_assistance_fen", "fund"."assistance"."inpatient_assistance_fen", "fund"."assistance"."two_disease_fund_paid_fen") >= 0)
);
--> statement-breakpoint
--> include @hsa/reporting/sql/audit-event.sql schema=fund
--> statement-breakpoint
CREATE TABLE "fund"."fund_balance" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"scheme" varchar(8) NOT NULL,
	"income_fen" bigint NOT NULL,
	"expenditure_fen" bigint NOT NULL,
	"accumulated_balance_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_balance_region_code_quarter_scheme_pk" PRIMARY KEY("region_code","quarter","scheme"),
	CONSTRAINT "fund_balance_scheme" CHECK ("fund"."fund_balance"."scheme" in ('EMPLOYEE', 'RESIDENT')),
	CONSTRAINT "fund_balance_non_negative" CHECK (least("fund"."fund_balance"."income_fen", "fund"."fund_balance"."expenditure_fen", "fund"."fund_balance"."accumulated_balance_fen") >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund"."outpatient_pooling" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"persons_ytd" integer NOT NULL,
	"visits" integer NOT NULL,
	"total_cost_fen" bigint NOT NULL,
	"in_scope_cost_fen" bigint NOT NULL,
	"fund_paid_fen" bigint NOT NULL,
	"pharmacy_visits" integer NOT NULL,
	"pharmacy_total_cost_fen" bigint NOT NULL,
	"pharmacy_in_scope_cost_fen" bigint NOT NULL,
	"pharmacy_fund_paid_fen" bigint NOT NULL,
	"institution_visits" integer NOT NULL,
	"institution_total_cost_fen" bigint NOT NULL,
	"institution_in_scope_cost_fen" bigint NOT NULL,
	"institution_fund_paid_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outpatient_pooling_region_code_quarter_pk" PRIMARY KEY("region_code","quarter"),
	CONSTRAINT "outpatient_pooling_non_negative" CHECK (least("fund"."outpatient_pooling"."persons_ytd", "fund"."outpatient_pooling"."visits", "fund"."outpatient_pooling"."pharmacy_visits", "fund"."outpatient_pooling"."institution_visits") >= 0 and least("fund"."outpatient_pooling"."total_cost_fen", "fund"."outpatient_pooling"."in_scope_cost_fen", "fund"."outpatient_pooling"."fund_paid_fen", "fund"."outpatient_pooling"."pharmacy_total_cost_fen", "fund"."outpatient_pooling"."pharmacy_in_scope_cost_fen", "fund"."outpatient_pooling"."pharmacy_fund_paid_fen", "fund"."outpatient_pooling"."institution_total_cost_fen", "fund"."outpatient_pooling"."institution_in_scope_cost_fen", "fund"."outpatient_pooling"."institution_fund_paid_fen") >= 0),
	CONSTRAINT "outpatient_pooling_cost_order" CHECK ("fund"."outpatient_pooling"."fund_paid_fen" <= "fund"."outpatient_pooling"."in_scope_cost_fen" and "fund"."outpatient_pooling"."in_scope_cost_fen" <= "fund"."outpatient_pooling"."total_cost_fen" and "fund"."outpatient_pooling"."pharmacy_fund_paid_fen" <= "fund"."outpatient_pooling"."pharmacy_in_scope_cost_fen" and "fund"."outpatient_pooling"."pharmacy_in_scope_cost_fen" <= "fund"."outpatient_pooling"."pharmacy_total_cost_fen" and "fund"."outpatient_pooling"."institution_fund_paid_fen" <= "fund"."outpatient_pooling"."institution_in_scope_cost_fen" and "fund"."outpatient_pooling"."institution_in_scope_cost_fen" <= "fund"."outpatient_pooling"."institution_total_cost_fen"),
	CONSTRAINT "outpatient_pooling_parts" CHECK ("fund"."outpatient_pooling"."pharmacy_visits" + "fund"."outpatient_pooling"."institution_visits" <= "fund"."outpatient_pooling"."visits" and "fund"."outpatient_pooling"."pharmacy_total_cost_fen" + "fund"."outpatient_pooling"."institution_total_cost_fen" <= "fund"."outpatient_pooling"."total_cost_fen" and "fund"."outpatient_pooling"."pharmacy_fund_paid_fen" + "fund"."outpatient_pooling"."institution_fund_paid_fen" <= "fund"."outpatient_pooling"."fund_paid_fen")
);
--> statement-breakpoint
CREATE TABLE "fund"."remote_settlement" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"scheme" varchar(8) NOT NULL,
	"inpatient_within_cases" integer NOT NULL,
	"inpatient_within_fen" bigint NOT NULL,
	"inpatient_cross_cases" integer NOT NULL,
	"inpatient_cross_fen" bigint NOT NULL,
	"chronic_within_cases" integer NOT NULL,
	"chronic_within_fen" bigint NOT NULL,
	"chronic_cross_cases" integer NOT NULL,
	"chronic_cross_fen" bigint NOT NULL,
	"outpatient_within_cases" integer NOT NULL,
	"outpatient_within_fen" bigint NOT NULL,
	"outpatient_cross_cases" integer NOT NULL,
	"outpatient_cross_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remote_settlement_region_code_quarter_scheme_pk" PRIMARY KEY("region_code","quarter","scheme"),
	CONSTRAINT "remote_settlement_scheme" CHECK ("fund"."remote_settlement"."scheme" in ('EMPLOYEE', 'RESIDENT')),
	CONSTRAINT "remote_settlement_non_negative" CHECK (least("fund"."remote_settlement"."inpatient_within_cases", "fund"."remote_settlement"."inpatient_cross_cases", "fund"."remote_settlement"."chronic_within_cases", "fund"."remote_settlement"."chronic_cross_cases", "fund"."remote_settlement"."outpatient_within_cases", "fund"."remote_settlement"."outpatient_cross_cases") >= 0 and least("fund"."remote_settlement"."inpatient_within_fen", "fund"."remote_settlement"."inpatient_cross_fen", "fund"."remote_settlement"."chronic_within_fen", "fund"."remote_settlement"."chronic_cross_fen", "fund"."remote_settlement"."outpatient_within_fen", "fund"."remote_settlement"."outpatient_cross_fen") >= 0)
);
--> statement-breakpoint
CREATE TABLE "fund"."report_event" (
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
CREATE TABLE "fund"."report_import" (
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
CREATE TABLE "fund"."report_state" (
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
	CONSTRAINT "report_state_status" CHECK ("fund"."report_state"."status" in ('DRAFT', 'SUBMITTED', 'APPROVED'))
);
--> statement-breakpoint
CREATE INDEX "assistance_quarter_idx" ON "fund"."assistance" USING btree ("quarter","region_code");--> statement-breakpoint
CREATE INDEX "fund_balance_quarter_idx" ON "fund"."fund_balance" USING btree ("quarter","region_code");--> statement-breakpoint
CREATE INDEX "outpatient_pooling_quarter_idx" ON "fund"."outpatient_pooling" USING btree ("quarter","region_code");--> statement-breakpoint
CREATE INDEX "remote_settlement_quarter_idx" ON "fund"."remote_settlement" USING btree ("quarter","region_code");--> statement-breakpoint
CREATE INDEX "report_event_region_quarter_idx" ON "fund"."report_event" USING btree ("region_code","quarter");--> statement-breakpoint
CREATE INDEX "report_state_quarter_idx" ON "fund"."report_state" USING btree ("quarter","region_code");