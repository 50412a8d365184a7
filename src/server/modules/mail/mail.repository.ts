import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { mailOutbox } from '../../db/schema.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** What kind of mail this is ('freshness_reminder', …), for the outbox list. */
  kind: string;
  /** An iCalendar invitation (METHOD:REQUEST) sent along as text/calendar. */
  ics?: string;
}

/** Queues a mail in the caller's transaction: if the action rolls back, no mail goes out. */
export async function enqueueMail(tx: DbOrTx, m: MailMessage): Promise<void> {
  await tx.insert(mailOutbox).values({ toAddress: m.to, subject: m.subject, textBody: m.text, kind: m.kind, ics: m.ics ?? null });
}

/** Several mails in one statement (a notification to a team). */
export async function enqueueMails(tx: DbOrTx, ms: MailMessage[]): Promise<void> {
  if (ms.length)
    await tx.insert(mailOutbox).values(ms.map((m) => ({ toAddress: m.to, subject: m.subject, textBody: m.text, kind: m.kind, ics: m.ics ?? null })));
}

export async function listOutbox(db: DbOrTx, f: { status?: string; before?: Date; limit: number }) {
  return db
    .select()
    .from(mailOutbox)
    .where(and(f.status ? eq(mailOutbox.status, f.status) : undefined, f.before ? lt(mailOutbox.createdAt, f.before) : undefined))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(f.limit);
}

/** Claims queued mail for one sender; SKIP LOCKED lets several app instances send without doubles. */
export async function claimQueued(tx: DbOrTx, limit: number, maxAttempts: number) {
  return tx
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lt(mailOutbox.attempts, maxAttempts)))
    .orderBy(asc(mailOutbox.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markSent(tx: DbOrTx, id: string) {
  await tx
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: sql`now()`, attempts: sql`${mailOutbox.attempts} + 1`, lastError: null })
    .where(eq(mailOutbox.id, id));
}

export async function markFailed(tx: DbOrTx, id: string, error: string, giveUp: boolean) {
  await tx
    .update(mailOutbox)
    .set({ status: giveUp ? 'failed' : 'queued', attempts: sql`${mailOutbox.attempts} + 1`, lastError: error.slice(0, 500) })
    .where(eq(mailOutbox.id, id));
}

/** An admin queues a mail that failed after all attempts once more; false when there is no such failed mail. */
export async function requeueFailed(tx: DbOrTx, id: string): Promise<boolean> {
  const done = await tx
    .update(mailOutbox)
    .set({ status: 'queued', attempts: 0 })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'failed')))
    .returning({ id: mailOutbox.id });
  return done.length > 0;
}
