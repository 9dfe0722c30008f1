CREATE TABLE "procurement"."vbp_summary" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"agreed_volume" bigint NOT NULL,
	"purchased_volume" bigint NOT NULL,
	"institutions" integer NOT NULL,
	"behind" integer NOT NULL,
	CONSTRAINT "vbp_summary_region_code_quarter_pk" PRIMARY KEY("region_code","quarter")
);
