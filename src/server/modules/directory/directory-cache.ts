import { eq } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client.js';
import { directoryStats } from '../../db/schema.js';

/**
 * Read results of the directory (sociale kaart searches, HSDS pages) kept per instance and tagged with the
 * directory generation they were computed at. Every write to a directory table bumps the generation in the
 * database (migrations 0007 and 0009), so a cached result is served only while it is still exact — on every
 * instance. The TTL only bounds how old the "stale" flags (a function of the clock) can get.
 */
export function createDirectoryCache<T extends object>(db: Db, maxEntries: number) {
  const cache = maxEntries > 0 ? new LRUCache<string, { generation: number; value: T }>({ max: maxEntries, ttl: 60_000 }) : null;
  // One computation per key and generation at a time: concurrent misses wait for it instead of stampeding.
  const inflight = new Map<string, Promise<T>>();
  const generation = async () => {
    const [r] = await db.select({ v: directoryStats.value }).from(directoryStats).where(eq(directoryStats.key, 'generation'));
    return r?.v ?? 0;
  };
  return {
    /** `known` is the generation read with the session at the start of the request, when there is one. */
    async get(key: string, compute: () => Promise<T>, known?: number): Promise<T> {
      if (!cache) return compute();
      const g = known ?? (await generation());
      const hit = cache.get(key);
      if (hit && hit.generation === g) return hit.value;
      const flightKey = `${g}\u0000${key}`;
      let pending = inflight.get(flightKey);
      if (!pending) {
        pending = compute()
          .then((value) => {
            cache.set(key, { generation: g, value });
            return value;
          })
          .finally(() => inflight.delete(flightKey));
        inflight.set(flightKey, pending);
      }
      return pending;
    },
  };
}
