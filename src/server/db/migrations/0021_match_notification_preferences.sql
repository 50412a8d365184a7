-- Matches follow the notification preferences (issue 6): the in-app row records how it is mailed, and only users
-- who want 'match' mail at once get it now; 'digest' waits for the daily digest, 'off' sends none.
CREATE OR REPLACE FUNCTION kp_register_involvement(
  p_person_id uuid, p_user_id uuid, p_organisation_id uuid, p_role role, p_start date, p_end date,
  p_ip inet, p_user_agent text,
  p_subject_nl text, p_text_nl text, p_subject_en text, p_text_en text
) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_household uuid;
  v_locked uuid;
  v_person persons%ROWTYPE;
  v_reg involvement_registrations%ROWTYPE;
  v_matches int := 0;
BEGIN
  LOOP
    SELECT * INTO v_person FROM persons WHERE id = p_person_id;
    IF NOT FOUND OR v_person.merged_into_id IS NOT NULL THEN
      RETURN jsonb_build_object('status', 'not_found');
    END IF;
    -- A merge may move the person to another household while we wait: lock until the household is stable.
    EXIT WHEN v_person.household_id = v_locked;
    PERFORM 1 FROM households WHERE id = v_person.household_id FOR UPDATE;
    v_locked := v_person.household_id;
  END LOOP;
  v_household := v_locked;
  IF v_person.deceased_on IS NOT NULL THEN
    RETURN jsonb_build_object('status', 'deceased');
  END IF;

  INSERT INTO involvement_registrations (person_id, household_id, organisation_id, user_id, start_date, end_date)
  VALUES (p_person_id, v_household, p_organisation_id, p_user_id, p_start, p_end)
  ON CONFLICT (person_id, user_id) WHERE ended_at IS NULL DO NOTHING
  RETURNING * INTO v_reg;

  IF v_reg.id IS NULL THEN
    SELECT * INTO v_reg FROM involvement_registrations WHERE person_id = p_person_id AND user_id = p_user_id AND ended_at IS NULL;
    INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
    VALUES ('read', p_user_id, p_role, p_organisation_id, p_person_id, 'involvement_registration', v_reg.id::text, 'betrokkenheid registreren', p_ip, p_user_agent);
    RETURN jsonb_build_object('status', 'ok', 'created', false, 'matches', 0, 'registration', to_jsonb(v_reg), 'person', to_jsonb(v_person));
  END IF;

  WITH others AS (
    SELECT id, user_id, person_id FROM involvement_registrations
    WHERE household_id = v_household AND ended_at IS NULL AND user_id <> p_user_id AND id <> v_reg.id
  ), m AS (
    INSERT INTO matches (household_id, registration_a_id, registration_b_id, same_person)
    SELECT v_household, o.id, v_reg.id, o.person_id = p_person_id FROM others o
    ON CONFLICT DO NOTHING RETURNING id, registration_a_id
  ), pairs AS (
    SELECT p_user_id AS user_id, m.id AS match_id FROM m
    UNION ALL
    SELECT o.user_id, m.id FROM m JOIN others o ON o.id = m.registration_a_id
  ), modes AS (
    -- The notification service's rule (domain/notifications.ts): the user's preference for 'match', else at once.
    SELECT p.user_id, p.match_id, coalesce(np.mode, 'immediate') AS mode
    FROM pairs p LEFT JOIN notification_preferences np ON np.user_id = p.user_id AND np.kind = 'match'
  ), n AS (
    INSERT INTO notifications (user_id, kind, match_id, email)
    SELECT user_id, 'match', match_id, CASE WHEN mode = 'immediate' THEN 'queued' ELSE mode END FROM modes
  ), recipients AS (
    SELECT DISTINCT user_id AS id FROM modes WHERE mode = 'immediate'
  ), mail AS (
    INSERT INTO mail_outbox (to_address, subject, text_body, kind)
    SELECT u.email, CASE WHEN u.language = 'en' THEN p_subject_en ELSE p_subject_nl END,
           CASE WHEN u.language = 'en' THEN p_text_en ELSE p_text_nl END, 'match'
    FROM users u JOIN recipients r ON r.id = u.id WHERE u.deactivated_at IS NULL
  )
  SELECT count(*) INTO v_matches FROM m;

  INSERT INTO access_log (event_type, user_id, user_role, organisation_id, subject_person_id, object_type, object_id, purpose, ip, user_agent)
  VALUES ('create', p_user_id, p_role, p_organisation_id, p_person_id, 'involvement_registration', v_reg.id::text, 'betrokkenheid registreren', p_ip, p_user_agent);
  RETURN jsonb_build_object('status', 'ok', 'created', true, 'matches', v_matches, 'registration', to_jsonb(v_reg), 'person', to_jsonb(v_person));
END
$$;
