-- An inspection's requestId (the CSV import's 检查编号) is unique per county, no longer nationally:
-- a reference used in another county is a different inspection, so reusing one can never reveal
-- whether it exists outside the caller's scope.
DROP INDEX "supervision"."inspection_request_id_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "inspection_region_request_id_idx" ON "supervision"."inspection" USING btree ("region_code","request_id");
