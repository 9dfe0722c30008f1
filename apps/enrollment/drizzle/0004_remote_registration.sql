CREATE TABLE "enrollment"."remote_registration" (
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"scheme" varchar(8) NOT NULL,
	"registrations" integer NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remote_registration_region_code_quarter_scheme_pk" PRIMARY KEY("region_code","quarter","scheme"),
	CONSTRAINT "remote_registration_scheme" CHECK ("enrollment"."remote_registration"."scheme" in ('EMPLOYEE', 'RESIDENT')),
	CONSTRAINT "remote_registration_non_negative" CHECK ("enrollment"."remote_registration"."registrations" >= 0)
);
--> statement-breakpoint
CREATE INDEX "remote_registration_quarter_idx" ON "enrollment"."remote_registration" USING btree ("quarter","region_code");