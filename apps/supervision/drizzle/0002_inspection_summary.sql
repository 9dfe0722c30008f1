CREATE TABLE "supervision"."disposition_summary" (
	"quarter" varchar(6) NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"kind" "supervision"."disposition_kind" NOT NULL,
	"dispositions" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "disposition_summary_quarter_region_code_kind_pk" PRIMARY KEY("quarter","region_code","kind")
);
--> statement-breakpoint
CREATE TABLE "supervision"."inspection_summary" (
	"quarter" varchar(6) NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"inspections" integer NOT NULL,
	"inspected" integer NOT NULL,
	CONSTRAINT "inspection_summary_quarter_region_code_pk" PRIMARY KEY("quarter","region_code")
);
--> statement-breakpoint
CREATE INDEX "inspection_quarter_region_institution_idx" ON "supervision"."inspection" USING btree ("quarter","region_code","institution_id");