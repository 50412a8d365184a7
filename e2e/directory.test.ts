import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, organisations, regions, services } from '../src/server/db/schema.js';
import { sendFreshnessReminders } from '../src/server/modules/directory/freshness.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedDemoDirectory } from '../src/server/seed/demo-directory.js';
import { buildUser, buildUserWithTotp, TEST_PASSWORD } from '../src/server/testing/factories.js';
import { expectAccessible, hasChromium, launch, startServer } from './support.js';

describe.skipIf(!hasChromium)('sociale kaart and smoelenboek in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let wieg: typeof organisations.$inferSelect;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    await seedDemoDirectory(server.db);
    wieg = (await server.db.select().from(organisations).where(eq(organisations.name, 'Verloskundigenpraktijk De Wieg')))[0]!;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, email: string, secret?: string) {
    await page.goto(`${server.baseUrl}/inloggen`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    if (secret) {
      await page.waitForURL('**/tweestapsverificatie');
      await page.getByLabel('Verificatiecode').fill(await generate({ secret }));
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => page.locator('h1').textContent()).toContain('Welkom');
  }
  const heading = (page: Page) => page.locator('h1').textContent();

  it('a professional searches, opens a service, maintains her own card and confirms a stale service', async () => {
    const { user, secret } = await buildUserWithTotp(server.db, server.deps.secretKey, {
      organisationId: wieg.id,
      municipalityIds: [],
      role: 'professional',
      directoryEditor: true,
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, user.email, secret);

    // Search by keyboard: stemming finds "zwangerschap" and "zwangeren".
    await page.getByRole('link', { name: 'Sociale kaart', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Sociale kaart');
    await expectAccessible(page);
    await page.getByLabel('Zoek aanbod').fill('zwanger');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: 'Centering Zwangerschap De Wieg' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'VoorZorg Parkstad' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Verouderd').count()).toBeGreaterThan(0);
    await expectAccessible(page);

    // Typo tolerance and a filter.
    await page.getByLabel('Zoek aanbod').fill('stevig ouderschp');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: 'Stevig Ouderschap' }).count()).toBe(1);
    await page.getByLabel('Zoek aanbod').fill('');
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Gemeente', exact: true }).selectOption({ label: 'Vaals' });
    await page.waitForURL(/municipalityId=/);
    await page.getByLabel('2–4 jaar').check();
    await page.waitForURL(/targetGroup=age_2_4/);
    expect(page.url()).toContain('municipalityId=');
    await expect.poll(() => page.getByRole('link', { name: 'Stevig Ouderschap' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'Gezinsondersteuning Wijkteam Landgraaf' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'Voorschoolse educatie (VVE) Het Speelhuis' }).count()).toBe(1);

    // The service page, and the printable handout.
    await page.getByRole('link', { name: 'Voorschoolse educatie (VVE) Het Speelhuis' }).click();
    await expect.poll(() => heading(page)).toBe('Voorschoolse educatie (VVE) Het Speelhuis');
    await expect.poll(() => page.getByText('vanaf 2 jaar tot 4 jaar').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Wijzigingen tonen' }).click();
    await expectAccessible(page);
    await page.goto(`${server.baseUrl}/sociale-kaart?q=voorzorg`);
    await page.getByRole('link', { name: 'VoorZorg Parkstad' }).click();
    await expect.poll(() => page.getByText('vanaf 16 weken zwangerschap tot 2 jaar').count()).toBe(1);
    await page.goto(`${server.baseUrl}/sociale-kaart/afdrukken?q=zwanger`);
    await expect.poll(() => heading(page)).toBe('Sociale kaart');
    await expect.poll(() => page.getByRole('heading', { name: 'VoorZorg Parkstad' }).count()).toBe(1);
    await expectAccessible(page);

    // Smoelenboek: find a colleague, then make and edit her own card.
    await page.goto(`${server.baseUrl}/smoelenboek`);
    await page.getByLabel('Zoek een persoon').fill('joke');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: 'Joke Janssen' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Joke Janssen' }).click();
    await expect.poll(() => heading(page)).toBe('Joke Janssen');
    await expectAccessible(page);

    await page.goto(`${server.baseUrl}/mijn-kaart`);
    await expect.poll(() => heading(page)).toBe('Mijn kaart in het smoelenboek');
    await expectAccessible(page);
    await page.getByLabel('Naam', { exact: true }).fill('Wendy Wieg');
    await page.getByLabel('Functie').fill('Verloskundige');
    await page.getByLabel('Telefoon').fill('12');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByText('Vul een geldig telefoonnummer in').count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Telefoon').fill('06 12345678');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => heading(page)).toBe('Wendy Wieg');
    await expect.poll(() => page.getByRole('link', { name: '06 12345678' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Mijn kaart bewerken' }).click();
    const photo = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#4a7' } })
      .png()
      .toBuffer();
    await page.getByLabel('Foto').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => page.locator('img.kp-avatar').count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Bereikbaar').fill('Dinsdag en donderdag');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByText('Dinsdag en donderdag').count()).toBe(1);
    await page.getByRole('button', { name: 'Wijzigingen tonen' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Bereikbaar' }).count()).toBe(1);
    await expectAccessible(page);

    // Her organisation: the stale Centering service is confirmed in one click.
    await page.getByRole('link', { name: 'Mijn organisatie', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Verloskundigenpraktijk De Wieg');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Nieuwe locatie' }).click();
    const form = page.getByRole('form', { name: 'Nieuwe locatie' });
    await form.getByLabel('Naam').fill('Spreekuur Bleijerheide');
    await form.getByLabel('Adres').fill('Pannesheiderstraat 1');
    await form.getByLabel('Postcode').fill('6462ab');
    await form.getByLabel('Plaats').fill('Kerkrade');
    await form.getByLabel('Openingstijden').fill('di 09:00-12:00');
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Pannesheiderstraat 1, 6462 AB Kerkrade' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Klopt nog: Centering Zwangerschap De Wieg' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Klopt nog: Centering Zwangerschap De Wieg' }).count()).toBe(0);
    const [centering] = await server.db.select().from(services).where(eq(services.name, 'Centering Zwangerschap De Wieg'));
    expect(centering!.lastConfirmedById).toBe(user.id);

    // And she edits the service: the waiting time.
    await page.getByRole('link', { name: 'Bewerken: Centering Zwangerschap De Wieg' }).click();
    await expect.poll(() => heading(page)).toContain('Bewerken');
    await expectAccessible(page);
    await page.getByLabel('Wachttijd (weken)').fill('3');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => heading(page)).toBe('Centering Zwangerschap De Wieg');
    await expect.poll(() => page.getByText('3 weken').count()).toBe(1);
    await context.close();
  });

  it('the public sociale kaart works without signing in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/openbaar/sociale-kaart?q=zwanger`);
    await expect.poll(() => heading(page)).toBe('Openbare sociale kaart');
    await expect.poll(() => page.getByRole('link', { name: 'VoorZorg Parkstad' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'VoorZorg Parkstad' }).click();
    await expect.poll(() => heading(page)).toBe('VoorZorg Parkstad');
    await expect.poll(() => page.getByText('Joke Janssen').count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });

  it('an admin sees the reminder in the outbox; its link confirms without signing in', async () => {
    const [region] = await server.db.select().from(regions).where(eq(regions.name, 'Zuid-Limburg'));
    const adminOrg = (await server.db.select().from(organisations).where(eq(organisations.name, 'Knooppunt Kansrijke Start Parkstad')))[0]!;
    expect(adminOrg.regionId).toBe(region!.id);
    const { user: admin, secret } = await buildUserWithTotp(server.db, server.deps.secretKey, {
      organisationId: adminOrg.id,
      municipalityIds: [],
      role: 'admin',
    });
    await buildUser(server.db, { organisationId: adminOrg.id, municipalityIds: [], directoryEditor: true, email: 'redactie@knooppunt.e2e' });
    await server.db
      .update(services)
      .set({ lastConfirmedAt: new Date('2025-01-01') })
      .where(eq(services.name, 'Knooppunt Kansrijke Start: consultatie en casusregie'));
    await sendFreshnessReminders(server.db, server.deps.config);

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, admin.email, secret);
    await page.getByRole('link', { name: 'Uitgaande mail' }).click();
    await expect.poll(() => page.getByText('redactie@knooppunt.e2e').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'HSDS-import' }).click();
    await expect.poll(() => heading(page)).toContain('HSDS 3.0');
    await expectAccessible(page);

    const [mail] = await server.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'redactie@knooppunt.e2e'));
    const token = /\/bevestigen\/([A-Za-z0-9_-]+)/.exec(mail!.textBody)![1];
    const anon = await (await browser.newContext()).newPage();
    await anon.goto(`${server.baseUrl}/bevestigen/${token}`);
    await expect.poll(() => heading(anon)).toBe('Klopt dit nog?');
    await expect.poll(() => anon.getByText('Knooppunt Kansrijke Start: consultatie en casusregie', { exact: false }).count()).toBe(1);
    await expectAccessible(anon);
    await anon.getByRole('button', { name: 'Klopt nog' }).click();
    await expect.poll(() => anon.getByRole('status').textContent()).toContain('Dank u wel');
    await expectAccessible(anon);
    await context.close();
  });
});
