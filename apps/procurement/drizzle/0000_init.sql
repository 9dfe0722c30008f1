CREATE SCHEMA "procurement";
--> statement-breakpoint
CREATE TABLE "procurement"."audit_log" (
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
CREATE TABLE "procurement"."purchase" (
	"institution_id" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"category" varchar(32) NOT NULL,
	"total_fen" bigint NOT NULL,
	"network_fen" bigint NOT NULL,
	"reported_off_network_fen" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchase_institution_id_quarter_category_pk" PRIMARY KEY("institution_id","quarter","category"),
	CONSTRAINT "purchase_amounts" CHECK ("procurement"."purchase"."network_fen" >= 0 and "procurement"."purchase"."reported_off_network_fen" >= 0 and "procurement"."purchase"."network_fen" + "procurement"."purchase"."reported_off_network_fen" <= "procurement"."purchase"."total_fen"),
	CONSTRAINT "purchase_category" CHECK ("procurement"."purchase"."category" in ('DRUG', 'CONSUMABLE_SEPARATE', 'CONSUMABLE_NON_SEPARATE'))
);
--> statement-breakpoint
CREATE TABLE "procurement"."vbp_agreement" (
	"institution_id" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"product_id" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"start_quarter" varchar(6) NOT NULL,
	"agreed_volume" bigint NOT NULL,
	CONSTRAINT "vbp_agreement_institution_id_product_id_start_date_pk" PRIMARY KEY("institution_id","product_id","start_date"),
	CONSTRAINT "vbp_agreement_volume" CHECK ("procurement"."vbp_agreement"."agreed_volume" > 0 and "procurement"."vbp_agreement"."end_date" > "procurement"."vbp_agreement"."start_date")
);
--> statement-breakpoint
CREATE TABLE "procurement"."vbp_batch" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" varchar(16) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement"."vbp_product" (
	"id" text PRIMARY KEY NOT NULL,
	"batch_id" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procurement"."vbp_progress" (
	"institution_id" text NOT NULL,
	"region_code" varchar(6) NOT NULL,
	"product_id" text NOT NULL,
	"quarter" varchar(6) NOT NULL,
	"purchased_volume" bigint NOT NULL,
	"reported_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vbp_progress_institution_id_product_id_quarter_pk" PRIMARY KEY("institution_id","product_id","quarter"),
	CONSTRAINT "vbp_progress_volume" CHECK ("procurement"."vbp_progress"."purchased_volume" >= 0)
);
--> statement-breakpoint
ALTER TABLE "procurement"."vbp_agreement" ADD CONSTRAINT "vbp_agreement_product_id_vbp_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "procurement"."vbp_product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement"."vbp_product" ADD CONSTRAINT "vbp_product_batch_id_vbp_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "procurement"."vbp_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement"."vbp_progress" ADD CONSTRAINT "vbp_progress_product_id_vbp_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "procurement"."vbp_product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procurement_audit_entity_idx" ON "procurement"."audit_log" USING btree ("entity_key");--> statement-breakpoint
CREATE INDEX "purchase_region_quarter_idx" ON "procurement"."purchase" USING btree ("region_code","quarter");--> statement-breakpoint
CREATE INDEX "vbp_agreement_region_idx" ON "procurement"."vbp_agreement" USING btree ("region_code","start_date");--> statement-breakpoint
CREATE INDEX "vbp_product_batch_idx" ON "procurement"."vbp_product" USING btree ("batch_id");