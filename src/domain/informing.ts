/**
 * The letter (or e-mail) that tells parents — from 12 also the young person, from 16 only the young person — that a
 * professional registered involvement. It says *that*, by whom and until when; never why. Informing is not consent,
 * and the letter says so.
 */
export interface InformingFacts {
  recipients: ('parents' | 'young_person')[];
  personName: string;
  organisationName: string;
  professionalName: string;
  professionalPhone: string | null;
  professionalEmail: string | null;
  startDate: string;
  endDate: string;
}

const fmt = (iso: string, lang: 'nl' | 'en') =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function salutation(r: InformingFacts['recipients'], name: string, lang: 'nl' | 'en'): string {
  if (lang === 'nl') {
    if (r.length === 1 && r[0] === 'young_person') return `Beste ${name},`;
    if (r.includes('young_person')) return `Beste ouder(s) of verzorger(s), beste ${name},`;
    return 'Beste ouder(s) of verzorger(s),';
  }
  if (r.length === 1 && r[0] === 'young_person') return `Dear ${name},`;
  if (r.includes('young_person')) return `Dear parent(s) or carer(s), dear ${name},`;
  return 'Dear parent(s) or carer(s),';
}

/** The letter text in Dutch or English; plain language, no reason and no content of the registration. */
export function informingLetter(f: InformingFacts, lang: 'nl' | 'en'): { subject: string; body: string } {
  const contact = [f.professionalPhone, f.professionalEmail].filter(Boolean).join(lang === 'nl' ? ' of ' : ' or ');
  const onlyYoung = f.recipients.length === 1 && f.recipients[0] === 'young_person';
  if (lang === 'nl') {
    const about = onlyYoung ? 'u' : f.personName;
    return {
      subject: 'Wij hebben geregistreerd dat wij betrokken zijn',
      body: [
        salutation(f.recipients, f.personName, 'nl'),
        '',
        `${f.organisationName} heeft op ${fmt(f.startDate, 'nl')} vastgelegd dat ${f.professionalName} betrokken is bij ${about}. Dat doen wij zodat hulpverleners die ook betrokken zijn elkaar kunnen vinden en de hulp op elkaar kunnen afstemmen. Zo hoeft u uw verhaal niet steeds opnieuw te vertellen.`,
        '',
        `In de registratie staat alleen dát wij betrokken zijn: niet waarom, en geen gegevens over de hulp. De registratie loopt tot uiterlijk ${fmt(f.endDate, 'nl')} en wordt daarna automatisch beëindigd.`,
        '',
        'Dit is een bericht, geen vraag om toestemming. Als wij informatie over u willen delen, vragen wij u daar apart om.',
        '',
        `Heeft u vragen, of wilt u weten welke hulpverleners nog meer betrokken zijn? Neem dan contact op met ${f.professionalName}${contact ? ` (${contact})` : ''}.`,
        '',
        'Met vriendelijke groet,',
        f.professionalName,
        f.organisationName,
      ].join('\n'),
    };
  }
  const about = onlyYoung ? 'you' : f.personName;
  return {
    subject: 'We have registered that we are involved',
    body: [
      salutation(f.recipients, f.personName, 'en'),
      '',
      `On ${fmt(f.startDate, 'en')}, ${f.organisationName} recorded that ${f.professionalName} is involved with ${about}. We do this so that other professionals who are also involved can find each other and coordinate the help. That way you do not have to tell your story again and again.`,
      '',
      `The registration only says *that* we are involved: not why, and nothing about the help itself. It lasts until ${fmt(f.endDate, 'en')} at the latest and then ends automatically.`,
      '',
      'This is a notice, not a request for consent. If we want to share information about you, we will ask you separately.',
      '',
      `Do you have questions, or would you like to know which other professionals are involved? Please contact ${f.professionalName}${contact ? ` (${contact})` : ''}.`,
      '',
      'Kind regards,',
      f.professionalName,
      f.organisationName,
    ].join('\n'),
  };
}
