import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface InvitationFacts {
  meetingId: string;
  tableName: string;
  startsAt: Date;
  endsAt: Date;
  place: string;
  videoUrl: string | null;
  link: string;
  organiser: { name: string; email: string };
  attendees: { name: string; email: string }[];
  /** Bumped for changes and cancellation, so calendars replace the earlier invitation. */
  sequence: number;
  cancelled?: boolean;
}

/**
 * The iCalendar invitation (RFC 5545, METHOD:REQUEST or CANCEL) made with ical-generator. It names the table, the
 * time and the place — never a family: the agenda is read in Knooppunt, where consent decides what each one sees.
 */
export function invitationIcs(f: InvitationFacts): string {
  const cal = ical({
    prodId: { company: 'Knooppunt', product: 'Knooppunt', language: 'NL' },
    method: f.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: 'Knooppunt',
  });
  cal.createEvent({
    id: `${f.meetingId}@knooppunt`,
    sequence: f.sequence,
    start: f.startsAt,
    end: f.endsAt,
    summary: f.tableName,
    location: f.place || f.videoUrl || '',
    url: f.link,
    description: `Agenda en verslag in Knooppunt: ${f.link}${f.videoUrl ? `\nVideoverbinding: ${f.videoUrl}` : ''}`,
    organizer: f.organiser,
    attendees: f.attendees.map((a) => ({ name: a.name, email: a.email, rsvp: true })),
    status: f.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
