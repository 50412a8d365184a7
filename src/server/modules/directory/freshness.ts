import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { staleBefore } from '../../../domain/directory.js';
import { writeAccessLog } from '../../audit.js';
import type { Config } from '../../config.js';
import type { RequestMeta } from '../../context.js';
import { randomToken, sha256 } from '../../crypto.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { confirmationTokens, users } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { enqueueMail } from '../mail/mail.repository.js';
import type { RecordType } from './directory.repository.js';
import { confirmRecord, loadForConfirm } from './directory.service.js';

const TOKEN_DAYS = 30;
// One advisory-lock key for the reminder run, so several app instances never send the same reminder twice.
const REMINDER_LOCK = 7_513_003;

type StaleRecord = {
  type: RecordType;
  id: string;
  name: string;
  organisationId: string;
  recipientId: string;
  recipientEmail: string;
  recipientName: string;
  language: string;
};

/**
 * Stale records and who should confirm them: the professional for their own card, otherwise the holders of the
 * editor right at the organisation — or, when it has none, the admins of its region. Records reminded within the
 * last `reminderDays` are skipped. This chooses whom to ask, in bulk; whether the one-click link may confirm is not
 * decided here: a link is only ever sent to someone this selection names, and every confirmation in the app goes
 * through policy.canMaintainOrganisation / canMaintainPersonCard.
 */
async function staleRecordsWithMaintainers(db: DbOrTx, before: Date, reminderDays: number) {
  const { rows } = await db.execute<StaleRecord>(sql`
    WITH stale AS (
      SELECT 'organisation' AS type, o.id, o.name, o.id AS organisation_id, NULL::uuid AS user_id FROM organisations o
       WHERE o.active AND o.last_confirmed_at < ${before.toISOString()}::timestamptz
      UNION ALL
      SELECT 'service', s.id, s.name, s.organisation_id, NULL FROM services s WHERE s.active AND s.last_confirmed_at < ${before.toISOString()}::timestamptz
      UNION ALL
      SELECT 'location', l.id, l.name, l.organisation_id, NULL FROM locations l WHERE l.active AND l.last_confirmed_at < ${before.toISOString()}::timestamptz
      UNION ALL
      SELECT 'person', p.id, p.name, p.organisation_id, p.user_id FROM people p WHERE p.active AND p.last_confirmed_at < ${before.toISOString()}::timestamptz
    ),
    pending AS (
      SELECT st.* FROM stale st
       WHERE NOT EXISTS (SELECT 1 FROM confirmation_tokens ct
                          WHERE ct.record_type = st.type AND ct.record_id = st.id
                            AND ct.created_at > now() - make_interval(days => ${reminderDays}))
    )
    SELECT pd.type, pd.id, pd.name, pd.organisation_id AS "organisationId", u.id AS "recipientId", u.email AS "recipientEmail",
           u.display_name AS "recipientName", u.language
      FROM pending pd
      JOIN organisations org ON org.id = pd.organisation_id AND org.active
      JOIN LATERAL (
        SELECT u.* FROM users u WHERE u.deactivated_at IS NULL AND u.kind = 'staff' AND (
          u.id = pd.user_id
          OR (pd.user_id IS NULL AND u.directory_editor AND u.organisation_id = pd.organisation_id)
          OR (pd.user_id IS NULL AND u.role = 'admin'
              AND NOT EXISTS (SELECT 1 FROM users e WHERE e.directory_editor AND e.deactivated_at IS NULL AND e.organisation_id = pd.organisation_id)
              AND EXISTS (SELECT 1 FROM organisations uo WHERE uo.id = u.organisation_id AND uo.region_id = org.region_id)))
      ) u ON true
     ORDER BY u.id, pd.type, pd.name`);
  return rows;
}

const TEXT = {
  nl: {
    subject: (n: number) => `Klopt de sociale kaart nog? ${n} ${n === 1 ? 'gegeven' : 'gegevens'} om te bevestigen`,
    intro: (name: string, months: number) =>
      `Beste ${name},\n\nDeze gegevens in Knooppunt zijn al ${months} maanden of langer niet bevestigd. Collega's in de keten vertrouwen erop dat ze kloppen.\nOpen de link om te bevestigen dat ze nog juist zijn, of pas ze aan.\n`,
    outro: 'De links zijn 30 dagen geldig.\n\nKnooppunt',
    types: { organisation: 'Organisatie', service: 'Aanbod', location: 'Locatie', person: 'Smoelenboekkaart' },
  },
  en: {
    subject: (n: number) => `Is the directory still correct? ${n} ${n === 1 ? 'entry' : 'entries'} to confirm`,
    intro: (name: string, months: number) =>
      `Dear ${name},\n\nThese Knooppunt entries have not been confirmed for ${months} months or more. Colleagues in the chain rely on them.\nOpen a link to confirm an entry is still correct, or update it.\n`,
    outro: 'The links are valid for 30 days.\n\nKnooppunt',
    types: { organisation: 'Organisation', service: 'Service', location: 'Location', person: 'Who’s who card' },
  },
};

/** Sends one reminder mail per maintainer listing their stale records, each with a one-click confirmation link. */
export async function sendFreshnessReminders(db: Db, config: Config, now = new Date()): Promise<{ mails: number; records: number }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ locked: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${REMINDER_LOCK}) AS locked`);
    if (!rows[0]?.locked) return { mails: 0, records: 0 };
    const stale = await staleRecordsWithMaintainers(tx, staleBefore(now, config.directory.staleMonths), config.directory.reminderDays);
    const byRecipient = new Map<string, StaleRecord[]>();
    for (const r of stale) byRecipient.set(r.recipientId, [...(byRecipient.get(r.recipientId) ?? []), r]);
    const records = new Set<string>();
    for (const items of byRecipient.values()) {
      const first = items[0]!;
      const t = first.language === 'en' ? TEXT.en : TEXT.nl;
      const lines: string[] = [];
      for (const r of items) {
        const token = randomToken();
        await tx.insert(confirmationTokens).values({
          tokenHash: sha256(token),
          recordType: r.type,
          recordId: r.id,
          userId: r.recipientId,
          expiresAt: new Date(now.getTime() + TOKEN_DAYS * 86_400_000),
        });
        lines.push(`- ${t.types[r.type as RecordType]}: ${r.name}\n  ${config.publicUrl}/bevestigen/${token}`);
        records.add(`${r.type}:${r.id}`);
      }
      await enqueueMail(tx, {
        to: first.recipientEmail,
        subject: t.subject(items.length),
        text: `${t.intro(first.recipientName, config.directory.staleMonths)}\n${lines.join('\n')}\n\n${t.outro}`,
        kind: 'freshness_reminder',
      });
    }
    return { mails: byRecipient.size, records: records.size };
  });
}

/** An unused, unexpired link whose recipient still has an active account (a deactivated user confirms nothing). */
async function liveToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select({
      tokenHash: confirmationTokens.tokenHash,
      recordType: confirmationTokens.recordType,
      recordId: confirmationTokens.recordId,
      userId: confirmationTokens.userId,
    })
    .from(confirmationTokens)
    .innerJoin(users, and(eq(users.id, confirmationTokens.userId), isNull(users.deactivatedAt)))
    .where(and(eq(confirmationTokens.tokenHash, sha256(token)), isNull(confirmationTokens.usedAt), gt(confirmationTokens.expiresAt, sql`now()`)));
  if (!row) throw new AppError('token_invalid');
  return row;
}

/** What a confirmation link is about, for the page the link opens (no sign-in: the token is the credential). */
export async function describeToken(db: Db, token: string) {
  const t = await liveToken(db, token);
  const { org, record } = await loadForConfirm(db, t.recordType as RecordType, t.recordId).catch(() => {
    throw new AppError('token_invalid');
  });
  return {
    recordType: t.recordType as RecordType,
    recordId: t.recordId,
    name: record.name,
    organisationName: org.name,
    lastConfirmedAt: record.lastConfirmedAt,
  };
}

/** The one click: confirms the record as the user the link was sent to, and uses up the link. */
export async function confirmWithToken(db: Db, token: string, meta: RequestMeta) {
  return db.transaction(async (tx) => {
    const t = await liveToken(tx, token);
    const used = await tx
      .update(confirmationTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(confirmationTokens.tokenHash, t.tokenHash), isNull(confirmationTokens.usedAt)))
      .returning({ h: confirmationTokens.tokenHash });
    if (!used.length) throw new AppError('token_invalid');
    const { record } = await loadForConfirm(tx, t.recordType as RecordType, t.recordId);
    await confirmRecord(tx, t.recordType as RecordType, t.recordId, record.version, t.userId);
    const [user] = await tx.select({ role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.id, t.userId));
    await writeAccessLog(tx, { userId: t.userId, role: user?.role ?? null, organisationId: user?.organisationId ?? null }, meta, {
      eventType: 'update',
      objectType: t.recordType === 'person' ? 'person_card' : t.recordType,
      objectId: t.recordId,
      purpose: 'bevestiging actualiteit (link)',
    });
  });
}
