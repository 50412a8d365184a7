import { and, asc, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Role } from '../../../domain/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { accessLog, municipalities, organisations, userMunicipalities, users } from '../../db/schema.js';

const columns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  regionId: organisations.regionId,
  totpEnabled: sql<boolean>`${users.totpEnabledAt} IS NOT NULL`,
  isDemo: users.isDemo,
  directoryEditor: users.directoryEditor,
  intakeRight: users.intakeRight,
  deactivatedAt: users.deactivatedAt,
  lastLoginAt: users.lastLoginAt,
  version: users.version,
  municipalities: sql<{ id: string; name: string }[]>`COALESCE((SELECT json_agg(json_build_object('id', m.id, 'name', m.name) ORDER BY m.name)
      FROM ${userMunicipalities} um JOIN ${municipalities} m ON m.id = um.municipality_id WHERE um.user_id = ${users.id}), '[]'::json)`,
};
export type UserView = {
  id: string;
  email: string;
  displayName: string;
  role: Role | null;
  organisationId: string | null;
  organisationName: string;
  regionId: string;
  totpEnabled: boolean;
  isDemo: boolean;
  directoryEditor: boolean;
  intakeRight: boolean;
  deactivatedAt: Date | null;
  lastLoginAt: Date | null;
  version: number;
  municipalities: { id: string; name: string }[];
};

export interface UserFilter {
  q?: string;
  role?: Role;
  organisationId?: string;
  includeDeactivated?: boolean;
}

/** Staff accounts whose organisation lies in one of the given regions. */
export async function listUsers(db: DbOrTx, regionIds: string[], f: UserFilter): Promise<UserView[]> {
  if (regionIds.length === 0) return [];
  const like = f.q ? `%${f.q.replace(/[%_\\]/g, '\\$&')}%` : undefined;
  return db
    .select(columns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        inArray(organisations.regionId, regionIds),
        f.includeDeactivated ? undefined : isNull(users.deactivatedAt),
        f.role ? eq(users.role, f.role) : undefined,
        f.organisationId ? eq(users.organisationId, f.organisationId) : undefined,
        like ? or(ilike(users.displayName, like), ilike(users.email, like)) : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(500) as Promise<UserView[]>;
}

export async function findUserView(db: DbOrTx, id: string): Promise<UserView | null> {
  const [row] = await db.select(columns).from(users).innerJoin(organisations, eq(organisations.id, users.organisationId)).where(eq(users.id, id));
  return (row as UserView | undefined) ?? null;
}

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  passwordHash: string;
  isDemo?: boolean;
  directoryEditor?: boolean;
  intakeRight?: boolean;
}

export async function insertUser(db: DbOrTx, u: NewUser): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({ ...u, kind: 'staff' })
    .returning({ id: users.id });
  return row!.id;
}

export async function setUserMunicipalities(db: DbOrTx, userId: string, municipalityIds: string[]): Promise<void> {
  await db.delete(userMunicipalities).where(eq(userMunicipalities.userId, userId));
  if (municipalityIds.length) await db.insert(userMunicipalities).values(municipalityIds.map((municipalityId) => ({ userId, municipalityId })));
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<{ email: string; displayName: string; role: Role; organisationId: string; deactivatedAt: Date | null }>,
): Promise<boolean> {
  const res = await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.version, version)));
  return (res.rowCount ?? 0) === 1;
}

export async function clearUserTotp(db: DbOrTx, id: string): Promise<void> {
  await db
    .update(users)
    .set({
      totpSecretEnc: null,
      totpEnabledAt: null,
      totpPendingSecretEnc: null,
      totpLastStep: null,
      version: sql`${users.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, id));
}

/** Whether the user acted (or was acted for) in the access log; such a user may only be deactivated. */
export async function appearsInAccessLog(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(accessLog)
    .where(or(eq(accessLog.userId, id), eq(accessLog.onBehalfOfUserId, id)))
    .limit(1);
  return Boolean(row);
}

export async function deleteUser(db: DbOrTx, id: string): Promise<void> {
  await db.delete(users).where(eq(users.id, id));
}

/**
 * Gives an account its smoelenboek card (migration 0028, `kp_ensure_user_cards`): links the unlinked card with her
 * e-mail address in her organisation, or makes one from the account; a linked card's care-team memberships carry
 * over to the account. Nothing happens for an account that has a card, is deactivated or is not staff.
 */
export async function ensureUserCard(db: DbOrTx, userId: string, jobTitle?: string | null): Promise<{ personId: string; linked: boolean } | null> {
  const rows = await db.execute<{ person_id: string; linked: boolean }>(
    sql`SELECT person_id, linked FROM kp_ensure_user_cards(${userId}::uuid, ${jobTitle ?? null}::text)`,
  );
  const r = rows.rows[0];
  return r ? { personId: r.person_id, linked: r.linked } : null;
}
