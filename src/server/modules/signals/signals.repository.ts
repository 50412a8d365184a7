import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { persons, signalFactors, signals, userMunicipalities, users } from '../../db/schema.js';

export type SignalRow = typeof signals.$inferSelect;
export type FactorRow = typeof signalFactors.$inferSelect;

export async function listFactors(db: DbOrTx, includeInactive = false) {
  return db
    .select()
    .from(signalFactors)
    .where(includeInactive ? undefined : eq(signalFactors.active, true))
    .orderBy(asc(signalFactors.kind), asc(signalFactors.sortOrder), asc(signalFactors.labelNl));
}

export async function insertFactor(tx: DbOrTx, f: typeof signalFactors.$inferInsert) {
  const [row] = await tx.insert(signalFactors).values(f).returning();
  return row!;
}

export async function updateFactor(tx: DbOrTx, code: string, version: number, patch: Partial<typeof signalFactors.$inferInsert>) {
  const [row] = await tx
    .update(signalFactors)
    .set({ ...patch, version: sql`${signalFactors.version} + 1` })
    .where(and(eq(signalFactors.code, code), eq(signalFactors.version, version)))
    .returning();
  return row ?? null;
}

export async function findFactor(db: DbOrTx, code: string) {
  const [row] = await db.select().from(signalFactors).where(eq(signalFactors.code, code));
  return row ?? null;
}

export async function insertSignal(tx: DbOrTx, s: typeof signals.$inferInsert) {
  const [row] = await tx.insert(signals).values(s).returning();
  return row!;
}

export async function findSignal(db: DbOrTx, id: string) {
  const [row] = await db.select().from(signals).where(eq(signals.id, id));
  return row ?? null;
}

/** With the person it is about (their summary), for lists. */
const withPerson = { signal: signals, person: persons };

export async function signalsBy(db: DbOrTx, signallerId: string) {
  return db
    .select(withPerson)
    .from(signals)
    .innerJoin(persons, eq(persons.id, signals.personId))
    .where(eq(signals.signallerId, signallerId))
    .orderBy(desc(signals.createdAt))
    .limit(200);
}

/** The hub's intake queue: signals routed to the hub in the coordinator's municipalities; open ones first. */
export async function intake(db: DbOrTx, municipalityIds: string[], f: { open: boolean }) {
  if (!municipalityIds.length) return [];
  return db
    .select(withPerson)
    .from(signals)
    .innerJoin(persons, eq(persons.id, signals.personId))
    .where(and(eq(signals.toHub, true), inArray(signals.municipalityId, municipalityIds), f.open ? isNull(signals.decidedAt) : undefined))
    .orderBy(sql`${signals.acknowledgedAt} IS NOT NULL`, desc(signals.safetyConcern), asc(signals.createdAt))
    .limit(500);
}

/** Signals about a person: the actor's own, plus — for a coordinator of the municipality — those routed to the hub. */
export async function signalsAbout(db: DbOrTx, personId: string, userId: string, coordinatorMunicipalityIds: string[]) {
  const hub = coordinatorMunicipalityIds.length ? sql`(${signals.toHub} AND ${inArray(signals.municipalityId, coordinatorMunicipalityIds)})` : sql`false`;
  return db
    .select()
    .from(signals)
    .where(and(eq(signals.personId, personId), sql`(${signals.signallerId} = ${userId} OR ${hub})`))
    .orderBy(desc(signals.createdAt));
}

export async function updateSignal(tx: DbOrTx, id: string, version: number, patch: Partial<typeof signals.$inferInsert>) {
  const [row] = await tx
    .update(signals)
    .set({ ...patch, version: sql`${signals.version} + 1`, updatedAt: new Date() })
    .where(and(eq(signals.id, id), eq(signals.version, version)))
    .returning();
  return row ?? null;
}

/** Active coordinators of a municipality: they receive its signals. */
export async function coordinatorsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: users.id, email: users.email, language: users.language })
    .from(users)
    .innerJoin(userMunicipalities, eq(userMunicipalities.userId, users.id))
    .where(and(eq(userMunicipalities.municipalityId, municipalityId), eq(users.role, 'coordinator'), isNull(users.deactivatedAt)));
}

export async function userNames(db: DbOrTx, ids: string[]) {
  const unique = [...new Set(ids.filter(Boolean))];
  if (!unique.length) return new Map<string, string>();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
