-- The HSDS listing pages through services in name order. Covering organisation_id lets a deep page skip
-- its rows with an index-only scan; the organisation's active flag is checked against the (few) inactive ones.
CREATE INDEX IF NOT EXISTS services_listing_cover_idx ON services (name, id) INCLUDE (organisation_id) WHERE active;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS services_public_listing_cover_idx ON services (name, id) INCLUDE (organisation_id) WHERE active AND is_public;
--> statement-breakpoint
-- Inactive organisations are few; this tiny index lets "NOT IN (inactive organisations)" cost next to nothing.
CREATE INDEX IF NOT EXISTS organisations_inactive_idx ON organisations (id) WHERE NOT active;
--> statement-breakpoint
-- Cached HSDS pages also carry locations and named contacts: writes to those bump the generation too.
CREATE TRIGGER locations_generation AFTER INSERT OR UPDATE OR DELETE ON locations
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
--> statement-breakpoint
CREATE TRIGGER service_locations_generation AFTER INSERT OR UPDATE OR DELETE ON service_locations
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
--> statement-breakpoint
CREATE TRIGGER service_contacts_generation AFTER INSERT OR UPDATE OR DELETE ON service_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
--> statement-breakpoint
CREATE TRIGGER people_generation AFTER INSERT OR UPDATE OR DELETE ON people
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
