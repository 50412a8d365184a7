import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseService } from '../src/server/modules/cases/cases.service.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signalledClient, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('a multidisciplinary meeting in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const accounts: Record<'coordinator' | 'midwife' | 'nurse' | 'social', E2eAccount> = {} as never;
  const meta = { ip: null, userAgent: null, requestId: 'e2e' };
  const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

  /** A case opened from the midwife's signal, the nurse in its care team, consent for midwife and nurse only. */
  async function caseFor(givenName: string, familyName: string) {
    const { personId, signalId } = await signalledClient(server, accounts.midwife, givenName, familyName);
    const cases = createCaseService(server.deps);
    const c = await cases.open(accounts.coordinator.actor, { signalId }, meta);
    await cases.recordConsent(
      accounts.coordinator.actor,
      c.id,
      {
        givenByPersonId: personId,
        recipients: [accounts.midwife, accounts.nurse].map((a) => ({ organisationId: a.actor.organisationId, userId: null })),
        purpose: 'case_discussion',
        purposeDetail: null,
        decision: 'given',
        validFrom: today(),
        validUntil: null,
        how: 'spoken',
        note: null,
        form: null,
      },
      meta,
    );
    await cases.addMember(
      accounts.coordinator.actor,
      c.id,
      { userId: accounts.nurse.actor.userId, roleInCase: 'jeugdverpleegkundige', withoutConsent: false },
      meta,
    );
    return c.id;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    accounts.coordinator = await makeAccount(server, 'Knooppunt Kansrijke Start Parkstad', 'coordinator', 'Coördinator Cas');
    accounts.midwife = await makeAccount(server, 'Verloskundigenpraktijk De Wieg', 'professional', 'Verloskundige Vera');
    accounts.nurse = await makeAccount(server, 'JGZ Zuid-Limburg (demo)', 'professional', 'Jeugdverpleegkundige Noor');
    accounts.social = await makeAccount(server, 'Sociaal Team Kerkrade', 'professional', 'Wijkcoach Sam');
    await caseFor('Iris', 'Janssen');
    await caseFor('Mila', 'Peters');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (who: keyof typeof accounts) => signInPage(browser, server.baseUrl, accounts[who]);
  const heading = (page: Page) => page.locator('h1').textContent();

  async function pick(page: Page, label: string, name: string) {
    const group = page.getByRole('group', { name: label });
    await group.getByLabel('Zoek op naam').fill(name.split(' ')[1]!);
    await group.getByRole('button', { name: 'Zoeken' }).click();
    await group.getByRole('button', { name: new RegExp(`^Kies ${name}`) }).click();
  }

  it('the coordinator sets up an RTO with two cases; the wijkcoach without consent sees masked items; the minutes record casusregie', async () => {
    const coordinator = await signIn('coordinator');
    await coordinator.getByRole('link', { name: 'Overleg', exact: true }).click();
    await expect.poll(() => heading(coordinator)).toBe('Overleg');
    await expectAccessible(coordinator);

    // A table, chaired by the coordinator, with the wijkteam as a standing member.
    await coordinator.getByLabel('Naam', { exact: true }).fill('RTO Kerkrade');
    await coordinator.getByRole('combobox', { name: 'Soort overleg' }).selectOption({ label: 'Regulier/ronde-tafeloverleg (RTO)' });
    await pick(coordinator, 'Voorzitter', 'Coördinator Cas');
    await pick(coordinator, 'Vaste deelnemers', 'Wijkcoach Sam');
    await coordinator.getByLabel('Plaats').fill('Gemeentehuis Kerkrade');
    await coordinator.getByRole('button', { name: 'Overlegtafel aanmaken' }).click();
    await expect.poll(() => heading(coordinator)).toBe('RTO Kerkrade');
    await expectAccessible(coordinator);

    // Schedule: an end before the start is refused first.
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await coordinator.getByLabel('Datum').fill(day);
    await coordinator.getByLabel('Begintijd').fill('10:00');
    await coordinator.getByLabel('Eindtijd').fill('09:00');
    await coordinator.getByRole('button', { name: 'Overleg plannen en uitnodigen' }).click();
    await expect.poll(() => coordinator.getByText('De eindtijd moet na de begintijd liggen.').count()).toBeGreaterThan(0);
    await coordinator.getByLabel('Eindtijd').fill('11:30');
    await pick(coordinator, 'Genodigden', 'Verloskundige Vera');
    await pick(coordinator, 'Genodigden', 'Jeugdverpleegkundige Noor');
    await coordinator.getByRole('button', { name: 'Overleg plannen en uitnodigen' }).click();
    await expect.poll(() => heading(coordinator)).toBe('Overleg: RTO Kerkrade');
    const meetingUrl = coordinator.url();

    // Two cases on the agenda.
    for (const name of ['Iris Janssen', 'Mila Peters']) {
      await coordinator.getByRole('combobox', { name: 'Casus', exact: true }).selectOption({ label: name });
      await coordinator.getByRole('button', { name: 'Toevoegen', exact: true }).click();
      await expect.poll(() => coordinator.getByRole('heading', { name: new RegExp(name) }).count()).toBe(1);
    }
    await expectAccessible(coordinator);

    // The nurse's organisation has consent: she hears both cases.
    const nurse = await signIn('nurse');
    await nurse.goto(meetingUrl);
    await expect.poll(() => heading(nurse)).toBe('Overleg: RTO Kerkrade');
    await expect.poll(() => nurse.getByRole('heading', { name: '1. Casus 1: Iris Janssen' }).count()).toBe(1);
    await expectAccessible(nurse);

    // The wijkcoach (a standing member) has no consent for either family: masked items, no names.
    const social = await signIn('social');
    await social.goto(meetingUrl);
    await expect.poll(() => heading(social)).toBe('Overleg: RTO Kerkrade');
    await expect.poll(() => social.getByRole('heading', { name: '1. Casus 1 (geen toestemming voor uw organisatie)' }).count()).toBe(1);
    await expect.poll(() => social.getByRole('heading', { name: '2. Casus 2 (geen toestemming voor uw organisatie)' }).count()).toBe(1);
    expect(await social.getByText('Iris').count()).toBe(0);
    expect(await social.getByText('Peters').count()).toBe(0);
    await expectAccessible(social);

    // Minutes for both cases: casusregie with the nurse for Iris, with the midwife for Mila.
    for (const [n, holder, organisation] of [
      [1, 'Jeugdverpleegkundige Noor', 'JGZ Zuid-Limburg (demo)'],
      [2, 'Verloskundige Vera', 'Verloskundigenpraktijk De Wieg'],
    ] as const) {
      const item = coordinator.getByRole('article').nth(n - 1);
      await item.getByRole('button', { name: 'Verslag schrijven' }).click();
      const form = coordinator.getByRole('form', { name: `Verslag van agendapunt ${n}` });
      await form.getByLabel('Bespreking').fill('Besproken met de ouders erbij.');
      await form.getByLabel('Besluiten').fill(`Casusregie bij ${holder}.`);
      if (n === 1) await form.getByLabel('Ouders waren aanwezig').check();
      await form.getByRole('combobox', { name: 'Casusregie ligt bij' }).selectOption({ label: `${holder} (${organisation})` });
      await form.getByRole('button', { name: 'Verslag opslaan' }).click();
      await expect.poll(() => item.getByText(`Casusregie bij ${holder}.`).count()).toBe(1);
    }
    await coordinator.getByRole('button', { name: 'Verslag vaststellen' }).click();
    await expect.poll(() => coordinator.getByRole('alertdialog').count()).toBe(1);
    await expectAccessible(coordinator);
    await coordinator.getByRole('alertdialog').getByRole('button', { name: 'Verslag vaststellen' }).click();
    await expect.poll(() => coordinator.getByText(/Het verslag is vastgesteld op/).count()).toBe(1);
    await expectAccessible(coordinator);

    // The parents of the first case were there: their link to three questions, without signing in.
    const link = await coordinator.locator('code').first().textContent();
    const parent = await (await browser.newContext()).newPage();
    await parent.goto(`${server.baseUrl}${new URL(link!).pathname}`);
    await expect.poll(() => heading(parent)).toBe('Hoe was het overleg?');
    await expectAccessible(parent);
    await parent.getByRole('combobox', { name: 'Voelde u zich gehoord tijdens het overleg?' }).selectOption({ label: 'Ja' });
    await parent.getByRole('combobox', { name: 'Is het duidelijk wie u nu helpt?' }).selectOption({ label: 'Een beetje' });
    await parent.getByLabel('Wat kan er beter?').fill('Minder mensen aan tafel.');
    await parent.getByRole('button', { name: 'Versturen' }).click();
    await expect.poll(() => parent.getByText('Dank u wel voor uw antwoorden.').count()).toBe(1);

    // The nurse is now case director of Iris's case.
    await nurse.reload();
    await nurse.getByRole('article').first().getByRole('link', { name: 'Naar de casus' }).click();
    await expect.poll(() => heading(nurse)).toBe('Casus Iris Janssen');
    await expect.poll(() => nurse.getByText(/Jeugdverpleegkundige Noor, .*JGZ Zuid-Limburg/).count()).toBeGreaterThan(0);
  });
});
