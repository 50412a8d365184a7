import type { AppDeps } from './deps.js';
import { deleteExpiredSessions } from './modules/auth/auth.repository.js';
import { sendFreshnessReminders } from './modules/directory/freshness.js';

/**
 * Periodic work of an app instance. Every task is safe with several instances: session sweeping is idempotent,
 * the reminder run takes an advisory lock and skips records reminded recently. Mail delivery runs as a pg-boss job
 * (jobs.ts). Failures are swallowed on purpose — the next tick retries — and never logged with content.
 */
export function startBackgroundWork(deps: AppDeps, log: (msg: string) => void) {
  const { config, database } = deps;
  const timers = [
    setInterval(() => void deleteExpiredSessions(database.db, config.session.idleMinutes).catch(() => {}), 15 * 60_000),
    setInterval(
      () =>
        void sendFreshnessReminders(database.db, config)
          .then((r) => r.mails && log(`freshness reminders queued: ${r.mails} mail(s) for ${r.records} record(s)`))
          .catch(() => log('freshness reminder run failed; retrying next hour')),
      60 * 60_000,
    ),
  ];
  for (const t of timers) t.unref();
  return {
    stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}
