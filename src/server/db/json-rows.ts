const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const TIMESTAMPS = new Set([
  'sentAt',
  'answeredAt',
  'helpStartedAt',
  'escalatedAt',
  'handoverAt',
  'createdAt',
  'updatedAt',
  'endedAt',
  'informedAt',
  'acknowledgedAt',
  'decidedAt',
  'followedUpAt',
  'phaseChangedAt',
  'closedAt',
  'withoutDirectorSince',
  'regieEscalatedAt',
  'since',
  'proposedAt',
  'acceptedAt',
  'recordedAt',
  'at',
  'adoptedAt',
  'grantedAt',
  'expiresAt',
  'reviewedAt',
]);

/**
 * A row as PostgreSQL's to_jsonb() gives it (snake_case keys, timestamps as text, dates as yyyy-mm-dd) in the
 * shape Drizzle returns: camelCase keys and Date timestamps. Used where a hot path runs raw, prepared SQL.
 */
export function rowFromJson<T>(row: Record<string, unknown>): T {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => {
      const key = camel(k);
      return [key, TIMESTAMPS.has(key) && typeof v === 'string' ? new Date(v) : v];
    }),
  ) as T;
}
