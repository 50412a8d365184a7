import { type SQL, sql } from 'drizzle-orm';
import type { AccessType, CarePhase, CostType, Language, LifeDomain, TargetGroup } from '../../../domain/directory.js';
import type { OrganisationType } from '../../../domain/organisations.js';
import type { Db, DbOrTx } from '../../db/client.js';

/** Longest search text we look at; anything longer is cut, never refused. */
export const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 8;
/** With fewer exact matches than this (none), the search also tries typo-tolerant (trigram) matching. */
const FUZZY_BELOW = 1;

const arr = (v: readonly string[]) =>
  sql`ARRAY[${sql.join(
    v.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

/**
 * Turns free text into a safe prefix tsquery string: only letters and digits survive, so quotes, `&`, `:`,
 * backslashes or SQL never reach the query parser. "zwanger" becomes `zwanger:*`, which after Dutch stemming
 * also matches "zwangerschap" and "zwangeren".
 */
export function toPrefixQuery(q: string): string | null {
  const terms = queryTerms(q);
  return terms.length ? terms.map((t) => `${t}:*`).join(' & ') : null;
}

/** The words of a search text: letters and digits only, at most eight. */
export function queryTerms(q: string): string[] {
  return q
    .slice(0, MAX_QUERY_CHARS)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, MAX_TERMS);
}

/**
 * The search's tsquery with synonyms and typo corrections (the database function `kp_directory_tsquery`,
 * migration 0027): every word becomes a group of alternatives — the word as a prefix, the nearest vocabulary
 * words when it starts none, and the words of the synonym groups it matches. One short round trip before the
 * search itself, so the search statement is planned with the actual query (see serviceSearchStatement).
 */
export async function expandQuery(db: DbOrTx, q: string | undefined): Promise<{ tsq: string | null; direct: string | null }> {
  const direct = q ? toPrefixQuery(q) : null;
  if (!q || !direct) return { tsq: null, direct: null };
  const rows = await db.execute<{ q: string | null }>(sql`SELECT kp_directory_tsquery(${arr(queryTerms(q))}) AS q`);
  const tsq = rows.rows[0]?.q ?? direct;
  // `direct` is only worth a second rank term when expansion added something.
  return { tsq, direct: tsq === direct ? null : direct };
}

/** The query text for trigram matching: letters, digits and single spaces only. */
export function toFuzzyText(q: string): string | null {
  const t = q
    .slice(0, MAX_QUERY_CHARS)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return t.length >= 3 ? t : null;
}

export interface ServiceFilters {
  q?: string;
  municipalityIds?: string[];
  targetGroups?: TargetGroup[];
  phases?: CarePhase[];
  lifeDomains?: LifeDomain[];
  organisationTypes?: OrganisationType[];
  languages?: Language[];
  costTypes?: CostType[];
  accessType?: AccessType;
  acceptsNewClients?: boolean;
  programmeId?: string;
  organisationId?: string;
  /** Only services an organisation marked public (the public page and the anonymous HSDS API). */
  publicOnly?: boolean;
}

export interface ServiceHit {
  id: string;
  name: string;
  summary: string;
  organisationId: string;
  organisationName: string;
  organisationType: OrganisationType;
  programmeName: string | null;
  waitingWeeks: number | null;
  waitingStatedOn: string | null;
  accessType: AccessType;
  howToRefer: string | null;
  phone: string | null;
  email: string | null;
  acceptsNewClients: boolean;
  lastConfirmedAt: Date;
  stale: boolean;
  total: number;
}

/**
 * Builds the service search as one parameterised statement. It is deliberately not a named (prepared)
 * statement: a generic plan cannot see how selective a municipality or a search term is and picks the wrong
 * index; planning with the actual values costs well under a millisecond.
 */
function serviceSearchStatement(
  f: ServiceFilters,
  tsq: string | null,
  direct: string | null,
  fuzzy: string | null,
  folded: string,
  staleBefore: Date,
  page: { limit: number; offset: number },
) {
  const values: unknown[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = ['s.active', 'o.active'];
  const tsqP = tsq ? p(tsq) : null;
  const fuzzyP = fuzzy ? p(fuzzy) : null;
  if (tsqP || fuzzyP) {
    const text = [tsqP && `s.search_vector @@ to_tsquery('kp_dutch', ${tsqP})`, fuzzyP && `kp_fold(${fuzzyP}) <% s.search_text`].filter(Boolean);
    where.push(`(${text.join(' OR ')})`);
  }
  const filter = (cond: (param: string) => string, value: unknown) => where.push(cond(p(value)));
  if (f.municipalityIds?.length) filter((x) => `s.municipality_ids && ${x}::uuid[]`, f.municipalityIds);
  if (f.targetGroups?.length) filter((x) => `s.target_groups && ${x}::text[]`, f.targetGroups);
  if (f.phases?.length) filter((x) => `s.phases && ${x}::text[]`, f.phases);
  if (f.lifeDomains?.length) filter((x) => `s.life_domains && ${x}::text[]`, f.lifeDomains);
  if (f.languages?.length) filter((x) => `s.languages && ${x}::text[]`, f.languages);
  if (f.organisationTypes?.length) filter((x) => `o.type::text = ANY(${x}::text[])`, f.organisationTypes);
  if (f.costTypes?.length) filter((x) => `s.cost_type::text = ANY(${x}::text[])`, f.costTypes);
  if (f.accessType) filter((x) => `s.access_type::text = ${x}`, f.accessType);
  if (f.acceptsNewClients) where.push('s.accepts_new_clients');
  if (f.programmeId) filter((x) => `s.programme_id = ${x}::uuid`, f.programmeId);
  if (f.organisationId) filter((x) => `s.organisation_id = ${x}::uuid`, f.organisationId);
  if (f.publicOnly) where.push('s.is_public');
  const foldedP = tsqP || fuzzyP ? p(folded) : null;
  const rank = foldedP
    ? `(CASE WHEN kp_fold(s.name) = kp_fold(${foldedP}) THEN 100 WHEN kp_fold(s.name) LIKE kp_fold(${foldedP}) || '%' THEN 10 ELSE 0 END)` +
      // The words as typed weigh most; a synonym or corrected word still ranks a match above none.
      (tsqP ? ` + ts_rank(s.search_vector, to_tsquery('kp_dutch', ${tsqP})) * ${direct ? 4 : 10}` : '') +
      (tsqP && direct ? ` + ts_rank(s.search_vector, to_tsquery('kp_dutch', ${p(direct)})) * 10` : '') +
      (fuzzyP ? ` + word_similarity(kp_fold(${fuzzyP}), s.search_text)` : '') +
      ' DESC, '
    : '';
  const text = `
    SELECT s.id, s.name, s.summary, s.organisation_id AS "organisationId", o.name AS "organisationName", o.type AS "organisationType",
           pr.name AS "programmeName", s.waiting_weeks AS "waitingWeeks", s.waiting_stated_on::text AS "waitingStatedOn",
           s.access_type AS "accessType", s.how_to_refer AS "howToRefer",
           coalesce(s.phone, o.phone) AS phone, coalesce(s.email, o.email) AS email,
           s.accepts_new_clients AS "acceptsNewClients", s.last_confirmed_at AS "lastConfirmedAt",
           (s.last_confirmed_at < ${p(staleBefore.toISOString())}::timestamptz) AS stale,
           count(*) OVER () AS total
      FROM services s
      JOIN organisations o ON o.id = s.organisation_id
      LEFT JOIN programmes pr ON pr.id = s.programme_id
     WHERE ${where.join(' AND ')}
     ORDER BY ${rank}s.name ASC, s.id ASC
     LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
  return { text, values };
}

/**
 * Ranked search over services. Rank: an exact (accent- and case-folded) name match first, then a name that
 * starts with the query, then full-text rank (name weighs most, description least) plus trigram similarity.
 */
export async function searchServices(db: Db, f: ServiceFilters, page: { limit: number; offset: number }, staleBefore: Date): Promise<ServiceHit[]> {
  const { tsq, direct } = await expandQuery(db, f.q);
  const fuzzy = f.q ? toFuzzyText(f.q) : null;
  const folded = f.q ? f.q.slice(0, MAX_QUERY_CHARS).trim() : '';
  const run = async (withFuzzy: boolean) => {
    const { rows } = await db.$client.query<Omit<ServiceHit, 'total'> & { total: string }>(
      serviceSearchStatement(f, tsq, direct, withFuzzy ? fuzzy : null, folded, staleBefore, page),
    );
    return rows.map((r) => ({ ...r, total: Number(r.total) }));
  };
  // Exact (stemmed, prefix) matches first. Typo tolerance only when the words match nothing at all in the
  // directory — a real typo — because a trigram match on a common word touches thousands of rows, and when
  // the filters alone explain an empty result a fuzzy retry finds nothing better.
  if (!tsq || !fuzzy) return run(true);
  const exact = await run(false);
  if ((exact[0]?.total ?? 0) >= FUZZY_BELOW) return exact;
  const { rows } = await db.$client.query<{ known: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM services WHERE active AND search_vector @@ to_tsquery('kp_dutch', $1)) AS known",
    [tsq],
  );
  return rows[0]?.known ? exact : run(true);
}

export interface PeopleFilters {
  q?: string;
  municipalityIds?: string[];
  organisationTypes?: OrganisationType[];
  organisationId?: string;
  expertise?: string[];
  languages?: Language[];
}

function peopleWhere(f: PeopleFilters, tsq: string | null, fuzzy: string | null): SQL {
  const parts: SQL[] = [sql`pe.active AND o.active`];
  if (tsq || fuzzy) {
    const text: SQL[] = [];
    if (tsq) text.push(sql`pe.search_vector @@ to_tsquery('kp_dutch', ${tsq})`);
    if (fuzzy) text.push(sql`kp_fold(${fuzzy}) <% pe.search_text`);
    parts.push(sql`(${sql.join(text, sql` OR `)})`);
  }
  if (f.municipalityIds?.length)
    parts.push(
      sql`EXISTS (SELECT 1 FROM person_municipalities pm WHERE pm.person_id = pe.id AND pm.municipality_id IN (${sql.join(
        f.municipalityIds.map((m) => sql`${m}::uuid`),
        sql`, `,
      )}))`,
    );
  if (f.organisationTypes?.length) parts.push(sql`o.type::text = ANY(${arr(f.organisationTypes)})`);
  if (f.organisationId) parts.push(sql`pe.organisation_id = ${f.organisationId}::uuid`);
  if (f.expertise?.length) parts.push(sql`pe.expertise && ${arr(f.expertise)}`);
  if (f.languages?.length) parts.push(sql`pe.languages && ${arr(f.languages)}`);
  return sql.join(parts, sql` AND `);
}

export interface PersonHit {
  id: string;
  name: string;
  jobTitle: string;
  organisationId: string;
  organisationName: string;
  phone: string | null;
  email: string | null;
  reachability: string | null;
  expertise: string[];
  hasPhoto: boolean;
  hasAccount: boolean;
  lastConfirmedAt: Date;
  stale: boolean;
  total: number;
}

export async function searchPeople(db: DbOrTx, f: PeopleFilters, page: { limit: number; offset: number }, staleBefore: Date) {
  const { tsq } = await expandQuery(db, f.q);
  const fuzzy = f.q ? toFuzzyText(f.q) : null;
  const folded = f.q ? f.q.slice(0, MAX_QUERY_CHARS).trim() : '';
  const rank =
    tsq || fuzzy
      ? sql`(CASE WHEN kp_fold(pe.name) = kp_fold(${folded}) THEN 100 ELSE 0 END)
          + ${tsq ? sql`ts_rank(pe.search_vector, to_tsquery('kp_dutch', ${tsq}))` : sql`0`} * 10
          + ${fuzzy ? sql`word_similarity(kp_fold(${fuzzy}), pe.search_text)` : sql`0`}`
      : null;
  const rows = await db.execute<Omit<PersonHit, 'total' | 'lastConfirmedAt'> & { total: string; lastConfirmedAt: string | Date }>(sql`
    SELECT pe.id, pe.name, pe.job_title AS "jobTitle", pe.organisation_id AS "organisationId", o.name AS "organisationName",
           pe.phone, pe.email, pe.reachability, pe.expertise, (pe.photo_updated_at IS NOT NULL) AS "hasPhoto",
           EXISTS (SELECT 1 FROM users u WHERE u.id = pe.user_id AND u.deactivated_at IS NULL) AS "hasAccount",
           pe.last_confirmed_at AS "lastConfirmedAt", (pe.last_confirmed_at < ${staleBefore.toISOString()}::timestamptz) AS stale,
           count(*) OVER () AS total
      FROM people pe
      JOIN organisations o ON o.id = pe.organisation_id
     WHERE ${peopleWhere(f, tsq, fuzzy)}
     ORDER BY ${rank ? sql`${rank} DESC,` : sql``} pe.name ASC, pe.id ASC
     LIMIT ${page.limit} OFFSET ${page.offset}`);
  return rows.rows.map((r) => ({ ...r, total: Number(r.total), lastConfirmedAt: new Date(r.lastConfirmedAt) }));
}
