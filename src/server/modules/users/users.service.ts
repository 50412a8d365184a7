import { sql } from 'drizzle-orm';
import type { Role } from '../../../domain/roles.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db, Tx } from '../../db/client.js';
import { rethrowUnique } from '../../db/pg-errors.js';
import { AppError } from '../../errors.js';
import { adminRegionScope, assertInAdminScope, assertMunicipalitiesInScope, assertNotSelf, assertOrganisationInScope } from '../../policy.js';
import { deleteUserSessions } from '../auth/auth.repository.js';
import { hashPassword } from '../auth/passwords.js';
import { findMunicipalities } from '../municipalities/municipalities.repository.js';
import { findOrganisation } from '../organisations/organisations.repository.js';
import * as repo from './users.repository.js';

const PURPOSE = 'functioneel beheer';

const emailTaken = rethrowUnique('email_taken', 'email');

export interface UserInput {
  email: string;
  displayName: string;
  role: Role;
  organisationId: string;
  municipalityIds: string[];
  /** The per-organisation editor right for the sociale kaart and smoelenboek. */
  directoryEditor?: boolean;
  intakeRight?: boolean;
  /** Her function on the smoelenboek card made with the account (default: from the role). */
  jobTitle?: string;
}

/** The card made or linked with an account is a change of the smoelenboek: it is in the access log too. */
async function logCard(tx: Tx, actor: Actor, meta: RequestMeta, card: { personId: string; linked: boolean } | null) {
  if (!card) return;
  await writeAccessLog(tx, actor, meta, {
    eventType: card.linked ? 'update' : 'create',
    objectType: 'person_card',
    objectId: card.personId,
    purpose: card.linked ? `${PURPOSE}: kaart gekoppeld aan account` : `${PURPOSE}: kaart bij account`,
  });
}

export function createUserService(db: Db) {
  async function loadInScope(tx: Db | Tx, actor: Actor, id: string) {
    const user = await repo.findUserView(tx, id);
    assertInAdminScope(actor, user);
    return user;
  }

  async function checkTargets(tx: Tx, actor: Actor, organisationId: string | undefined, municipalityIds: string[] | undefined) {
    if (organisationId) {
      assertOrganisationInScope(actor, await findOrganisation(tx, organisationId));
    }
    if (municipalityIds) assertMunicipalitiesInScope(actor, await findMunicipalities(tx, municipalityIds), municipalityIds);
  }

  return {
    async list(actor: Actor, f: repo.UserFilter, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await repo.listUsers(tx, adminRegionScope(actor), f);
        await writeAccessLog(tx, actor, meta, { eventType: 'search', objectType: 'user', purpose: PURPOSE });
        return rows;
      });
    },

    async get(actor: Actor, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const user = await loadInScope(tx, actor, id);
        await writeAccessLog(tx, actor, meta, { eventType: 'read', objectType: 'user', objectId: id, purpose: PURPOSE });
        return user;
      });
    },

    async create(actor: Actor, input: UserInput & { password: string }, meta: RequestMeta) {
      const passwordHash = await hashPassword(input.password);
      return db
        .transaction(async (tx) => {
          await checkTargets(tx, actor, input.organisationId, input.municipalityIds);
          const { jobTitle, ...fields } = input;
          const id = await repo.insertUser(tx, { ...fields, passwordHash });
          await repo.setUserMunicipalities(tx, id, input.municipalityIds);
          await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'user', objectId: id, purpose: PURPOSE });
          await logCard(tx, actor, meta, await repo.ensureUserCard(tx, id, jobTitle));
          return (await repo.findUserView(tx, id))!;
        })
        .catch(emailTaken);
    },

    async update(actor: Actor, id: string, version: number, patch: Partial<UserInput>, meta: RequestMeta) {
      return db
        .transaction(async (tx) => {
          const before = await loadInScope(tx, actor, id);
          const roleChanges = patch.role !== undefined && patch.role !== before.role;
          if (roleChanges || (patch.organisationId && patch.organisationId !== before.organisationId)) assertNotSelf(actor, id);
          await checkTargets(tx, actor, patch.organisationId, patch.municipalityIds);
          const { municipalityIds, ...fields } = patch;
          if (!(await repo.updateUser(tx, id, version, fields))) throw new AppError('version_conflict');
          if (municipalityIds) await repo.setUserMunicipalities(tx, id, municipalityIds);
          // A changed role changes what the user may see: their sessions start over.
          if (roleChanges) await deleteUserSessions(tx, id);
          await writeAccessLog(tx, actor, meta, {
            eventType: roleChanges ? 'role_change' : 'update',
            objectType: 'user',
            objectId: id,
            purpose: roleChanges ? `${PURPOSE}: rol ${before.role} → ${patch.role}` : PURPOSE,
          });
          return (await repo.findUserView(tx, id))!;
        })
        .catch(emailTaken);
    },

    async setActive(actor: Actor, id: string, version: number, active: boolean, meta: RequestMeta) {
      assertNotSelf(actor, id);
      return db.transaction(async (tx) => {
        await loadInScope(tx, actor, id);
        if (!(await repo.updateUser(tx, id, version, { deactivatedAt: active ? null : (sql`now()` as unknown as Date) }))) {
          throw new AppError('version_conflict');
        }
        if (!active) await deleteUserSessions(tx, id);
        else await logCard(tx, actor, meta, await repo.ensureUserCard(tx, id));
        await writeAccessLog(tx, actor, meta, {
          eventType: 'update',
          objectType: 'user',
          objectId: id,
          purpose: `${PURPOSE}: account ${active ? 'geactiveerd' : 'gedeactiveerd'}`,
        });
        return (await repo.findUserView(tx, id))!;
      });
    },

    async resetSecondFactor(actor: Actor, id: string, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        await loadInScope(tx, actor, id);
        await repo.clearUserTotp(tx, id);
        await deleteUserSessions(tx, id);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'mfa_change',
          objectType: 'user',
          objectId: id,
          purpose: `${PURPOSE}: tweestapsverificatie gereset`,
        });
        return (await repo.findUserView(tx, id))!;
      });
    },

    /** Hard delete, only for an account that never acted: anything in the access log must stay attributable. */
    async remove(actor: Actor, id: string, meta: RequestMeta) {
      assertNotSelf(actor, id);
      await db.transaction(async (tx) => {
        await loadInScope(tx, actor, id);
        if (await repo.appearsInAccessLog(tx, id)) throw new AppError('user_in_access_log');
        await repo.deleteUser(tx, id);
        await writeAccessLog(tx, actor, meta, { eventType: 'delete', objectType: 'user', objectId: id, purpose: PURPOSE });
      });
    },
  };
}
