-- A confirmation is appended once and never changed, like the consent it confirms.
CREATE TRIGGER consent_confirmations_append_only BEFORE UPDATE OR DELETE ON consent_confirmations
  FOR EACH ROW EXECUTE FUNCTION kp_append_only();
--> statement-breakpoint
-- The intake right is new (ADR 015): professionals who already answered a referral keep handling their
-- organisation's incoming board; everyone else gets it from an admin.
UPDATE users u SET intake_right = true
WHERE u.role = 'professional' AND EXISTS (SELECT 1 FROM referrals r WHERE r.answered_by_id = u.id);
