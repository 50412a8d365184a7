import PgBoss from 'pg-boss';
import type { AppDeps } from './deps.js';
import { runRegieEscalation } from './modules/cases/escalation.js';
import { runRegistrationLifecycle } from './modules/involvement/lifecycle.js';

export const LIFECYCLE_QUEUE = 'involvement-lifecycle';
export const REGIE_ESCALATION_QUEUE = 'regie-escalation';

/**
 * Scheduled jobs on pg-boss (PostgreSQL-backed, so several app instances share one schedule and a job runs once).
 * The involvement lifecycle runs nightly at 02:17 Amsterdam time; the regie escalation every working hour. Both
 * are idempotent, so a missed or repeated run does no harm.
 */
export async function startJobs(deps: AppDeps, log: (msg: string) => void, o: { pollingIntervalSeconds?: number } = {}) {
  const { config, database } = deps;
  const boss = new PgBoss({
    connectionString: database.pool.options.connectionString,
    max: 2,
    application_name: 'knooppunt-jobs',
  });
  boss.on('error', () => log('job queue error; pg-boss retries by itself'));
  await boss.start();
  await boss.createQueue(LIFECYCLE_QUEUE);
  await boss.schedule(LIFECYCLE_QUEUE, '17 2 * * *', {}, { tz: 'Europe/Amsterdam' });
  await boss.work(LIFECYCLE_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 30 }, async () => {
    const r = await runRegistrationLifecycle(database.db, new Date(), config.involvement.retentionYears);
    log(`involvement lifecycle: ended ${r.ended.death} (death), ${r.ended.age_23} (age 23), ${r.ended.end_date} (end date); deleted ${r.deleted}`);
  });
  await boss.createQueue(REGIE_ESCALATION_QUEUE);
  await boss.schedule(REGIE_ESCALATION_QUEUE, '5 7-18 * * 1-5', {}, { tz: 'Europe/Amsterdam' });
  await boss.work(REGIE_ESCALATION_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 30 }, async () => {
    const n = await runRegieEscalation(database.db, new Date(), config.cases.regieEscalationWorkingDays);
    log(`regie escalation: ${n} case(s) escalated`);
  });
  return {
    boss,
    stop: () => boss.stop({ graceful: true, timeout: 5000 }),
  };
}
