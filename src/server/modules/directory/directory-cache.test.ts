import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { createDirectoryCache } from './directory-cache.js';

// The generation is passed in (as the session lookup does), so no database is needed here.
const noDb = null as unknown as Db;

describe('directory cache', () => {
  it('computes once for concurrent misses of the same key and generation', async () => {
    const cache = createDirectoryCache<{ n: number }>(noDb, 10);
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return { n: calls };
    };
    const results = await Promise.all(Array.from({ length: 25 }, () => cache.get('k', compute, 1)));
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.n))).toEqual(new Set([1]));
    expect(await cache.get('k', compute, 1)).toEqual({ n: 1 });
    expect(calls).toBe(1);
  });

  it('recomputes when the generation moved on, and when turned off', async () => {
    const cache = createDirectoryCache<{ g: number }>(noDb, 10);
    let calls = 0;
    expect(await cache.get('k', async () => ({ g: ++calls }), 1)).toEqual({ g: 1 });
    expect(await cache.get('k', async () => ({ g: ++calls }), 2)).toEqual({ g: 2 });
    const off = createDirectoryCache<{ g: number }>(noDb, 0);
    await off.get('k', async () => ({ g: ++calls }), 1);
    await off.get('k', async () => ({ g: ++calls }), 1);
    expect(calls).toBe(4);
  });

  it('does not keep a failed computation', async () => {
    const cache = createDirectoryCache<{ ok: boolean }>(noDb, 10);
    await expect(cache.get('k', async () => Promise.reject(new Error('boom')), 1)).rejects.toThrow('boom');
    expect(await cache.get('k', async () => ({ ok: true }), 1)).toEqual({ ok: true });
  });
});
