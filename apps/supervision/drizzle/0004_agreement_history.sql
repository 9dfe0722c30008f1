-- supervision.agreement_history: the registry's agreement status with the date each status took
-- effect. Counts of designated institutions at a quarter's end read the status in effect on that
-- day, so a suspension counts from its date on and never rewrites an approved quarter.
CREATE TABLE "supervision"."agreement_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"institution_id" text NOT NULL,
	"effective_on" date NOT NULL,
	"status" "supervision"."agreement_status" NOT NULL,
	"agreement_end" date,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" text NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision"."agreement_history" ADD CONSTRAINT "agreement_history_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "supervision"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_history_institution_idx" ON "supervision"."agreement_history" USING btree ("institution_id","effective_on","id");--> statement-breakpoint
CREATE INDEX "agreement_history_suspended_idx" ON "supervision"."agreement_history" USING btree ("institution_id") WHERE "supervision"."agreement_history"."status" = 'SUSPENDED';--> statement-breakpoint
-- Backfill: until now only the current status was kept, and it applied to every past date. Each
-- institution gets that status as in effect since its agreement start (a TERMINATED agreement: ACTIVE
-- from its start, TERMINATED from its end date), so every figure computed before this migration,
-- approved quarters included, stays exactly as it was. Changes from now on carry their own date.
INSERT INTO "supervision"."agreement_history" (institution_id, effective_on, status, agreement_end, recorded_by, source)
SELECT institution_id, effective_on, status, agreement_end, 'migration', 'migration 0004'
FROM (
  SELECT id AS institution_id, agreement_start AS effective_on, 0 AS step,
    CASE WHEN agreement_status = 'TERMINATED' AND agreement_end IS NOT NULL
      THEN 'ACTIVE'::"supervision"."agreement_status" ELSE agreement_status END AS status,
    agreement_end
  FROM "supervision"."institution"
  UNION ALL
  SELECT id, agreement_end, 1, agreement_status, agreement_end
  FROM "supervision"."institution"
  WHERE agreement_status = 'TERMINATED' AND agreement_end IS NOT NULL
) AS b
ORDER BY institution_id, effective_on, step;
