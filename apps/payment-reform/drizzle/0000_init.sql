CREATE SCHEMA "payment";
--> statement-breakpoint
CREATE TABLE "payment"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_sub" text NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"entity_key" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment"."dip_case_aggregate" (
	"institution_id" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"pooling_area" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"group_code" text NOT NULL,
	"group_type" varchar(16) NOT NULL,
	"cases" integer NOT NULL,
	"score" numeric(12, 4) NOT NULL,
	"coefficient" numeric(6, 4) NOT NULL,
	"points" numeric(18, 4) NOT NULL,
	"fund_prepaid_fen" bigint NOT NULL,
	"dip_fund_fen" bigint NOT NULL,
	"inpatient_fund_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dip_case_aggregate_institution_id_quarter_group_code_pk" PRIMARY KEY("institution_id","quarter","group_code"),
	CONSTRAINT "dip_case_non_negative" CHECK ("payment"."dip_case_aggregate"."cases" >= 0 and "payment"."dip_case_aggregate"."points" >= 0 and "payment"."dip_case_aggregate"."fund_prepaid_fen" >= 0 and "payment"."dip_case_aggregate"."dip_fund_fen" >= 0 and "payment"."dip_case_aggregate"."dip_fund_fen" <= "payment"."dip_case_aggregate"."inpatient_fund_fen")
);
--> statement-breakpoint
CREATE TABLE "payment"."dip_group" (
	"pooling_area" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" varchar(16) NOT NULL,
	"score" numeric(12, 4) NOT NULL,
	CONSTRAINT "dip_group_pooling_area_year_code_pk" PRIMARY KEY("pooling_area","year","code"),
	CONSTRAINT "dip_group_type" CHECK ("payment"."dip_group"."type" in ('CORE', 'COMPREHENSIVE')),
	CONSTRAINT "dip_group_score" CHECK ("payment"."dip_group"."score" > 0)
);
--> statement-breakpoint
CREATE TABLE "payment"."dip_institution" (
	"institution_id" text PRIMARY KEY NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"pooling_area" varchar(6) NOT NULL,
	"grade" varchar(4) NOT NULL,
	"since_year" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment"."dip_settlement" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pooling_area" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"status" varchar(8) NOT NULL,
	"budget_fen" bigint NOT NULL,
	"total_points" numeric(20, 4) NOT NULL,
	"point_value" numeric(18, 8) NOT NULL,
	"run_by" text NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"reopened_by" text,
	"reopen_reason" text,
	CONSTRAINT "dip_settlement_status" CHECK ("payment"."dip_settlement"."status" in ('OPEN', 'CLOSED'))
);
--> statement-breakpoint
CREATE TABLE "payment"."dip_settlement_line" (
	"settlement_id" bigint NOT NULL,
	"institution_id" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"points" numeric(20, 4) NOT NULL,
	"gross_fen" bigint NOT NULL,
	"prepaid_fen" bigint NOT NULL,
	"deduction_fen" bigint NOT NULL,
	"net_fen" bigint NOT NULL,
	CONSTRAINT "dip_settlement_line_settlement_id_institution_id_pk" PRIMARY KEY("settlement_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "payment"."global_budget" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" varchar(12) NOT NULL,
	"pooling_area" varchar(6) NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"budget_fen" bigint NOT NULL,
	"surplus_retained_share" numeric(5, 4) NOT NULL,
	"overspend_shared_share" numeric(5, 4) NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "global_budget_kind" CHECK ("payment"."global_budget"."kind" in ('POOL', 'INSTITUTION', 'ALLIANCE')),
	CONSTRAINT "global_budget_amounts" CHECK ("payment"."global_budget"."budget_fen" >= 0 and "payment"."global_budget"."surplus_retained_share" between 0 and 1 and "payment"."global_budget"."overspend_shared_share" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "payment"."global_budget_spend" (
	"budget_id" bigint NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"spent_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "global_budget_spend_budget_id_quarter_pk" PRIMARY KEY("budget_id","quarter"),
	CONSTRAINT "global_budget_spend_amount" CHECK ("payment"."global_budget_spend"."spent_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payment"."institution_coefficient" (
	"pooling_area" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"grade" varchar(4) NOT NULL,
	"coefficient" numeric(6, 4) NOT NULL,
	CONSTRAINT "institution_coefficient_pooling_area_year_grade_pk" PRIMARY KEY("pooling_area","year","grade"),
	CONSTRAINT "institution_coefficient_grade" CHECK ("payment"."institution_coefficient"."grade" in ('III', 'II', 'I', 'NONE')),
	CONSTRAINT "institution_coefficient_positive" CHECK ("payment"."institution_coefficient"."coefficient" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment"."dip_settlement_line" ADD CONSTRAINT "dip_settlement_line_settlement_id_dip_settlement_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "payment"."dip_settlement"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment"."global_budget_spend" ADD CONSTRAINT "global_budget_spend_budget_id_global_budget_id_fk" FOREIGN KEY ("budget_id") REFERENCES "payment"."global_budget"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_audit_entity_idx" ON "payment"."audit_log" USING btree ("entity_key");--> statement-breakpoint
CREATE INDEX "dip_case_region_quarter_idx" ON "payment"."dip_case_aggregate" USING btree ("region_code","quarter");--> statement-breakpoint
CREATE INDEX "dip_case_pool_quarter_idx" ON "payment"."dip_case_aggregate" USING btree ("pooling_area","quarter");--> statement-breakpoint
CREATE INDEX "dip_institution_region_idx" ON "payment"."dip_institution" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "dip_settlement_pool_year_idx" ON "payment"."dip_settlement" USING btree ("pooling_area","year");--> statement-breakpoint
CREATE INDEX "dip_settlement_line_institution_idx" ON "payment"."dip_settlement_line" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "global_budget_key_idx" ON "payment"."global_budget" USING btree ("kind","key","year");--> statement-breakpoint
CREATE INDEX "global_budget_region_idx" ON "payment"."global_budget" USING btree ("region_code","year");