import type pg from 'pg';
import { PgBoss } from 'pg-boss';
import type { AppDeps } from './deps.js';
import { runRegieEscalation } from './modules/cases/escalation.js';
import { runAgreementReminders } from './modules/evaluation/evaluation.service.js';
import { runRegistrationLifecycle } from './modules/involvement/lifecycle.js';
import { createMailSender } from './modules/mail/mail.sender.js';
import { refreshAllMonitorFacts } from './modules/monitor/monitor.facts.js';
import { sendDigests } from './modules/notifications/notifications.service.js';
import { runReferralEscalation } from './modules/referrals/referrals.service.js';

export const LIFECYCLE_QUEUE = 'involvement-lifecycle';
export const REGIE_ESCALATION_QUEUE = 'regie-escalation';
export const REFERRAL_ESCALATION_QUEUE = 'referral-escalation';
export const DIGEST_QUEUE = 'notification-digest';
export const MAIL_QUEUE = 'mail-delivery';
export const AGREEMENT_REMINDER_QUEUE = 'agreement-review-reminders';
export const MONITOR_FACTS_QUEUE = 'monitor-facts';

/** The first schema version pg-boss 12 migrates from (pg-boss 11's); pg-boss 10 left version 24. */
const FIRST_MIGRATABLE_PGBOSS_SCHEMA = 25;

/**
 * pg-boss 12 refuses to start on the schema pg-boss 10 created (its migrations begin at pg-boss 11's rewrite), and
 * pg-boss 11's notes leave moving jobs across to the user. Ours need no moving: every queue is a schedule that
 * startJobs declares again, and every job is idempotent and re-fires on its next cron tick (the mail itself waits in
 * our own outbox table, not in pg-boss). So an old schema is dropped and pg-boss installs a current one. Under an
 * advisory lock, so that several instances starting at once drop it once. Returns whether it dropped one.
 */
export async function dropPgBoss10Schema(pool: pg.Pool): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('knooppunt:pgboss-10-upgrade'))`);
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('pgboss.version') IS NOT NULL AS exists`);
    let dropped = false;
    if (rows[0]!.exists) {
      const v = await client.query<{ version: string }>('SELECT version FROM pgboss.version');
      if (v.rows.length > 0 && Number(v.rows[0]!.version) < FIRST_MIGRATABLE_PGBOSS_SCHEMA) {
        await client.query('DROP SCHEMA pgboss CASCADE');
        dropped = true;
      }
    }
    await client.query('COMMIT');
    return dropped;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Scheduled jobs on pg-boss (PostgreSQL-backed, so several app instances share one schedule and a job runs once).
 * The involvement lifecycle runs nightly at 02:17 Amsterdam time; the regie and referral escalations every working
 * hour; the notification digest on working days at 07:30; agreement review reminders daily at 07:45; mail delivery every minute (the outbox keeps each mail
 * with its attempts and last error, so a failed send is retried on the next run and admins see it); the monitor's
 * dirty cells recomputed every minute (reads are exact without it, only slower). All are idempotent, so a missed or
 * repeated run does no harm.
 */
export async function startJobs(
  deps: AppDeps,
  log: (msg: string) => void,
  o: { pollingIntervalSeconds?: number /** Called after each completed run: a test's signal that the job ran. */; ran?: (queue: string) => void } = {},
) {
  const { config, database } = deps;
  if (await dropPgBoss10Schema(database.pool)) log('job queue: the pg-boss 10 schema was replaced by a fresh one (ADR 013)');
  const boss = new PgBoss({
    connectionString: database.pool.options.connectionString,
    max: 2,
    application_name: 'knooppunt-jobs',
  });
  boss.on('error', () => log('job queue error; pg-boss retries by itself'));
  const work = (queue: string, options: { pollingIntervalSeconds: number }, handler: () => Promise<void>) =>
    boss.work(queue, options, async () => {
      await handler();
      o.ran?.(queue);
    });
  await boss.start();
  await boss.createQueue(LIFECYCLE_QUEUE);
  await boss.schedule(LIFECYCLE_QUEUE, '17 2 * * *', {}, { tz: 'Europe/Amsterdam' });
  await work(LIFECYCLE_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 30 }, async () => {
    const r = await runRegistrationLifecycle(database.db, new Date(), config.involvement.retentionYears);
    log(`involvement lifecycle: ended ${r.ended.death} (death), ${r.ended.age_23} (age 23), ${r.ended.end_date} (end date); deleted ${r.deleted}`);
  });
  await boss.createQueue(REGIE_ESCALATION_QUEUE);
  await boss.schedule(REGIE_ESCALATION_QUEUE, '5 7-18 * * 1-5', {}, { tz: 'Europe/Amsterdam' });
  await work(REGIE_ESCALATION_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 30 }, async () => {
    const n = await runRegieEscalation(database.db, new Date(), config.cases.regieEscalationWorkingDays, config.publicUrl);
    log(`regie escalation: ${n} case(s) escalated`);
  });
  await boss.createQueue(REFERRAL_ESCALATION_QUEUE);
  await boss.schedule(REFERRAL_ESCALATION_QUEUE, '10 7-18 * * 1-5', {}, { tz: 'Europe/Amsterdam' });
  await work(REFERRAL_ESCALATION_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 30 }, async () => {
    const n = await runReferralEscalation(database.db, config.publicUrl, new Date());
    log(`referral escalation: ${n} referral(s) escalated`);
  });
  await boss.createQueue(DIGEST_QUEUE);
  await boss.schedule(DIGEST_QUEUE, '30 7 * * 1-5', {}, { tz: 'Europe/Amsterdam' });
  await work(DIGEST_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 30 }, async () => {
    const n = await sendDigests(database.db, config.publicUrl);
    log(`notification digest: ${n} digest mail(s) queued`);
  });
  await boss.createQueue(AGREEMENT_REMINDER_QUEUE);
  await boss.schedule(AGREEMENT_REMINDER_QUEUE, '45 7 * * *', {}, { tz: 'Europe/Amsterdam' });
  await work(AGREEMENT_REMINDER_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 30 }, async () => {
    const n = await runAgreementReminders(database.db, config.publicUrl, new Date());
    log(`agreement reviews: ${n} reminder(s) sent`);
  });
  await boss.createQueue(MONITOR_FACTS_QUEUE);
  await boss.schedule(MONITOR_FACTS_QUEUE, '* * * * *', {});
  await work(MONITOR_FACTS_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 10 }, async () => {
    const n = await refreshAllMonitorFacts(database.db);
    if (n) log(`monitor facts: ${n} cell(s) recomputed`);
  });
  const sender = createMailSender(database.db, config.smtpUrl, config.mailFrom);
  if (sender) {
    await boss.createQueue(MAIL_QUEUE);
    await boss.schedule(MAIL_QUEUE, '* * * * *', {});
    await work(MAIL_QUEUE, { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 10 }, async () => {
      const r = await sender.flush();
      if (r.sent || r.failed) log(`mail delivery: ${r.sent} sent, ${r.failed} failed (retried on the next run)`);
    });
  }
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, timeout: 5000 });
      sender?.close();
    },
  };
}
