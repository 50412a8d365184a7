CREATE TABLE "meeting_card_invitees" (
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "meeting_card_invitees_meeting_id_person_id_pk" PRIMARY KEY("meeting_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "meeting_card_invitees" ADD CONSTRAINT "meeting_card_invitees_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_card_invitees" ADD CONSTRAINT "meeting_card_invitees_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_card_invitees" ADD CONSTRAINT "meeting_card_invitees_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_card_invitees_person_idx" ON "meeting_card_invitees" USING btree ("person_id");--> statement-breakpoint
-- kp_ensure_user_cards (migration 0028) now also carries over meeting invitations made by card.
-- Smoelenboek cards and accounts are one person (ADR 007): every active staff account has a card linked to it.
-- An unlinked card with the account's e-mail address in the account's organisation is linked (she was on the
-- smoelenboek before she had an account); otherwise a card is made from the account (name, function, e-mail,
-- work area). Linking carries over what she was added to by her card: care-team memberships and meeting
-- invitations (meeting_card_invitees, moved to meeting_invitees) get her user id, so from her first sign-in she works in them like any member, under the same
-- need-to-know and consent rules. `only_user` limits it to one account, `job_title` names her function.
-- Returns the accounts handled with their card, and whether an existing card was linked.
CREATE OR REPLACE FUNCTION kp_ensure_user_cards(only_user uuid DEFAULT NULL, job_title text DEFAULT NULL)
RETURNS TABLE (user_id uuid, person_id uuid, linked boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  u record;
  card uuid;
BEGIN
  FOR u IN
    SELECT us.id, us.email, us.display_name, us.role, us.organisation_id
      FROM users us
     WHERE us.kind = 'staff' AND us.organisation_id IS NOT NULL AND us.deactivated_at IS NULL
       AND (only_user IS NULL OR us.id = only_user)
       AND NOT EXISTS (SELECT 1 FROM people p WHERE p.user_id = us.id)
     ORDER BY us.created_at, us.id
  LOOP
    SELECT p.id INTO card FROM people p
     WHERE p.organisation_id = u.organisation_id AND p.user_id IS NULL AND lower(p.email) = lower(u.email)
     ORDER BY p.active DESC, p.created_at, p.id
     LIMIT 1
     FOR UPDATE;
    IF card IS NOT NULL THEN
      UPDATE people SET user_id = u.id WHERE id = card;
      linked := true;
    ELSE
      INSERT INTO people (organisation_id, user_id, name, job_title, email)
      VALUES (u.organisation_id, u.id, u.display_name, coalesce(nullif(btrim(job_title), ''), kp_role_job_title(u.role)), lower(u.email))
      RETURNING id INTO card;
      INSERT INTO person_municipalities (person_id, municipality_id)
      SELECT card, um.municipality_id FROM user_municipalities um WHERE um.user_id = u.id;
      linked := false;
    END IF;
    UPDATE care_team_members m SET user_id = u.id
     WHERE m.person_id = card AND m.user_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM care_team_members o WHERE o.case_id = m.case_id AND o.user_id = u.id AND o.ended_at IS NULL);
    INSERT INTO meeting_invitees (meeting_id, user_id, organisation_id)
    SELECT ci.meeting_id, u.id, ci.organisation_id FROM meeting_card_invitees ci WHERE ci.person_id = card
    ON CONFLICT DO NOTHING;
    DELETE FROM meeting_card_invitees ci WHERE ci.person_id = card;
    user_id := u.id;
    person_id := card;
    RETURN NEXT;
  END LOOP;
END;
$$;
