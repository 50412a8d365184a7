CREATE TYPE "public"."case_phase" AS ENUM('signaleren', 'verkennen', 'steun_op_maat', 'afgesloten');--> statement-breakpoint
CREATE TYPE "public"."close_reason" AS ENUM('goals_reached', 'moved_away', 'client_declined', 'transferred', 'other');--> statement-breakpoint
CREATE TYPE "public"."consent_decision" AS ENUM('given', 'refused', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('case_discussion', 'share_plan', 'referral');--> statement-breakpoint
CREATE TABLE "care_team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role_in_case" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"added_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "case_directors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"proposed_by_id" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	"accepted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "case_directors_kind" CHECK ("case_directors"."kind" IN ('case', 'process')),
	CONSTRAINT "case_directors_status" CHECK ("case_directors"."status" IN ('proposed', 'current', 'declined', 'withdrawn', 'ended'))
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"signal_id" uuid,
	"phase" "case_phase" DEFAULT 'signaleren' NOT NULL,
	"phase_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"phase_before_closing" "case_phase",
	"close_reason" "close_reason",
	"evaluation_note" text,
	"closed_at" timestamp with time zone,
	"opened_by_id" uuid NOT NULL,
	"director_id" uuid,
	"without_director_since" timestamp with time zone,
	"regie_escalated_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_closed_complete" CHECK ("cases"."phase" <> 'afgesloten' OR ("cases"."close_reason" IS NOT NULL AND "cases"."evaluation_note" IS NOT NULL AND "cases"."closed_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"given_by_person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid,
	"purpose" "consent_purpose" NOT NULL,
	"purpose_detail" text,
	"decision" "consent_decision" NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"how" text NOT NULL,
	"form_name" text,
	"form_type" text,
	"form" "bytea",
	"note" text,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"review" text,
	"review_note" text,
	"reviewed_by_id" uuid,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "emergency_access_review" CHECK ("emergency_access"."review" IS NULL OR "emergency_access"."review" IN ('approved', 'improper'))
);
--> statement-breakpoint
CREATE TABLE "family_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"created_by_id" uuid NOT NULL,
	"adopted_at" timestamp with time zone,
	"adopted_by_id" uuid,
	"parents_agreed" boolean,
	"parents_present" boolean,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "family_plans_status" CHECK ("family_plans"."status" IN ('draft', 'adopted')),
	CONSTRAINT "family_plans_adopted_complete" CHECK ("family_plans"."status" = 'draft' OR ("family_plans"."adopted_at" IS NOT NULL AND "family_plans"."parents_agreed" IS NOT NULL AND "family_plans"."parents_present" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "case_id" uuid;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_directors" ADD CONSTRAINT "case_directors_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_directors" ADD CONSTRAINT "case_directors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_directors" ADD CONSTRAINT "case_directors_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_client_id_persons_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_director_id_users_id_fk" FOREIGN KEY ("director_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_given_by_person_id_persons_id_fk" FOREIGN KEY ("given_by_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access" ADD CONSTRAINT "emergency_access_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access" ADD CONSTRAINT "emergency_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access" ADD CONSTRAINT "emergency_access_reviewed_by_id_users_id_fk" FOREIGN KEY ("reviewed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_plans" ADD CONSTRAINT "family_plans_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_plans" ADD CONSTRAINT "family_plans_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_plans" ADD CONSTRAINT "family_plans_adopted_by_id_users_id_fk" FOREIGN KEY ("adopted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_team_active_uq" ON "care_team_members" USING btree ("case_id","user_id") WHERE "care_team_members"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "care_team_user_idx" ON "care_team_members" USING btree ("user_id") WHERE "care_team_members"."ended_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "case_directors_current_uq" ON "case_directors" USING btree ("case_id","kind") WHERE "case_directors"."status" = 'current';--> statement-breakpoint
CREATE UNIQUE INDEX "case_directors_proposed_uq" ON "case_directors" USING btree ("case_id","kind") WHERE "case_directors"."status" = 'proposed';--> statement-breakpoint
CREATE INDEX "case_directors_user_idx" ON "case_directors" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "cases_board_idx" ON "cases" USING btree ("municipality_id","phase","updated_at");--> statement-breakpoint
CREATE INDEX "cases_household_idx" ON "cases" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "cases_without_director_idx" ON "cases" USING btree ("without_director_since") WHERE "cases"."without_director_since" IS NOT NULL AND "cases"."phase" <> 'afgesloten';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_signal_uq" ON "cases" USING btree ("signal_id") WHERE "cases"."signal_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "consents_case_idx" ON "consents" USING btree ("case_id","organisation_id","purpose","recorded_at");--> statement-breakpoint
CREATE INDEX "emergency_access_case_user_idx" ON "emergency_access" USING btree ("case_id","user_id","expires_at");--> statement-breakpoint
CREATE INDEX "emergency_access_unreviewed_idx" ON "emergency_access" USING btree ("granted_at") WHERE "emergency_access"."review" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "family_plans_number_uq" ON "family_plans" USING btree ("case_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "family_plans_draft_uq" ON "family_plans" USING btree ("case_id") WHERE "family_plans"."status" = 'draft';--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;