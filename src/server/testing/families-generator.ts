import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { deriveKey } from '../crypto.js';
import type { Db } from '../db/client.js';

export interface FamiliesSize {
  households: number;
  persons: number;
  registrations: number;
  /** Share of registrations that are active (the rest are archived). */
  activeShare: number;
  /** Professionals (users) the registrations are spread over. */
  professionals: number;
}

/** The synthetic BSN of person number i: 8 digits from the index plus the elfproef digit; null when no digit fits. */
const bsnOf = (i: string) =>
  sql.raw(`(
  SELECT CASE WHEN s % 11 = 10 THEN NULL ELSE h || (s % 11)::text END FROM (
    SELECT h, (9*substr(h,1,1)::int + 8*substr(h,2,1)::int + 7*substr(h,3,1)::int + 6*substr(h,4,1)::int
             + 5*substr(h,5,1)::int + 4*substr(h,6,1)::int + 3*substr(h,7,1)::int + 2*substr(h,8,1)::int) AS s
    FROM (SELECT lpad((20000000 + ${i} * 37)::text, 8, '0') AS h) x) y)`);

/**
 * National-scale families, generated inside PostgreSQL (generate_series, pgcrypto's HMAC with the deployment's
 * BSN key, so the app finds them by BSN): households spread over all municipalities, persons with roles and
 * dates that pass the rules, and registrations of which `activeShare` are active. The registration indexes are
 * dropped during the load and rebuilt after it, as a bulk load should. Returns the time taken per step.
 */
export async function generateFamilies(pool: Db, secretKey: Buffer, size: FamiliesSize) {
  // One connection throughout: the session settings below must hold for every statement.
  const client = await pool.$client.connect();
  try {
    return await load(drizzle(client), secretKey, size);
  } finally {
    client.release();
  }
}

async function load(db: NodePgDatabase, secretKey: Buffer, size: FamiliesSize) {
  const steps: Record<string, number> = {};
  const step = async (name: string, q: ReturnType<typeof sql>) => {
    const t = Date.now();
    await db.execute(q);
    steps[name] = (Date.now() - t) / 1000;
  };
  const hmacKey = `\\x${deriveKey(secretKey, 'bsn-hmac').toString('hex')}`;
  await db.execute(sql`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
  // Deterministic ids shaped as RFC 9562 version-4 UUIDs (the API validates them strictly).
  await db.execute(
    sql`CREATE OR REPLACE FUNCTION bench_uuid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT overlay(overlay(md5(t) placing '4' from 13) placing '8' from 17)::uuid $$`,
  );
  await db.execute(sql`SET maintenance_work_mem = '512MB'`);
  // A bulk load consistent by construction: skip the per-row foreign-key triggers (40 million checks otherwise).
  await db.execute(sql`SET session_replication_role = replica`);
  const idx = await db.execute<{ indexdef: string; indexname: string }>(
    sql`SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('involvement_registrations', 'persons', 'households') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const r of idx.rows) await db.execute(sql.raw(`DROP INDEX ${r.indexname}`));

  const municipalityCount = Number((await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM municipalities`)).rows[0]!.n);
  await step(
    'professionals',
    sql`
    WITH orgs AS (
      INSERT INTO organisations (region_id, name, type)
      SELECT (SELECT id FROM regions ORDER BY created_at LIMIT 1), 'Synthetische organisatie ' || g, (ARRAY['jgz','verloskunde','wijkteam','kraamzorg','ggz']::organisation_type[])[1 + g % 5]
      FROM generate_series(1, 200) g RETURNING id)
    INSERT INTO users (email, display_name, role, organisation_id, password_hash)
    SELECT 'prof' || g || '@synthetisch.invalid', 'Professional ' || g, 'professional',
      (SELECT id FROM orgs ORDER BY id OFFSET (g % 200) LIMIT 1), 'x'
    FROM generate_series(1, ${size.professionals}) g`,
  );
  await step(
    'households',
    sql`
    INSERT INTO households (id, municipality_id)
    SELECT bench_uuid('h' || g), m.id
    FROM generate_series(0, ${size.households - 1}) g
    JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM municipalities) m ON m.n = g % ${municipalityCount}`,
  );
  const names = sql.raw(
    `ARRAY['de Jong','Jansen','de Vries','van den Berg','van Dijk','Bakker','Janssen','Visser','Smit','Meijer','de Boer','Mulder','de Groot','Bos','Vos','Peters','Hendriks','van Leeuwen','Dekker','Brouwer','El Amrani','Yilmaz','Kaya','Nguyen','Öztürk']`,
  );
  await step(
    'persons',
    sql`
    INSERT INTO persons (id, household_id, household_role, given_name, family_name, family_name_key, date_of_birth, due_date, bsn_hash, municipality_id)
    SELECT bench_uuid('p' || g), bench_uuid('h' || (g % ${size.households})),
      (ARRAY['mother','partner','child','child','carer']::household_role[])[1 + (g / ${size.households}) % 5],
      'Persoon', n, lower(replace(translate(n, 'Ö', 'O'), ' ', '')),
      CASE WHEN (g / ${size.households}) % 5 IN (2, 3) THEN (date '2008-01-01' + (g % 6000)) ELSE (date '1975-01-01' + (g % 11000)) END,
      NULL,
      CASE WHEN b IS NULL THEN NULL ELSE encode(hmac(convert_to(b, 'UTF8'), ${hmacKey}::bytea, 'sha256'), 'hex') END,
      h.municipality_id
    FROM generate_series(0, ${size.persons - 1}) g
    CROSS JOIN LATERAL (SELECT (${names})[1 + g % 25] AS n, ${bsnOf('g')} AS b) x
    JOIN households h ON h.id = bench_uuid('h' || (g % ${size.households}))`,
  );
  const active = Math.round(size.registrations * size.activeShare);
  await step(
    'registrations',
    sql`
    INSERT INTO involvement_registrations (person_id, household_id, organisation_id, user_id, start_date, end_date, ended_at, end_reason, delete_after)
    SELECT bench_uuid('p' || ((g::bigint * 7919) % ${size.persons})), bench_uuid('h' || (((g::bigint * 7919) % ${size.persons}) % ${size.households})),
      u.organisation_id, u.id,
      date '2025-06-01' - (g % 700), date '2027-06-01' - (g % 700),
      CASE WHEN g < ${active} THEN NULL ELSE timestamptz '2025-01-01' + (g % 600) * interval '1 day' END,
      CASE WHEN g < ${active} THEN NULL ELSE 'end_date'::registration_end_reason END,
      CASE WHEN g < ${active} THEN NULL ELSE date '2030-01-01' + (g % 600) END
    -- A join, not array subscripts: subscripting a large array detoasts it for every row.
    FROM generate_series(0, ${size.registrations - 1}) g
    JOIN (SELECT id, organisation_id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE email LIKE '%@synthetisch.invalid') u
      ON u.n = (g / 7) % ${size.professionals}`,
  );
  // Two active registrations of one professional on one person would break the partial unique index: keep one.
  await step(
    'deduplicate',
    sql`DELETE FROM involvement_registrations a USING involvement_registrations b
        WHERE a.ended_at IS NULL AND b.ended_at IS NULL AND a.person_id = b.person_id AND a.user_id = b.user_id AND a.id > b.id`,
  );
  await db.execute(sql`SET session_replication_role = origin`);
  const t = Date.now();
  for (const r of idx.rows) await db.execute(sql.raw(r.indexdef));
  steps.indexes = (Date.now() - t) / 1000;
  const v = Date.now();
  await db.execute(sql`VACUUM ANALYZE households, persons, involvement_registrations`);
  steps.analyze = (Date.now() - v) / 1000;
  return steps;
}

/** A sample of persons with a BSN, for request bodies: their BSN is recomputed from the index, as generated. */
export async function sampleBsnPersons(db: Db, n: number, persons: number) {
  const res = await db.execute<{ bsn: string; dob: string; family_name: string; municipality_id: string }>(sql`
    SELECT ${bsnOf('g')} AS bsn, p.date_of_birth::text AS dob, p.family_name, p.municipality_id
    FROM (SELECT (random() * ${persons - 1})::int AS g FROM generate_series(1, ${n * 2})) s
    JOIN persons p ON p.id = bench_uuid('p' || s.g)
    WHERE p.household_role <> 'child' OR p.date_of_birth > current_date - interval '22 years'`);
  return res.rows.filter((r) => r.bsn).slice(0, n);
}
