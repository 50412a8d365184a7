CREATE TYPE "public"."decline_reason" AS ENUM('no_capacity', 'not_eligible', 'referred_elsewhere', 'other');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('sent', 'received', 'accepted', 'declined', 'waiting_list', 'first_contact', 'help_started', 'completed', 'client_withdrew', 'could_not_contact');--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "notification_preferences_mode" CHECK ("notification_preferences"."mode" IN ('immediate', 'digest', 'off'))
);
--> statement-breakpoint
CREATE TABLE "referral_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"plan_id" uuid,
	"event_id" uuid,
	CONSTRAINT "referral_attachments_kind" CHECK (("referral_attachments"."kind" = 'family_plan' AND "referral_attachments"."plan_id" IS NOT NULL) OR ("referral_attachments"."kind" = 'note' AND "referral_attachments"."event_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" "referral_status",
	"to_status" "referral_status" NOT NULL,
	"actor_id" uuid,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"receiving_organisation_id" uuid NOT NULL,
	"sender_id" uuid NOT NULL,
	"sender_organisation_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"question" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"handover_kind" text NOT NULL,
	"handover_at" timestamp with time zone,
	"handover_note" text,
	"status" "referral_status" DEFAULT 'sent' NOT NULL,
	"decline_reason" "decline_reason",
	"expected_start" date,
	"norm_working_days" integer NOT NULL,
	"due_on" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by_id" uuid,
	"help_started_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_declined_reason" CHECK ("referrals"."status" <> 'declined' OR "referrals"."decline_reason" IS NOT NULL),
	CONSTRAINT "referrals_handover_kind" CHECK ("referrals"."handover_kind" IN ('joint_visit', 'introduction_call')),
	CONSTRAINT "referrals_urgency" CHECK ("referrals"."urgency" IN ('normal', 'soon', 'urgent')),
	CONSTRAINT "referrals_norm_positive" CHECK ("referrals"."norm_working_days" > 0)
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "referral_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "email" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "share_waiting_times" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attachments" ADD CONSTRAINT "referral_attachments_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attachments" ADD CONSTRAINT "referral_attachments_plan_id_family_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."family_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_attachments" ADD CONSTRAINT "referral_attachments_event_id_case_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."case_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_receiving_organisation_id_organisations_id_fk" FOREIGN KEY ("receiving_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sender_organisation_id_organisations_id_fk" FOREIGN KEY ("sender_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_answered_by_id_users_id_fk" FOREIGN KEY ("answered_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_attachments_referral_idx" ON "referral_attachments" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_incoming_idx" ON "referrals" USING btree ("receiving_organisation_id","status","due_on") WHERE "referrals"."status" IN ('sent', 'received', 'accepted', 'waiting_list', 'first_contact');--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id","sent_at");--> statement-breakpoint
CREATE INDEX "referrals_sender_idx" ON "referrals" USING btree ("sender_id","sent_at");--> statement-breakpoint
CREATE INDEX "referrals_due_idx" ON "referrals" USING btree ("due_on") WHERE "referrals"."status" IN ('sent', 'received') AND "referrals"."escalated_at" IS NULL;--> statement-breakpoint
CREATE INDEX "referrals_service_started_idx" ON "referrals" USING btree ("service_id","help_started_at") WHERE "referrals"."help_started_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_digest_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."email" = 'digest';--> statement-breakpoint
CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION kp_append_only();
