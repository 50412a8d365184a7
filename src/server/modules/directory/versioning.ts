import { isDeepStrictEqual } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recordChanges } from '../../db/schema.js';
import { type RecordType, tableOf } from './directory.repository.js';

export interface FieldChange {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

/** Fields whose value differs between the stored record and the new input (arrays compared as sets when sorted by the caller). */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  return Object.keys(after)
    .filter((k) => !isDeepStrictEqual(before[k] ?? null, after[k] ?? null))
    .map((k) => ({ field: k, oldValue: before[k] ?? null, newValue: after[k] ?? null }));
}

/** Writes the history rows of one save; a confirm or a create without field changes still leaves one row. */
export async function recordHistory(tx: DbOrTx, type: RecordType, id: string, kind: string, changes: FieldChange[], actorId: string | null) {
  const rows = changes.length
    ? changes.map((c) => ({ recordType: type, recordId: id, kind, field: c.field, oldValue: c.oldValue, newValue: c.newValue, changedById: actorId }))
    : [{ recordType: type, recordId: id, kind, changedById: actorId }];
  await tx.insert(recordChanges).values(rows);
}

/**
 * Bumps the version (only if it still is the one the editor read) and marks the record confirmed by the
 * editor: saving a record is confirming it. Returns false on a concurrent change.
 */
export async function bumpVersion(
  tx: DbOrTx,
  type: RecordType,
  id: string,
  version: number,
  columns: Record<string, unknown>,
  actorId: string,
): Promise<boolean> {
  const table = tableOf[type];
  const rows = await tx
    .update(table)
    .set({ ...columns, version: sql`${table.version} + 1`, updatedAt: sql`now()`, lastConfirmedAt: sql`now()`, lastConfirmedById: actorId })
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id });
  return rows.length === 1;
}
