CREATE TABLE "directory_stats" (
	"key" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "municipality_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "services_municipality_ids_idx" ON "services" USING gin ("municipality_ids");--> statement-breakpoint
CREATE INDEX "services_listing_idx" ON "services" USING btree ("name","id") WHERE "services"."active";--> statement-breakpoint
CREATE INDEX "services_public_listing_idx" ON "services" USING btree ("name","id") WHERE "services"."active" AND "services"."is_public";