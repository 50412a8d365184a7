import PDFDocument from 'pdfkit';
import type { LifeDomain } from '../../../domain/directory.js';
import { type AdoptionRecord, adoptionRecord, type PlanContent } from '../../../domain/family-plan.js';
import type { CareTeamRow, PlanRow } from './cases.repository.js';

type Lang = 'nl' | 'en';

/** Plain words for parents: the PDF is what a family takes home, so it speaks their language, not ours. */
const WORDS = {
  nl: {
    title: 'Ons gezinsplan',
    version: (n: number, d: string | null) => (d ? `Versie ${n}, vastgesteld op ${d}` : `Concept, versie ${n}`),
    adoption: {
      with_parents: 'Samen met de ouders vastgesteld: zij waren bij het gesprek en zijn akkoord.',
      without_agreement: 'Vastgesteld zonder akkoord van de ouders.',
      without_parents: 'Vastgesteld zonder dat de ouders bij het gesprek waren; zij zijn wel akkoord.',
    },
    members: 'Ons gezin',
    network: 'Mensen om ons heen',
    professionals: 'Hulpverleners',
    strengths: 'Wat goed gaat',
    concerns: 'Waar we ons zorgen over maken',
    earlierHelp: 'Hulp die we eerder hadden',
    goals: 'Onze doelen (in onze eigen woorden)',
    actions: 'Wie doet wat',
    due: 'uiterlijk',
    evaluation: 'We kijken samen terug op',
    none: '—',
    status: { open: 'nog te doen', in_progress: 'bezig', done: 'gedaan', cancelled: 'vervallen' },
    domains: {
      lichaamsfuncties: 'Lichaam en gezondheid',
      mentaal_welbevinden: 'Hoe ik me voel',
      zingeving: 'Zingeving',
      kwaliteit_van_leven: 'Kwaliteit van leven',
      meedoen: 'Meedoen',
      dagelijks_functioneren: 'Dagelijks leven',
    },
  },
  en: {
    title: 'Our family plan',
    version: (n: number, d: string | null) => (d ? `Version ${n}, adopted on ${d}` : `Draft, version ${n}`),
    adoption: {
      with_parents: 'Adopted together with the parents: they took part in the conversation and agree.',
      without_agreement: "Adopted without the parents' agreement.",
      without_parents: 'Adopted without the parents at the meeting; they do agree.',
    },
    members: 'Our family',
    network: 'People around us',
    professionals: 'Professionals',
    strengths: 'What goes well',
    concerns: 'What we worry about',
    earlierHelp: 'Help we had before',
    goals: 'Our goals (in our own words)',
    actions: 'Who does what',
    due: 'by',
    evaluation: 'We look back together on',
    none: '—',
    status: { open: 'to do', in_progress: 'in progress', done: 'done', cancelled: 'cancelled' },
    domains: {
      lichaamsfuncties: 'Body and health',
      mentaal_welbevinden: 'How I feel',
      zingeving: 'Meaning',
      kwaliteit_van_leven: 'Quality of life',
      meedoen: 'Taking part',
      dagelijks_functioneren: 'Daily life',
    },
  },
} satisfies Record<Lang, { domains: Record<LifeDomain, string>; adoption: Record<AdoptionRecord, string> } & Record<string, unknown>>;

const day = (d: Date | string, lang: Lang) =>
  new Date(d).toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

/** Renders one plan version as an A4 PDF (pdfkit, standard fonts, tagged with the document language). */
export function renderPlanPdf(
  plan: PlanRow,
  ctx: { language: Lang; team: CareTeamRow[]; household: { id: string; givenName: string; familyName: string }[] },
): Promise<Buffer> {
  const w = WORDS[ctx.language];
  const c: PlanContent = plan.content;
  // The same words as the web page (domain adoptionRecord): never "agreed" where the parents did not agree.
  const adoption = plan.status === 'adopted' ? w.adoption[adoptionRecord(plan)] : null;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: ctx.language === 'nl' ? 'nl-NL' : 'en-GB',
    info: {
      Title: `${w.title}: ${w.version(plan.number, plan.adoptedAt ? day(plan.adoptedAt, ctx.language) : null)}`,
      Author: 'Knooppunt',
      ...(adoption ? { Subject: adoption } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (s: string) => doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(s).moveDown(0.2).font('Helvetica').fontSize(11);
  const para = (s: string) => doc.text(s.trim() || w.none);
  const bullets = (items: string[]) => (items.length ? doc.list(items, { bulletRadius: 2 }) : para(''));
  const personName = (id: string | null) => {
    const p = ctx.household.find((x) => x.id === id);
    return p ? `${p.givenName} ${p.familyName}`.trim() : '';
  };
  const userName = (id: string | null) => ctx.team.find((m) => m.member.userId === id)?.name ?? c.professionals.find((p) => p.userId === id)?.name ?? '';

  doc.font('Helvetica-Bold').fontSize(20).text(w.title);
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(w.version(plan.number, plan.adoptedAt ? day(plan.adoptedAt, ctx.language) : null));
  if (adoption) doc.text(adoption);

  heading(w.members);
  bullets(c.members.map((m) => m.name));
  heading(w.network);
  bullets(c.informalNetwork.map((n) => [n.name, n.relation, n.contact].filter(Boolean).join(' — ')));
  heading(w.professionals);
  bullets(c.professionals.map((p) => [p.name, p.organisation, p.role].filter(Boolean).join(' — ')));
  heading(w.strengths);
  para(c.strengths);
  heading(w.concerns);
  para(c.concerns);
  heading(w.earlierHelp);
  para(c.earlierHelp);
  heading(w.goals);
  bullets(c.goals.map((g) => `${w.domains[g.lifeDomain]}: ${g.text}`));
  heading(w.actions);
  bullets(
    c.actions.map((a) => {
      const who = a.ownerKind === 'professional' ? userName(a.ownerUserId) : personName(a.ownerPersonId);
      const due = a.dueDate ? `, ${w.due} ${day(a.dueDate, ctx.language)}` : '';
      return `${a.what} — ${who}${due} (${w.status[a.status]})`;
    }),
  );
  heading(w.evaluation);
  bullets(c.evaluationDates.map((d) => day(d, ctx.language)));
  doc.end();
  return done;
}
