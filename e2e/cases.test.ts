import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/seed/demo.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signalledClient, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('case coordination in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let signalId: string;
  const accounts: Record<'coordinator' | 'midwife' | 'nurse' | 'social' | 'gp', E2eAccount> = {} as never;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    const make = async (key: keyof typeof accounts, organisation: string, role: 'professional' | 'coordinator', name: string) => {
      accounts[key] = await makeAccount(server, organisation, role, name);
    };
    await make('coordinator', 'Knooppunt Kansrijke Start Parkstad', 'coordinator', 'Coördinator Cas');
    await make('midwife', 'Verloskundigenpraktijk De Wieg', 'professional', 'Verloskundige Vera');
    await make('nurse', 'JGZ Zuid-Limburg (demo)', 'professional', 'Jeugdverpleegkundige Noor');
    await make('social', 'Sociaal Team Kerkrade', 'professional', 'Wijkcoach Sam');
    await make('gp', 'Huisartsenpraktijk Holz', 'professional', 'Huisarts Hendrik');

    // The midwife registered her client and signalled with consent: the case starts from that signal.
    signalId = (await signalledClient(server, accounts.midwife, 'Iris', 'Janssen')).signalId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (who: keyof typeof accounts) => signInPage(browser, server.baseUrl, accounts[who]);
  const heading = (page: Page) => page.locator('h1').textContent();

  async function addMember(page: Page, who: keyof typeof accounts, role: string) {
    await page.getByLabel('Zoek op naam').fill(accounts[who].name);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const select = page.getByRole('combobox', { name: 'Gevonden professionals' });
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    await select.selectOption({ index: 1 });
    await page.getByLabel('Rol in deze casus').fill(role);
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    // No consent for that organisation yet: the page asks first.
    await expect.poll(() => page.getByRole('alertdialog').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Toch toevoegen' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: accounts[who].name }).count()).toBe(1);
  }

  it('the coordinator opens a case from a signal, builds the care team with consent, a director accepts and adopts the plan with the parents; an outsider breaks the glass', async () => {
    const coordinator = await signIn('coordinator');
    await coordinator.goto(`${server.baseUrl}/signalen/${signalId}`);
    await expect.poll(() => heading(coordinator)).toBe('Signaal over Iris Janssen');
    await coordinator.getByRole('button', { name: 'Casus openen' }).click();
    await expect.poll(() => heading(coordinator)).toBe('Casus Iris Janssen');
    const caseUrl = coordinator.url();
    await expectAccessible(coordinator);

    // Two professionals join; consent for case discussion is recorded for their organisations.
    await addMember(coordinator, 'nurse', 'JGZ-verpleegkundige');
    await addMember(coordinator, 'social', 'Wijkcoach');
    await coordinator.getByRole('combobox', { name: 'Gegeven door' }).selectOption({ label: 'Iris Janssen (Moeder / zwangere)' });
    await coordinator.getByLabel('JGZ Zuid-Limburg (demo)').check();
    await coordinator.getByLabel('Sociaal Team Kerkrade').check();
    await coordinator.getByLabel('Verloskundigenpraktijk De Wieg').check();
    await coordinator.getByRole('button', { name: 'Vastleggen' }).click();
    const consentTable = coordinator.getByRole('table').filter({ hasText: 'Ontvanger' });
    await expect.poll(() => consentTable.getByRole('row').filter({ hasText: 'gegeven (mondeling' }).count()).toBe(3);
    await expectAccessible(coordinator);

    // The coordinator proposes the JGZ nurse as case director.
    await coordinator
      .getByRole('combobox', { name: 'Voorstellen als regisseur' })
      .selectOption({ label: 'Jeugdverpleegkundige Noor — JGZ Zuid-Limburg (demo)' });
    await coordinator.getByRole('button', { name: 'Voorstellen' }).click();
    await expect.poll(() => coordinator.getByText(/moet nog accepteren/).count()).toBe(1);

    // She sees it on her dashboard and accepts.
    const nurse = await signIn('nurse');
    await expectAccessible(nurse);
    await nurse.getByRole('link', { name: 'U bent voorgesteld als regisseur bij Iris Janssen' }).click();
    await expect.poll(() => heading(nurse)).toBe('Casus Iris Janssen');
    await nurse.getByRole('button', { name: 'Regie accepteren' }).click();
    await expect.poll(() => nurse.getByText(/Jeugdverpleegkundige Noor, JGZ Zuid-Limburg/).count()).toBe(1);
    await expectAccessible(nurse);

    // The director drafts the family plan and adopts it with the parents.
    await nurse.getByRole('button', { name: 'Gezinsplan opstellen' }).click();
    await expect.poll(() => heading(nurse)).toBe('Gezinsplan Iris Janssen, concept versie 1');
    await expectAccessible(nurse);
    await nurse.getByLabel('Wat goed gaat (krachten)').fill('Iris is vindingrijk en heeft een zus in de buurt.');
    await nurse.getByRole('button', { name: 'Doel toevoegen' }).click();
    await nurse.getByLabel('Doel', { exact: true }).fill('Ik wil mijn post weer zelf kunnen regelen');
    await nurse.getByRole('button', { name: 'Actie toevoegen' }).click();
    await nurse.getByLabel('Wat', { exact: true }).fill('Samen de post doornemen');
    await nurse.getByRole('button', { name: 'Concept opslaan' }).click();
    await expect.poll(() => nurse.getByText('Opgeslagen.').count()).toBe(1);
    await nurse.getByRole('button', { name: 'Vaststellen met de ouders' }).click();
    await nurse.getByLabel('De ouders waren bij het gesprek').check();
    await nurse.getByLabel('De ouders zijn akkoord met het plan').check();
    await expectAccessible(nurse);
    await nurse.getByRole('button', { name: 'Vaststellen', exact: true }).click();
    await expect.poll(() => heading(nurse)).toBe('Gezinsplan Iris Janssen, versie 1');
    await expect.poll(() => nurse.getByText(/Ouders waren aanwezig; ouders zijn akkoord/).count()).toBe(1);
    await expectAccessible(nurse);
    const pdf = await nurse.request.get(`${server.baseUrl}${new URL(caseUrl).pathname.replace('/casussen/', '/api/v1/cases/')}/plans/1/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // My cases for the director.
    await nurse.getByRole('link', { name: 'Casussen', exact: true }).click();
    await expect.poll(() => heading(nurse)).toBe('Mijn casussen');
    await expect.poll(() => nurse.getByRole('row').filter({ hasText: 'Iris Janssen' }).count()).toBe(1);
    await expectAccessible(nurse);

    // An outsider is refused, then breaks the glass with a reason.
    const gp = await signIn('gp');
    await gp.goto(caseUrl);
    await expect.poll(() => heading(gp)).toBe('Niet gevonden');
    await expectAccessible(gp);
    await gp.getByRole('button', { name: 'Noodtoegang aanvragen' }).click();
    await gp.getByLabel('Reden (verplicht)').fill('Iris is op de huisartsenpost, acute vraag over medicatie');
    await expectAccessible(gp);
    await gp.getByRole('button', { name: 'Noodtoegang gebruiken' }).click();
    await expect.poll(() => heading(gp)).toBe('Casus Iris Janssen');
    await expect.poll(() => gp.getByText(/U kijkt mee met noodtoegang/).count()).toBe(1);
    await expectAccessible(gp);

    // The coordinator's board, and the review of the emergency access.
    await coordinator.getByRole('link', { name: 'Casusbord', exact: true }).click();
    await expect.poll(() => heading(coordinator)).toBe('Casusbord knooppunt');
    await expect.poll(() => coordinator.getByRole('row').filter({ hasText: 'Iris Janssen' }).count()).toBe(1);
    await expectAccessible(coordinator);
    await coordinator.goto(caseUrl);
    await coordinator.getByRole('button', { name: 'Terecht', exact: true }).click();
    await expect.poll(() => coordinator.getByText(/Huisarts Hendrik.*terecht/).count()).toBe(1);
    await expectAccessible(coordinator);
  });
});
