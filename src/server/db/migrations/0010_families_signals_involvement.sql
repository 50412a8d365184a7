CREATE TYPE "public"."household_role" AS ENUM('mother', 'partner', 'unborn', 'child', 'carer', 'other');--> statement-breakpoint
CREATE TYPE "public"."registration_end_reason" AS ENUM('end_date', 'age_23', 'death', 'withdrawn', 'merged');--> statement-breakpoint
CREATE TYPE "public"."relation_type" AS ENUM('parent_of', 'partner_of', 'lives_with', 'carer_of');--> statement-breakpoint
CREATE TYPE "public"."signal_decision" AS ENUM('advice_only', 'direct_support', 'exploration');--> statement-breakpoint
CREATE TYPE "public"."vulnerability_level" AS ENUM('not_vulnerable', 'potentially_vulnerable', 'vulnerable', 'very_vulnerable');--> statement-breakpoint
CREATE TABLE "health_measurements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"measured_on" date NOT NULL,
	"scores" jsonb NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "involvement_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" "registration_end_reason",
	"delete_after" date,
	"informed_at" timestamp with time zone,
	"informed_whom" text[],
	"informed_how" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"registration_a_id" uuid NOT NULL,
	"registration_b_id" uuid NOT NULL,
	"same_person" boolean NOT NULL,
	"central_contact_user_id" uuid,
	"followed_up_at" timestamp with time zone,
	"followed_up_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"match_id" uuid,
	"signal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "person_relations" (
	"from_person_id" uuid NOT NULL,
	"to_person_id" uuid NOT NULL,
	"type" "relation_type" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_relations_from_person_id_to_person_id_type_pk" PRIMARY KEY("from_person_id","to_person_id","type")
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"household_id" uuid NOT NULL,
	"household_role" "household_role" NOT NULL,
	"given_name" text DEFAULT '' NOT NULL,
	"family_name" text NOT NULL,
	"family_name_key" text NOT NULL,
	"date_of_birth" date,
	"due_date" date,
	"bsn_hash" text,
	"bsn_enc" text,
	"address" text,
	"postcode" text,
	"municipality_id" uuid NOT NULL,
	"preferred_language" text,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"contact_note" text,
	"deceased_on" date,
	"merged_into_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "persons_birth_or_due" CHECK ("persons"."date_of_birth" IS NOT NULL OR "persons"."due_date" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "questionnaire_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"definition" jsonb NOT NULL,
	"answers" jsonb NOT NULL,
	"score" jsonb NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name_nl" text NOT NULL,
	"name_en" text NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaires_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "signal_factors" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"signaller_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"life_domains" text[] NOT NULL,
	"risk_categories" text[] DEFAULT '{}' NOT NULL,
	"risk_factors" text[] DEFAULT '{}' NOT NULL,
	"risk_factors_note" text,
	"protective_factors" text[] DEFAULT '{}' NOT NULL,
	"protective_factors_note" text,
	"vulnerability_level" "vulnerability_level" NOT NULL,
	"client_view" text NOT NULL,
	"discussed_with_family" boolean NOT NULL,
	"not_discussed_reason" text,
	"consent_to_share" boolean NOT NULL,
	"safety_concern" boolean DEFAULT false NOT NULL,
	"to_hub" boolean NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_id" uuid,
	"decision" "signal_decision",
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signals_reason_when_not_discussed" CHECK ("signals"."discussed_with_family" OR "signals"."not_discussed_reason" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "health_measurements" ADD CONSTRAINT "health_measurements_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_measurements" ADD CONSTRAINT "health_measurements_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvement_registrations" ADD CONSTRAINT "involvement_registrations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvement_registrations" ADD CONSTRAINT "involvement_registrations_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvement_registrations" ADD CONSTRAINT "involvement_registrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvement_registrations" ADD CONSTRAINT "involvement_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_registration_a_id_involvement_registrations_id_fk" FOREIGN KEY ("registration_a_id") REFERENCES "public"."involvement_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_registration_b_id_involvement_registrations_id_fk" FOREIGN KEY ("registration_b_id") REFERENCES "public"."involvement_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_central_contact_user_id_users_id_fk" FOREIGN KEY ("central_contact_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_followed_up_by_id_users_id_fk" FOREIGN KEY ("followed_up_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_signal_id_signals_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_from_person_id_persons_id_fk" FOREIGN KEY ("from_person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_relations" ADD CONSTRAINT "person_relations_to_person_id_persons_id_fk" FOREIGN KEY ("to_person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_signaller_id_users_id_fk" FOREIGN KEY ("signaller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_acknowledged_by_id_users_id_fk" FOREIGN KEY ("acknowledged_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signals" ADD CONSTRAINT "signals_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_measurements_person_idx" ON "health_measurements" USING btree ("person_id","measured_on");--> statement-breakpoint
CREATE INDEX "households_municipality_idx" ON "households" USING btree ("municipality_id");--> statement-breakpoint
CREATE UNIQUE INDEX "involvement_active_uq" ON "involvement_registrations" USING btree ("person_id","user_id") WHERE "involvement_registrations"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "involvement_household_active_idx" ON "involvement_registrations" USING btree ("household_id") WHERE "involvement_registrations"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "involvement_user_idx" ON "involvement_registrations" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "involvement_end_idx" ON "involvement_registrations" USING btree ("end_date") WHERE "involvement_registrations"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "involvement_delete_idx" ON "involvement_registrations" USING btree ("delete_after") WHERE "involvement_registrations"."ended_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "involvement_person_idx" ON "involvement_registrations" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_pair_uq" ON "matches" USING btree ("registration_a_id","registration_b_id");--> statement-breakpoint
CREATE INDEX "matches_b_idx" ON "matches" USING btree ("registration_b_id");--> statement-breakpoint
CREATE INDEX "matches_unfollowed_idx" ON "matches" USING btree ("created_at") WHERE "matches"."followed_up_at" IS NULL;--> statement-breakpoint
CREATE INDEX "matches_household_idx" ON "matches" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "person_relations_to_idx" ON "person_relations" USING btree ("to_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_bsn_uq" ON "persons" USING btree ("bsn_hash") WHERE "persons"."bsn_hash" IS NOT NULL AND "persons"."merged_into_id" IS NULL;--> statement-breakpoint
CREATE INDEX "persons_identity_idx" ON "persons" USING btree ("family_name_key","date_of_birth");--> statement-breakpoint
CREATE INDEX "persons_identity_due_idx" ON "persons" USING btree ("family_name_key","due_date");--> statement-breakpoint
CREATE INDEX "persons_household_idx" ON "persons" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "persons_municipality_idx" ON "persons" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "questionnaire_responses_person_idx" ON "questionnaire_responses" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "signals_intake_idx" ON "signals" USING btree ("municipality_id","created_at") WHERE "signals"."to_hub";--> statement-breakpoint
CREATE INDEX "signals_signaller_idx" ON "signals" USING btree ("signaller_id","created_at");--> statement-breakpoint
CREATE INDEX "signals_person_idx" ON "signals" USING btree ("person_id");