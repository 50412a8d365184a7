ALTER TABLE "cases" ADD COLUMN "first_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "support_started_at" timestamp with time zone;--> statement-breakpoint
-- Keeps the milestones as the timeline and the referral history grow, whatever code path writes them.
CREATE FUNCTION kp_case_milestones_from_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'phase' AND NEW.data->>'to' IN ('verkennen', 'steun_op_maat') THEN
    UPDATE cases SET
      first_contact_at = least(coalesce(first_contact_at, NEW.at), NEW.at),
      support_started_at = CASE WHEN NEW.data->>'to' = 'steun_op_maat' THEN least(coalesce(support_started_at, NEW.at), NEW.at) ELSE support_started_at END
    WHERE id = NEW.case_id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER case_events_milestones AFTER INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION kp_case_milestones_from_event();
--> statement-breakpoint
CREATE FUNCTION kp_case_milestones_from_referral() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.to_status IN ('first_contact', 'help_started') THEN
    UPDATE cases SET
      first_contact_at = least(coalesce(first_contact_at, NEW.at), NEW.at),
      support_started_at = CASE WHEN NEW.to_status = 'help_started' THEN least(coalesce(support_started_at, NEW.at), NEW.at) ELSE support_started_at END
    WHERE id = (SELECT case_id FROM referrals WHERE id = NEW.referral_id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER referral_events_milestones AFTER INSERT ON referral_events FOR EACH ROW EXECUTE FUNCTION kp_case_milestones_from_referral();
--> statement-breakpoint
-- What happened before this migration.
UPDATE cases c SET first_contact_at = x.contact_at, support_started_at = x.support_at
FROM (
  SELECT c.id,
    least(
      (SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'phase' AND e.data->>'to' IN ('verkennen', 'steun_op_maat')),
      (SELECT min(x.at) FROM referrals r JOIN referral_events x ON x.referral_id = r.id WHERE r.case_id = c.id AND x.to_status IN ('first_contact', 'help_started'))
    ) AS contact_at,
    least(
      (SELECT min(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'phase' AND e.data->>'to' = 'steun_op_maat'),
      (SELECT min(x.at) FROM referrals r JOIN referral_events x ON x.referral_id = r.id WHERE r.case_id = c.id AND x.to_status = 'help_started')
    ) AS support_at
  FROM cases c
) x
WHERE x.id = c.id AND (x.contact_at IS NOT NULL OR x.support_at IS NOT NULL);
