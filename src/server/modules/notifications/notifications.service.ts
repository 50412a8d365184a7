import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { deliveryMode, NOTIFICATION_KINDS, type NotificationKind, type NotificationMode } from '../../../domain/notifications.js';
import { writeAccessLogForSubjects } from '../../audit.js';
import type { Actor, RequestMeta } from '../../context.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { notificationPreferences, notifications, users } from '../../db/schema.js';
import { mayNameClientInNotification, notificationRecipient } from '../../policy.js';
import { enqueueMail, enqueueMails } from '../mail/mail.repository.js';
import { contextFor, listFor } from './notifications.repository.js';

export interface NotificationTarget {
  caseId?: string;
  referralId?: string;
  signalId?: string;
  matchId?: string;
  meetingId?: string;
  /** A page for the e-mail's link when the notification is about no case, referral, signal or meeting. */
  page?: string;
}

/** The page a notification's e-mail links to; the page itself decides what the reader may see. */
function linkOf(publicUrl: string, t: NotificationTarget): string {
  if (t.referralId) return `${publicUrl}/verwijzingen/${t.referralId}`;
  if (t.meetingId) return `${publicUrl}/overleg/${t.meetingId}`;
  if (t.caseId) return `${publicUrl}/casussen/${t.caseId}`;
  if (t.signalId) return `${publicUrl}/signalen/${t.signalId}`;
  if (t.page) return `${publicUrl}${t.page}`;
  return `${publicUrl}/meldingen`;
}

/**
 * The one way Knooppunt tells people something. In the caller's transaction (nothing is sent for an action that
 * rolls back) it writes the in-app notifications, and per recipient's preference queues an e-mail at once or
 * leaves it for the daily digest. E-mails carry no personal data: one sentence (a meeting's table and time at most)
 * and a link, with an iCalendar invitation where there is one.
 */
export async function notify(
  tx: DbOrTx,
  publicUrl: string,
  kind: NotificationKind,
  userIds: (string | null | undefined)[],
  target: NotificationTarget = {},
  mail: { detail?: { nl: string; en: string }; ics?: (language: string) => string } = {},
) {
  const to = [...new Set(userIds.filter((x): x is string => Boolean(x)))];
  if (!to.length) return;
  const recipients = await tx
    .select({ id: users.id, email: users.email, language: users.language, mode: notificationPreferences.mode })
    .from(users)
    .leftJoin(notificationPreferences, and(eq(notificationPreferences.userId, users.id), eq(notificationPreferences.kind, kind)))
    .where(and(inArray(users.id, to), isNull(users.deactivatedAt)));
  const rows = recipients.map((u) => {
    const mode = deliveryMode(kind, (u.mode as NotificationMode | null) ?? undefined);
    return { u, mode };
  });
  if (!rows.length) return;
  await tx.insert(notifications).values(
    rows.map(({ u, mode }) => ({
      userId: u.id,
      kind,
      caseId: target.caseId,
      referralId: target.referralId,
      signalId: target.signalId,
      matchId: target.matchId,
      meetingId: target.meetingId,
      email: mode === 'immediate' ? 'queued' : mode,
    })),
  );
  const link = linkOf(publicUrl, target);
  const text = NOTIFICATION_KINDS[kind].mail;
  await enqueueMails(
    tx,
    rows
      .filter(({ mode }) => mode === 'immediate')
      .map(({ u }) => {
        const en = u.language === 'en';
        const detail = mail.detail ? `${en ? mail.detail.en : mail.detail.nl}\n` : '';
        return {
          to: u.email,
          kind,
          subject: en ? `Knooppunt: ${text.en}` : `Knooppunt: ${text.nl}`,
          text: en ? `${text.en}\n${detail}Sign in to see it: ${link}\n` : `${text.nl}\n${detail}Log in om het te bekijken: ${link}\n`,
          ics: mail.ics?.(u.language),
        };
      }),
  );
}

/** A mail to an organisation's own address (its contact), e.g. a new or overdue referral: no personal data. */
export async function notifyOrganisation(
  tx: DbOrTx,
  publicUrl: string,
  kind: NotificationKind,
  email: string | null,
  target: NotificationTarget,
  mail: { detail?: { nl: string; en: string }; ics?: string } = {},
) {
  if (!email) return;
  const text = NOTIFICATION_KINDS[kind].mail;
  const detail = mail.detail ? `${mail.detail.nl}\n` : '';
  await enqueueMail(tx, {
    to: email,
    kind,
    subject: `Knooppunt: ${text.nl}`,
    text: `${text.nl}\n${detail}Log in om het te bekijken: ${linkOf(publicUrl, target)}\n\n${text.en}\n`,
    ics: mail.ics,
  });
}

/**
 * The daily digest: one e-mail per user with notifications waiting for it ("u heeft 3 nieuwe meldingen"), then
 * marked digested in the same transaction. Idempotent: a second run finds nothing.
 */
export async function sendDigests(db: DbOrTx, publicUrl: string): Promise<number> {
  const res = await db.execute<{ user_id: string; email: string; language: string; n: number }>(sql`
    WITH waiting AS (
      UPDATE notifications SET email = 'digested' WHERE email = 'digest' RETURNING user_id
    )
    SELECT w.user_id, u.email, u.language, count(*)::int AS n
    FROM waiting w JOIN users u ON u.id = w.user_id WHERE u.deactivated_at IS NULL
    GROUP BY w.user_id, u.email, u.language`);
  for (const r of res.rows) {
    const en = r.language === 'en';
    await enqueueMail(db, {
      to: r.email,
      kind: 'digest',
      subject: en ? `Knooppunt: ${r.n} new notification(s)` : `Knooppunt: ${r.n} nieuwe melding(en)`,
      text: en
        ? `You have ${r.n} new notification(s) in Knooppunt.\nSign in to read them: ${publicUrl}/meldingen\n`
        : `U heeft ${r.n} nieuwe melding(en) in Knooppunt.\nLog in om ze te lezen: ${publicUrl}/meldingen\n`,
    });
  }
  return res.rows.length;
}

export async function preferencesOf(db: DbOrTx, userId: string) {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return new Map(rows.map((r) => [r.kind, r.mode as NotificationMode]));
}

export async function setPreferences(db: DbOrTx, userId: string, prefs: { kind: NotificationKind; mode: NotificationMode }[]) {
  if (!prefs.length) return;
  await db
    .insert(notificationPreferences)
    .values(prefs.map((p) => ({ userId, kind: p.kind, mode: p.mode })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { mode: sql`excluded.mode`, updatedAt: sql`now()` },
    });
}

/**
 * The recipient's notifications with their context: who caused it, what it is about and — where the policy allows
 * (`mayNameClientInNotification`) — which client. Naming a client is a read of her data: the access log records
 * every client named, in the same transaction.
 */
export async function notificationsWithContext(db: Db, actor: Actor, meta: RequestMeta) {
  const userId = notificationRecipient(actor);
  return db.transaction(async (tx) => {
    const { items, unread } = await listFor(tx, userId);
    const context = await contextFor(
      tx,
      userId,
      items.map((n) => n.id),
    );
    const named = new Set<string>();
    const out = items.map((n) => {
      const c = context.get(n.id);
      const nameClient = c?.personId && c.personName && mayNameClientInNotification(actor, c);
      if (nameClient) named.add(c.personId!);
      return {
        ...n,
        context: {
          client: nameClient ? c.personName : null,
          sender: c?.senderName ?? null,
          senderOrganisation: c?.senderOrganisation ?? null,
          subject: c?.subject ?? null,
          at: c?.at ?? null,
        },
      };
    });
    await writeAccessLogForSubjects(tx, actor, meta, { eventType: 'read', objectType: 'notification', purpose: 'meldingen met context' }, [...named]);
    return { items: out, unread };
  });
}
