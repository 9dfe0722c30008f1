CREATE TABLE "payment"."dip_case_summary" (
	"region_code" varchar(6) NOT NULL,
	"pooling_area" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"cases" bigint NOT NULL,
	"comprehensive_cases" bigint NOT NULL,
	"points" numeric NOT NULL,
	"dip_fund_fen" bigint NOT NULL,
	"inpatient_fund_fen" bigint NOT NULL,
	"institutions" integer NOT NULL,
	"row_count" integer NOT NULL,
	CONSTRAINT "dip_case_summary_region_code_quarter_pooling_area_pk" PRIMARY KEY("region_code","quarter","pooling_area")
);
--> statement-breakpoint
CREATE INDEX "dip_case_summary_pool_quarter_idx" ON "payment"."dip_case_summary" USING btree ("pooling_area","quarter");