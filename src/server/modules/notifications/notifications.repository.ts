import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { notifications } from '../../db/schema.js';

export async function listFor(db: DbOrTx, userId: string) {
  const items = await db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(100);
  return { items, unread: await unreadCount(db, userId) };
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [unread] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return unread?.n ?? 0;
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  const done = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return done.length > 0;
}

export async function markAllRead(db: DbOrTx, userId: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

export interface NotificationContextRow {
  id: string;
  basis: 'referral' | 'signal' | 'match' | 'case' | 'meeting' | 'none';
  personId: string | null;
  personName: string | null;
  municipalityId: string | null;
  party: boolean;
  senderName: string | null;
  senderOrganisation: string | null;
  /** A meeting's table, or a referral's service: what the notification is about, without the client. */
  subject: string | null;
  at: string | null;
}

/**
 * The context of the user's latest notifications in one statement: the client it concerns (with the facts the
 * policy needs to decide whether to name her), who caused it, and what it is about. Naming is the policy's call.
 */
export async function contextFor(db: DbOrTx, userId: string, ids: string[]): Promise<Map<string, NotificationContextRow>> {
  if (!ids.length) return new Map();
  const res = await db.execute<Record<string, unknown>>(sql`
    SELECT n.id,
      CASE WHEN n.referral_id IS NOT NULL THEN 'referral' WHEN n.signal_id IS NOT NULL THEN 'signal' WHEN n.match_id IS NOT NULL THEN 'match'
           WHEN n.meeting_id IS NOT NULL THEN 'meeting' WHEN n.case_id IS NOT NULL THEN 'case' ELSE 'none' END AS basis,
      who.id AS person_id, nullif(trim(who.given_name || ' ' || who.family_name), '') AS person_name,
      coalesce(rc.municipality_id, s.municipality_id, mp.municipality_id, c.municipality_id) AS municipality_id,
      (r.sender_id = ${userId} OR (r.id IS NOT NULL AND me.organisation_id = r.receiving_organisation_id)
        OR s.signaller_id = ${userId} OR mine.id IS NOT NULL) AS party,
      CASE
        WHEN n.kind = 'referral_new' THEN ru.display_name
        WHEN n.kind = 'signal_acknowledged' THEN sa.display_name
        WHEN n.kind = 'signal_decided' THEN sd.display_name
        WHEN n.signal_id IS NOT NULL THEN su.display_name
        WHEN n.match_id IS NOT NULL THEN ou.display_name
        WHEN n.meeting_id IS NOT NULL THEN chair.display_name
      END AS sender_name,
      CASE
        WHEN n.kind = 'referral_new' THEN rso.name
        WHEN n.referral_id IS NOT NULL THEN ro.name
        WHEN n.signal_id IS NOT NULL AND n.kind NOT IN ('signal_acknowledged', 'signal_decided') THEN so.name
        WHEN n.match_id IS NOT NULL THEN oo.name
      END AS sender_organisation,
      coalesce(rs.name, mt.name) AS subject,
      mtg.starts_at AS at
    FROM notifications n
    JOIN users me ON me.id = n.user_id
    LEFT JOIN referrals r ON r.id = n.referral_id
    LEFT JOIN cases rc ON rc.id = r.case_id
    LEFT JOIN services rs ON rs.id = r.service_id
    LEFT JOIN users ru ON ru.id = r.sender_id
    LEFT JOIN organisations rso ON rso.id = r.sender_organisation_id
    LEFT JOIN organisations ro ON ro.id = r.receiving_organisation_id
    LEFT JOIN signals s ON s.id = n.signal_id
    LEFT JOIN users su ON su.id = s.signaller_id
    LEFT JOIN organisations so ON so.id = s.organisation_id
    LEFT JOIN users sa ON sa.id = s.acknowledged_by_id
    LEFT JOIN users sd ON sd.id = s.decided_by_id
    LEFT JOIN matches m ON m.id = n.match_id
    LEFT JOIN involvement_registrations mine ON mine.id IN (m.registration_a_id, m.registration_b_id) AND mine.user_id = n.user_id
    LEFT JOIN involvement_registrations other ON other.id IN (m.registration_a_id, m.registration_b_id) AND other.id <> mine.id
    LEFT JOIN persons mp ON mp.id = mine.person_id
    LEFT JOIN users ou ON ou.id = other.user_id
    LEFT JOIN organisations oo ON oo.id = other.organisation_id
    LEFT JOIN meetings mtg ON mtg.id = n.meeting_id
    LEFT JOIN meeting_tables mt ON mt.id = mtg.table_id
    LEFT JOIN users chair ON chair.id = mtg.chair_id
    LEFT JOIN cases c ON c.id = n.case_id
    LEFT JOIN persons who ON who.id = coalesce(r.person_id, s.person_id, mine.person_id, CASE WHEN n.meeting_id IS NULL THEN c.client_id END)
    WHERE n.user_id = ${userId} AND n.id = ANY(${`{${ids.join(',')}}`}::uuid[])`);
  return new Map(
    res.rows.map((r) => {
      const personId = (r.person_id as string | null) ?? null;
      return [
        r.id as string,
        {
          id: r.id as string,
          basis: r.basis as NotificationContextRow['basis'],
          personId,
          personName: (r.person_name as string | null) ?? null,
          municipalityId: (r.municipality_id as string | null) ?? null,
          party: r.party === true,
          senderName: (r.sender_name as string | null) ?? null,
          senderOrganisation: (r.sender_organisation as string | null) ?? null,
          subject: (r.subject as string | null) ?? null,
          at: r.at ? new Date(r.at as string).toISOString() : null,
        },
      ];
    }),
  );
}
