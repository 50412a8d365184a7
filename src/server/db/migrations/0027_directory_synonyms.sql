CREATE TABLE "directory_synonyms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"terms" text[] NOT NULL,
	"lexemes" "tsvector",
	"created_by_id" uuid,
	"updated_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_synonyms_two_terms" CHECK (cardinality("directory_synonyms"."terms") BETWEEN 2 AND 30)
);
--> statement-breakpoint
CREATE TABLE "directory_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_synonyms" ADD CONSTRAINT "directory_synonyms_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_synonyms" ADD CONSTRAINT "directory_synonyms_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The vocabulary is compared byte-wise: a prefix is a range scan of the primary key (see kp_directory_tsquery).
ALTER TABLE "directory_words" ALTER COLUMN "word" TYPE text COLLATE "C";
--> statement-breakpoint
-- Edit distance for typos ("zwnager" → "zwanger"); trusted, like pg_trgm and unaccent, so the owner may create it.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
--> statement-breakpoint
-- The names of a service's or card's languages (ISO codes in the data), Dutch and English as the locale files
-- write them plus common other names, so "arabisch", "Arabic" or "Pools" find them. A test checks this list
-- against the locale files and the vocabulary in src/domain/directory.ts.
CREATE OR REPLACE FUNCTION kp_language_names(codes text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(v.names, ' ' ORDER BY v.code), '')
    FROM (VALUES
      ('nl', 'Nederlands Dutch'),
      ('en', 'Engels English'),
      ('de', 'Duits German Deutsch'),
      ('fr', 'Frans French'),
      ('es', 'Spaans Spanish'),
      ('pt', 'Portugees Portuguese'),
      ('pl', 'Pools Polish'),
      ('ro', 'Roemeens Romanian'),
      ('bg', 'Bulgaars Bulgarian'),
      ('uk', 'Oekraïens Ukrainian'),
      ('ru', 'Russisch Russian'),
      ('tr', 'Turks Turkish'),
      ('ar', 'Arabisch Arabic'),
      ('ber', 'Tamazight Berbers Berber Amazigh'),
      ('ti', 'Tigrinya Tigrinia Eritrees'),
      ('so', 'Somalisch Somali'),
      ('fa', 'Farsi Perzisch Persian'),
      ('prs', 'Dari'),
      ('li', 'Limburgs Limburgish'),
      ('pap', 'Papiaments Papiamento'),
      ('ngt', 'Nederlandse Gebarentaal Sign Language of the Netherlands NGT')
    ) AS v(code, names)
   WHERE v.code = ANY(codes)
$$;
--> statement-breakpoint
-- The words of a text as the vocabulary keeps them: folded, four characters or more, not only digits.
CREATE OR REPLACE FUNCTION kp_words(input text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT w FROM regexp_split_to_table(kp_fold(coalesce(input, '')), '[^[:alnum:]]+') AS w
   WHERE length(w) BETWEEN 4 AND 40 AND w ~ '[[:alpha:]]'
$$;
--> statement-breakpoint
-- A word or phrase as a prefix tsquery: "huiselijk geweld" → 'huiselijk:* <-> geweld:*'. Only letters and digits
-- survive, so nothing in a synonym ever reaches the query parser as syntax.
CREATE OR REPLACE FUNCTION kp_tsquery_words(input text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(w || ':*', ' <-> ' ORDER BY n)
    FROM regexp_split_to_table(kp_fold(input), '[^[:alnum:]]+') WITH ORDINALITY AS t(w, n)
   WHERE w <> ''
$$;
--> statement-breakpoint
-- Search documents now carry the names of the languages offered (weight D).
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
    setweight(to_tsvector('kp_dutch', coalesce(NEW.description, '') || ' ' || coalesce(NEW.eligibility, '') || ' ' || kp_language_names(NEW.languages)), 'D');
  NEW.search_text := kp_fold(NEW.name || ' ' || coalesce(prog_name, '') || ' ' || coalesce(org_name, ''));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER services_search_refresh ON services;
--> statement-breakpoint
CREATE TRIGGER services_search_refresh
  BEFORE INSERT OR UPDATE OF name, summary, description, eligibility, programme_id, organisation_id, languages, search_vector ON services
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
    setweight(to_tsvector('kp_dutch', array_to_string(NEW.meeting_tables, ' ') || ' ' || kp_language_names(NEW.languages)), 'D');
  NEW.search_text := kp_fold(NEW.name || ' ' || NEW.job_title || ' ' || coalesce(org_name, '') || ' ' || array_to_string(NEW.expertise, ' '));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER people_search_refresh ON people;
--> statement-breakpoint
CREATE TRIGGER people_search_refresh
  BEFORE INSERT OR UPDATE OF name, job_title, expertise, meeting_tables, organisation_id, languages, search_vector ON people
  FOR EACH ROW EXECUTE FUNCTION people_search_refresh();
--> statement-breakpoint
-- The vocabulary follows the services' texts. Statement-level with transition tables, so a bulk load adds its
-- words in one insert; sorted, so two loads adding the same new words take their locks in the same order.
-- Words no longer used stay: a typo then maps to a word that finds nothing, which costs nothing.
CREATE OR REPLACE FUNCTION services_words_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO directory_words (word)
  SELECT DISTINCT w FROM new_rows n, kp_words(concat_ws(' ', n.search_text, n.summary, n.description, n.eligibility)) AS w
   ORDER BY w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION services_words_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO directory_words (word)
  SELECT DISTINCT w
    FROM new_rows n JOIN old_rows o ON o.id = n.id,
         kp_words(concat_ws(' ', n.search_text, n.summary, n.description, n.eligibility)) AS w
   WHERE (n.search_text, n.summary, n.description, n.eligibility) IS DISTINCT FROM (o.search_text, o.summary, o.description, o.eligibility)
   ORDER BY w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER services_words_insert AFTER INSERT ON services REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION services_words_insert();
--> statement-breakpoint
CREATE TRIGGER services_words_update AFTER UPDATE ON services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION services_words_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION directory_synonyms_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.lexemes := to_tsvector('kp_dutch', array_to_string(NEW.terms, ' '));
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER directory_synonyms_refresh BEFORE INSERT OR UPDATE ON directory_synonyms
  FOR EACH ROW EXECUTE FUNCTION directory_synonyms_refresh();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION directory_synonyms_words() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO directory_words (word)
  SELECT DISTINCT w FROM new_rows n, unnest(n.terms) AS t, kp_words(t) AS w ORDER BY w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER directory_synonyms_words_insert AFTER INSERT ON directory_synonyms REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION directory_synonyms_words();
--> statement-breakpoint
CREATE TRIGGER directory_synonyms_words_update AFTER UPDATE ON directory_synonyms REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION directory_synonyms_words();
--> statement-breakpoint
-- A changed synonym changes search results: cached results of the old generation are never served again.
CREATE TRIGGER directory_synonyms_generation AFTER INSERT OR UPDATE OR DELETE ON directory_synonyms
  FOR EACH STATEMENT EXECUTE FUNCTION directory_generation_bump();
--> statement-breakpoint
-- The query of a search: every word becomes a group of alternatives, all groups must match.
--   1. the word itself as a prefix ('zwanger:*');
--   2. a word of four letters or more that starts no word of the directory is a typo: the nearest words of the
--      vocabulary (edit distance 1 for words up to five letters, else 2; only those at the smallest distance, at
--      most five), whole or as the prefix of a longer word ("schuldn" → "schulden", "schuldh…"), starting with
--      its first or second letter (a swap of the first two letters is a typo too);
--   3. the words of every synonym group that one of these alternatives matches (as a prefix from four letters on).
-- Expansion is one step: a synonym's synonyms are not added. Returns a to_tsquery string, NULL without words.
CREATE OR REPLACE FUNCTION kp_directory_tsquery(terms text[]) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  term text;
  k integer;
  alts text[];
  part text;
  parts text[] := '{}';
BEGIN
  FOREACH term IN ARRAY coalesce(terms, '{}'::text[]) LOOP
    term := kp_fold(term);
    CONTINUE WHEN term IS NULL OR kp_tsquery_words(term) IS NULL;
    alts := ARRAY[term];
    IF length(term) >= 4 AND NOT EXISTS (
      SELECT 1 FROM directory_words w WHERE w.word >= term AND w.word < term || chr(1114111)
    ) THEN
      k := CASE WHEN length(term) <= 5 THEN 1 ELSE 2 END;
      alts := alts || ARRAY(
        SELECT b.fix FROM (
          SELECT c.fix, c.d, min(c.d) OVER () AS best
            FROM (
              SELECT f.fix, min(f.d) AS d FROM (
                SELECT CASE WHEN length(w.word) > length(term) + k THEN left(w.word, length(term)) ELSE w.word END AS fix,
                       least(levenshtein_less_equal(term, w.word, k), levenshtein_less_equal(term, left(w.word, length(term)), k)) AS d
                  FROM directory_words w
                 WHERE ((w.word >= left(term, 1) AND w.word < left(term, 1) || chr(1114111))
                     OR (w.word >= substr(term, 2, 1) AND w.word < substr(term, 2, 1) || chr(1114111)))
                   AND length(w.word) >= length(term) - k
              ) f WHERE f.d <= k GROUP BY f.fix
            ) c
        ) b WHERE b.d = b.best ORDER BY b.fix LIMIT 5);
    END IF;
    alts := alts || ARRAY(
      SELECT DISTINCT x FROM directory_synonyms g CROSS JOIN LATERAL unnest(g.terms) AS x
       WHERE EXISTS (
         SELECT 1 FROM unnest(alts) AS a
          WHERE g.lexemes @@ CASE WHEN length(a) >= 4 THEN to_tsquery('kp_dutch', kp_tsquery_words(a)) ELSE plainto_tsquery('kp_dutch', a) END));
    SELECT '(' || string_agg(DISTINCT q, ' | ') || ')' INTO part
      FROM (SELECT kp_tsquery_words(a) AS q FROM unnest(alts) AS a) s WHERE q IS NOT NULL;
    parts := parts || part;
  END LOOP;
  RETURN CASE WHEN cardinality(parts) = 0 THEN NULL ELSE array_to_string(parts, ' & ') END;
END;
$$;
--> statement-breakpoint
-- A Dutch starting list for the field (pregnancy and birth, young families, youth health, debt and income,
-- housing, mental health, domestic safety, language); functional admins extend it in the app.
INSERT INTO directory_synonyms (terms) VALUES
  (ARRAY['zwanger', 'zwangerschap', 'zwangere', 'verloskunde', 'verloskundige', 'geboortezorg', 'prenataal']),
  (ARRAY['kraamzorg', 'kraam', 'kraamverzorgende', 'kraamtijd', 'kraambed']),
  (ARRAY['bevalling', 'bevallen', 'geboorte', 'baring']),
  (ARRAY['kinderwens', 'anticonceptie', 'gezinsplanning']),
  (ARRAY['miskraam', 'doodgeboorte', 'perinatale sterfte', 'stilgeboren']),
  (ARRAY['postpartumdepressie', 'postnatale depressie', 'depressie na de bevalling', 'kraambedpsychose']),
  (ARRAY['opvoeding', 'opvoeden', 'opvoedondersteuning', 'opvoedingsondersteuning', 'opvoedadvies', 'opvoedspreekuur', 'ouderschap']),
  (ARRAY['borstvoeding', 'lactatiekunde', 'lactatiekundige', 'zogen']),
  (ARRAY['baby', 'zuigeling', 'pasgeborene']),
  (ARRAY['peuter', 'peuteropvang', 'voorschool', 'voorschoolse educatie', 'vve']),
  (ARRAY['kinderopvang', 'kinderdagverblijf', 'gastouder', 'dagopvang']),
  (ARRAY['tienermoeder', 'tienerouder', 'jonge moeder', 'jonge ouders']),
  (ARRAY['gezinscoach', 'gezinsondersteuning', 'gezinsbegeleiding', 'gezinsbegeleider']),
  (ARRAY['huisbezoek', 'thuisbezoek', 'aan huis']),
  (ARRAY['huilbaby', 'excessief huilen', 'huilen']),
  (ARRAY['echtscheiding', 'scheiding', 'vechtscheiding']),
  (ARRAY['consultatiebureau', 'jgz', 'jeugdgezondheidszorg', 'jeugdarts', 'jeugdverpleegkundige']),
  (ARRAY['vaccinatie', 'inenting', 'rijksvaccinatieprogramma']),
  (ARRAY['ontwikkelingsachterstand', 'ontwikkelingsstimulering', 'ontwikkeling']),
  (ARRAY['schuldhulpverlening', 'schuldhulp', 'schulden', 'schuld', 'financiën', 'geldzorgen', 'geldzaken', 'geldproblemen', 'budgetbeheer', 'budgetcoach', 'betalingsachterstand']),
  (ARRAY['armoede', 'minima', 'inkomen', 'inkomensondersteuning', 'uitkering', 'bijstand', 'toeslagen']),
  (ARRAY['voedselbank', 'voedselpakket', 'voedselhulp']),
  (ARRAY['huisvesting', 'wonen', 'woning', 'woonruimte', 'dakloos', 'dakloosheid', 'thuisloos', 'maatschappelijke opvang']),
  (ARRAY['huurachterstand', 'huisuitzetting', 'ontruiming']),
  (ARRAY['ggz', 'geestelijke gezondheidszorg', 'psychische klachten', 'psycholoog', 'psychiater', 'poh-ggz']),
  (ARRAY['depressie', 'depressief', 'somberheid', 'somber', 'neerslachtig']),
  (ARRAY['angst', 'angstklachten', 'paniek', 'stress', 'spanning']),
  (ARRAY['verslaving', 'verslavingszorg', 'middelengebruik', 'alcohol', 'drugs']),
  (ARRAY['licht verstandelijke beperking', 'lvb', 'verstandelijke beperking']),
  (ARRAY['eenzaamheid', 'eenzaam', 'sociaal isolement']),
  (ARRAY['huiselijk geweld', 'kindermishandeling', 'mishandeling', 'geweld', 'veilig thuis', 'onveilige thuissituatie']),
  (ARRAY['meldcode', 'zorgmelding', 'veilig thuis']),
  (ARRAY['vrouwenopvang', 'crisisopvang', 'blijf van mijn lijf']),
  (ARRAY['tolk', 'tolken', 'tolkdienst', 'tolkenservice', 'tolkentelefoon', 'vertaler', 'vertaling', 'vertaaldienst']),
  (ARRAY['taalles', 'taalcafé', 'taalmaatje', 'inburgering', 'nt2', 'laaggeletterdheid', 'nederlands leren']),
  (ARRAY['anderstalig', 'anderstaligen', 'meertalig', 'nieuwkomer', 'statushouder', 'vluchteling', 'asielzoeker']);
--> statement-breakpoint
INSERT INTO directory_words (word)
SELECT DISTINCT w FROM services s, kp_words(concat_ws(' ', s.search_text, s.summary, s.description, s.eligibility)) AS w
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO directory_words (word)
SELECT DISTINCT w FROM kp_words(kp_language_names(ARRAY['nl', 'en', 'de', 'fr', 'es', 'pt', 'pl', 'ro', 'bg', 'uk', 'ru', 'tr', 'ar', 'ber', 'ti', 'so', 'fa', 'prs', 'li', 'pap', 'ngt'])) AS w
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Existing documents take up the language names.
UPDATE services SET search_vector = NULL;
--> statement-breakpoint
UPDATE people SET search_vector = NULL;
