/**
 * Notification kinds and how they reach people. Every notification lands in the in-app centre; the user's
 * preference decides whether it also comes by e-mail at once, in the daily digest, or not by e-mail. Safety-critical
 * kinds always come at once: nobody can switch off an escalation or emergency access.
 */
export const NOTIFICATION_MODES = ['immediate', 'digest', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];

interface KindRule {
  safetyCritical: boolean;
  defaultMode: NotificationMode;
  /** The e-mail: a sentence without personal data, and the page the link opens. */
  mail: { nl: string; en: string };
}

export const NOTIFICATION_KINDS = {
  match: { safetyCritical: false, defaultMode: 'immediate', mail: { nl: 'Er is een nieuwe match voor u.', en: 'There is a new match for you.' } },
  signal: {
    safetyCritical: false,
    defaultMode: 'immediate',
    mail: { nl: 'Er is een nieuw signaal binnengekomen voor uw gemeente.', en: 'A new signal has arrived for your municipality.' },
  },
  signal_safety: {
    safetyCritical: true,
    defaultMode: 'immediate',
    mail: { nl: 'Er is een nieuw signaal met een veiligheidszorg binnengekomen.', en: 'A new signal with a safety concern has arrived.' },
  },
  signal_acknowledged: { safetyCritical: false, defaultMode: 'off', mail: { nl: 'Uw signaal is ontvangen.', en: 'Your signal was received.' } },
  signal_decided: { safetyCritical: false, defaultMode: 'digest', mail: { nl: 'Er is besloten over uw signaal.', en: 'A decision was made on your signal.' } },
  case_added: { safetyCritical: false, defaultMode: 'digest', mail: { nl: 'U bent toegevoegd aan een zorgteam.', en: 'You were added to a care team.' } },
  regie_proposed: { safetyCritical: false, defaultMode: 'immediate', mail: { nl: 'U bent voorgesteld als regisseur.', en: 'You were proposed as director.' } },
  regie_accepted: {
    safetyCritical: false,
    defaultMode: 'digest',
    mail: { nl: 'Een voorstel voor regie is geaccepteerd.', en: 'A regie proposal was accepted.' },
  },
  regie_declined: {
    safetyCritical: false,
    defaultMode: 'immediate',
    mail: { nl: 'Een voorstel voor regie is afgewezen.', en: 'A regie proposal was declined.' },
  },
  regie_escalated: {
    safetyCritical: true,
    defaultMode: 'immediate',
    mail: { nl: 'Een casus is te lang zonder casusregisseur.', en: 'A case has been without a case director for too long.' },
  },
  emergency_access: {
    safetyCritical: true,
    defaultMode: 'immediate',
    mail: { nl: 'Iemand gebruikte noodtoegang tot een casus.', en: 'Someone used emergency access to a case.' },
  },
  referral_new: {
    safetyCritical: false,
    defaultMode: 'immediate',
    mail: { nl: 'Er is een nieuwe verwijzing voor uw organisatie.', en: 'There is a new referral for your organisation.' },
  },
  referral_update: {
    safetyCritical: false,
    defaultMode: 'immediate',
    mail: { nl: 'Er is terugkoppeling op een verwijzing die u deed.', en: 'There is feedback on a referral you made.' },
  },
  referral_escalated: {
    safetyCritical: true,
    defaultMode: 'immediate',
    mail: { nl: 'Een verwijzing is niet binnen de responsnorm beantwoord.', en: 'A referral was not answered within the response norm.' },
  },
  meeting_invitation: {
    safetyCritical: false,
    defaultMode: 'immediate',
    mail: { nl: 'U bent uitgenodigd voor een overleg.', en: 'You are invited to a meeting.' },
  },
  minutes_adopted: {
    safetyCritical: false,
    defaultMode: 'digest',
    mail: { nl: 'Het verslag van een overleg is vastgesteld.', en: 'The minutes of a meeting were adopted.' },
  },
  agreement_review: {
    safetyCritical: false,
    defaultMode: 'immediate',
    mail: { nl: 'Een samenwerkingsafspraak moet binnenkort worden herzien.', en: 'A collaboration agreement is due for review soon.' },
  },
} satisfies Record<string, KindRule>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_KIND_NAMES = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(k: string): k is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, k);
}

/** How a kind reaches this user: the safety-critical always at once, otherwise their preference or the default. */
export function deliveryMode(kind: NotificationKind, preference: NotificationMode | undefined): NotificationMode {
  const rule: KindRule = NOTIFICATION_KINDS[kind];
  if (rule.safetyCritical) return 'immediate';
  return preference ?? rule.defaultMode;
}
