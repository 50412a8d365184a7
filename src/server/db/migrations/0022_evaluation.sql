CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"level" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"parties" text[] NOT NULL,
	"lead" text NOT NULL,
	"budget_euros" integer,
	"period_from" date NOT NULL,
	"period_to" date,
	"review_on" date NOT NULL,
	"block" text,
	"reminded_for" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreements_level" CHECK ("agreements"."level" IN ('strategic', 'tactical', 'operational'))
);
--> statement-breakpoint
CREATE TABLE "bottlenecks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"partners_named" integer NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"actions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bottlenecks_phase" CHECK ("bottlenecks"."phase" IN ('signaleren', 'verkennen', 'steun_op_maat', 'samenwerking')),
	CONSTRAINT "bottlenecks_partners" CHECK ("bottlenecks"."partners_named" >= 1)
);
--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"working_day" boolean NOT NULL,
	"working_index" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "municipality_population" (
	"municipality_id" uuid PRIMARY KEY NOT NULL,
	"reference_year" integer NOT NULL,
	"inhabitants" integer NOT NULL,
	"children_0_7" integer,
	"prevalence" double precision DEFAULT 0.01 NOT NULL,
	"source" text NOT NULL,
	"updated_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quickscans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"conducted_on" date NOT NULL,
	"blocks" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"note" text,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"answered_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"measurement" text NOT NULL,
	"token" text NOT NULL,
	"closes_on" date,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_rounds_measurement" CHECK ("survey_rounds"."measurement" IN ('baseline', 'interim', 'final'))
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"title" text NOT NULL,
	"items" jsonb NOT NULL,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bottlenecks" ADD CONSTRAINT "bottlenecks_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_population" ADD CONSTRAINT "municipality_population_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_population" ADD CONSTRAINT "municipality_population_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quickscans" ADD CONSTRAINT "quickscans_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quickscans" ADD CONSTRAINT "quickscans_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_round_id_survey_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."survey_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_rounds" ADD CONSTRAINT "survey_rounds_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreements_municipality_idx" ON "agreements" USING btree ("municipality_id","review_on");--> statement-breakpoint
CREATE INDEX "bottlenecks_municipality_idx" ON "bottlenecks" USING btree ("municipality_id","phase");--> statement-breakpoint
CREATE INDEX "quickscans_municipality_idx" ON "quickscans" USING btree ("municipality_id","conducted_on");--> statement-breakpoint
CREATE INDEX "survey_responses_round_idx" ON "survey_responses" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_rounds_token_uq" ON "survey_rounds" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_rounds_measurement_uq" ON "survey_rounds" USING btree ("survey_id","measurement");--> statement-breakpoint
CREATE INDEX "surveys_municipality_idx" ON "surveys" USING btree ("municipality_id");--> statement-breakpoint
-- Working days after `a` up to and including `b` (0 when `b` is not after `a`), from the calendar's running count:
-- the same rule as workingDaysBetween in the app. STABLE, so the planner may inline it into aggregates.
CREATE FUNCTION kp_working_days(a date, b date) RETURNS integer LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT greatest(0, (SELECT working_index FROM calendar_days WHERE day = b) - (SELECT working_index FROM calendar_days WHERE day = a))
$$;
