ALTER TABLE "referrals" ADD COLUMN "decline_note" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "previous_referral_id" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_previous_referral_id_referrals_id_fk" FOREIGN KEY ("previous_referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_previous_idx" ON "referrals" USING btree ("previous_referral_id") WHERE "referrals"."previous_referral_id" IS NOT NULL;--> statement-breakpoint
-- Declines for "other" made before the explanation was required: take the note given with the decline, if any.
UPDATE "referrals" r SET "decline_note" = coalesce(
  (SELECT e."note" FROM "referral_events" e WHERE e."referral_id" = r."id" AND e."to_status" = 'declined' AND e."note" <> '' ORDER BY e."at" DESC LIMIT 1),
  '(geen toelichting vastgelegd)')
WHERE r."decline_reason" = 'other';--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_other_reason_explained" CHECK ("referrals"."decline_reason" IS DISTINCT FROM 'other' OR "referrals"."decline_note" IS NOT NULL);