import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/seed/demo.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signalledClient, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('case coordination in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let signalId: string;
  let caseUrl: string;
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

  /** Adds a professional from the team tab; without consent for her organisation the page asks first. */
  async function addMember(page: Page, who: keyof typeof accounts, role: string, consentFirst = true) {
    await page.getByRole('button', { name: 'Professional toevoegen' }).click();
    await page.getByLabel('Zoek op naam').fill(accounts[who].name);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const select = page.getByRole('combobox', { name: 'Gevonden professionals' });
    await expect.poll(() => select.locator('option').count()).toBeGreaterThan(1);
    await select.selectOption({ index: 1 });
    await page.getByLabel('Rol in deze casus').fill(role);
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    if (consentFirst) {
      // No consent for that organisation yet: the page asks first.
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(1);
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Toch toevoegen' }).click();
    }
    await expect.poll(() => page.getByRole('row').filter({ hasText: accounts[who].name }).count()).toBe(1);
  }

  it('the coordinator opens a case from a signal, builds the care team with consent, a director accepts and adopts the plan with the parents; an outsider breaks the glass', async () => {
    const coordinator = await signIn('coordinator');
    await coordinator.goto(`${server.baseUrl}/signalen/${signalId}`);
    await expect.poll(() => heading(coordinator)).toBe('Signaal over Iris Janssen');
    await coordinator.getByRole('button', { name: 'Casus openen' }).click();
    await expect.poll(() => heading(coordinator)).toBe('Casus Iris Janssen');
    caseUrl = coordinator.url();
    await expectAccessible(coordinator);

    // The nurse joins first; then the parents consent for her organisation, the midwife's practice and the
    // Sociaal Team — found by name before anyone of it is in the team — in one go.
    await addMember(coordinator, 'nurse', 'JGZ-verpleegkundige');
    await coordinator.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await coordinator.getByRole('combobox', { name: 'Gegeven door' }).selectOption({ label: 'Iris Janssen (Moeder / zwangere)' });
    await coordinator.getByLabel('JGZ Zuid-Limburg (demo)').check();
    await coordinator.getByLabel('Verloskundigenpraktijk De Wieg').check();
    await coordinator.getByLabel('Andere organisatie zoeken').fill('Sociaal Team');
    await coordinator.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await coordinator.getByLabel('Sociaal Team Kerkrade (nog niemand in het zorgteam)').check();
    await expectAccessible(coordinator);
    await coordinator.getByRole('button', { name: 'Vastleggen' }).click();
    const consentTable = coordinator.getByRole('table').filter({ hasText: 'Ontvanger' });
    await expect.poll(() => consentTable.getByRole('row').filter({ hasText: 'gegeven (mondeling' }).count()).toBe(3);
    // The social worker joins later: the consent given before applies, nothing to confirm.
    await addMember(coordinator, 'social', 'Wijkcoach', false);
    await expect.poll(() => coordinator.getByRole('row').filter({ hasText: accounts.social.name }).filter({ hasText: 'gegeven' }).count()).toBe(1);
    await expect.poll(() => coordinator.getByText('Sociaal Team Kerkrade: gegeven').count()).toBe(1);
    await expectAccessible(coordinator);

    // The coordinator proposes the JGZ nurse as case director; there is no director yet, and the text says so.
    await coordinator.getByRole('button', { name: 'Casusregisseur voorstellen' }).click();
    await coordinator
      .getByRole('combobox', { name: 'Voorstellen als regisseur' })
      .selectOption({ label: 'Jeugdverpleegkundige Noor — JGZ Zuid-Limburg (demo)' });
    await coordinator.getByRole('button', { name: 'Voorstellen', exact: true }).click();
    await expect.poll(() => coordinator.getByText(/moet nog accepteren. Tot dan is er geen casusregisseur/).count()).toBe(1);
    await expect.poll(() => coordinator.getByText(/huidige regisseur/).count()).toBe(0);

    // She sees it on her dashboard and accepts.
    const nurse = await signIn('nurse');
    await expectAccessible(nurse);
    await nurse.getByRole('link', { name: 'U bent voorgesteld als regisseur bij Iris Janssen' }).click();
    await expect.poll(() => heading(nurse)).toBe('Casus Iris Janssen');
    await nurse.getByRole('button', { name: 'Regie accepteren' }).click();
    await expect.poll(() => nurse.getByText('Casusregisseur: Jeugdverpleegkundige Noor.').count()).toBe(1);
    await expectAccessible(nurse);

    // The director drafts the family plan from the plan tab; adopting needs the parents (ADR 016).
    await nurse.getByRole('tab', { name: 'Gezinsplan' }).click();
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
    await nurse.getByLabel('De ouders waren bij het gesprek').check();
    await nurse.getByRole('button', { name: 'Vaststellen', exact: true }).click();
    await expect.poll(() => nurse.getByText('Zonder akkoord van de ouders blijft het plan een concept.').count()).toBe(1);
    await expect.poll(() => heading(nurse)).toBe('Gezinsplan Iris Janssen, concept versie 1');
    await expectAccessible(nurse);
    await nurse.getByLabel('De ouders zijn akkoord met het plan').check();
    await nurse.getByRole('button', { name: 'Vaststellen', exact: true }).click();
    await expect.poll(() => heading(nurse)).toBe('Gezinsplan Iris Janssen, versie 1');
    await expect.poll(() => nurse.getByText(/Samen met de ouders vastgesteld: zij waren bij het gesprek en zijn akkoord/).count()).toBe(1);
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

  it('the case page is a workspace: tabs in the URL, by keyboard, accessible on every tab; a member is told why she cannot direct', async () => {
    const coordinator = await signIn('coordinator');
    await coordinator.goto(caseUrl);
    await expect.poll(() => heading(coordinator)).toBe('Casus Iris Janssen');
    const tab = (name: string) => coordinator.getByRole('tab', { name, exact: true });
    const selected = () => coordinator.getByRole('tab', { selected: true }).textContent();
    await expect.poll(selected).toBe('Team en toestemming');
    // One tab stop: arrows, Home and End move and select; the panel follows and the URL carries the tab.
    await tab('Team en toestemming').focus();
    await coordinator.keyboard.press('ArrowRight');
    await expect.poll(selected).toBe('Gezinsplan');
    expect(new URL(coordinator.url()).searchParams.get('tab')).toBe('plan');
    expect(await coordinator.evaluate(() => document.activeElement?.textContent)).toBe('Gezinsplan');
    await expect.poll(() => coordinator.getByRole('tabpanel').getByRole('heading', { name: 'Gezinsplan', level: 2 }).count()).toBe(1);
    await coordinator.keyboard.press('End');
    await expect.poll(selected).toBe('Tijdlijn');
    await coordinator.keyboard.press('ArrowRight');
    await expect.poll(selected).toBe('Team en toestemming');
    await coordinator.keyboard.press('ArrowLeft');
    await expect.poll(selected).toBe('Tijdlijn');
    await coordinator.keyboard.press('Home');
    await expect.poll(selected).toBe('Team en toestemming');
    expect(await coordinator.getByRole('tab', { selected: false }).evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual([
      '-1',
      '-1',
      '-1',
      '-1',
    ]);
    // Tab from the tab list lands in the panel.
    await coordinator.keyboard.press('Tab');
    expect(await coordinator.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tabpanel');

    // Every tab passes axe; the timeline has the one consent entry naming all three organisations.
    for (const name of ['Team en toestemming', 'Gezinsplan', 'Verwijzingen', 'Overleg', 'Tijdlijn']) {
      await tab(name).click();
      await expect.poll(selected).toBe(name);
      await expectAccessible(coordinator);
    }
    const consentLines = coordinator.getByRole('listitem').filter({ hasText: 'Toestemming:' });
    await expect.poll(() => consentLines.count()).toBe(1);
    await expect.poll(() => consentLines.filter({ hasText: 'Sociaal Team Kerkrade' }).filter({ hasText: 'JGZ Zuid-Limburg (demo)' }).count()).toBe(1);
    // A link to a tab opens it; back returns to the tab before.
    await tab('Verwijzingen').click();
    await tab('Overleg').click();
    await coordinator.goBack();
    await expect.poll(selected).toBe('Verwijzingen');
    await coordinator.goto(`${caseUrl}?tab=plan`);
    await expect.poll(selected).toBe('Gezinsplan');

    // The midwife (care team, not the director) sees the team without the buttons, and is told why.
    const midwife = await signIn('midwife');
    await midwife.goto(caseUrl);
    await expect.poll(() => heading(midwife)).toBe('Casus Iris Janssen');
    await expect
      .poll(() => midwife.getByText('Het zorgteam en de regie beheren doet de casusregisseur of de coördinator van het knooppunt.').count())
      .toBeGreaterThan(0);
    expect(await midwife.getByRole('button', { name: 'Professional toevoegen' }).count()).toBe(0);
    await expectAccessible(midwife);
    await midwife.getByRole('tab', { name: 'Gezinsplan' }).click();
    await expect
      .poll(() => midwife.getByText('Het gezinsplan opstellen en vaststellen doet de casusregisseur of de coördinator van het knooppunt.').count())
      .toBe(1);
    await expectAccessible(midwife);
  });
});
