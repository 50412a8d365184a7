import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_QUEUE, MONITOR_FACTS_QUEUE, startJobs } from './jobs.js';
import { createTestApp, type TestApp } from './testing/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const schemaVersion = async () => Number((await t.deps.database.pool.query<{ version: string }>('SELECT version FROM pgboss.version')).rows[0]!.version);

describe('job queue schema across the pg-boss 10 → 12 upgrade', () => {
  it('replaces the schema pg-boss 10 left, declares every schedule again, and keeps a current schema across restarts', async () => {
    const pool = t.deps.database.pool;
    // A deployment as pg-boss 10 left it: its own schema, a queue with its schedule and a job waiting.
    await pool.query(readFileSync(new URL('./testing/pgboss-10-schema.sql', import.meta.url), 'utf8'));
    await pool.query(`SELECT pgboss.create_queue($1, '{"policy":"standard"}')`, [LIFECYCLE_QUEUE]);
    await pool.query(`INSERT INTO pgboss.schedule (name, cron, timezone) VALUES ($1, '17 2 * * *', 'Europe/Amsterdam')`, [LIFECYCLE_QUEUE]);
    await pool.query(`INSERT INTO pgboss.job (name, data) VALUES ($1, '{}')`, [LIFECYCLE_QUEUE]);
    expect(await schemaVersion()).toBe(24);

    const logs: string[] = [];
    const jobs = await startJobs(t.deps, (m) => logs.push(m));
    let kept: string | null;
    try {
      expect(await schemaVersion()).toBeGreaterThanOrEqual(25);
      expect(logs.filter((l) => l.includes('pg-boss 10'))).toHaveLength(1);
      const schedules = (await jobs.boss.getSchedules()).map((s) => s.name);
      expect(schedules).toEqual(expect.arrayContaining([LIFECYCLE_QUEUE, MONITOR_FACTS_QUEUE]));
      // A job deferred by an hour is still waiting when the app restarts, unless the schema was dropped again.
      kept = await jobs.boss.send(LIFECYCLE_QUEUE, {}, { startAfter: 3600 });
      expect(kept).not.toBeNull();
    } finally {
      await jobs.stop();
    }

    const restartLogs: string[] = [];
    const again = await startJobs(t.deps, (m) => restartLogs.push(m));
    try {
      expect(restartLogs.filter((l) => l.includes('pg-boss 10'))).toEqual([]);
      expect((await again.boss.findJobs(LIFECYCLE_QUEUE, { id: kept! })).map((j) => j.id)).toEqual([kept]);
    } finally {
      await again.stop();
    }
  });
});
