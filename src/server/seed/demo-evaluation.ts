import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { type BottleneckInput, IV_BLOCKS, QUALITY_CRITERIA, type QuickscanInput } from '../../domain/evaluation.js';
import { type ScaleAnswer, SURVEY_TEMPLATE } from '../../domain/surveys.js';
import { dutchDate } from '../../domain/working-days.js';
import type { Database } from '../db/client.js';
import { agreements, bottlenecks, municipalities, municipalityPopulation, quickscans, surveyResponses, surveyRounds, surveys, users } from '../db/schema.js';

type Db = Database['db'];

/**
 * The Kerkrade network's evaluation, in our own wording but in the structure of the Kerkrade factsheet: bottlenecks
 * per phase with how many partners named them, a collaboration survey with a baseline and an interim measurement
 * (expertise awareness falling from two-thirds to a half, as in the FoodValley evaluation), two Integrale Vroeghulp
 * quickscans two years apart, population figures and an agreements register. Idempotent.
 */
export async function seedDemoEvaluation(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7513005)`);
    const [kerkrade] = await tx.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
    if (!kerkrade) return false;
    const [already] = await tx.select({ id: bottlenecks.id }).from(bottlenecks).where(eq(bottlenecks.municipalityId, kerkrade.id)).limit(1);
    if (already) return false;
    const [paul] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'beleid@demo.knooppunt.nl'));
    const m = kerkrade.id;

    const entries: BottleneckInput[] = [
      b('signaleren', 'Professionals weten elkaar niet altijd te vinden', 4, 'interview', [
        ['Smoelenboek in Knooppunt actueel houden; elke partner wijst een beheerder aan', 'Coördinator knooppunt'],
      ]),
      b('signaleren', 'Onduidelijk waar je met een zorg over een zwangere terechtkunt', 3, 'interview', [
        ['Eén telefoonnummer en e-mailadres van het knooppunt verspreiden', 'Gemeente Kerkrade'],
      ]),
      b('verkennen', 'Ouders haken af als er te veel hulpverleners tegelijk aanschuiven', 2, 'meeting', [
        ['Eerste gesprek met hooguit twee professionals', 'JGZ'],
      ]),
      b('steun_op_maat', 'Wachttijd bij de GGZ vertraagt de hulp aan jonge moeders', 5, 'survey', [
        ['Overbruggingsaanbod via de POH-GGZ afspreken', 'Huisartsen Kerkrade'],
        ['Wachttijden maandelijks bespreken in het RTO', 'Coördinator knooppunt'],
      ]),
      b('steun_op_maat', 'Te weinig passend aanbod bij schulden en geldzorgen', 3, 'interview', [
        ['Schuldhulp aansluiten bij het RTO', 'Sociaal Team Kerkrade'],
      ]),
      b('samenwerking', 'Geen vaste momenten om casussen samen te bespreken', 3, 'interview', [
        ['Tweewekelijks RTO in de agenda van alle partners', 'Coördinator knooppunt'],
      ]),
      b('samenwerking', 'Onzekerheid over wat je mag delen zonder toestemming', 4, 'survey', [
        ['Werkafspraak toestemming en privacy opstellen', 'Gemeente Kerkrade'],
      ]),
    ];
    await tx.insert(bottlenecks).values(entries.map((e) => ({ municipalityId: m, ...e })));

    // The survey: 30 answered the baseline, 24 the interim; expertise awareness 20/30 → 12/24.
    const [survey] = await tx
      .insert(surveys)
      .values({ municipalityId: m, title: SURVEY_TEMPLATE.title, items: SURVEY_TEMPLATE.items, createdById: paul?.id })
      .returning();
    const round = async (measurement: string, n: number, agreeing: number, daysAgo: number, closed: boolean) => {
      const [r] = await tx
        .insert(surveyRounds)
        .values({ surveyId: survey!.id, measurement, token: randomBytes(18).toString('base64url'), closedAt: closed ? sql`now()` : null })
        .returning();
      const answeredOn = dutchDate(new Date(Date.now() - daysAgo * 86_400_000));
      await tx.insert(surveyResponses).values(
        Array.from({ length: n }, (_, k) => ({
          roundId: r!.id,
          answeredOn,
          answers: Object.fromEntries(
            SURVEY_TEMPLATE.items.map((item, j) => [item.id, scaleFor(k, j, item.id === 'know_expertise' ? agreeing : agreeing + 2, n)]),
          ) as Record<string, ScaleAnswer>,
        })),
      );
    };
    await round('baseline', 30, 20, 400, true);
    await round('interim', 24, 12, 20, false);

    // Quickscans two years apart: trajectory guidance placed since, waiting times still a gap.
    const blocks = (o: Partial<QuickscanInput['blocks']>) =>
      ({
        ...Object.fromEntries(IV_BLOCKS.map((k) => [k, { state: 'in_place', by: 'JGZ Zuid-Limburg', since: '2019-01-01', financing: 'Gemeente (Jeugdwet)' }])),
        ...o,
      }) as QuickscanInput['blocks'];
    const criteria = (o: Partial<QuickscanInput['criteria']>) =>
      ({ ...Object.fromEntries(QUALITY_CRITERIA.map((k) => [k, { state: 'met', note: null }])), ...o }) as QuickscanInput['criteria'];
    await tx.insert(quickscans).values([
      {
        municipalityId: m,
        conductedOn: '2024-10-01',
        createdById: paul?.id,
        blocks: blocks({
          trajectory_guidance: { state: 'absent', by: null, since: null, financing: null },
          integrated_diagnostics: { state: 'partly', by: 'Kinderarts Zuyderland', since: '2020-01-01', financing: 'Zorgverzekeraar' },
        }),
        criteria: criteria({
          limited_waiting: { state: 'not_met', note: 'Wachttijd diagnostiek rond de 14 weken' },
          agreements_recorded: { state: 'partly', note: 'Alleen operationele werkafspraken' },
        }),
      },
      {
        municipalityId: m,
        conductedOn: '2026-10-01',
        createdById: paul?.id,
        blocks: blocks({
          trajectory_guidance: { state: 'in_place', by: 'MEE Zuid-Limburg', since: '2025-03-01', financing: 'Gemeente (Jeugdwet)' },
          integrated_diagnostics: { state: 'partly', by: 'Kinderarts Zuyderland', since: '2020-01-01', financing: 'Zorgverzekeraar' },
        }),
        criteria: criteria({ limited_waiting: { state: 'partly', note: 'Wachttijd diagnostiek nu rond de 9 weken' } }),
      },
    ]);

    await tx
      .insert(municipalityPopulation)
      .values({ municipalityId: m, referenceYear: 2025, inhabitants: 45_000, children0to7: null, source: 'entered', updatedById: paul?.id });

    const inDays = (n: number) => dutchDate(new Date(Date.now() + n * 86_400_000));
    await tx.insert(agreements).values([
      {
        municipalityId: m,
        level: 'strategic',
        title: 'Convenant Kansrijke Start Kerkrade',
        content: 'De partners werken samen aan een kansrijke start voor elk kind en brengen kwetsbare gezinnen vroeg in beeld.',
        parties: ['Gemeente Kerkrade', 'JGZ Zuid-Limburg', 'Verloskundigen Parkstad', 'Kraamzorg Limburg', 'Huisartsen Kerkrade'],
        lead: 'Gemeente Kerkrade',
        budgetEuros: 85_000,
        periodFrom: '2025-01-01',
        periodTo: '2028-12-31',
        reviewOn: inDays(200),
        block: 'chain_coordination',
      },
      {
        municipalityId: m,
        level: 'tactical',
        title: 'Werkafspraak warme overdracht kraamzorg – JGZ',
        content: 'Bij zorgen draagt de kraamverzorgende het gezin warm over aan de jeugdverpleegkundige, met toestemming van de ouders.',
        parties: ['Kraamzorg Limburg', 'JGZ Zuid-Limburg'],
        lead: 'JGZ Zuid-Limburg',
        budgetEuros: null,
        periodFrom: '2026-01-01',
        periodTo: null,
        reviewOn: inDays(21),
        block: 'early_signalling',
      },
      {
        municipalityId: m,
        level: 'operational',
        title: 'RTO Kerkrade: tweewekelijks casusoverleg',
        content: 'Elke twee weken een regionaal transmuraal overleg; de coördinator stelt de agenda op en bewaakt dat casusregie wordt belegd.',
        parties: ['Coördinator knooppunt', 'JGZ Zuid-Limburg', 'Sociaal Team Kerkrade', 'Verloskundigen Parkstad'],
        lead: 'Coördinator knooppunt',
        budgetEuros: 12_000,
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
        reviewOn: inDays(60),
        block: 'consultation_advice',
      },
    ]);
    return true;
  });
}

function b(
  phase: BottleneckInput['phase'],
  title: string,
  partnersNamed: number,
  source: BottleneckInput['source'],
  actions: [string, string][],
): BottleneckInput {
  return {
    phase,
    title,
    description: null,
    partnersNamed,
    source,
    status: 'open',
    actions: actions.map(([description, owner]) => ({ description, owner, dueOn: null, done: false })),
  };
}

/** Respondent k's answer to item j: the first `agreeing` of n agree (some strongly), the rest are neutral or disagree. */
function scaleFor(k: number, j: number, agreeing: number, n: number): ScaleAnswer {
  if (k < Math.min(agreeing, n)) return (k + j) % 3 === 0 ? 'strongly_agree' : 'agree';
  return (k + j) % 2 === 0 ? 'neutral' : 'disagree';
}
