import type { SynonymGroupInput } from '../../../domain/directory.js';
import { writeAccessLog } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { assertMayMaintainSynonyms } from '../../policy.js';
import * as repo from './synonyms.repository.js';

const PURPOSE = 'functioneel beheer: synoniemen sociale kaart';
const OBJECT = 'directory_synonym';

/**
 * The synonym list of the search. Every change bumps the directory generation in the same statement (trigger,
 * migration 0027), so no instance serves a cached search result computed with the old list.
 */
export function createSynonymService(db: Db) {
  return {
    async list(actor: Actor | null, q?: string) {
      assertMayMaintainSynonyms(actor);
      return repo.listSynonyms(db, q);
    },

    async create(actor: Actor | null, input: SynonymGroupInput, meta: RequestMeta) {
      const a = assertMayMaintainSynonyms(actor);
      return db.transaction(async (tx) => {
        const row = await repo.insertSynonym(tx, input.terms, a.userId);
        await writeAccessLog(tx, a, meta, { eventType: 'create', objectType: OBJECT, objectId: row.id, purpose: PURPOSE });
        return row;
      });
    },

    async update(actor: Actor | null, id: string, version: number, input: SynonymGroupInput, meta: RequestMeta) {
      const a = assertMayMaintainSynonyms(actor);
      return db.transaction(async (tx) => {
        if (!(await repo.findSynonym(tx, id))) throw new AppError('not_found');
        const row = await repo.updateSynonym(tx, id, version, input.terms, a.userId);
        if (!row) throw new AppError('version_conflict');
        await writeAccessLog(tx, a, meta, { eventType: 'update', objectType: OBJECT, objectId: id, purpose: PURPOSE });
        return row;
      });
    },

    async remove(actor: Actor | null, id: string, version: number, meta: RequestMeta) {
      const a = assertMayMaintainSynonyms(actor);
      await db.transaction(async (tx) => {
        if (!(await repo.findSynonym(tx, id))) throw new AppError('not_found');
        if (!(await repo.deleteSynonym(tx, id, version))) throw new AppError('version_conflict');
        await writeAccessLog(tx, a, meta, { eventType: 'delete', objectType: OBJECT, objectId: id, purpose: PURPOSE });
      });
    },
  };
}
