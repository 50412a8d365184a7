import { eq, sql } from 'drizzle-orm';
import { foldName } from '../../domain/persons.js';
import { responseDueOn } from '../../domain/referrals.js';
import { createBsnVault } from '../crypto.js';
import type { Db, Tx } from '../db/client.js';
import {
  agendaItems,
  careTeamMembers,
  caseDirectors,
  caseEvents,
  cases,
  consents,
  familyPlans,
  healthMeasurements,
  households,
  involvementRegistrations,
  matches,
  meetingInvitees,
  meetings,
  meetingTables,
  municipalities,
  notifications,
  organisations,
  personRelations,
  persons,
  referralEvents,
  referrals,
  services,
  signals,
  users,
} from '../db/schema.js';

/**
 * Fictional families for the demo: a registration with an open signal in the intake, a household match between the
 * midwife and the JGZ nurse that became a case (care team, consent, the nurse as case director, an adopted family
 * plan with an overdue action, a referral waiting on the nurse's incoming board and one overdue at the kraamzorg), and
 * a possible duplicate for the coordinator. BSNs are drawn from the 99999xxxx range
 * that is reserved for testing and never issued.
 */
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const yearsAgo = (y: number, offsetDays = 0) => {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  d.setUTCFullYear(d.getUTCFullYear() - y);
  return d.toISOString().slice(0, 10);
};

/** The n-th test BSN (99999xxxx) that passes the elfproef. */
export function testBsn(n: number): string {
  let found = -1;
  for (let i = 0; i < 1000; i++) {
    const head = `99999${String(i).padStart(3, '0')}`;
    const sum = [...head].reduce((s, c, k) => s + Number(c) * (9 - k), 0);
    const check = sum % 11;
    if (check < 10 && ++found === n) return head + check;
  }
  throw new Error('no test BSN');
}

export async function seedDemoFamilies(db: Db, secretKey: Buffer): Promise<boolean> {
  const vault = createBsnVault(secretKey);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7513004)`);
    const [any] = await tx.select({ id: persons.id }).from(persons).limit(1);
    if (any) return false;
    const userId = async (email: string) => (await tx.select({ id: users.id, org: users.organisationId }).from(users).where(eq(users.email, email)))[0];
    const vera = await userId('verloskundige@demo.knooppunt.nl');
    const joyce = await userId('jgz@demo.knooppunt.nl');
    const carla = await userId('coordinator@demo.knooppunt.nl');
    const [kerkrade] = await tx.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
    const [landgraaf] = await tx.select().from(municipalities).where(eq(municipalities.name, 'Landgraaf'));
    if (!vera || !joyce || !carla || !kerkrade || !landgraaf) return false;

    let bsnNo = 0;
    const person = async (t: Tx, h: string, o: Partial<typeof persons.$inferInsert> & { familyName: string }, withBsn = true) => {
      const bsn = withBsn ? testBsn(bsnNo++) : null;
      const [p] = await t
        .insert(persons)
        .values({
          householdId: h,
          municipalityId: kerkrade.id,
          householdRole: 'mother',
          familyNameKey: foldName(o.familyName),
          bsnHash: bsn ? vault.matchKey(bsn) : null,
          bsnEnc: bsn ? vault.seal(bsn) : null,
          ...o,
        })
        .returning();
      return p!;
    };
    const household = async (municipalityId: string) => (await tx.insert(households).values({ municipalityId, createdById: vera.id }).returning())[0]!.id;
    const register = async (p: { id: string; householdId: string }, u: { id: string; org: string | null }, months = 12) =>
      (
        await tx
          .insert(involvementRegistrations)
          .values({ personId: p.id, householdId: p.householdId, organisationId: u.org!, userId: u.id, startDate: day(-30), endDate: day(months * 30) })
          .returning()
      )[0]!;

    // 1. Sanne, pregnant, with an open signal in the intake and two Positieve Gezondheid measurements.
    const h1 = await household(kerkrade.id);
    const sanne = await person(tx, h1, {
      givenName: 'Sanne',
      familyName: 'de Vries',
      dateOfBirth: yearsAgo(24, 40),
      dueDate: day(120),
      postcode: '6461 AB',
      address: 'Voorbeeldstraat 1',
    });
    await register(sanne, vera);
    await tx.insert(signals).values({
      personId: sanne.id,
      householdId: h1,
      municipalityId: kerkrade.id,
      signallerId: vera.id,
      organisationId: vera.org!,
      lifeDomains: ['mentaal_welbevinden', 'meedoen'],
      riskCategories: ['finances_housing'],
      riskFactors: ['debts', 'no_support_network'],
      riskFactorsNote: 'Schulden; weinig mensen om op terug te vallen.',
      protectiveFactors: ['motivated_for_help'],
      vulnerabilityLevel: 'vulnerable',
      clientView: 'Sanne vindt het een zware periode en wil graag hulp bij geldzaken.',
      discussedWithFamily: true,
      consentToShare: true,
      toHub: true,
    });
    await tx.insert(healthMeasurements).values([
      {
        personId: sanne.id,
        measuredOn: day(-90),
        scores: { lichaamsfuncties: 6, mentaal_welbevinden: 4, zingeving: 6, kwaliteit_van_leven: 5, meedoen: 3, dagelijks_functioneren: 6 },
        recordedById: vera.id,
        organisationId: vera.org!,
      },
      {
        personId: sanne.id,
        measuredOn: day(-7),
        scores: { lichaamsfuncties: 7, mentaal_welbevinden: 5, zingeving: 7, kwaliteit_van_leven: 6, meedoen: 5, dagelijks_functioneren: 7 },
        recordedById: vera.id,
        organisationId: vera.org!,
      },
    ]);

    // 2. The El Amrani household: the midwife knows the mother, the JGZ nurse the toddler — a household match.
    const h2 = await household(landgraaf.id);
    const fatima = await person(tx, h2, {
      givenName: 'Fatima',
      familyName: 'El Amrani',
      dateOfBirth: yearsAgo(29, 12),
      dueDate: day(60),
      municipalityId: landgraaf.id,
      preferredLanguage: 'ar',
      interpreterNeeded: true,
    });
    const youssef = await person(tx, h2, {
      givenName: 'Youssef',
      familyName: 'El Amrani',
      dateOfBirth: yearsAgo(31, 100),
      householdRole: 'partner',
      municipalityId: landgraaf.id,
    });
    const amira = await person(tx, h2, {
      givenName: 'Amira',
      familyName: 'El Amrani',
      dateOfBirth: yearsAgo(2, 30),
      householdRole: 'child',
      municipalityId: landgraaf.id,
    });
    const unborn = await person(
      tx,
      h2,
      { givenName: '', familyName: 'El Amrani', dueDate: day(60), householdRole: 'unborn', municipalityId: landgraaf.id },
      false,
    );
    await tx.insert(personRelations).values([
      { fromPersonId: youssef.id, toPersonId: fatima.id, type: 'partner_of' },
      { fromPersonId: fatima.id, toPersonId: amira.id, type: 'parent_of' },
      { fromPersonId: unborn.id, toPersonId: fatima.id, type: 'lives_with' },
    ]);
    const r1 = await register(fatima, vera);
    const r2 = await register(amira, joyce, 24);
    const [m] = await tx.insert(matches).values({ householdId: h2, registrationAId: r1.id, registrationBId: r2.id, samePerson: false }).returning();
    await tx.insert(notifications).values([
      { userId: vera.id, kind: 'match', matchId: m!.id },
      { userId: joyce.id, kind: 'match', matchId: m!.id },
    ]);

    // The El Amrani household is a case: the coordinator opened it, both professionals have consent, Joyce directs it.
    const [c] = await tx
      .insert(cases)
      .values({ householdId: h2, clientId: fatima.id, municipalityId: landgraaf.id, phase: 'steun_op_maat', openedById: carla.id, directorId: joyce.id })
      .returning();
    await tx.insert(careTeamMembers).values([
      { caseId: c!.id, userId: vera.id, organisationId: vera.org!, roleInCase: 'verloskundige', source: 'involvement', addedById: carla.id },
      { caseId: c!.id, userId: joyce.id, organisationId: joyce.org!, roleInCase: 'jeugdverpleegkundige', source: 'involvement', addedById: carla.id },
    ]);
    await tx.insert(consents).values(
      [vera, joyce].map((u) => ({
        caseId: c!.id,
        givenByPersonId: fatima.id,
        organisationId: u.org!,
        purpose: 'case_discussion' as const,
        decision: 'given' as const,
        validFrom: day(-20),
        validUntil: day(345),
        how: 'spoken',
        note: 'Met tolk besproken.',
        recordedById: carla.id,
      })),
    );
    await tx.insert(caseDirectors).values({ caseId: c!.id, userId: joyce.id, kind: 'case', status: 'current', proposedById: carla.id, acceptedAt: new Date() });
    await tx.insert(familyPlans).values({
      caseId: c!.id,
      number: 1,
      status: 'adopted',
      createdById: joyce.id,
      adoptedAt: new Date(),
      adoptedById: joyce.id,
      parentsAgreed: true,
      parentsPresent: true,
      content: {
        members: [fatima, youssef, amira].map((p) => ({ personId: p.id, name: `${p.givenName} ${p.familyName}`, role: p.householdRole })),
        informalNetwork: [{ id: 'n1', name: 'Zus van Fatima', relation: 'zus', contact: '' }],
        professionals: [
          { userId: vera.id, name: 'Vera Verloskundige', organisation: 'Verloskundigenpraktijk De Wieg', role: 'verloskundige' },
          { userId: joyce.id, name: 'Joyce Jeugdverpleegkundige', organisation: 'JGZ Zuid-Limburg (demo)', role: 'jeugdverpleegkundige' },
        ],
        strengths: 'Fatima en Youssef zorgen liefdevol voor Amira; de zus van Fatima helpt mee.',
        concerns: 'Fatima voelt zich alleen en spreekt nog weinig Nederlands; de bevalling komt eraan.',
        earlierHelp: 'Taalcursus in 2024, gestopt na de verhuizing.',
        goals: [
          { id: 'g1', lifeDomain: 'meedoen', text: 'Ik wil andere moeders in de buurt leren kennen' },
          { id: 'g2', lifeDomain: 'mentaal_welbevinden', text: 'Ik wil me minder zorgen maken over de bevalling' },
        ],
        actions: [
          {
            id: 'a1',
            what: 'Samen naar de inloop van het consultatiebureau',
            goalId: 'g1',
            ownerKind: 'professional',
            ownerUserId: joyce.id,
            ownerPersonId: null,
            dueDate: day(-3),
            status: 'open',
          },
          {
            id: 'a2',
            what: 'Bevalplan bespreken met tolk',
            goalId: 'g2',
            ownerKind: 'professional',
            ownerUserId: vera.id,
            ownerPersonId: null,
            dueDate: day(14),
            status: 'open',
          },
          {
            id: 'a3',
            what: 'Aanmelden voor Centering Zwangerschap',
            goalId: 'g1',
            ownerKind: 'family',
            ownerUserId: null,
            ownerPersonId: fatima.id,
            dueDate: day(21),
            status: 'in_progress',
          },
        ],
        evaluationDates: [day(60)],
      },
    });
    await tx.insert(caseEvents).values([
      { caseId: c!.id, kind: 'opened', actorId: carla.id, data: {}, at: new Date(Date.now() - 20 * 86_400_000) },
      // One decision of the parents for both organisations: one line on the timeline (as the service writes it).
      {
        caseId: c!.id,
        kind: 'consent',
        actorId: carla.id,
        data: {
          decision: 'given',
          purpose: 'case_discussion',
          recipients: await Promise.all(
            [vera, joyce].map(async (u) => ({
              organisationId: u!.org,
              userId: null,
              name: (await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, u!.org!)))[0]?.name ?? '',
            })),
          ),
        },
        at: new Date(Date.now() - 20 * 86_400_000 + 60_000),
      },
      {
        caseId: c!.id,
        kind: 'regie',
        actorId: joyce.id,
        data: { action: 'accepted', kind: 'case', userId: joyce.id },
        at: new Date(Date.now() - 19 * 86_400_000),
      },
      {
        caseId: c!.id,
        kind: 'plan',
        actorId: joyce.id,
        data: { action: 'adopted', number: 1, parentsAgreed: true, parentsPresent: true },
        at: new Date(Date.now() - 10 * 86_400_000),
      },
    ]);

    // Two referrals from the case: one new on Joyce's incoming board (JGZ), one unanswered past its norm (kraamzorg).
    // (Only when the demo directory is there: the families can be seeded without it.)
    const serviceNamed = async (name: string) => (await tx.select().from(services).where(eq(services.name, name)))[0];
    for (const [name, daysAgo, question] of [
      ['Stevig Ouderschap', 0, 'Fatima vraagt steun bij de opvoeding van Amira nu de tweede baby komt.'],
      ['Prenataal huisbezoek en kraamzorg plus', 14, 'Graag een prenataal huisbezoek met tolk; Fatima spreekt vooral Arabisch.'],
    ] as const) {
      const svc = await serviceNamed(name);
      if (!svc) continue;
      const sentAt = new Date(Date.now() - daysAgo * 86_400_000);
      const norm = svc.responseNormWorkingDays ?? 5;
      const [r] = await tx
        .insert(referrals)
        .values({
          caseId: c!.id,
          personId: fatima.id,
          serviceId: svc.id,
          receivingOrganisationId: svc.organisationId,
          senderId: vera.id,
          senderOrganisationId: vera.org!,
          purpose: name === 'Stevig Ouderschap' ? 'Opvoedingsondersteuning' : 'Kraamzorg plus met tolk',
          question,
          urgency: 'normal',
          handoverKind: 'joint_visit',
          handoverAt: new Date(Date.now() + 7 * 86_400_000),
          normWorkingDays: norm,
          dueOn: responseDueOn(sentAt.toISOString().slice(0, 10), norm),
          sentAt,
        })
        .returning();
      await tx.insert(referralEvents).values({ referralId: r!.id, toStatus: 'sent', actorId: vera.id, at: sentAt });
      await tx
        .insert(caseEvents)
        .values({ caseId: c!.id, kind: 'referral', actorId: vera.id, data: { referralId: r!.id, serviceName: name, status: 'sent' }, at: sentAt });
    }

    // An RTO in Landgraaf next week, chaired by the coordinator, with the El Amrani case on its agenda.
    const [rto] = await tx
      .insert(meetingTables)
      .values({ name: 'RTO Landgraaf', type: 'rto', municipalityId: landgraaf.id, chairId: carla.id, place: 'Raadhuis Landgraaf', createdById: carla.id })
      .returning();
    const start = new Date(`${day(7)}T09:00:00Z`);
    const [meeting] = await tx
      .insert(meetings)
      .values({
        tableId: rto!.id,
        chairId: carla.id,
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * 3_600_000),
        place: 'Raadhuis Landgraaf',
        createdById: carla.id,
      })
      .returning();
    await tx.insert(meetingInvitees).values([
      { meetingId: meeting!.id, userId: carla.id, organisationId: carla.org! },
      { meetingId: meeting!.id, userId: vera.id, organisationId: vera.org! },
      { meetingId: meeting!.id, userId: joyce.id, organisationId: joyce.org! },
    ]);
    await tx
      .insert(agendaItems)
      .values({ meetingId: meeting!.id, position: 1, kind: 'case', caseId: c!.id, householdId: h2, ownerId: carla.id, parentsInvited: true });

    // 3. Lotte, registered twice without a BSN: the coordinator's duplicates list shows her.
    const h3 = await household(kerkrade.id);
    const lotte = await person(
      tx,
      h3,
      { givenName: 'Lotte', familyName: 'Smeets', dateOfBirth: yearsAgo(19, 77), dueDate: day(150), postcode: '6466 CD' },
      false,
    );
    await register(lotte, vera);
    const h4 = await household(kerkrade.id);
    const lotte2 = await person(tx, h4, { givenName: 'L.', familyName: 'Smeets', dateOfBirth: yearsAgo(19, 77), postcode: '6466 CD' }, false);
    await register(lotte2, joyce);
    return true;
  });
}
