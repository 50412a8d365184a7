CREATE TABLE "double_discussion_warnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "double_discussion_outcome" CHECK ("double_discussion_warnings"."outcome" IN ('warned', 'confirmed'))
);
--> statement-breakpoint
ALTER TABLE "double_discussion_warnings" ADD CONSTRAINT "double_discussion_warnings_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "double_discussion_warnings" ADD CONSTRAINT "double_discussion_warnings_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "double_discussion_warnings" ADD CONSTRAINT "double_discussion_warnings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "double_discussion_warnings_at_idx" ON "double_discussion_warnings" USING btree ("at");