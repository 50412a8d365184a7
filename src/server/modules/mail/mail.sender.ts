import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '../../db/client.js';
import * as repo from './mail.repository.js';

const MAX_ATTEMPTS = 5;

/**
 * Delivers queued mail over SMTP. Without SMTP_URL there is no sender and mail stays in the outbox, where
 * admins read it. `flush` sends one batch and reports how many went out and how many failed (and stay queued
 * for the next run, up to MAX_ATTEMPTS; after that they are 'failed' and an admin can queue them again).
 */
export function createMailSender(db: Db, smtpUrl: string | undefined, from: string) {
  if (!smtpUrl) return null;
  const transport: Transporter = nodemailer.createTransport(smtpUrl);
  return {
    async flush(batch = 20): Promise<{ sent: number; failed: number }> {
      let sent = 0;
      let failed = 0;
      await db.transaction(async (tx) => {
        for (const m of await repo.claimQueued(tx, batch, MAX_ATTEMPTS)) {
          try {
            await transport.sendMail({
              from,
              to: m.toAddress,
              subject: m.subject,
              text: m.textBody,
              ...(m.ics ? { icalEvent: { method: 'REQUEST', filename: 'uitnodiging.ics', content: m.ics } } : {}),
            });
            await repo.markSent(tx, m.id);
            sent++;
          } catch (err) {
            // The SMTP error text names the server's complaint, not the message content.
            await repo.markFailed(tx, m.id, (err as Error).message, m.attempts + 1 >= MAX_ATTEMPTS);
            failed++;
          }
        }
      });
      return { sent, failed };
    },
    close: () => transport.close(),
  };
}
export type MailSender = NonNullable<ReturnType<typeof createMailSender>>;
