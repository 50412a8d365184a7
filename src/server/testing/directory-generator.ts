import { fakerNL as faker } from '@faker-js/faker';
import { sql } from 'drizzle-orm';
import { ACCESS_TYPES, CARE_PHASES, COST_TYPES, LANGUAGES, LIFE_DOMAINS, TARGET_GROUPS, toE164 } from '../../domain/directory.js';
import { ORGANISATION_TYPES } from '../../domain/organisations.js';
import type { Db } from '../db/client.js';
import { municipalities, organisations, people, personMunicipalities, programmes, regions, serviceMunicipalities, services } from '../db/schema.js';
import { NL_MUNICIPALITIES } from '../seed/nl-municipalities.js';

const SERVICE_KINDS = [
  ['Zwangerschapsbegeleiding', 'Begeleiding tijdens de zwangerschap voor zwangeren met zorgen over geld, wonen of gezondheid.'],
  ['Kraamzorg plus', 'Extra uren kraamzorg na de bevalling voor gezinnen die een kwetsbare start maken.'],
  ['Opvoedondersteuning', 'Korte hulp bij vragen over opvoeden en opgroeien, thuis of op het spreekuur.'],
  ['Schuldhulpverlening', 'Hulp bij schulden en geldzaken, ook tijdens de zwangerschap.'],
  ['Peuteropvang', 'Spelen en leren voor peuters, met extra aandacht voor taal.'],
  ['Gezinscoach', 'Een vaste coach die met het hele gezin werkt aan rust en overzicht.'],
  ['Jeugdverpleegkundig spreekuur', 'Vragen over groei, voeding en ontwikkeling van baby en peuter.'],
  ['Taalcafé voor ouders', 'Nederlands oefenen met andere ouders, met kinderopvang erbij.'],
  ['Ouder-kindgroep', 'Wekelijkse groep voor ouders en jonge kinderen, met spel en uitwisseling.'],
  ['Praktijkondersteuning GGZ', 'Kortdurende begeleiding bij somberheid, angst en stress rond het ouderschap.'],
  ['Huisbezoeken jonge moeders', 'Intensieve huisbezoeken aan jonge moeders door een vaste verpleegkundige.'],
  ['Maatschappelijk werk', 'Ondersteuning bij relatieproblemen, huiselijk geweld en praktische zorgen.'],
  ['Voorlichting anticonceptie', 'Gesprekken over kinderwens en anticonceptie, zonder oordeel.'],
  ['Borstvoedingsspreekuur', 'Lactatiekundige hulp bij borstvoeding in de eerste weken.'],
  ['Buurtgezinnen', 'Een steungezin uit de buurt dat een gezin ontlast.'],
] as const;

const pick = <T>(xs: readonly T[]) => xs[faker.number.int(xs.length - 1)]!;
const some = <T>(xs: readonly T[], min: number, max: number) => faker.helpers.arrayElements(xs as T[], { min, max });

export interface GenerateOptions {
  organisations: number;
  services: number;
  people: number;
  seed?: number;
  /** Share of services marked public (the anonymous HSDS API serves those). */
  publicShare?: number;
  onProgress?: (what: string, done: number, total: number) => void;
}

async function insertBatched<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>, progress?: (done: number) => void) {
  for (let i = 0; i < rows.length; i += size) {
    await insert(rows.slice(i, i + size));
    progress?.(Math.min(i + size, rows.length));
  }
}

/** The 342 real municipalities (CBS codes) in their provinces; those already present (the demo region's) are reused. */
export async function ensureNationalMunicipalities(db: Db) {
  const munis: { id: string; regionId: string; name: string }[] = [];
  // Municipalities already present (the demo region's, say) are reused, not duplicated.
  const existing = new Map(
    (await db.select({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name }).from(municipalities)).map((m) => [
      m.name.toLowerCase(),
      m,
    ]),
  );
  for (const [province, list] of Object.entries(NL_MUNICIPALITIES)) {
    const [region] = await db
      .insert(regions)
      .values({ name: `Provincie ${province}` })
      .onConflictDoUpdate({ target: regions.name, set: { name: sql`excluded.name` } })
      .returning();
    const missing = list.filter(([, name]) => !existing.has(name.toLowerCase()));
    munis.push(...list.filter(([, name]) => existing.has(name.toLowerCase())).map(([, name]) => existing.get(name.toLowerCase())!));
    if (missing.length)
      munis.push(
        ...(await db
          .insert(municipalities)
          .values(missing.map(([cbsCode, name]) => ({ regionId: region!.id, name, cbsCode })))
          .returning({ id: municipalities.id, regionId: municipalities.regionId, name: municipalities.name })),
      );
  }
  return munis;
}

/**
 * A synthetic national directory: the 342 real municipalities in one region per province, and as many
 * organisations, services and people as asked, spread over them. Deterministic for a given seed.
 */
export async function generateDirectory(db: Db, o: GenerateOptions) {
  faker.seed(o.seed ?? 7513);
  const munis = await ensureNationalMunicipalities(db);
  let progs = await db.select({ id: programmes.id }).from(programmes);
  if (!progs.length)
    progs = await db
      .insert(programmes)
      .values(
        ['VoorZorg', 'Stevig Ouderschap', 'Nu Niet Zwanger', 'Centering Zwangerschap', 'VVE', 'SMI kinderopvang'].map((name) => ({ name, description: name })),
      )
      .returning({ id: programmes.id });

  const orgRows = Array.from({ length: o.organisations }, (_, i) => {
    const home = pick(munis);
    return {
      regionId: home.regionId,
      name: `${faker.company.name()} ${home.name} ${i + 1}`,
      type: pick(ORGANISATION_TYPES),
      phone: toE164(`0${faker.string.numeric({ length: 1, allowLeadingZeros: false })}${faker.string.numeric(8)}`) ?? '+31201234567',
      email: faker.internet.email({ provider: 'voorbeeld.nl' }).toLowerCase(),
      description: faker.company.catchPhrase(),
      lastConfirmedAt: faker.date.past({ years: 1 }),
    };
  });
  const orgs: { id: string; regionId: string }[] = [];
  await insertBatched(
    orgRows,
    1000,
    async (batch) => orgs.push(...(await db.insert(organisations).values(batch).returning({ id: organisations.id, regionId: organisations.regionId }))),
    (n) => o.onProgress?.('organisations', n, o.organisations),
  );
  const muniByRegion = new Map<string, typeof munis>();
  for (const m of munis) muniByRegion.set(m.regionId, [...(muniByRegion.get(m.regionId) ?? []), m]);

  const serviceRows = Array.from({ length: o.services }, () => {
    const org = pick(orgs);
    const [kind, description] = pick(SERVICE_KINDS);
    const area = some(muniByRegion.get(org.regionId)!, 1, 3);
    const pregnancy = faker.datatype.boolean(0.3);
    const minAge = pregnancy ? null : faker.number.int({ min: 0, max: 48 });
    return {
      row: {
        organisationId: org.id,
        programmeId: faker.datatype.boolean(0.2) ? pick(progs).id : null,
        name: `${kind} ${area[0]!.name}`,
        summary: description,
        description: `${description} ${faker.lorem.sentence()}`,
        pregnancyFromWeek: pregnancy ? faker.number.int({ min: 8, max: 30 }) : null,
        minAgeMonths: minAge,
        maxAgeMonths: (minAge ?? 0) + faker.number.int({ min: 12, max: 120 }),
        targetGroups: some(TARGET_GROUPS, 1, 3),
        phases: some(CARE_PHASES, 1, 2),
        lifeDomains: some(LIFE_DOMAINS, 1, 3),
        languages: [
          'nl',
          ...some(
            LANGUAGES.filter((l) => l !== 'nl'),
            0,
            2,
          ),
        ],
        costType: pick(COST_TYPES),
        accessType: pick(ACCESS_TYPES),
        howToRefer: 'Bel of mail het team; een warme overdracht kan.',
        waitingWeeks: faker.number.int({ min: 0, max: 12 }),
        waitingStatedOn: faker.date.recent({ days: 60 }).toISOString().slice(0, 10),
        responseNormWorkingDays: faker.number.int({ min: 1, max: 10 }),
        acceptsNewClients: faker.datatype.boolean(0.8),
        isPublic: faker.datatype.boolean(o.publicShare ?? 0.7),
        lastConfirmedAt: faker.date.past({ years: 1 }),
      },
      area: area.map((m) => m.id),
    };
  });
  await insertBatched(
    serviceRows,
    1000,
    async (batch) => {
      const ids = await db
        .insert(services)
        .values(batch.map((b) => b.row))
        .returning({ id: services.id });
      await db.insert(serviceMunicipalities).values(batch.flatMap((b, i) => b.area.map((municipalityId) => ({ serviceId: ids[i]!.id, municipalityId }))));
    },
    (n) => o.onProgress?.('services', n, o.services),
  );

  const peopleRows = Array.from({ length: o.people }, () => {
    const org = pick(orgs);
    return {
      row: {
        organisationId: org.id,
        name: faker.person.fullName(),
        jobTitle: pick([
          'Jeugdverpleegkundige',
          'Verloskundige',
          'Sociaal werker',
          'Kraamverzorgende',
          'Jeugdarts',
          'Intern begeleider',
          'POH-GGZ',
          'Gezinscoach',
        ]),
        phone: toE164(`06${faker.string.numeric(8)}`),
        email: faker.internet.email({ provider: 'voorbeeld.nl' }).toLowerCase(),
        reachability: 'Ma–vr 9.00–17.00',
        expertise: some(['VoorZorg', 'borstvoeding', 'schulden', 'huisvesting', 'hechting', 'taalontwikkeling', 'meldcode', 'tienermoeders'], 1, 3),
        lastConfirmedAt: faker.date.past({ years: 1 }),
      },
      area: some(muniByRegion.get(org.regionId)!, 1, 2).map((m) => m.id),
    };
  });
  await insertBatched(
    peopleRows,
    1000,
    async (batch) => {
      const ids = await db
        .insert(people)
        .values(batch.map((b) => b.row))
        .returning({ id: people.id });
      await db.insert(personMunicipalities).values(batch.flatMap((b, i) => b.area.map((municipalityId) => ({ personId: ids[i]!.id, municipalityId }))));
    },
    (n) => o.onProgress?.('people', n, o.people),
  );
  // Bulk inserts leave GIN pending lists; a live database has them merged by autovacuum, so merge them here.
  await db.execute(sql`VACUUM ANALYZE`);
  return { municipalities: munis };
}
