import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseService } from '../src/server/modules/cases/cases.service.js';
import { createReferralService } from '../src/server/modules/referrals/referrals.service.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedDemoDirectory } from '../src/server/seed/demo-directory.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signalledClient, signInPage, startServer } from './support.js';

/** A date and time `n` days ahead as a datetime-local input takes it (hand-overs and starts lie ahead). */
const inDaysLocal = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 16);

describe.skipIf(!hasChromium)('referrals with a warm hand-over in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let caseId: string;
  const accounts: Record<'coordinator' | 'midwife' | 'nurse', E2eAccount> = {} as never;
  const meta = { ip: null, userAgent: null, requestId: 'e2e' };

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    await seedDemoDirectory(server.db);
    accounts.coordinator = await makeAccount(server, 'Knooppunt Kansrijke Start Parkstad', 'coordinator', 'Coördinator Cas');
    accounts.midwife = await makeAccount(server, 'Verloskundigenpraktijk De Wieg', 'professional', 'Verloskundige Vera');
    // She handles her organisation's intake in Kerkrade: the incoming board is hers.
    accounts.nurse = await makeAccount(server, 'JGZ Zuid-Limburg (demo)', 'professional', 'VoorZorg-verpleegkundige Noor', { intakeRight: true });
    // A case from the midwife's signal, with consent for her organisation: she may refer.
    const { personId, signalId } = await signalledClient(server, accounts.midwife, 'Sanne', 'Vos');
    const cases = createCaseService(server.deps);
    caseId = (await cases.open(accounts.coordinator.actor, { signalId }, meta)).id;
    await cases.recordConsent(
      accounts.coordinator.actor,
      caseId,
      {
        givenByPersonId: personId,
        recipients: [{ organisationId: accounts.midwife.actor.organisationId, userId: null }],
        purpose: 'case_discussion',
        purposeDetail: null,
        decision: 'given',
        validFrom: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' }),
        validUntil: null,
        how: 'spoken',
        note: null,
        form: null,
      },
      meta,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (who: keyof typeof accounts) => signInPage(browser, server.baseUrl, accounts[who]);
  const heading = (page: Page) => page.locator('h1').textContent();
  const historySteps = (page: Page) => page.locator('#history ~ ol li strong').allTextContents();

  it('the midwife refers to VoorZorg; the nurse accepts on her board, puts it on the waiting list and starts; the midwife sees each step', async () => {
    const midwife = await signIn('midwife');
    // The case page's referrals tab (the tab lives in the URL).
    await midwife.goto(`${server.baseUrl}/casussen/${caseId}?tab=verwijzingen`);
    await expect.poll(() => heading(midwife)).toBe('Casus Sanne Vos');
    await expect.poll(() => midwife.getByText('Er zijn nog geen verwijzingen vanuit deze casus.').count()).toBe(1);
    await midwife.getByRole('link', { name: 'Verwijzen naar een aanbod' }).click();
    await expect.poll(() => heading(midwife)).toBe('Verwijzen: Sanne Vos');
    await expectAccessible(midwife);

    // Sending without choosing anything: the fields say what is missing.
    await midwife.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await expect.poll(() => midwife.getByText('Controleer de gemarkeerde velden.').count()).toBeGreaterThan(0);

    await midwife.getByRole('combobox', { name: 'Voor wie' }).selectOption({ label: 'Sanne Vos' });
    await midwife.getByLabel('Zoek een aanbod op de sociale kaart').fill('VoorZorg');
    await midwife.getByRole('button', { name: 'Zoeken' }).click();
    await midwife.getByRole('button', { name: 'Kies VoorZorg Parkstad (JGZ Zuid-Limburg (demo))' }).click();
    await expect.poll(() => midwife.getByText('Gekozen: VoorZorg Parkstad').count()).toBe(1);
    await midwife.getByLabel('Doel van de verwijzing').fill('Intensieve begeleiding tijdens de zwangerschap');
    await midwife.getByLabel('Wat wordt er gevraagd?').fill('Sanne is 20 weken zwanger van haar eerste kind en heeft weinig steun.');
    await midwife.getByLabel('Voorgestelde datum en tijd').fill(inDaysLocal(30));
    await expectAccessible(midwife);
    await midwife.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await expect.poll(() => heading(midwife)).toBe('Verwijzing naar VoorZorg Parkstad voor Sanne Vos');
    await expect.poll(() => midwife.getByText('De verwijzer, tot de ontvanger accepteert').count()).toBe(1);
    await expectAccessible(midwife);
    const referralUrl = midwife.url();

    // The nurse's organisation receives it: accept in one step on the incoming board (no need to open it first).
    const nurse = await signIn('nurse');
    await nurse.getByRole('link', { name: 'Inkomende verwijzingen' }).click();
    await expect.poll(() => heading(nurse)).toBe('Inkomende verwijzingen');
    await expect.poll(() => nurse.getByRole('link', { name: 'Sanne Vos' }).count()).toBe(1);
    await expectAccessible(nurse);
    await nurse.getByRole('button', { name: 'Accepteren: Sanne Vos — VoorZorg Parkstad' }).click();
    await expect.poll(() => nurse.getByRole('row').filter({ hasText: 'Sanne Vos' }).filter({ hasText: 'Geaccepteerd' }).count()).toBe(1);

    // Waiting list (with an expected start), then help starts — on the referral page.
    await nurse.getByRole('link', { name: 'Sanne Vos' }).click();
    await expect.poll(() => heading(nurse)).toBe('Verwijzing naar VoorZorg Parkstad voor Sanne Vos');
    await expectAccessible(nurse);
    await nurse.getByRole('combobox', { name: 'Nieuwe status' }).selectOption({ label: 'Wachtlijst' });
    await nurse.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => nurse.getByText('Vul de verwachte startdatum in.').count()).toBeGreaterThan(0);
    await nurse.getByLabel('Verwachte startdatum').fill(inDaysLocal(40).slice(0, 10));
    await nurse.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => historySteps(nurse)).toEqual(['Verstuurd', 'Geaccepteerd', 'Wachtlijst']);
    await nurse.getByRole('combobox', { name: 'Nieuwe status' }).selectOption({ label: 'Hulp gestart' });
    await nurse.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => historySteps(nurse)).toEqual(['Verstuurd', 'Geaccepteerd', 'Wachtlijst', 'Hulp gestart']);

    // The midwife hears back at every step: notifications, and the whole history on the referral.
    await midwife.goto(`${server.baseUrl}/meldingen`);
    await expect.poll(() => midwife.getByRole('link', { name: 'Terugkoppeling op uw verwijzing' }).count()).toBe(3);
    await expectAccessible(midwife);
    await midwife.goto(referralUrl);
    await expect.poll(() => historySteps(midwife)).toEqual(['Verstuurd', 'Geaccepteerd', 'Wachtlijst', 'Hulp gestart']);
    await expect.poll(() => midwife.getByText('JGZ Zuid-Limburg (demo) (geaccepteerd)').count()).toBe(1);
    // The sender has no receiver's steps: only "client withdrew" remains for her.
    const options = await midwife.getByRole('combobox', { name: 'Nieuwe status' }).locator('option').allTextContents();
    expect(options.slice(1)).toEqual(['Cliënt heeft afgezien']);
  });

  it('the nurse declines for another reason with an explanation; the midwife sees it on her home page and refers again, linked', async () => {
    const referrals = createReferralService(server.deps);
    const household = await server.db.execute<{ person_id: string }>(
      sql`SELECT p.id AS person_id FROM cases c JOIN persons p ON p.household_id = c.household_id WHERE c.id = ${caseId} LIMIT 1`,
    );
    const voorzorg = await server.db.execute<{ id: string }>(sql`SELECT id FROM services WHERE name = 'VoorZorg Parkstad' LIMIT 1`);
    await referrals.create(
      accounts.midwife.actor,
      caseId,
      {
        personId: household.rows[0]!.person_id,
        serviceId: voorzorg.rows[0]!.id,
        purpose: 'Steun bij de opvoeding',
        question: 'Kunnen jullie Sanne na de bevalling begeleiden?',
        urgency: 'normal',
        handover: { kind: 'introduction_call', at: null, note: '' },
        attachments: [],
      },
      meta,
    );

    const nurse = await signIn('nurse');
    await nurse.goto(`${server.baseUrl}/verwijzingen/inkomend?view=new`);
    const row = nurse
      .getByRole('row')
      .filter({ hasText: 'Steun' })
      .or(nurse.getByRole('row').filter({ hasText: 'Sanne Vos' }).last());
    await expect.poll(() => row.count()).toBeGreaterThan(0);
    // The board says by when to answer, against the norm.
    await expect.poll(() => nurse.getByText(/werkdag/).count()).toBeGreaterThan(0);
    const label = 'Sanne Vos — VoorZorg Parkstad';
    await expect.poll(() => nurse.getByRole('button', { name: `Afwijzen: ${label}` }).count()).toBe(1);
    await nurse.getByRole('combobox', { name: `Reden van afwijzen voor ${label}` }).selectOption({ label: 'Andere reden' });
    const decline = nurse.getByRole('button', { name: `Afwijzen: ${label}` });
    expect(await decline.isDisabled()).toBe(true);
    await nurse.getByLabel('Toelichting op de andere reden (verplicht)').fill('Na de bevalling werkt de kraamzorg dit op');
    await decline.click();
    await expect.poll(() => nurse.getByRole('button', { name: `Afwijzen: ${label}` }).count()).toBe(0);

    // Her home page flags the decline; one click takes her to referring again, with the reason in view.
    const midwife = await signIn('midwife');
    await expect.poll(() => midwife.getByRole('heading', { name: /Afgewezen verwijzingen/ }).count()).toBe(1);
    await expectAccessible(midwife);
    await midwife
      .getByRole('link', { name: /Sanne Vos — VoorZorg Parkstad/ })
      .first()
      .click();
    await expect.poll(() => midwife.getByText('Na de bevalling werkt de kraamzorg dit op', { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => midwife.getByText(/U verwijst opnieuw na de verwijzing naar VoorZorg Parkstad/).count()).toBe(1);
    expect(await midwife.getByLabel('Doel van de verwijzing').inputValue()).toBe('Steun bij de opvoeding');
    await midwife.getByLabel('Zoek een aanbod op de sociale kaart').fill('VoorZorg');
    await midwife.getByRole('button', { name: 'Zoeken' }).click();
    await midwife.getByRole('button', { name: 'Kies VoorZorg Parkstad (JGZ Zuid-Limburg (demo))' }).click();
    await midwife.getByLabel('Voorgestelde datum en tijd').fill(inDaysLocal(14));
    await expectAccessible(midwife);
    await midwife.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await expect.poll(() => midwife.getByText('Opnieuw verwezen na:').count()).toBe(1);
    // The declined referral: responsibility back with her, and the new referral linked.
    await midwife.getByText('Opnieuw verwezen na:').locator('a').click();
    await expect.poll(() => midwife.getByText('De verwijzer: JGZ Zuid-Limburg (demo) heeft niet geaccepteerd').count()).toBe(1);
    await expect.poll(() => midwife.getByText('Opnieuw verwezen naar:').count()).toBe(1);
    await expectAccessible(midwife);
  });

  it('a user chooses how notifications reach her by e-mail; safety notifications stay immediate', async () => {
    const midwife = await signIn('midwife');
    await midwife.goto(`${server.baseUrl}/account`);
    await expect.poll(() => midwife.getByRole('heading', { name: 'Meldingen per e-mail' }).count()).toBe(1);
    await expectAccessible(midwife);
    await midwife.getByRole('combobox', { name: 'Terugkoppeling op uw verwijzing' }).selectOption({ label: 'Dagelijks overzicht' });
    await midwife.getByRole('button', { name: 'Voorkeuren opslaan' }).click();
    await expect.poll(() => midwife.getByText('Uw voorkeuren zijn opgeslagen.').count()).toBe(1);
    await midwife.reload();
    await expect.poll(() => midwife.getByRole('combobox', { name: 'Terugkoppeling op uw verwijzing' }).inputValue()).toBe('digest');
    expect(await midwife.getByRole('combobox', { name: 'Verwijzing niet binnen de responsnorm beantwoord' }).count()).toBe(0);
  });
});
