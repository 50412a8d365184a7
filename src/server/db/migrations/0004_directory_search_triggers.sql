-- Search documents of services and people, kept in the row itself so one GIN index answers a query.
-- Weights: A = the record's own name, B = programme and organisation names, C = one-liner/function,
-- D = long text. search_text (accent-folded, lower case) feeds the trigram index for typo tolerance.
CREATE OR REPLACE FUNCTION services_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  org_name text;
  prog_name text;
BEGIN
  SELECT name INTO org_name FROM organisations WHERE id = NEW.organisation_id;
  SELECT name INTO prog_name FROM programmes WHERE id = NEW.programme_id;
  NEW.search_vector :=
    setweight(to_tsvector('kp_dutch', coalesce(NEW.name, '')), 'A') ||
    setweight(to_tsvector('kp_dutch', coalesce(prog_name, '') || ' ' || coalesce(org_name, '')), 'B') ||
    setweight(to_tsvector('kp_dutch', coalesce(NEW.summary, '')), 'C') ||
    setweight(to_tsvector('kp_dutch', coalesce(NEW.description, '') || ' ' || coalesce(NEW.eligibility, '')), 'D');
  NEW.search_text := kp_fold(NEW.name || ' ' || coalesce(prog_name, '') || ' ' || coalesce(org_name, ''));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER services_search_refresh
  BEFORE INSERT OR UPDATE OF name, summary, description, eligibility, programme_id, organisation_id, search_vector ON services
  FOR EACH ROW EXECUTE FUNCTION services_search_refresh();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION people_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  org_name text;
BEGIN
  SELECT name INTO org_name FROM organisations WHERE id = NEW.organisation_id;
  NEW.search_vector :=
    setweight(to_tsvector('kp_dutch', coalesce(NEW.name, '')), 'A') ||
    setweight(to_tsvector('kp_dutch', coalesce(org_name, '')), 'B') ||
    setweight(to_tsvector('kp_dutch', coalesce(NEW.job_title, '') || ' ' || array_to_string(NEW.expertise, ' ')), 'C') ||
    setweight(to_tsvector('kp_dutch', array_to_string(NEW.meeting_tables, ' ')), 'D');
  NEW.search_text := kp_fold(NEW.name || ' ' || NEW.job_title || ' ' || coalesce(org_name, '') || ' ' || array_to_string(NEW.expertise, ' '));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_search_refresh
  BEFORE INSERT OR UPDATE OF name, job_title, expertise, meeting_tables, organisation_id, search_vector ON people
  FOR EACH ROW EXECUTE FUNCTION people_search_refresh();
--> statement-breakpoint
-- A renamed organisation or programme re-indexes the records that carry its name (touching
-- search_vector fires the triggers above).
CREATE OR REPLACE FUNCTION organisations_search_cascade() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    UPDATE services SET search_vector = NULL WHERE organisation_id = NEW.id;
    UPDATE people SET search_vector = NULL WHERE organisation_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organisations_search_cascade
  AFTER UPDATE OF name ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_search_cascade();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION programmes_search_cascade() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name THEN
    UPDATE services SET search_vector = NULL WHERE programme_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER programmes_search_cascade
  AFTER UPDATE OF name ON programmes
  FOR EACH ROW EXECUTE FUNCTION programmes_search_cascade();
