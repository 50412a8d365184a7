-- A generation number for everything a sociale kaart search shows. Any write bumps it, so every app
-- instance can tell in one indexed read whether a cached search result is still exact.
INSERT INTO directory_stats (key, value) VALUES ('generation', 0) ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION directory_generation_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE directory_stats SET value = value + 1 WHERE key = 'generation';
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER services_generation AFTER INSERT OR UPDATE OR DELETE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
--> statement-breakpoint
CREATE TRIGGER organisations_generation AFTER INSERT OR UPDATE OR DELETE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
--> statement-breakpoint
CREATE TRIGGER programmes_generation AFTER INSERT OR UPDATE OR DELETE ON programmes
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
--> statement-breakpoint
CREATE TRIGGER service_municipalities_generation AFTER INSERT OR UPDATE OR DELETE ON service_municipalities
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
