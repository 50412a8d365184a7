DROP INDEX "services_listing_idx";--> statement-breakpoint
DROP INDEX "services_public_listing_idx";