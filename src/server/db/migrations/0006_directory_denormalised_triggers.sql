-- services.municipality_ids mirrors service_municipalities, so a search can filter by area with the same
-- GIN machinery as the text match. Statement-level triggers with transition tables keep bulk writes cheap.
CREATE OR REPLACE FUNCTION service_municipalities_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE services s
     SET municipality_ids = COALESCE((SELECT array_agg(sm.municipality_id ORDER BY sm.municipality_id)
                                        FROM service_municipalities sm WHERE sm.service_id = s.id), '{}')
   WHERE s.id IN (SELECT service_id FROM changed);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_municipalities_sync_insert
  AFTER INSERT ON service_municipalities REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION service_municipalities_sync();
--> statement-breakpoint
CREATE TRIGGER service_municipalities_sync_delete
  AFTER DELETE ON service_municipalities REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION service_municipalities_sync();
--> statement-breakpoint
UPDATE services s
   SET municipality_ids = COALESCE((SELECT array_agg(sm.municipality_id ORDER BY sm.municipality_id)
                                      FROM service_municipalities sm WHERE sm.service_id = s.id), '{}');
--> statement-breakpoint
-- Exact totals of visible services (active, of an active organisation), all and public, for the HSDS
-- page envelope. Kept by adding deltas, which commute, so concurrent writers cannot lose an update.
INSERT INTO directory_stats (key, value)
SELECT 'services_visible', count(*) FROM services s JOIN organisations o ON o.id = s.organisation_id WHERE s.active AND o.active
UNION ALL
SELECT 'services_visible_public', count(*) FROM services s JOIN organisations o ON o.id = s.organisation_id WHERE s.active AND o.active AND s.is_public
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION directory_stats_add(all_delta bigint, public_delta bigint) RETURNS void
LANGUAGE sql AS $$
  UPDATE directory_stats SET value = value + CASE key WHEN 'services_visible' THEN all_delta ELSE public_delta END
   WHERE key IN ('services_visible', 'services_visible_public') AND (all_delta <> 0 OR public_delta <> 0);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION services_stats_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM directory_stats_add(
    (SELECT count(*) FROM new_rows n JOIN organisations o ON o.id = n.organisation_id WHERE n.active AND o.active),
    (SELECT count(*) FROM new_rows n JOIN organisations o ON o.id = n.organisation_id WHERE n.active AND o.active AND n.is_public));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION services_stats_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM directory_stats_add(
    -(SELECT count(*) FROM old_rows x JOIN organisations o ON o.id = x.organisation_id WHERE x.active AND o.active),
    -(SELECT count(*) FROM old_rows x JOIN organisations o ON o.id = x.organisation_id WHERE x.active AND o.active AND x.is_public));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION services_stats_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM directory_stats_add(
    (SELECT count(*) FROM new_rows n JOIN organisations o ON o.id = n.organisation_id WHERE n.active AND o.active)
      - (SELECT count(*) FROM old_rows x JOIN organisations o ON o.id = x.organisation_id WHERE x.active AND o.active),
    (SELECT count(*) FROM new_rows n JOIN organisations o ON o.id = n.organisation_id WHERE n.active AND o.active AND n.is_public)
      - (SELECT count(*) FROM old_rows x JOIN organisations o ON o.id = x.organisation_id WHERE x.active AND o.active AND x.is_public));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER services_stats_insert AFTER INSERT ON services REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION services_stats_insert();
--> statement-breakpoint
CREATE TRIGGER services_stats_delete AFTER DELETE ON services REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION services_stats_delete();
--> statement-breakpoint
CREATE TRIGGER services_stats_update AFTER UPDATE ON services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION services_stats_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION organisations_stats_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- An organisation switching active on or off takes its active services in or out of the totals.
  PERFORM directory_stats_add(
    (SELECT count(*) FROM services s JOIN new_rows n ON n.id = s.organisation_id JOIN old_rows x ON x.id = n.id
      WHERE s.active AND n.active AND NOT x.active)
      - (SELECT count(*) FROM services s JOIN new_rows n ON n.id = s.organisation_id JOIN old_rows x ON x.id = n.id
      WHERE s.active AND x.active AND NOT n.active),
    (SELECT count(*) FROM services s JOIN new_rows n ON n.id = s.organisation_id JOIN old_rows x ON x.id = n.id
      WHERE s.active AND s.is_public AND n.active AND NOT x.active)
      - (SELECT count(*) FROM services s JOIN new_rows n ON n.id = s.organisation_id JOIN old_rows x ON x.id = n.id
      WHERE s.active AND s.is_public AND x.active AND NOT n.active));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organisations_stats_update AFTER UPDATE ON organisations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION organisations_stats_update();
