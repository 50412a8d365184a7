-- Search for the sociale kaart: trigram matching for typos, accent folding, and a Dutch text-search
-- configuration that folds accents before stemming ("créche" and "creche" match). Both extensions are
-- "trusted" since PostgreSQL 13, so the database owner can create them without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'kp_dutch') THEN
    CREATE TEXT SEARCH CONFIGURATION kp_dutch (COPY = pg_catalog.dutch);
    ALTER TEXT SEARCH CONFIGURATION kp_dutch ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
  END IF;
END
$$;
--> statement-breakpoint
-- unaccent() is only STABLE (it looks up its dictionary by name); naming the dictionary makes it safe to
-- declare IMMUTABLE, which indexes and triggers need.
CREATE OR REPLACE FUNCTION kp_fold(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, input)) $$;
