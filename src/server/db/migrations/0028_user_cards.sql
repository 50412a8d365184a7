ALTER TABLE "care_team_members" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_team_active_card_uq" ON "care_team_members" USING btree ("case_id","person_id") WHERE "care_team_members"."ended_at" IS NULL AND "care_team_members"."user_id" IS NULL;--> statement-breakpoint
CREATE INDEX "care_team_person_idx" ON "care_team_members" USING btree ("person_id") WHERE "care_team_members"."user_id" IS NULL;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_user_or_card" CHECK ("care_team_members"."user_id" IS NOT NULL OR "care_team_members"."person_id" IS NOT NULL);--> statement-breakpoint
-- The function a user's card gets when nobody typed one (migration backfill, demo seed, CLI).
CREATE OR REPLACE FUNCTION kp_role_job_title(r role) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE r WHEN 'admin' THEN 'Functioneel beheerder' WHEN 'coordinator' THEN 'Coördinator'
                WHEN 'policy' THEN 'Beleidsmedewerker' ELSE 'Professional' END
$$;
--> statement-breakpoint
-- Smoelenboek cards and accounts are one person (ADR 007): every active staff account has a card linked to it.
-- An unlinked card with the account's e-mail address in the account's organisation is linked (she was on the
-- smoelenboek before she had an account); otherwise a card is made from the account (name, function, e-mail,
-- work area). Linking carries over what she was added to by her card: care-team memberships and meeting
-- invitations get her user id, so from her first sign-in she works in them like any member, under the same
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
    user_id := u.id;
    person_id := card;
    RETURN NEXT;
  END LOOP;
END;
$$;
--> statement-breakpoint
SELECT count(*) FROM kp_ensure_user_cards();
