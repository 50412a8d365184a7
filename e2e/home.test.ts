import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/seed/demo.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signalledClient, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('home = my work, and the shell around it', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let coordinator: E2eAccount;
  let gp: E2eAccount;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    coordinator = await makeAccount(server, 'Knooppunt Kansrijke Start Parkstad', 'coordinator', 'Coördinator Cas');
    const midwife = await makeAccount(server, 'Verloskundigenpraktijk De Wieg', 'professional', 'Verloskundige Vera');
    gp = await makeAccount(server, 'Huisartsenpraktijk Holz', 'professional', 'Huisarts Hendrik');
    await signalledClient(server, midwife, 'Iris', 'Janssen');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the coordinator her intake with the client, counts it in the grouped navigation, and names the page', async () => {
    const page = await signInPage(browser, server.baseUrl, coordinator);
    const intake = page.getByRole('region', { name: /Nieuwe signalen in de intake/ });
    await expect.poll(() => intake.getByRole('link', { name: 'Iris Janssen' }).count()).toBe(1);
    await expect.poll(() => page.title()).toBe('Mijn werk · Knooppunt');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    // Grouped by task; the waiting count is the link's description, not part of its name.
    expect(await nav.getByRole('list', { name: 'Regie' }).count()).toBe(1);
    const link = nav.getByRole('link', { name: 'Intake', exact: true });
    expect(await link.getAttribute('aria-describedby')).toBeTruthy();
    expect(await nav.getByRole('list', { name: 'Beheer' }).count()).toBe(0);
    await expectAccessible(page);

    await link.click();
    await expect.poll(() => page.title()).toBe('Intake · Knooppunt');
    await expect.poll(() => link.getAttribute('aria-current')).toBe('page');
  });

  it('on a phone folds the navigation behind a menu button that works by keyboard', async () => {
    const page = await signInPage(browser, server.baseUrl, coordinator);
    await page.setViewportSize({ width: 390, height: 844 });
    const button = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    await expectAccessible(page);

    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => nav.getByRole('button', { name: 'Uitloggen' }).isVisible()).toBe(true);
    await expectAccessible(page);
    // Escape folds it away again and gives focus back to the button.
    await nav.getByRole('link', { name: 'Casusbord' }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);

    // Following a link closes the menu and lands on the page.
    await button.click();
    await nav.getByRole('link', { name: 'Casusbord' }).click();
    await expect.poll(() => page.title()).toBe('Casusbord · Knooppunt');
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('false');
  });

  it('tells a professional with nothing waiting so, kindly, and offers where to go', async () => {
    const page = await signInPage(browser, server.baseUrl, gp);
    await expect.poll(() => page.getByText('Niets dat vandaag op u wacht.').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Zoek in de sociale kaart' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('list', { name: 'Regie' }).count()).toBe(0);
    await expectAccessible(page);
  });
});
