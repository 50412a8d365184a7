-- A match carries its household's municipality (issue 16): the hub board counts a municipality's unfollowed matches
-- from matches_unfollowed_municipality_idx instead of probing the index for every household of the municipality
-- (7,000 households in the benchmark's board municipality: 60-80 ms a request). Kept by triggers, so no writer can
-- forget it: set from the household on insert and when a match changes household, and carried along when a
-- household changes municipality.
CREATE FUNCTION kp_match_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.municipality_id := (SELECT h.municipality_id FROM households h WHERE h.id = NEW.household_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER matches_municipality BEFORE INSERT OR UPDATE OF household_id, municipality_id ON matches
  FOR EACH ROW EXECUTE FUNCTION kp_match_municipality();
--> statement-breakpoint
CREATE FUNCTION kp_household_matches_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE matches SET municipality_id = NEW.municipality_id WHERE household_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER households_matches_municipality AFTER UPDATE OF municipality_id ON households
  FOR EACH ROW WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id) EXECUTE FUNCTION kp_household_matches_municipality();
--> statement-breakpoint
UPDATE matches m SET municipality_id = h.municipality_id FROM households h WHERE h.id = m.household_id AND m.municipality_id IS DISTINCT FROM h.municipality_id;
