import { Readable } from 'node:stream';
import { foldName } from '../../../domain/persons.js';
import { writeAccessLog, writeAccessLogForSubjects } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { BsnVault } from '../../crypto.js';
import { csvStream } from '../../csv.js';
import type { Db } from '../../db/client.js';
import { adminRegionScope } from '../../policy.js';
import { type AccessLogFilter, type AccessLogRow, listAccessLog, subjectRecords } from './access-log.repository.js';

const EXPORT_BATCH = 2_000;
export const CSV_COLUMNS = [
  'id',
  'occurredAt',
  'eventType',
  'outcome',
  'userId',
  'userName',
  'userRole',
  'organisationName',
  'onBehalfOfName',
  'subjectPersonId',
  'objectType',
  'objectId',
  'purpose',
  'ip',
  'userAgent',
  'application',
] as const;

export function createAccessLogService(db: Db, vault?: BsnVault) {
  return {
    /**
     * The rows about one client, found by BSN or by family name + date — without showing the client: the answer
     * is log rows only. The search is logged with the records it matched as subjects.
     */
    async bySubject(
      actor: Actor,
      q: { bsn?: string | null; familyName?: string; date?: string },
      filter: Omit<AccessLogFilter, 'subjectPersonId'>,
      meta: RequestMeta,
    ) {
      if (!vault) throw new Error('access-log service without BSN vault');
      return db.transaction(async (tx) => {
        const ids = await subjectRecords(tx, q.bsn ? { bsnHash: vault.matchKey(q.bsn) } : { familyNameKey: foldName(q.familyName ?? ''), date: q.date ?? '' });
        const rows = await listAccessLog(tx, adminRegionScope(actor), { ...filter, subjectPersonIds: ids });
        await writeAccessLogForSubjects(
          tx,
          actor,
          meta,
          { eventType: 'search', objectType: 'access_log', purpose: 'toezicht op toegang (NEN 7513): rijen over één cliënt' },
          ids,
        );
        return rows;
      });
    },

    /** Reading the access log is itself logged: it names users and the people they looked up. */
    async list(actor: Actor, filter: AccessLogFilter, meta: RequestMeta) {
      return db.transaction(async (tx) => {
        const rows = await listAccessLog(tx, adminRegionScope(actor), filter);
        await writeAccessLog(tx, actor, meta, {
          eventType: 'read',
          objectType: 'access_log',
          subjectPersonId: filter.subjectPersonId,
          purpose: 'toezicht op toegang (NEN 7513)',
        });
        return rows;
      });
    },

    /** Streams every matching entry as CSV in batches, so a large export never sits in memory. */
    async exportCsv(actor: Actor, filter: Omit<AccessLogFilter, 'limit' | 'before'>, meta: RequestMeta): Promise<Readable> {
      await writeAccessLog(db, actor, meta, {
        eventType: 'export',
        objectType: 'access_log',
        subjectPersonId: filter.subjectPersonId,
        purpose: 'toezicht op toegang (NEN 7513)',
      });
      const scope = adminRegionScope(actor);
      async function* rows(): AsyncGenerator<Record<string, unknown>> {
        let before: number | undefined;
        for (;;) {
          const batch: AccessLogRow[] = await listAccessLog(db, scope, { ...filter, before, limit: EXPORT_BATCH });
          for (const r of batch) yield { ...r, occurredAt: r.occurredAt.toISOString() };
          if (batch.length < EXPORT_BATCH) return;
          before = batch[batch.length - 1]!.id;
        }
      }
      return Readable.from(rows()).pipe(csvStream({ header: true, columns: [...CSV_COLUMNS] }));
    },
  };
}
