import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalities, organisations } from '../src/server/db/schema.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedDemoDirectory } from '../src/server/seed/demo-directory.js';
import { seedDemoFamilies } from '../src/server/seed/demo-families.js';
import { buildUserWithTotp, randomBsn } from '../src/server/testing/factories.js';
import { expectAccessible, hasChromium, launch, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('signals and "who else is involved" in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  const accounts: Record<
    'midwife' | 'nurse' | 'coordinator' | 'midwife2' | 'coordinator2' | 'admin' | 'midwife3',
    { email: string; secret: string; name: string }
  > = {} as never;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    await seedDemoDirectory(server.db);
    await seedDemoFamilies(server.db, server.deps.secretKey);
    const org = async (name: string) => (await server.db.select().from(organisations).where(eq(organisations.name, name)))[0]!.id;
    const [kerkrade] = await server.db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
    const make = async (key: keyof typeof accounts, organisation: string, role: 'professional' | 'coordinator' | 'admin') => {
      const { user, secret } = await buildUserWithTotp(server.db, server.deps.secretKey, {
        organisationId: await org(organisation),
        municipalityIds: [kerkrade!.id],
        role,
      });
      accounts[key] = { email: user.email, secret, name: user.displayName };
    };
    await make('midwife', 'Verloskundigenpraktijk De Wieg', 'professional');
    await make('nurse', 'JGZ Zuid-Limburg (demo)', 'professional');
    await make('coordinator', 'Knooppunt Kansrijke Start Parkstad', 'coordinator');
    await make('midwife2', 'Verloskundigenpraktijk De Wieg', 'professional');
    await make('coordinator2', 'Knooppunt Kansrijke Start Parkstad', 'coordinator');
    await make('admin', 'Knooppunt Kansrijke Start Parkstad', 'admin');
    await make('midwife3', 'Verloskundigenpraktijk De Wieg', 'professional');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const signIn = (who: keyof typeof accounts) => signInPage(browser, server.baseUrl, accounts[who]);
  const heading = (page: Page) => page.locator('h1').textContent();

  it('a midwife records a signal with consent, the coordinator acknowledges it, a JGZ nurse registers and both see the match', async () => {
    const bsn = randomBsn();
    const midwife = await signIn('midwife');
    await midwife.getByRole('link', { name: 'Cliënten', exact: true }).click();
    await expect.poll(() => heading(midwife)).toBe('Cliënten');
    await expectAccessible(midwife);

    // Register involvement: the person is created.
    await midwife.getByRole('link', { name: 'Betrokkenheid registreren' }).click();
    await expect.poll(() => heading(midwife)).toBe('Betrokkenheid registreren');
    await midwife.getByLabel('BSN', { exact: true }).fill(bsn);
    await midwife.getByLabel('Voornaam').fill('Iris');
    await midwife.getByLabel('Achternaam').fill('Janssen');
    await midwife.getByLabel('Geboortedatum').fill('1999-03-15');
    await midwife.getByRole('combobox', { name: 'Gemeente' }).selectOption({ label: 'Kerkrade' });
    await expectAccessible(midwife);
    await midwife.getByRole('button', { name: 'Registreren' }).click();
    await expect.poll(() => heading(midwife)).toBe('Iris Janssen');
    await expectAccessible(midwife);

    // The signal, with consent.
    await midwife.getByRole('link', { name: 'Signaal vastleggen' }).click();
    await expect.poll(() => heading(midwife)).toBe('Signaal over Iris Janssen');
    await midwife.getByLabel('Mentaal welbevinden').check();
    await midwife.getByLabel('Schulden').check();
    await midwife.getByLabel('Veerkracht').check();
    await midwife.getByRole('combobox', { name: 'Mate van kwetsbaarheid' }).selectOption({ label: 'Kwetsbaar' });
    await midwife.getByLabel('Hoe ziet de vrouw het zelf?').fill('Iris maakt zich zorgen over geld en wil hulp.');
    await midwife.getByRole('combobox', { name: 'Is de zorg met haar of het gezin besproken?' }).selectOption({ label: 'Ja' });
    await midwife.getByRole('combobox', { name: 'Toestemming om het signaal met het knooppunt te delen?' }).selectOption({ label: 'Ja' });
    await expectAccessible(midwife);
    await midwife.getByRole('button', { name: 'Signaal vastleggen' }).click();
    await expect.poll(() => heading(midwife)).toBe('Signaal over Iris Janssen');
    await expect.poll(() => midwife.getByText('Wacht op de coördinator').count()).toBe(1);
    await expectAccessible(midwife);

    // The coordinator sees it in the intake, with the signaller's contact, and acknowledges it.
    const coordinator = await signIn('coordinator');
    await coordinator.getByRole('link', { name: 'Intake', exact: true }).click();
    await expect.poll(() => heading(coordinator)).toBe('Intake van het knooppunt');
    await expectAccessible(coordinator);
    const row = coordinator.getByRole('row').filter({ hasText: 'Iris Janssen' });
    await row.getByRole('link').first().click();
    await expect.poll(() => coordinator.getByText(accounts.midwife.name).count()).toBeGreaterThan(0);
    await expectAccessible(coordinator);
    await coordinator.getByRole('button', { name: 'Ontvangst bevestigen' }).click();
    await expect.poll(() => coordinator.getByText(/Ontvangen door de coördinator op/).count()).toBe(1);

    // The signaller sees "ontvangen door de coördinator op …".
    await midwife.getByRole('link', { name: 'Mijn signalen' }).click();
    await expect.poll(() => midwife.getByText(/Ontvangen door de coördinator op/).count()).toBe(1);
    await expectAccessible(midwife);

    // The coordinator decides: exploration.
    await coordinator.getByRole('combobox', { name: 'Besluit' }).selectOption({ label: 'Verkennen' });
    await coordinator.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => coordinator.getByText(/^Verkennen \(/).count()).toBe(1);

    // A JGZ nurse registers involvement with the same person: a match.
    const nurse = await signIn('nurse');
    await nurse.goto(`${server.baseUrl}/clienten/registreren`);
    await nurse.getByLabel('BSN', { exact: true }).fill(bsn);
    await nurse.getByLabel('Achternaam').fill('Janssen');
    await nurse.getByLabel('Geboortedatum').fill('1999-03-15');
    await nurse.getByRole('combobox', { name: 'Gemeente' }).selectOption({ label: 'Kerkrade' });
    await nurse.getByRole('button', { name: 'Registreren' }).click();
    await expect.poll(() => heading(nurse)).toBe('Iris Janssen');
    await expect.poll(() => nurse.getByText('Er is een match: een andere hulpverlener is ook betrokken.').count()).toBe(1);
    await nurse.getByRole('link', { name: 'Matches', exact: true }).first().click();
    await expect.poll(() => nurse.getByText(accounts.midwife.name).count()).toBeGreaterThan(0);
    await expectAccessible(nurse);

    await midwife.getByRole('link', { name: 'Matches', exact: true }).click();
    await expect.poll(() => midwife.getByText(accounts.nurse.name).count()).toBeGreaterThan(0);
    const card = midwife.getByRole('article').filter({ hasText: accounts.nurse.name });
    await card.getByRole('combobox', { name: 'Centraal aanspreekpunt' }).selectOption({ label: 'Ikzelf' });
    await card.getByRole('button', { name: 'Afgestemd' }).click();
    await expect.poll(() => card.getByText(/^Afgestemd op/).count()).toBe(1);
    await expectAccessible(midwife);

    // Notifications: the nurse has a match notification.
    await nurse.getByRole('link', { name: /^Meldingen/ }).click();
    await expect.poll(() => nurse.getByRole('link', { name: 'Er is een match' }).count()).toBeGreaterThan(0);
    await expectAccessible(nurse);
  });

  it('the client page: household, informing letter, Positieve Gezondheid, screening, duplicates — all accessible', async () => {
    // A TOTP code is accepted once: the second scenario signs in with accounts of its own.
    const midwife = await signIn('midwife2');
    await midwife.goto(`${server.baseUrl}/clienten/registreren`);
    await midwife.getByLabel('Voornaam').fill('Noor');
    await midwife.getByLabel('Achternaam').fill('Bakker');
    await midwife.getByLabel('Geboortedatum').fill('2001-07-01');
    await midwife.getByRole('combobox', { name: 'Gemeente' }).selectOption({ label: 'Kerkrade' });
    await midwife.getByRole('button', { name: 'Registreren' }).click();
    await expect.poll(() => heading(midwife)).toBe('Noor Bakker');

    // Correcting details: the phone number is added.
    await midwife.getByRole('button', { name: 'Gegevens wijzigen' }).click();
    await expectAccessible(midwife);
    await midwife.getByLabel('Telefoon').fill('06 12345678');
    await midwife.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => midwife.getByText('06 12345678').count()).toBe(1);

    // Positieve Gezondheid: a measurement draws the spider web, with the numbers in a table.
    await midwife.getByLabel('Meedoen').fill('3');
    await midwife.getByRole('button', { name: 'Meting toevoegen' }).click();
    await expect.poll(() => midwife.getByRole('img', { name: /Spinnenweb van 1 meting/ }).count()).toBe(1);
    await expectAccessible(midwife);

    // Household: add the unborn child.
    await midwife.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    const due = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    await midwife.getByLabel('Uitgerekende datum').fill(due);
    await expectAccessible(midwife);
    await midwife.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await expect.poll(() => midwife.getByRole('link', { name: 'Ongeboren kind Bakker' }).count()).toBe(1);

    // The informing letter.
    await midwife.getByRole('link', { name: 'Informeren' }).click();
    await expect.poll(() => heading(midwife)).toBe('Ouders of jongere informeren');
    await expect.poll(() => midwife.getByText(/geen vraag om toestemming/).count()).toBe(1);
    await expectAccessible(midwife);
    await midwife.getByRole('button', { name: 'Vastleggen dat is geïnformeerd' }).click();
    await expect.poll(() => midwife.getByText('Opgeslagen.').count()).toBe(1);

    // Screening: the example instrument; the score is a suggestion.
    await midwife.goBack();
    await midwife.getByRole('link', { name: 'Vragenlijst invullen' }).click();
    await expect.poll(() => heading(midwife)).toBe('Vragenlijst voor Noor Bakker');
    for (const group of await midwife.getByRole('group').all()) {
      const yes = group.getByLabel('Ja', { exact: true });
      if (await yes.count()) await yes.check();
    }
    await expectAccessible(midwife);
    await midwife.getByRole('button', { name: 'Opslaan en scoren' }).click();
    await expect.poll(() => midwife.getByText(/Het is een suggestie, geen besluit/).count()).toBe(1);
    await expectAccessible(midwife);

    // The coordinator's duplicates list (the demo has one) and keyboard navigation to it.
    const coordinator = await signIn('coordinator2');
    await coordinator.getByRole('link', { name: 'Dubbele registraties' }).focus();
    await coordinator.keyboard.press('Enter');
    await expect.poll(() => heading(coordinator)).toBe('Mogelijke dubbele registraties');
    await expect.poll(() => coordinator.getByRole('row').filter({ hasText: 'Smeets' }).count()).toBe(1);
    await expectAccessible(coordinator);
    await coordinator.getByRole('button', { name: 'Samenvoegen' }).click();
    await expectAccessible(coordinator);
    await coordinator.getByRole('alertdialog').getByRole('button', { name: 'Samenvoegen' }).click();
    await expect.poll(() => heading(coordinator)).toMatch(/Smeets$/);
    await expectAccessible(coordinator);
  });

  it('an admin adds a factor to the code list and sees the instruments; a professional gets 404 on that page', async () => {
    const admin = await signIn('admin');
    await admin.getByRole('link', { name: 'Signalen en screening' }).click();
    await expect.poll(() => heading(admin)).toBe('Signalen en screening');
    await expectAccessible(admin);
    await admin.getByLabel('Code', { exact: true }).first().fill('taalbarriere');
    await admin.getByLabel('Omschrijving (Nederlands)').fill('Taalbarrière');
    await admin.getByLabel('Omschrijving (Engels)').fill('Language barrier');
    await admin.getByRole('button', { name: 'Aanmaken' }).first().click();
    await expect.poll(() => admin.getByRole('cell', { name: 'taalbarriere' }).count()).toBe(1);
    await expect.poll(() => admin.getByRole('cell', { name: 'knooppunt_voorbeeld' }).count()).toBe(1);
    await expectAccessible(admin);
    // Professionals do not see the page. (A TOTP code is accepted once: a fresh account.)
    const midwife = await signIn('midwife3');
    await midwife.goto(`${server.baseUrl}/beheer/signalen-en-screening`);
    await expect.poll(() => heading(midwife)).toBe('Niet gevonden.');
  });
});
