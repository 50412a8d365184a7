import { eq, sql } from 'drizzle-orm';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import { users } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { mustUseSecondFactor } from '../../policy.js';
import { deleteUserSessions, findUserById, setSessionMfaVerified } from '../auth/auth.repository.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import { clearUserTotp } from '../users/users.repository.js';

export function createAccountService(deps: AppDeps) {
  const { db } = deps.database;

  async function checkPassword(actor: Actor, password: string, path: string) {
    const user = await findUserById(db, actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, password))) {
      throw new AppError('validation_failed', [{ path, code: 'wrong_password' }]);
    }
    return user;
  }

  /** Changes the own password; every other session of the user ends. */
  async function changePassword(actor: Actor, sessionHash: string, current: string, next: string, meta: RequestMeta) {
    await checkPassword(actor, current, 'body.currentPassword');
    if (current === next) throw new AppError('validation_failed', [{ path: 'body.newPassword', code: 'password_unchanged' }]);
    const hash = await hashPassword(next);
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ passwordHash: hash, passwordChangedAt: sql`now()`, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
        .where(eq(users.id, actor.userId));
      await deleteUserSessions(tx, actor.userId, sessionHash);
      await writeAccessLog(tx, actor, meta, { eventType: 'password_change', objectType: 'user', objectId: actor.userId, purpose: 'eigen account' });
    });
  }

  /**
   * Turns the own TOTP off after re-entering the password (lost or new phone). When the role requires 2FA the
   * session drops back to "enrol" so a new authenticator must be set up before anything else.
   */
  async function resetSecondFactor(actor: Actor, sessionHash: string, password: string, meta: RequestMeta) {
    const user = await checkPassword(actor, password, 'body.password');
    if (!user.totpEnabledAt) throw new AppError('conflict', [{ path: 'totp', code: 'not_enabled' }]);
    const mustEnrol = mustUseSecondFactor(user, deps.config.demoMode);
    await db.transaction(async (tx) => {
      await clearUserTotp(tx, actor.userId);
      await deleteUserSessions(tx, actor.userId, sessionHash);
      await setSessionMfaVerified(tx, sessionHash, !mustEnrol);
      await writeAccessLog(tx, actor, meta, { eventType: 'mfa_change', objectType: 'user', objectId: actor.userId, purpose: 'tweestapsverificatie gereset' });
    });
    return { mustEnrol };
  }

  async function setLanguage(actor: Actor, language: 'nl' | 'en') {
    await db.update(users).set({ language }).where(eq(users.id, actor.userId));
  }

  return { changePassword, resetSecondFactor, setLanguage };
}
