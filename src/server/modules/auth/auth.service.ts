import { eq, sql } from 'drizzle-orm';
import { writeAccessLog } from '../../audit.js';
import type { RequestMeta } from '../../context.js';
import { decryptSecret, encryptSecret, randomToken, sha256 } from '../../crypto.js';
import { users } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { mustUseSecondFactor } from '../../policy.js';
import * as repo from './auth.repository.js';
import { verifyPassword } from './passwords.js';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp.js';

export type MfaStep = 'verify' | 'enrol' | null;

const emailKey = (email: string) => sha256(`login:${email.trim().toLowerCase()}`);
const mfaKey = (userId: string) => sha256(`mfa:${userId}`);

function lockedError(until: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  return new AppError('too_many_attempts', [], { 'retry-after': String(seconds) });
}

export function createAuthService(deps: AppDeps) {
  const { db } = deps.database;
  const { config } = deps;

  /** Password step. Unknown account, wrong password and deactivated account all answer the same. */
  async function login(email: string, password: string, meta: RequestMeta) {
    const key = emailKey(email);
    const throttle = await repo.throttleState(db, key);
    if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) {
      const user = await repo.findUserByEmail(db, email);
      await writeAccessLog(db, user ? { userId: user.id, role: user.role, organisationId: user.organisationId } : null, meta, {
        eventType: 'login_failed',
        objectType: 'session',
        purpose: 'inloggen',
        outcome: 'denied',
      });
      throw lockedError(throttle.lockedUntil);
    }
    const user = await repo.findUserByEmail(db, email);
    const usable = user && !user.deactivatedAt && user.kind === 'staff';
    const ok = await verifyPassword(usable ? user.passwordHash : null, password);
    if (!ok || !usable) {
      await db.transaction(async (tx) => {
        await repo.recordFailure(tx, key, config.login.maxFailures, config.login.lockoutMinutes);
        await writeAccessLog(tx, user ? { userId: user.id, role: user.role, organisationId: user.organisationId } : null, meta, {
          eventType: 'login_failed',
          objectType: 'session',
          purpose: 'inloggen',
          outcome: 'failure',
        });
      });
      throw new AppError('invalid_credentials');
    }
    const mfa: MfaStep = user.totpEnabledAt ? 'verify' : mustUseSecondFactor(user, config.demoMode) ? 'enrol' : null;
    const token = randomToken();
    const csrfToken = randomToken();
    const session = await db.transaction(async (tx) => {
      await repo.clearFailures(tx, key);
      const s = await repo.insertSession(tx, {
        idHash: sha256(token),
        userId: user.id,
        csrfToken,
        mfaVerified: mfa === null,
        absoluteHours: config.session.absoluteHours,
        ip: meta.ip,
        userAgent: meta.userAgent,
      });
      await tx.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
      await writeAccessLog(tx, { userId: user.id, role: user.role, organisationId: user.organisationId }, meta, {
        eventType: 'login',
        objectType: 'session',
        purpose: mfa ? 'inloggen (wachtwoord; tweede factor volgt)' : 'inloggen',
      });
      return s;
    });
    return { token, csrfToken, expiresAt: session.expiresAt, mfa };
  }

  async function loadUserForMfa(userId: string) {
    const user = await repo.findUserById(db, userId);
    if (!user) throw new AppError('unauthenticated');
    const key = mfaKey(userId);
    const throttle = await repo.throttleState(db, key);
    if (throttle?.lockedUntil && throttle.lockedUntil > new Date()) throw lockedError(throttle.lockedUntil);
    return { user, key };
  }

  async function failMfa(key: string, user: { id: string; role: typeof users.$inferSelect.role; organisationId: string | null }, meta: RequestMeta) {
    await db.transaction(async (tx) => {
      await repo.recordFailure(tx, key, config.login.maxFailures, config.login.lockoutMinutes);
      await writeAccessLog(tx, { userId: user.id, role: user.role, organisationId: user.organisationId }, meta, {
        eventType: 'login_failed',
        objectType: 'session',
        purpose: 'tweede factor',
        outcome: 'failure',
      });
    });
    throw new AppError('mfa_invalid_code', [{ path: 'body.code', code: 'mfa_invalid_code' }]);
  }

  /** Second step of sign-in for a user with TOTP enabled. */
  async function verifySecondFactor(userId: string, sessionHash: string, code: string, meta: RequestMeta) {
    const { user, key } = await loadUserForMfa(userId);
    if (!user.totpSecretEnc) throw new AppError('mfa_not_pending');
    const step = await checkTotp(decryptSecret(deps.secretKey, user.totpSecretEnc), code, user.totpLastStep);
    if (step === null) return failMfa(key, user, meta);
    await db.transaction(async (tx) => {
      await repo.clearFailures(tx, key);
      await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id));
      await repo.setSessionMfaVerified(tx, sessionHash, true);
      await writeAccessLog(tx, { userId: user.id, role: user.role, organisationId: user.organisationId }, meta, {
        eventType: 'login',
        objectType: 'session',
        purpose: 'tweede factor geverifieerd',
      });
    });
  }

  /** Starts (or restarts) TOTP enrolment: a new pending secret, shown once as QR code and manual key. */
  async function startEnrolment(userId: string) {
    const user = await repo.findUserById(db, userId);
    if (!user) throw new AppError('unauthenticated');
    if (user.totpEnabledAt) throw new AppError('conflict', [{ path: 'totp', code: 'already_enabled' }]);
    const secret = newTotpSecret();
    await db
      .update(users)
      .set({ totpPendingSecretEnc: encryptSecret(deps.secretKey, secret) })
      .where(eq(users.id, userId));
    return totpEnrolment(secret, user.email);
  }

  /** Confirms enrolment with a first code; the session counts as two-factor verified from then on. */
  async function confirmEnrolment(userId: string, sessionHash: string, code: string, meta: RequestMeta) {
    const { user, key } = await loadUserForMfa(userId);
    if (user.totpEnabledAt || !user.totpPendingSecretEnc) throw new AppError('mfa_not_pending');
    const step = await checkTotp(decryptSecret(deps.secretKey, user.totpPendingSecretEnc), code, null);
    if (step === null) return failMfa(key, user, meta);
    await db.transaction(async (tx) => {
      await repo.clearFailures(tx, key);
      await tx
        .update(users)
        .set({
          totpSecretEnc: user.totpPendingSecretEnc,
          totpPendingSecretEnc: null,
          totpEnabledAt: sql`now()`,
          totpLastStep: step,
          version: sql`${users.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, user.id));
      await repo.setSessionMfaVerified(tx, sessionHash, true);
      await writeAccessLog(tx, { userId: user.id, role: user.role, organisationId: user.organisationId }, meta, {
        eventType: 'mfa_change',
        objectType: 'user',
        objectId: user.id,
        purpose: 'tweestapsverificatie ingeschakeld',
      });
    });
  }

  async function logout(sessionHash: string, who: { userId: string; role: typeof users.$inferSelect.role; organisationId: string }, meta: RequestMeta) {
    await db.transaction(async (tx) => {
      await repo.deleteSession(tx, sessionHash);
      await writeAccessLog(tx, who, meta, { eventType: 'logout', objectType: 'session', purpose: 'uitloggen' });
    });
  }

  return { login, verifySecondFactor, startEnrolment, confirmEnrolment, logout };
}
export type AuthService = ReturnType<typeof createAuthService>;
