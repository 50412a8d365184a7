import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db } from '../../db/client.js';
import { rethrowUnique } from '../../db/pg-errors.js';
import { AppError } from '../../errors.js';
import { adminRegionScope, assertInAdminScope } from '../../policy.js';
import * as repo from './organisations.repository.js';

const nameTaken = rethrowUnique('name_taken', 'name');

export function createOrganisationService(db: Db) {
  return {
    list: (actor: Actor, f: { q?: string; includeInactive?: boolean }) => repo.listOrganisations(db, adminRegionScope(actor), f),

    async get(actor: Actor, id: string) {
      const org = await repo.findOrganisation(db, id);
      assertInAdminScope(actor, org);
      return org;
    },

    async create(actor: Actor, input: repo.OrganisationInput, meta: RequestMeta) {
      assertInAdminScope(actor, { regionId: input.regionId });
      return db
        .transaction(async (tx) => {
          const org = await repo.insertOrganisation(tx, input);
          await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'organisation', objectId: org.id, purpose: 'functioneel beheer' });
          return org;
        })
        .catch(nameTaken);
    },

    async update(actor: Actor, id: string, version: number, patch: Partial<repo.OrganisationInput> & { active?: boolean }, meta: RequestMeta) {
      return db
        .transaction(async (tx) => {
          assertInAdminScope(actor, await repo.findOrganisation(tx, id));
          if (patch.regionId) assertInAdminScope(actor, { regionId: patch.regionId });
          const org = await repo.updateOrganisation(tx, id, version, patch);
          if (!org) throw new AppError('version_conflict');
          await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'organisation', objectId: id, purpose: 'functioneel beheer' });
          return org;
        })
        .catch(nameTaken);
    },
  };
}
