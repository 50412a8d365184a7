import { eq, sql } from 'drizzle-orm';
import type { OpeningHours, ServiceInput } from '../../domain/directory.js';
import { toE164 } from '../../domain/directory.js';
import type { Db } from '../db/client.js';
import {
  locations,
  municipalities,
  organisations,
  people,
  personMunicipalities,
  programmes,
  serviceContacts,
  serviceLocations,
  serviceMunicipalities,
  services,
  users,
} from '../db/schema.js';

// Programmes named in the source documents (domain.md §2); descriptions in our own words.
const PROGRAMMES = [
  {
    name: 'VoorZorg',
    description: 'Intensieve huisbezoeken door een VoorZorg-verpleegkundige aan jonge, kwetsbare zwangeren, van de zwangerschap tot het kind twee jaar is.',
  },
  {
    name: 'Stevig Ouderschap',
    description: 'Preventieve huisbezoeken door de jeugdverpleegkundige aan ouders met risicofactoren, in de eerste anderhalf jaar na de geboorte.',
  },
  { name: 'Nu Niet Zwanger', description: 'Ondersteuning bij bewuste keuzes over kinderwens en anticonceptie voor mensen in een kwetsbare situatie.' },
  {
    name: 'Centering Zwangerschap',
    description: 'Zwangerschapszorg in groepen van acht tot twaalf zwangeren, met ruimte voor voorlichting en lotgenotencontact.',
  },
  { name: 'VVE', description: 'Voor- en vroegschoolse educatie: extra ontwikkelingsstimulering voor peuters met een (risico op) achterstand.' },
  { name: 'SMI kinderopvang', description: 'Kinderopvang op sociaal-medische indicatie, wanneer een ouder tijdelijk niet voor het kind kan zorgen.' },
];

const weekdays = (opens: string, closes: string, days: OpeningHours['day'][] = ['mo', 'tu', 'we', 'th', 'fr']): OpeningHours[] =>
  days.map((day) => ({ day, opens, closes }));

const LOCATIONS: {
  org: string;
  name: string;
  address: string;
  postcode: string;
  city: string;
  municipality: string;
  openingHours: OpeningHours[];
  accessibility: string;
}[] = [
  {
    org: 'JGZ Zuid-Limburg (demo)',
    name: 'Consultatiebureau Kerkrade-West',
    address: 'Hoofdstraat 12',
    postcode: '6461 CV',
    city: 'Kerkrade',
    municipality: 'Kerkrade',
    openingHours: weekdays('08:30', '16:30'),
    accessibility: 'Rolstoeltoegankelijk, invalidenparkeerplaats voor de deur.',
  },
  {
    org: 'Verloskundigenpraktijk De Wieg',
    name: 'Praktijk De Wieg',
    address: 'Markt 3',
    postcode: '6461 EC',
    city: 'Kerkrade',
    municipality: 'Kerkrade',
    openingHours: weekdays('08:00', '17:00'),
    accessibility: 'Begane grond.',
  },
  {
    org: 'Huisartsenpraktijk Holz',
    name: 'Gezondheidscentrum Holz',
    address: 'Holzstraat 100',
    postcode: '6461 HL',
    city: 'Kerkrade',
    municipality: 'Kerkrade',
    openingHours: weekdays('08:00', '17:00'),
    accessibility: 'Lift aanwezig.',
  },
  {
    org: 'Centrum voor Jeugd en Gezin Parkstad',
    name: 'CJG Landgraaf',
    address: 'Raadhuisplein 1',
    postcode: '6371 AA',
    city: 'Landgraaf',
    municipality: 'Landgraaf',
    openingHours: [...weekdays('09:00', '12:30'), { day: 'we' as const, opens: '13:30', closes: '17:00' }],
    accessibility: 'Rolstoeltoegankelijk.',
  },
  {
    org: 'Kinderopvang Het Speelhuis',
    name: 'Het Speelhuis',
    address: 'Kloosterweg 25',
    postcode: '6291 AB',
    city: 'Vaals',
    municipality: 'Vaals',
    openingHours: weekdays('07:30', '18:30'),
    accessibility: 'Gelijkvloers.',
  },
];

type SeedService = Partial<ServiceInput> & {
  org: string;
  programme?: string;
  name: string;
  summary: string;
  description: string;
  location?: string;
  contacts?: string[];
  confirmedMonthsAgo?: number;
};

const ALL = ['Kerkrade', 'Landgraaf', 'Vaals'];
const SERVICES: (SeedService & { municipalities?: string[] })[] = [
  {
    org: 'JGZ Zuid-Limburg (demo)',
    programme: 'VoorZorg',
    name: 'VoorZorg Parkstad',
    summary: 'Intensieve begeleiding aan huis voor jonge zwangeren in een kwetsbare situatie.',
    description:
      'Een vaste VoorZorg-verpleegkundige bezoekt de zwangere thuis, vanaf de zwangerschap tot het kind twee jaar is. Samen werken aan een gezonde zwangerschap, een veilige opvoeding en eigen doelen (school, werk, relaties).',
    eligibility:
      'Eerste kind, jonger dan 26 jaar, met risicofactoren zoals weinig steun, geldzorgen of psychische klachten. Aanmelden voor 28 weken zwangerschap.',
    pregnancyFromWeek: 16,
    maxAgeMonths: 24,
    targetGroups: ['pregnancy', 'age_0_2', 'parents'],
    phases: ['steun_op_maat'],
    lifeDomains: ['mentaal_welbevinden', 'dagelijks_functioneren', 'meedoen'],
    languages: ['nl', 'en', 'ar'],
    howToRefer: 'Bel de JGZ-coördinator VoorZorg of meld aan via de verloskundige of huisarts.',
    referralInclude: 'Termijn van de zwangerschap, belangrijkste zorgen, of de zwangere akkoord is met aanmelding.',
    waitingWeeks: 0,
    responseNormWorkingDays: 3,
    location: 'Consultatiebureau Kerkrade-West',
    contacts: ['Joke Janssen'],
    isPublic: true,
  },
  {
    org: 'JGZ Zuid-Limburg (demo)',
    programme: 'Stevig Ouderschap',
    name: 'Stevig Ouderschap',
    summary: 'Extra huisbezoeken door de jeugdverpleegkundige in het eerste jaar na de geboorte.',
    description: 'Zes huisbezoeken in de eerste anderhalf jaar, gericht op zelfvertrouwen als ouder, het netwerk en de band met het kind.',
    eligibility: 'Ouders van een pasgeborene met een of meer risicofactoren; na een gesprek met de jeugdverpleegkundige.',
    minAgeMonths: 0,
    maxAgeMonths: 18,
    targetGroups: ['age_0_2', 'parents'],
    phases: ['steun_op_maat'],
    lifeDomains: ['mentaal_welbevinden', 'kwaliteit_van_leven'],
    languages: ['nl', 'tr'],
    howToRefer: 'Via de jeugdverpleegkundige van het consultatiebureau.',
    waitingWeeks: 2,
    responseNormWorkingDays: 5,
    location: 'Consultatiebureau Kerkrade-West',
    contacts: ['Ahmed El Amrani'],
    isPublic: true,
  },
  {
    org: 'Centrum voor Jeugd en Gezin Parkstad',
    programme: 'Nu Niet Zwanger',
    name: 'Nu Niet Zwanger – gesprek over kinderwens',
    summary: 'Gesprekken over kinderwens en anticonceptie, met hulp om keuzes waar te maken.',
    description: 'Een getrainde professional gaat in gesprek over kinderwens en regelt zo nodig gratis anticonceptie. Vrijwillig en zonder oordeel.',
    minAgeMonths: 16 * 12,
    targetGroups: ['parents'],
    phases: ['signaleren', 'steun_op_maat'],
    lifeDomains: ['lichaamsfuncties', 'zingeving'],
    accessType: 'free_access',
    howToRefer: 'Bel of mail het CJG; een warme overdracht in een gezamenlijk gesprek kan.',
    responseNormWorkingDays: 5,
    location: 'CJG Landgraaf',
    contacts: ['Tom Schmitz'],
    isPublic: true,
  },
  {
    org: 'Verloskundigenpraktijk De Wieg',
    programme: 'Centering Zwangerschap',
    name: 'Centering Zwangerschap De Wieg',
    summary: 'Zwangerschapscontroles in een groep met andere zwangeren.',
    description:
      'Tien bijeenkomsten van twee uur met acht tot twaalf zwangeren die rond dezelfde tijd uitgerekend zijn. Controles, voorlichting en ervaringen delen.',
    pregnancyFromWeek: 12,
    maxAgeMonths: 0,
    targetGroups: ['pregnancy'],
    phases: ['signaleren', 'steun_op_maat'],
    lifeDomains: ['lichaamsfuncties', 'meedoen'],
    howToRefer: 'Aanmelden bij de praktijk, ook zonder verwijzing.',
    waitingWeeks: 0,
    responseNormWorkingDays: 2,
    location: 'Praktijk De Wieg',
    contacts: ['Vera Verloskundige'],
    confirmedMonthsAgo: 8,
    isPublic: true,
  },
  {
    org: 'Kraamzorg Parkstad',
    name: 'Prenataal huisbezoek en kraamzorg plus',
    summary: 'Huisbezoek tijdens de zwangerschap en extra kraamzorguren bij een kwetsbare start.',
    description:
      'De kraamverzorgende komt voor de bevalling kennismaken en bekijkt wat nodig is. Bij zorgen zijn extra uren kraamzorg mogelijk. Gesprekken zo nodig met een telefonische tolk.',
    pregnancyFromWeek: 30,
    maxAgeMonths: 1,
    targetGroups: ['pregnancy', 'age_0_2'],
    phases: ['signaleren', 'steun_op_maat'],
    costType: 'insured',
    costNote: 'Eigen bijdrage volgens de zorgverzekering.',
    howToRefer: 'Inschrijven bij Kraamzorg Parkstad, bij voorkeur voor 20 weken.',
    responseNormWorkingDays: 2,
    contacts: ['Sanne Bemelmans'],
    isPublic: true,
  },
  {
    org: 'Kinderopvang Het Speelhuis',
    programme: 'VVE',
    name: 'Voorschoolse educatie (VVE) Het Speelhuis',
    summary: 'Peuteropvang met extra taal- en ontwikkelingsstimulering.',
    description: 'Vier dagdelen per week spelend leren in een kleine groep, met een VVE-programma en ouderbetrokkenheid.',
    minAgeMonths: 24,
    maxAgeMonths: 48,
    targetGroups: ['age_2_4'],
    phases: ['steun_op_maat'],
    lifeDomains: ['meedoen', 'dagelijks_functioneren'],
    accessType: 'referral_needed',
    costType: 'own_contribution',
    howToRefer: 'Indicatie via de JGZ (consultatiebureau).',
    referralInclude: 'VVE-indicatie van de JGZ.',
    waitingWeeks: 4,
    responseNormWorkingDays: 5,
    location: 'Het Speelhuis',
    contacts: ['Linda Custers'],
    municipalities: ['Vaals', 'Kerkrade'],
    isPublic: true,
  },
  {
    org: 'Kinderopvang Het Speelhuis',
    programme: 'SMI kinderopvang',
    name: 'Kinderopvang op sociaal-medische indicatie',
    summary: 'Tijdelijke opvang als een ouder door ziekte of een crisis niet voor het kind kan zorgen.',
    description: 'Opvang op een vaste groep voor een afgesproken periode, betaald door de gemeente.',
    minAgeMonths: 0,
    maxAgeMonths: 48,
    targetGroups: ['age_0_2', 'age_2_4'],
    phases: ['steun_op_maat'],
    lifeDomains: ['dagelijks_functioneren'],
    accessType: 'referral_needed',
    howToRefer: 'Aanvraag bij de gemeente met een verklaring van huisarts, verloskundige of JGZ.',
    waitingWeeks: 1,
    responseNormWorkingDays: 5,
    location: 'Het Speelhuis',
    municipalities: ['Vaals', 'Kerkrade'],
  },
  {
    org: 'Centrum voor Jeugd en Gezin Parkstad',
    name: 'Opvoedspreekuur CJG',
    summary: 'Vrij inloopspreekuur voor vragen over opvoeden en opgroeien.',
    description: 'Ouders kunnen zonder afspraak terecht met vragen over slapen, eten, huilen, grenzen stellen of zorgen over de ontwikkeling.',
    minAgeMonths: 0,
    maxAgeMonths: 18 * 12,
    targetGroups: ['age_0_2', 'age_2_4', 'age_4_7', 'age_7_plus', 'parents'],
    phases: ['signaleren', 'verkennen'],
    lifeDomains: ['mentaal_welbevinden', 'kwaliteit_van_leven'],
    languages: ['nl', 'en', 'de'],
    howToRefer: 'Vrij toegankelijk; professionals kunnen ouders ook telefonisch aankondigen.',
    waitingWeeks: 0,
    responseNormWorkingDays: 2,
    location: 'CJG Landgraaf',
    isPublic: true,
  },
  {
    org: 'Sociaal Team Kerkrade',
    name: 'Hulp bij geldzaken, wonen en werk',
    summary: 'Sociaal werkers helpen bij schulden, huisvesting, uitkering en werk.',
    description: 'Een vaste sociaal werker kijkt met het gezin naar alle leefgebieden en zet zo nodig andere hulp in. Ook voor zwangeren met geldzorgen.',
    targetGroups: ['pregnancy', 'parents'],
    phases: ['verkennen', 'steun_op_maat'],
    lifeDomains: ['dagelijks_functioneren', 'meedoen', 'kwaliteit_van_leven'],
    languages: ['nl', 'en', 'pl', 'ar'],
    howToRefer: 'Bel het Sociaal Team; bij zorgen over een zwangere kan een gezamenlijk huisbezoek.',
    waitingWeeks: 1,
    responseNormWorkingDays: 3,
    contacts: ['Tom Schmitz'],
    municipalities: ['Kerkrade'],
    isPublic: true,
  },
  {
    org: 'Wijkteam Landgraaf',
    name: 'Gezinsondersteuning Wijkteam Landgraaf',
    summary: 'Praktische en pedagogische ondersteuning thuis voor gezinnen met jonge kinderen.',
    description: 'Kortdurende begeleiding thuis bij opvoeding, dagstructuur en het netwerk rond het gezin.',
    minAgeMonths: 0,
    maxAgeMonths: 12 * 12,
    targetGroups: ['age_0_2', 'age_2_4', 'age_4_7', 'age_7_plus', 'parents'],
    phases: ['verkennen', 'steun_op_maat'],
    lifeDomains: ['dagelijks_functioneren', 'mentaal_welbevinden'],
    accessType: 'referral_needed',
    howToRefer: 'Na een keukentafelgesprek met het wijkteam (beschikking).',
    waitingWeeks: 6,
    responseNormWorkingDays: 5,
    municipalities: ['Landgraaf'],
  },
  {
    org: 'Huisartsenpraktijk Holz',
    name: 'POH-GGZ spreekuur voor (aanstaande) ouders',
    summary: 'Kortdurende begeleiding bij somberheid, angst of stress rond zwangerschap en ouderschap.',
    description: 'Vijf tot acht gesprekken met de praktijkondersteuner GGZ; bij zwaardere klachten volgt verwijzing naar de GGZ.',
    targetGroups: ['pregnancy', 'parents'],
    phases: ['signaleren', 'steun_op_maat'],
    lifeDomains: ['mentaal_welbevinden'],
    accessType: 'referral_needed',
    costType: 'insured',
    howToRefer: 'Via de huisarts.',
    waitingWeeks: 2,
    responseNormWorkingDays: 5,
    location: 'Gezondheidscentrum Holz',
    contacts: ['Petra Hermans'],
    municipalities: ['Kerkrade'],
  },
  {
    org: 'GGZ Parkstad Jong',
    name: 'Ouder-kindbehandeling bij depressie na de bevalling',
    summary: 'Behandeling van moeder en baby samen bij postpartumdepressie of hechtingsproblemen.',
    description: 'Behandeling door een GZ-psycholoog en een ouder-kindtherapeut, thuis of op de polikliniek.',
    minAgeMonths: 0,
    maxAgeMonths: 24,
    targetGroups: ['age_0_2', 'parents'],
    phases: ['steun_op_maat'],
    lifeDomains: ['mentaal_welbevinden'],
    accessType: 'referral_needed',
    costType: 'insured',
    howToRefer: 'Verwijzing door huisarts, verloskundige of jeugdarts.',
    referralInclude: 'Verwijsbrief met klachten, duur en wat al geprobeerd is.',
    waitingWeeks: 8,
    responseNormWorkingDays: 10,
    acceptsNewClients: false,
    contacts: ['Yusuf Demir'],
  },
  {
    org: 'Basisschool De Regenboog',
    name: 'Ondersteuningsteam Plus De Regenboog',
    summary: 'Overleg van school, ouders, JGZ en wijkteam over een leerling die extra steun nodig heeft.',
    description: 'De intern begeleider brengt ouders en professionals samen aan tafel om één plan te maken.',
    minAgeMonths: 48,
    maxAgeMonths: 12 * 12,
    targetGroups: ['age_4_7', 'age_7_plus', 'parents'],
    phases: ['verkennen'],
    lifeDomains: ['meedoen', 'mentaal_welbevinden'],
    howToRefer: 'Via de intern begeleider, met toestemming van de ouders.',
    responseNormWorkingDays: 10,
    contacts: ['Marieke Vaessen'],
    municipalities: ['Kerkrade'],
  },
  {
    org: 'Knooppunt Kansrijke Start Parkstad',
    name: 'Knooppunt Kansrijke Start: consultatie en casusregie',
    summary: 'Vraag advies over een zwangere of jong gezin, of meld een zorg aan voor afstemming in de keten.',
    description: 'De coördinator denkt mee, brengt de juiste partners aan tafel en zorgt dat er één casusregisseur is.',
    targetGroups: ['pregnancy', 'age_0_2', 'parents'],
    phases: ['signaleren', 'verkennen'],
    lifeDomains: ['dagelijks_functioneren', 'mentaal_welbevinden', 'meedoen'],
    howToRefer: 'Bel of mail de coördinator; anoniem consulteren kan.',
    waitingWeeks: 0,
    responseNormWorkingDays: 2,
    contacts: ['Carla Coördinator'],
    isPublic: true,
  },
];

const PEOPLE = [
  {
    org: 'Verloskundigenpraktijk De Wieg',
    name: 'Vera Verloskundige',
    jobTitle: 'Verloskundige',
    phone: '0900-1110101',
    email: 'verloskundige@demo.knooppunt.nl',
    reachability: 'Ma–vr 8.00–17.00; spoed via de praktijklijn',
    expertise: ['Centering Zwangerschap', 'kwetsbare zwangeren'],
    meetingTables: ['RTO Kerkrade'],
    user: 'verloskundige@demo.knooppunt.nl',
    municipalities: ['Kerkrade', 'Landgraaf'],
  },
  {
    org: 'Knooppunt Kansrijke Start Parkstad',
    name: 'Carla Coördinator',
    jobTitle: 'Coördinator Knooppunt Kansrijke Start',
    phone: '0900-1110102',
    email: 'coordinator@demo.knooppunt.nl',
    reachability: 'Ma, di, do 9.00–16.00',
    expertise: ['casusregie', 'meldcode'],
    meetingTables: ['RTO Kerkrade', 'MDO Integrale Vroeghulp'],
    user: 'coordinator@demo.knooppunt.nl',
    municipalities: ALL,
  },
  {
    org: 'JGZ Zuid-Limburg (demo)',
    name: 'Joke Janssen',
    jobTitle: 'VoorZorg-verpleegkundige',
    phone: '0900-1110103',
    email: 'j.janssen@jgz.demo.knooppunt.nl',
    reachability: 'Di–vr, bij voorkeur tussen 8.30 en 10.00',
    expertise: ['VoorZorg', 'tienermoeders'],
    meetingTables: ['RTO Kerkrade'],
    municipalities: ALL,
  },
  {
    org: 'JGZ Zuid-Limburg (demo)',
    name: 'Ahmed El Amrani',
    jobTitle: 'Jeugdverpleegkundige',
    phone: '0900-1110104',
    email: 'a.elamrani@jgz.demo.knooppunt.nl',
    reachability: 'Ma–do 8.30–16.30',
    expertise: ['Stevig Ouderschap', 'borstvoeding'],
    meetingTables: ['Ondersteuningsteam Plus De Regenboog'],
    municipalities: ['Kerkrade'],
  },
  {
    org: 'Huisartsenpraktijk Holz',
    name: 'Petra Hermans',
    jobTitle: 'Praktijkondersteuner GGZ',
    phone: '0900-1110105',
    email: 'p.hermans@holz.demo.knooppunt.nl',
    reachability: 'Di en do, terugbelspreekuur 12.30–13.00',
    expertise: ['angst en somberheid', 'postpartumdepressie'],
    meetingTables: [],
    municipalities: ['Kerkrade'],
  },
  {
    org: 'Kraamzorg Parkstad',
    name: 'Sanne Bemelmans',
    jobTitle: 'Kraamverzorgende',
    phone: '0900-1110106',
    email: 's.bemelmans@kraamzorg.demo.knooppunt.nl',
    reachability: 'Via de planning, dagelijks 8.00–20.00',
    expertise: ['kraamzorg plus'],
    meetingTables: [],
    municipalities: ALL,
  },
  {
    org: 'Sociaal Team Kerkrade',
    name: 'Tom Schmitz',
    jobTitle: 'Sociaal werker',
    phone: '0900-1110107',
    email: 't.schmitz@sociaalteam.demo.knooppunt.nl',
    reachability: 'Ma–vr 9.00–17.00',
    expertise: ['schulden', 'huisvesting', 'Nu Niet Zwanger'],
    meetingTables: ['RTO Kerkrade'],
    municipalities: ['Kerkrade'],
  },
  {
    org: 'Kinderopvang Het Speelhuis',
    name: 'Linda Custers',
    jobTitle: 'Pedagogisch medewerker VVE',
    phone: '0900-1110108',
    email: 'l.custers@speelhuis.demo.knooppunt.nl',
    reachability: 'Ma–vr na 13.00',
    expertise: ['VVE', 'taalontwikkeling'],
    meetingTables: [],
    municipalities: ['Vaals'],
  },
  {
    org: 'GGZ Parkstad Jong',
    name: 'Yusuf Demir',
    jobTitle: 'GZ-psycholoog',
    phone: '0900-1110109',
    email: 'y.demir@ggz.demo.knooppunt.nl',
    reachability: 'Wo en vr',
    expertise: ['ouder-kindbehandeling', 'hechting'],
    meetingTables: ['MDO Integrale Vroeghulp'],
    municipalities: ALL,
  },
  {
    org: 'Basisschool De Regenboog',
    name: 'Marieke Vaessen',
    jobTitle: 'Intern begeleider',
    phone: '0900-1110110',
    email: 'm.vaessen@regenboog.demo.knooppunt.nl',
    reachability: 'Ma, di, do tot 15.00',
    expertise: ['passend onderwijs'],
    meetingTables: ['Ondersteuningsteam Plus De Regenboog'],
    municipalities: ['Kerkrade'],
  },
];

const monthsAgo = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - n);
  return d;
};

/**
 * Loads the demo sociale kaart and smoelenboek for the demo region once (also into a demo database created
 * before this data existed). Returns false when programmes were already there.
 */
export async function seedDemoDirectory(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7513002)`);
    if ((await tx.select({ id: programmes.id }).from(programmes).limit(1)).length) return false;
    const orgs = await tx.select().from(organisations);
    const org = (name: string) => {
      const o = orgs.find((x) => x.name === name);
      if (!o) throw new Error(`demo organisation missing: ${name}`);
      return o;
    };
    if (!orgs.some((o) => o.name === 'Verloskundigenpraktijk De Wieg')) return false;
    const munis = await tx.select().from(municipalities);
    const muni = (name: string) => munis.find((m) => m.name === name)!.id;
    const progs = await tx.insert(programmes).values(PROGRAMMES).returning();
    const locs = await tx
      .insert(locations)
      .values(LOCATIONS.map(({ org: o, municipality, ...l }) => ({ ...l, organisationId: org(o).id, municipalityId: muni(municipality) })))
      .returning();
    const demoUsers = await tx.select({ id: users.id, email: users.email }).from(users);
    const cards = [];
    for (const { org: o, municipalities: ms, user, phone, ...p } of PEOPLE) {
      const [card] = await tx
        .insert(people)
        .values({ ...p, phone: toE164(phone), organisationId: org(o).id, userId: user ? (demoUsers.find((u) => u.email === user)?.id ?? null) : null })
        .returning();
      await tx.insert(personMunicipalities).values(ms.map((m) => ({ personId: card!.id, municipalityId: muni(m) })));
      cards.push(card!);
    }
    for (const { org: o, programme, location, contacts, municipalities: ms, confirmedMonthsAgo, ...s } of SERVICES) {
      const [row] = await tx
        .insert(services)
        .values({
          ...s,
          organisationId: org(o).id,
          programmeId: programme ? progs.find((p) => p.name === programme)!.id : null,
          waitingStatedOn: s.waitingWeeks !== undefined ? new Date().toISOString().slice(0, 10) : null,
          lastConfirmedAt: confirmedMonthsAgo ? monthsAgo(confirmedMonthsAgo) : new Date(),
        })
        .returning();
      await tx.insert(serviceMunicipalities).values((ms ?? ALL).map((m) => ({ serviceId: row!.id, municipalityId: muni(m) })));
      if (location) await tx.insert(serviceLocations).values({ serviceId: row!.id, locationId: locs.find((l) => l.name === location)!.id });
      for (const c of contacts ?? []) await tx.insert(serviceContacts).values({ serviceId: row!.id, personId: cards.find((p) => p.name === c)!.id });
    }
    // The demo midwife holds the editor right for her practice, so the demo shows self-maintenance.
    await tx.update(users).set({ directoryEditor: true }).where(eq(users.email, 'verloskundige@demo.knooppunt.nl'));
    // Every demo account has its card, as every account does (migration 0028): the ones above, the rest made now.
    await tx.execute(sql`SELECT count(*) FROM kp_ensure_user_cards()`);
    return true;
  });
}
