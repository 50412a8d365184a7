import { z } from 'zod';
import { SUPPRESSION_THRESHOLD } from './suppression.js';

/**
 * Repeated collaboration measurements among professionals (domain.md §8): a survey with a baseline (nulmeting), an
 * interim (tussenmeting) and a final measurement (eindmeting), answered anonymously through a link, compared side
 * by side. The template covers the four dimensions of interprofessional collaboration from the VoorZorg study plus
 * the two FoodValley questions (reachability and expertise awareness), in our own wording.
 */
export const SURVEY_DIMENSIONS = ['knowing_trusting', 'shared_vision', 'formalisation', 'governance', 'reachability', 'expertise'] as const;
export type SurveyDimension = (typeof SURVEY_DIMENSIONS)[number];

export const MEASUREMENTS = ['baseline', 'interim', 'final'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

/** A five-point agreement scale; "agree" in the results is the top two. */
export const SURVEY_SCALE = ['strongly_disagree', 'disagree', 'neutral', 'agree', 'strongly_agree'] as const;
export type ScaleAnswer = (typeof SURVEY_SCALE)[number];
const AGREEING: ReadonlySet<ScaleAnswer> = new Set(['agree', 'strongly_agree']);

const text = (max: number) => z.string().trim().min(3, { message: 'too_short' }).max(max, { message: 'too_long' });

export const surveyItemSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, { message: 'invalid_item_id' }),
  dimension: z.enum(SURVEY_DIMENSIONS),
  text: z.object({ nl: text(300), en: text(300).optional() }),
});
export type SurveyItem = z.infer<typeof surveyItemSchema>;

export const surveyInputSchema = z
  .object({
    title: text(200),
    items: z.array(surveyItemSchema).min(1, { message: 'no_items' }).max(40),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.items.forEach((item, i) => {
      if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: 'duplicate_item' });
      seen.add(item.id);
    });
  });
export type SurveyInput = z.infer<typeof surveyInputSchema>;

/** Our own wording of the collaboration questions; a coordinator starts from it and may edit. */
export const SURVEY_TEMPLATE: SurveyInput = {
  title: 'Samenwerking in de keten rond (aanstaande) gezinnen',
  items: [
    {
      id: 'know_faces',
      dimension: 'knowing_trusting',
      text: { nl: 'Ik ken de professionals van de andere organisaties persoonlijk.', en: 'I know the professionals of the other organisations personally.' },
    },
    {
      id: 'trust',
      dimension: 'knowing_trusting',
      text: {
        nl: 'Ik vertrouw erop dat een collega van een andere organisatie doet wat we afspreken.',
        en: 'I trust a colleague from another organisation to do what we agree.',
      },
    },
    {
      id: 'shared_goal',
      dimension: 'shared_vision',
      text: { nl: 'We werken aan hetzelfde doel: een kansrijke start voor elk kind.', en: 'We work towards the same goal: a good start for every child.' },
    },
    {
      id: 'same_picture',
      dimension: 'shared_vision',
      text: { nl: 'We kijken op dezelfde manier naar wat een gezin nodig heeft.', en: 'We look at what a family needs in the same way.' },
    },
    {
      id: 'written_agreements',
      dimension: 'formalisation',
      text: { nl: 'Afspraken over samenwerking staan op papier en zijn bekend.', en: 'Agreements on collaboration are written down and known.' },
    },
    {
      id: 'clear_roles',
      dimension: 'formalisation',
      text: {
        nl: 'Het is duidelijk wie wat doet als een gezin bij meerdere organisaties komt.',
        en: 'It is clear who does what when a family sees several organisations.',
      },
    },
    {
      id: 'someone_steers',
      dimension: 'governance',
      text: {
        nl: 'Iemand bewaakt de samenwerking en spreekt partners aan als het hapert.',
        en: 'Someone looks after the collaboration and speaks to partners when it falters.',
      },
    },
    {
      id: 'management_support',
      dimension: 'governance',
      text: {
        nl: 'Mijn leidinggevende geeft ruimte voor samenwerking met andere organisaties.',
        en: 'My manager gives room for working with other organisations.',
      },
    },
    {
      id: 'reach_colleague',
      dimension: 'reachability',
      text: {
        nl: 'Ik kan een collega van het andere team bereiken als ik een vraag heb.',
        en: 'I can reach a colleague of the other team when I have a question.',
      },
    },
    {
      id: 'know_expertise',
      dimension: 'expertise',
      text: { nl: 'Ik weet welke expertise het andere team heeft.', en: 'I know what expertise the other team has.' },
    },
  ],
};

/** One anonymous response: an answer per item; an item may be left open, but not all of them. */
export function responseSchema(items: readonly SurveyItem[]) {
  const ids = new Set(items.map((i) => i.id));
  return z.object({ answers: z.record(z.string(), z.enum(SURVEY_SCALE)) }).superRefine((r, ctx) => {
    for (const id of Object.keys(r.answers)) if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['answers', id], message: 'unknown_item' });
    if (!Object.keys(r.answers).length) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'no_answers' });
  });
}

/**
 * A share that may be published: shown only when both the agreeing and the other answers stand for at least the
 * threshold — otherwise "67 % of 12" would tell that 4 people disagreed.
 */
export function suppressShare(yes: number, total: number, threshold = SUPPRESSION_THRESHOLD): number | null {
  if (yes < threshold || total - yes < threshold) return null;
  return yes / total;
}

/** Answers to one item (or a dimension's items pooled) in one round: counts per scale point, in scale order. */
export type Tally = Record<ScaleAnswer, number>;

export interface ShareFigure {
  /** Answers given; null when under the threshold. */
  n: number | null;
  /** Share agreeing (agree + strongly agree), null when suppressed. */
  agree: number | null;
}

export function shareOf(t: Tally): ShareFigure {
  const total = SURVEY_SCALE.reduce((s, k) => s + t[k], 0);
  const yes = SURVEY_SCALE.filter((k) => AGREEING.has(k)).reduce((s, k) => s + t[k], 0);
  return { n: total < SUPPRESSION_THRESHOLD ? null : total, agree: suppressShare(yes, total) };
}

export const emptyTally = (): Tally => ({ strongly_disagree: 0, disagree: 0, neutral: 0, agree: 0, strongly_agree: 0 });

export interface RoundTallies {
  measurement: Measurement;
  respondents: number;
  /** Per item id. */
  items: Record<string, Tally>;
}

export interface ComparisonRow {
  key: string;
  /** Per measurement, in MEASUREMENTS order of the rounds given. */
  figures: ShareFigure[];
  /** Change of the agreeing share from each round to the next (percentage points), null when either is suppressed. */
  changes: (number | null)[];
}

const changes = (figures: ShareFigure[]) =>
  figures.slice(1).map((f, i) => {
    const before = figures[i]!.agree;
    return f.agree === null || before === null ? null : Math.round((f.agree - before) * 1000) / 10;
  });

/**
 * Side by side: per item and per dimension the agreeing share in each round, with the change between rounds. A round
 * with fewer than ten respondents shows nothing at all, since every share would describe fewer than ten people.
 */
export function compareRounds(items: readonly SurveyItem[], rounds: readonly RoundTallies[]) {
  const visible = rounds.map((r) => r.respondents >= SUPPRESSION_THRESHOLD);
  const figure = (k: number, t: Tally): ShareFigure => (visible[k] ? shareOf(t) : { n: null, agree: null });
  const itemRows: ComparisonRow[] = items.map((item) => {
    const figures = rounds.map((r, k) => figure(k, r.items[item.id] ?? emptyTally()));
    return { key: item.id, figures, changes: changes(figures) };
  });
  const dimensionRows: ComparisonRow[] = SURVEY_DIMENSIONS.filter((d) => items.some((i) => i.dimension === d)).map((d) => {
    const figures = rounds.map((r, k) => {
      const pooled = emptyTally();
      for (const item of items.filter((i) => i.dimension === d)) for (const s of SURVEY_SCALE) pooled[s] += r.items[item.id]?.[s] ?? 0;
      return figure(k, pooled);
    });
    return { key: d, figures, changes: changes(figures) };
  });
  return {
    rounds: rounds.map((r, k) => ({ measurement: r.measurement, respondents: visible[k] ? r.respondents : null })),
    dimensions: dimensionRows,
    items: itemRows,
  };
}
