CREATE TABLE "procurement"."purchase_summary" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"category" varchar(32) NOT NULL,
	"total_fen" bigint NOT NULL,
	"network_fen" bigint NOT NULL,
	"reported_off_network_fen" bigint NOT NULL,
	"row_count" integer NOT NULL,
	CONSTRAINT "purchase_summary_region_code_quarter_category_pk" PRIMARY KEY("region_code","quarter","category")
);
