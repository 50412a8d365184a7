import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db } from '../../db/client.js';
import { rethrowUnique } from '../../db/pg-errors.js';
import { AppError } from '../../errors.js';
import { adminRegionScope, assertInAdminScope } from '../../policy.js';
import * as repo from './municipalities.repository.js';

const nameTaken = rethrowUnique('name_taken', 'name');

export function createMunicipalityService(db: Db) {
  return {
    regions: (actor: Actor) => repo.listRegions(db, adminRegionScope(actor)),
    list: (actor: Actor) => repo.listMunicipalities(db, adminRegionScope(actor)),

    async create(actor: Actor, input: repo.MunicipalityInput, meta: RequestMeta) {
      assertInAdminScope(actor, { regionId: input.regionId });
      return db
        .transaction(async (tx) => {
          const m = await repo.insertMunicipality(tx, input);
          await writeAccessLog(tx, actor, meta, { eventType: 'create', objectType: 'municipality', objectId: m.id, purpose: 'functioneel beheer' });
          return m;
        })
        .catch(nameTaken);
    },

    async update(actor: Actor, id: string, version: number, patch: Partial<repo.MunicipalityInput>, meta: RequestMeta) {
      return db
        .transaction(async (tx) => {
          assertInAdminScope(actor, await repo.findMunicipality(tx, id));
          if (patch.regionId) assertInAdminScope(actor, { regionId: patch.regionId });
          const m = await repo.updateMunicipality(tx, id, version, patch);
          if (!m) throw new AppError('version_conflict');
          await writeAccessLog(tx, actor, meta, { eventType: 'update', objectType: 'municipality', objectId: id, purpose: 'functioneel beheer' });
          return m;
        })
        .catch(nameTaken);
    },
  };
}
