import { and, asc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { organisations } from '../../db/schema.js';

export type OrganisationRow = typeof organisations.$inferSelect;
export type OrganisationInput = Pick<OrganisationRow, 'regionId' | 'name' | 'type' | 'phone' | 'email' | 'website'>;

export async function listOrganisations(db: DbOrTx, regionIds: string[], f: { q?: string; includeInactive?: boolean }) {
  if (regionIds.length === 0) return [];
  return db
    .select()
    .from(organisations)
    .where(
      and(
        inArray(organisations.regionId, regionIds),
        f.includeInactive ? undefined : eq(organisations.active, true),
        f.q ? ilike(organisations.name, `%${f.q.replace(/[%_\\]/g, '\\$&')}%`) : undefined,
      ),
    )
    .orderBy(asc(organisations.name));
}

export async function findOrganisation(db: DbOrTx, id: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

export async function insertOrganisation(db: DbOrTx, input: OrganisationInput) {
  const [row] = await db.insert(organisations).values(input).returning();
  return row!;
}

/** Updates only when `version` still matches; returns null on a concurrent change. */
export async function updateOrganisation(db: DbOrTx, id: string, version: number, patch: Partial<OrganisationInput> & { active?: boolean }) {
  const [row] = await db
    .update(organisations)
    .set({ ...patch, version: sql`${organisations.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(organisations.id, id), eq(organisations.version, version)))
    .returning();
  return row ?? null;
}
