DROP INDEX "cases_without_director_muni_idx";--> statement-breakpoint
DROP INDEX "cases_escalated_idx";--> statement-breakpoint
ALTER TABLE "matches" ADD COLUMN "municipality_id" uuid;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matches_unfollowed_municipality_idx" ON "matches" USING btree ("municipality_id","created_at") WHERE "matches"."followed_up_at" IS NULL;--> statement-breakpoint
CREATE INDEX "signals_undecided_idx" ON "signals" USING btree ("municipality_id") WHERE "signals"."to_hub" AND "signals"."decision" IS NULL;--> statement-breakpoint
CREATE INDEX "cases_without_director_muni_idx" ON "cases" USING btree ("municipality_id","updated_at" DESC NULLS LAST) WHERE "cases"."without_director_since" IS NOT NULL AND "cases"."phase" <> 'afgesloten';--> statement-breakpoint
CREATE INDEX "cases_escalated_idx" ON "cases" USING btree ("municipality_id","updated_at" DESC NULLS LAST) WHERE "cases"."regie_escalated_at" IS NOT NULL AND "cases"."director_id" IS NULL AND "cases"."phase" <> 'afgesloten';