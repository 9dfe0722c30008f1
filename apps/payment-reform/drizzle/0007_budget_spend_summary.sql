CREATE TABLE "payment"."budget_spend_summary" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"spent_fen" bigint NOT NULL,
	"row_count" integer NOT NULL,
	CONSTRAINT "budget_spend_summary_region_code_quarter_year_pk" PRIMARY KEY("region_code","quarter","year")
);
