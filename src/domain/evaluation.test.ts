import { describe, expect, it } from 'vitest';
import { agreementInputSchema, IV_BLOCKS, QUALITY_CRITERIA, quickscanChanges, quickscanGaps, quickscanInputSchema, reviewReminderDue } from './evaluation.js';

const scan = (over: Record<string, unknown> = {}) =>
  quickscanInputSchema.parse({
    conductedOn: '2026-01-01',
    blocks: Object.fromEntries(IV_BLOCKS.map((b) => [b, { state: 'in_place', by: 'JGZ' }])),
    criteria: Object.fromEntries(QUALITY_CRITERIA.map((c) => [c, { state: 'met' }])),
    ...over,
  });

describe('the quickscan', () => {
  it('has no gaps when every block is in place and every criterion met', () => {
    expect(quickscanGaps(scan())).toEqual([]);
  });

  it('lists the required blocks first among the gaps', () => {
    const s = scan();
    s.blocks.care_education.state = 'absent';
    s.blocks.consultation_advice.state = 'partly';
    s.criteria.one_desk.state = 'partly';
    expect(quickscanGaps(s).map((g) => [g.key, g.required])).toEqual([
      ['consultation_advice', true],
      ['care_education', false],
      ['one_desk', false],
    ]);
  });

  it('reports changes of state, carrier and financing, and nothing for an identical scan', () => {
    const a = scan();
    expect(quickscanChanges(a, scan())).toEqual([]);
    const b = scan();
    b.blocks.early_signalling.by = 'Kraamzorg';
    b.criteria.limited_waiting.state = 'not_met';
    expect(quickscanChanges(a, b)).toEqual([
      { kind: 'block', key: 'early_signalling', field: 'by', from: 'JGZ', to: 'Kraamzorg' },
      { kind: 'criterion', key: 'limited_waiting', field: 'state', from: 'met', to: 'not_met' },
    ]);
  });
});

describe('agreement reviews', () => {
  it('are reminded from 30 days before the review date, also when overdue, once per date', () => {
    expect(reviewReminderDue('2026-12-15', null, '2026-11-14')).toBe(false);
    expect(reviewReminderDue('2026-12-15', null, '2026-11-15')).toBe(true);
    expect(reviewReminderDue('2026-12-15', null, '2027-01-15')).toBe(true);
    expect(reviewReminderDue('2026-12-15', '2026-12-15', '2026-12-01')).toBe(false);
    expect(reviewReminderDue('2027-03-01', '2026-12-15', '2027-02-01')).toBe(true);
  });

  it('need parties and a review date not before the start', () => {
    const r = agreementInputSchema.safeParse({
      level: 'strategic',
      title: 'Afsprakenkader',
      content: 'Inhoud',
      parties: [],
      lead: 'Gemeente',
      periodFrom: '2026-01-01',
      reviewOn: '2025-01-01',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`)).toEqual(expect.arrayContaining(['parties no_parties', 'reviewOn before_start']));
  });
});
