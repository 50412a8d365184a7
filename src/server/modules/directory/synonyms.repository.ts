import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { directorySynonyms } from '../../db/schema.js';

export const synonymFields = {
  id: directorySynonyms.id,
  terms: directorySynonyms.terms,
  version: directorySynonyms.version,
  updatedAt: directorySynonyms.updatedAt,
};
export type SynonymRow = { id: string; terms: string[]; version: number; updatedAt: Date };

/** All groups, alphabetical by their first term; a filter matches any term (accent- and case-folded). */
export async function listSynonyms(db: DbOrTx, q?: string): Promise<SynonymRow[]> {
  const filter = q?.trim()
    ? sql`EXISTS (SELECT 1 FROM unnest(${directorySynonyms.terms}) t WHERE kp_fold(t) LIKE '%' || kp_fold(${q.trim()}) || '%')`
    : undefined;
  return db
    .select(synonymFields)
    .from(directorySynonyms)
    .where(filter)
    .orderBy(asc(sql`${directorySynonyms.terms}[1]`), asc(directorySynonyms.id));
}

export async function findSynonym(db: DbOrTx, id: string): Promise<SynonymRow | null> {
  const [row] = await db.select(synonymFields).from(directorySynonyms).where(eq(directorySynonyms.id, id));
  return row ?? null;
}

export async function insertSynonym(db: DbOrTx, terms: string[], userId: string): Promise<SynonymRow> {
  const [row] = await db.insert(directorySynonyms).values({ terms, createdById: userId, updatedById: userId }).returning(synonymFields);
  return row!;
}

/** Null when the version does not match (someone else changed it) or the group is gone. */
export async function updateSynonym(db: DbOrTx, id: string, version: number, terms: string[], userId: string): Promise<SynonymRow | null> {
  const [row] = await db
    .update(directorySynonyms)
    .set({ terms, updatedById: userId, version: sql`${directorySynonyms.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(directorySynonyms.id, id), eq(directorySynonyms.version, version)))
    .returning(synonymFields);
  return row ?? null;
}

export async function deleteSynonym(db: DbOrTx, id: string, version: number): Promise<boolean> {
  const rows = await db
    .delete(directorySynonyms)
    .where(and(eq(directorySynonyms.id, id), eq(directorySynonyms.version, version)))
    .returning({ id: directorySynonyms.id });
  return rows.length > 0;
}
