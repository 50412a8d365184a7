CREATE TABLE "monitor_dirty" (
	"municipality_id" uuid NOT NULL,
	"month" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitor_facts" (
	"municipality_id" uuid NOT NULL,
	"month" date NOT NULL,
	"metric" text NOT NULL,
	"k" text DEFAULT '' NOT NULL,
	"k2" text DEFAULT '' NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "monitor_facts_municipality_id_month_metric_k_k2_pk" PRIMARY KEY("municipality_id","month","metric","k","k2")
);
--> statement-breakpoint
DROP INDEX "matches_household_idx";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "children" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "goals_not_yet" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "goals_partly" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "goals_reached" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "team_organisations" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "monitor_dirty_cell_idx" ON "monitor_dirty" USING btree ("municipality_id","month");--> statement-breakpoint
CREATE INDEX "monitor_facts_month_metric_idx" ON "monitor_facts" USING btree ("month","metric","municipality_id","k","k2","n");--> statement-breakpoint
CREATE INDEX "care_team_case_org_idx" ON "care_team_members" USING btree ("case_id","organisation_id");--> statement-breakpoint
CREATE INDEX "cases_monitor_idx" ON "cases" USING btree ("municipality_id","created_at","closed_at","phase","household_id","children","goals_not_yet","goals_partly","goals_reached","director_id","without_director_since");--> statement-breakpoint
CREATE INDEX "double_discussion_warnings_case_idx" ON "double_discussion_warnings" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "matches_household_created_idx" ON "matches" USING btree ("household_id","created_at");--> statement-breakpoint
CREATE INDEX "matches_created_idx" ON "matches" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "referrals_sent_idx" ON "referrals" USING btree ("sent_at");--> statement-breakpoint
CREATE INDEX "signals_municipality_created_idx" ON "signals" USING btree ("municipality_id","created_at");--> statement-breakpoint
-- The monitor's month: the Dutch calendar month of a moment.
CREATE FUNCTION kp_month(timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('month', $1 AT TIME ZONE 'Europe/Amsterdam')::date $$;
--> statement-breakpoint
-- Every table the figures of monitor_facts read, with the cells its rows belong to: statement triggers that append
-- the cells (municipality, month) of the changed rows to monitor_dirty, in the writing transaction.
--   cells: a query over ":rows" (the new rows, the old rows, or both) giving (municipality_id, month);
--   moved: for UPDATE only, a query over new_rows and old_rows giving the cells of other tables' rows whose figures
--          move with this change (a case or household moving to another municipality, an organisation's type).
-- Each table gets its own trigger function with these queries written out (static SQL, so its plans are cached per
-- session); lookups go row by row through the other tables' keys (LATERAL), so a one-row change never scans a
-- large table.
DO $$
DECLARE
  t record;
  ins text;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('signals', 'SELECT r.municipality_id, kp_month(r.created_at) FROM :rows r', NULL),
    ('cases', 'SELECT r.municipality_id, kp_month(r.created_at) FROM :rows r',
      'SELECT x.m, kp_month(f.at) FROM new_rows n JOIN old_rows o ON o.id = n.id
         CROSS JOIN LATERAL (VALUES (n.municipality_id), (o.municipality_id)) x (m)
         CROSS JOIN LATERAL (SELECT sent_at FROM referrals WHERE case_id = n.id UNION ALL SELECT at FROM double_discussion_warnings WHERE case_id = n.id) f (at)
        WHERE n.municipality_id <> o.municipality_id'),
    ('referrals', 'SELECT c.municipality_id, kp_month(r.sent_at) FROM :rows r CROSS JOIN LATERAL (SELECT municipality_id FROM cases WHERE id = r.case_id) c', NULL),
    ('double_discussion_warnings', 'SELECT c.municipality_id, kp_month(r.at) FROM :rows r CROSS JOIN LATERAL (SELECT municipality_id FROM cases WHERE id = r.case_id) c', NULL),
    ('matches', 'SELECT h.municipality_id, kp_month(r.created_at) FROM :rows r CROSS JOIN LATERAL (SELECT municipality_id FROM households WHERE id = r.household_id) h', NULL),
    ('households', '',
      'SELECT x.m, kp_month(mt.created_at) FROM new_rows n JOIN old_rows o ON o.id = n.id
         CROSS JOIN LATERAL (VALUES (n.municipality_id), (o.municipality_id)) x (m)
         CROSS JOIN LATERAL (SELECT created_at FROM matches WHERE household_id = n.id) mt
        WHERE n.municipality_id <> o.municipality_id'),
    ('meeting_experiences', 'SELECT t.municipality_id, kp_month(r.answered_at) FROM :rows r CROSS JOIN LATERAL (SELECT municipality_id FROM meeting_tables WHERE id = r.table_id) t', NULL),
    ('meeting_tables', '',
      'SELECT x.m, kp_month(e.answered_at) FROM new_rows n JOIN old_rows o ON o.id = n.id
         CROSS JOIN LATERAL (VALUES (n.municipality_id), (o.municipality_id)) x (m)
         CROSS JOIN LATERAL (SELECT answered_at FROM meeting_experiences WHERE table_id = n.id) e
        WHERE n.municipality_id <> o.municipality_id'),
    ('organisations', '',
      'SELECT f.m, f.d FROM new_rows n JOIN old_rows o ON o.id = n.id
         CROSS JOIN LATERAL (
           SELECT s.municipality_id, kp_month(s.created_at) FROM signals s WHERE s.organisation_id = n.id
           UNION ALL
           SELECT c.municipality_id, kp_month(r.sent_at) FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.receiving_organisation_id = n.id
         ) f (m, d)
        WHERE n.type <> o.type')
  ) AS x (tbl, cells, moved)
  LOOP
    ins := 'INSERT INTO monitor_dirty (municipality_id, month) SELECT DISTINCT * FROM (%s) c (m, d) WHERE m IS NOT NULL AND d IS NOT NULL;';
    EXECUTE format($f$
      CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        IF TG_OP = 'INSERT' THEN %s
        ELSIF TG_OP = 'DELETE' THEN %s
        ELSE %s
        END IF;
        RETURN NULL;
      END $body$ $f$,
      'kp_monitor_dirty_' || t.tbl,
      CASE WHEN t.cells = '' THEN 'NULL;' ELSE format(ins, replace(t.cells, ':rows', 'new_rows')) END,
      CASE WHEN t.cells = '' THEN 'NULL;' ELSE format(ins, replace(t.cells, ':rows', 'old_rows')) END,
      format(ins, concat_ws(' UNION ALL ',
        nullif(replace(t.cells, ':rows', '(SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows)'), ''), t.moved)));
    IF t.cells <> '' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
        t.tbl || '_monitor_ins', t.tbl, 'kp_monitor_dirty_' || t.tbl);
      EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
        t.tbl || '_monitor_del', t.tbl, 'kp_monitor_dirty_' || t.tbl);
    END IF;
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tbl || '_monitor_upd', t.tbl, 'kp_monitor_dirty_' || t.tbl);
  END LOOP;
END $$;
--> statement-breakpoint
-- What the monitor counts about a case beyond its own columns (children in the household, goals of the latest
-- adopted plan, the organisations in its care team), recounted for the given cases.
CREATE FUNCTION kp_case_monitor_counts(case_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE cases c SET
    children = (SELECT count(*)::int FROM persons p
                WHERE p.household_id = c.household_id AND p.household_role IN ('child', 'unborn') AND p.deceased_on IS NULL),
    (goals_not_yet, goals_partly, goals_reached) = (
      SELECT count(*) FILTER (WHERE coalesce(g->>'attainment', 'not_yet') NOT IN ('partly', 'reached'))::int,
             count(*) FILTER (WHERE g->>'attainment' = 'partly')::int,
             count(*) FILTER (WHERE g->>'attainment' = 'reached')::int
      FROM (SELECT p.content FROM family_plans p WHERE p.case_id = c.id AND p.status = 'adopted' ORDER BY p.number DESC LIMIT 1) p
      CROSS JOIN LATERAL jsonb_array_elements(coalesce(p.content->'goals', '[]'::jsonb)) g),
    team_organisations = ARRAY(SELECT DISTINCT m.organisation_id FROM care_team_members m WHERE m.case_id = c.id ORDER BY 1)
  WHERE c.id = ANY(case_ids)
$$;
--> statement-breakpoint
CREATE FUNCTION kp_case_children_on_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.children := (SELECT count(*)::int FROM persons p
                   WHERE p.household_id = NEW.household_id AND p.household_role IN ('child', 'unborn') AND p.deceased_on IS NULL);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_children BEFORE INSERT OR UPDATE OF household_id ON cases FOR EACH ROW EXECUTE FUNCTION kp_case_children_on_write();
--> statement-breakpoint
-- A person added, removed, or changed in household, role or death: the cases of the households concerned recount.
CREATE FUNCTION kp_case_counts_from_persons() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kp_case_monitor_counts(ARRAY(SELECT c.id FROM new_rows n CROSS JOIN LATERAL (SELECT id FROM cases WHERE household_id = n.household_id) c));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM kp_case_monitor_counts(ARRAY(SELECT c.id FROM old_rows o CROSS JOIN LATERAL (SELECT id FROM cases WHERE household_id = o.household_id) c));
  ELSE
    PERFORM kp_case_monitor_counts(ARRAY(
      SELECT c.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.household_id), (o.household_id)) x (household_id)
      CROSS JOIN LATERAL (SELECT id FROM cases WHERE household_id = x.household_id) c
      WHERE (n.household_id, n.household_role, n.deceased_on) IS DISTINCT FROM (o.household_id, o.household_role, o.deceased_on)));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A family plan or a care-team member written, changed or removed: its case recounts (the goals of its latest
-- adopted plan, its team's organisations).
CREATE FUNCTION kp_case_counts_from_case_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM kp_case_monitor_counts(ARRAY(SELECT case_id FROM old_rows));
  ELSE
    PERFORM kp_case_monitor_counts(ARRAY(SELECT case_id FROM new_rows));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The recount triggers, one per statement and kind of change.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('persons', 'persons', 'kp_case_counts_from_persons'),
                                 ('family_plans', 'family_plans', 'kp_case_counts_from_case_rows'),
                                 ('care_team_members', 'care_team', 'kp_case_counts_from_case_rows')) AS x (tbl, prefix, fn)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.prefix || '_case_counts_ins', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.prefix || '_case_counts_upd', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()', t.prefix || '_case_counts_del', t.tbl, t.fn);
  END LOOP;
END $$;
--> statement-breakpoint
-- Every cell that has events, marked dirty: after this migration, and after a bulk load that bypassed the triggers.
CREATE FUNCTION kp_monitor_mark_all() RETURNS void LANGUAGE sql AS $$
  INSERT INTO monitor_dirty (municipality_id, month)
  SELECT DISTINCT m, d FROM (
    SELECT municipality_id, kp_month(created_at) FROM signals
    UNION SELECT municipality_id, kp_month(created_at) FROM cases
    UNION SELECT c.municipality_id, kp_month(r.sent_at) FROM referrals r JOIN cases c ON c.id = r.case_id
    UNION SELECT c.municipality_id, kp_month(w.at) FROM double_discussion_warnings w JOIN cases c ON c.id = w.case_id
    UNION SELECT h.municipality_id, kp_month(x.created_at) FROM matches x JOIN households h ON h.id = x.household_id
    UNION SELECT t.municipality_id, kp_month(e.answered_at) FROM meeting_experiences e JOIN meeting_tables t ON t.id = e.table_id WHERE e.answered_at IS NOT NULL
  ) x (m, d)
$$;
--> statement-breakpoint
-- Everything the monitor keeps, recounted from the base tables: after this migration, and after a bulk load with
-- the triggers off (the benchmark's generators). The dirty cells are then recomputed by the refresh job.
CREATE FUNCTION kp_monitor_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kp_case_monitor_counts(ARRAY(SELECT id FROM cases));
  PERFORM kp_monitor_mark_all();
END $$;
--> statement-breakpoint
SELECT kp_monitor_rebuild();
