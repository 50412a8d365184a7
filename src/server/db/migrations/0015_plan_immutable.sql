-- An adopted family-plan version is a record of what the family agreed to: refuse every change and deletion,
-- whatever the application does. Drafts stay editable; adopting is the last update a row gets.
CREATE OR REPLACE FUNCTION kp_family_plan_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'adopted' THEN
    RAISE EXCEPTION 'adopted family plan % is immutable', OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER family_plans_immutable BEFORE UPDATE OR DELETE ON family_plans
  FOR EACH ROW EXECUTE FUNCTION kp_family_plan_immutable();
--> statement-breakpoint
-- Consent records and the timeline are evidence: appended, never rewritten.
CREATE OR REPLACE FUNCTION kp_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consents_append_only BEFORE UPDATE OR DELETE ON consents
  FOR EACH ROW EXECUTE FUNCTION kp_append_only();
--> statement-breakpoint
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION kp_append_only();
