import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { municipalities, regions } from '../../db/schema.js';

export type MunicipalityRow = typeof municipalities.$inferSelect;
export type MunicipalityInput = Pick<MunicipalityRow, 'regionId' | 'name' | 'cbsCode'>;

export async function listRegions(db: DbOrTx, regionIds: string[]) {
  if (regionIds.length === 0) return [];
  return db.select().from(regions).where(inArray(regions.id, regionIds)).orderBy(asc(regions.name));
}

export async function listMunicipalities(db: DbOrTx, regionIds: string[]) {
  if (regionIds.length === 0) return [];
  return db.select().from(municipalities).where(inArray(municipalities.regionId, regionIds)).orderBy(asc(municipalities.name));
}

export async function findMunicipalities(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(municipalities).where(inArray(municipalities.id, ids));
}

export async function findMunicipality(db: DbOrTx, id: string) {
  const [row] = await db.select().from(municipalities).where(eq(municipalities.id, id));
  return row ?? null;
}

export async function insertMunicipality(db: DbOrTx, input: MunicipalityInput) {
  const [row] = await db.insert(municipalities).values(input).returning();
  return row!;
}

export async function updateMunicipality(db: DbOrTx, id: string, version: number, patch: Partial<MunicipalityInput>) {
  const [row] = await db
    .update(municipalities)
    .set({ ...patch, version: sql`${municipalities.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(municipalities.id, id), eq(municipalities.version, version)))
    .returning();
  return row ?? null;
}
