import { and, eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { AccountKind, Role } from '../../../domain/roles.js';
import type { DbOrTx } from '../../db/client.js';
import { loginThrottle, sessions, users } from '../../db/schema.js';

export interface SessionLookup {
  idHash: string;
  csrfToken: string;
  mfaVerified: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  kind: AccountKind;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  organisationName: string;
  organisationRegionId: string;
  language: string;
  isDemo: boolean;
  directoryEditor: boolean;
  intakeRight: boolean;
  totpEnabled: boolean;
  /** The directory generation at the start of this request (see docs/decisions/004), read in the same query. */
  directoryGeneration: number;
  municipalities: { id: string; name: string; regionId: string }[];
}

// One round trip per authenticated request: session, user, organisation and municipalities together.
// A named statement is prepared once per connection.
const LOOKUP = {
  name: 'knooppunt_session_lookup',
  text: `SELECT s.id_hash AS "idHash", s.csrf_token AS "csrfToken", s.mfa_verified AS "mfaVerified",
            s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.expires_at AS "expiresAt",
            u.id AS "userId", u.kind, u.email, u.display_name AS "displayName", u.role,
            u.organisation_id AS "organisationId", o.name AS "organisationName", o.region_id AS "organisationRegionId",
            u.language, u.is_demo AS "isDemo", u.directory_editor AS "directoryEditor", u.intake_right AS "intakeRight", (u.totp_enabled_at IS NOT NULL) AS "totpEnabled",
            COALESCE((SELECT json_agg(json_build_object('id', m.id, 'name', m.name, 'regionId', m.region_id) ORDER BY m.name)
                        FROM user_municipalities um JOIN municipalities m ON m.id = um.municipality_id
                       WHERE um.user_id = u.id), '[]'::json) AS municipalities,
            COALESCE((SELECT value FROM directory_stats WHERE key = 'generation'), 0) AS "directoryGeneration"
       FROM sessions s
       JOIN users u ON u.id = s.user_id AND u.deactivated_at IS NULL
       JOIN organisations o ON o.id = u.organisation_id
      WHERE s.id_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)`,
};

export async function findLiveSession(pool: pg.Pool, idHash: string, idleMinutes: number): Promise<SessionLookup | null> {
  const { rows } = await pool.query<SessionLookup>({ ...LOOKUP, values: [idHash, idleMinutes] });
  return rows[0] ?? null;
}

export async function touchSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.idHash, idHash));
}

export async function insertSession(
  db: DbOrTx,
  s: { idHash: string; userId: string; csrfToken: string; mfaVerified: boolean; absoluteHours: number; ip: string | null; userAgent: string | null },
): Promise<{ expiresAt: Date }> {
  const [row] = await db
    .insert(sessions)
    .values({
      idHash: s.idHash,
      userId: s.userId,
      csrfToken: s.csrfToken,
      mfaVerified: s.mfaVerified,
      expiresAt: sql`now() + make_interval(hours => ${s.absoluteHours})`,
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 512) ?? null,
    })
    .returning({ expiresAt: sessions.expiresAt });
  return row!;
}

export async function deleteSession(db: DbOrTx, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function setSessionMfaVerified(db: DbOrTx, idHash: string, verified: boolean): Promise<void> {
  await db.update(sessions).set({ mfaVerified: verified }).where(eq(sessions.idHash, idHash));
}

/** Ends every session of a user except (optionally) one: after a password change, deactivation or 2FA reset. */
export async function deleteUserSessions(db: DbOrTx, userId: string, exceptIdHash?: string): Promise<void> {
  await db.delete(sessions).where(exceptIdHash ? and(eq(sessions.userId, userId), sql`${sessions.idHash} <> ${exceptIdHash}`) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(db: DbOrTx, idleMinutes: number): Promise<number> {
  const res = await db.delete(sessions).where(sql`${sessions.expiresAt} <= now() OR ${sessions.lastSeenAt} <= now() - make_interval(mins => ${idleMinutes})`);
  return res.rowCount ?? 0;
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function throttleState(db: DbOrTx, keyHash: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.keyHash, keyHash));
  return row ?? null;
}

/** Counts a failure; locks the key once `maxFailures` is reached. Returns the lock end, if locked now. */
export async function recordFailure(db: DbOrTx, keyHash: string, maxFailures: number, lockoutMinutes: number): Promise<Date | null> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ keyHash, failures: 1, lockedUntil: maxFailures <= 1 ? sql`now() + make_interval(mins => ${lockoutMinutes})` : null })
    .onConflictDoUpdate({
      target: loginThrottle.keyHash,
      // After a lockout ran out, counting starts again from one.
      set: {
        failures: sql`CASE WHEN ${loginThrottle.lockedUntil} IS NOT NULL AND ${loginThrottle.lockedUntil} <= now() THEN 1 ELSE ${loginThrottle.failures} + 1 END`,
        lockedUntil: sql`CASE WHEN (CASE WHEN ${loginThrottle.lockedUntil} IS NOT NULL AND ${loginThrottle.lockedUntil} <= now() THEN 1 ELSE ${loginThrottle.failures} + 1 END) >= ${maxFailures}
                          THEN now() + make_interval(mins => ${lockoutMinutes}) ELSE NULL END`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ lockedUntil: loginThrottle.lockedUntil });
  return row?.lockedUntil ?? null;
}

export async function clearFailures(db: DbOrTx, keyHash: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.keyHash, keyHash));
}
