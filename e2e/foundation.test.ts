import { generate } from 'otplib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScene, buildUser, buildUserWithTotp, TEST_PASSWORD } from '../src/server/testing/factories.js';
import { expectAccessible, hasChromium, launch, startServer } from './support.js';

describe.skipIf(!hasChromium)('foundation in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let scene: Awaited<ReturnType<typeof buildScene>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    scene = await buildScene(server.db);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('signs in, enrols TOTP, and lets an admin create a user — every page accessible', async () => {
    const admin = await buildUser(server.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id], role: 'admin' });
    const context = await browser.newContext();
    const page = await context.newPage();
    const cspViolations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('Content Security Policy')) cspViolations.push(m.text());
    });
    page.on('dialog', (d) => void d.accept());
    await page.goto(server.baseUrl);
    await page.waitForURL('**/inloggen');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Inloggen');
    await expectAccessible(page);

    await page.getByLabel('E-mailadres').fill(admin.email);
    await page.getByLabel('Wachtwoord').fill('fout-wachtwoord');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Onjuiste combinatie');
    await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();

    await page.waitForURL('**/tweestapsverificatie');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'QR-code tonen' }).click();
    const key = (await page.getByTestId('manual-key').textContent())!.replace(/\s/g, '');
    await expect.poll(() => page.getByRole('img', { name: /QR-code/ }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Verificatiecode').fill(await generate({ secret: key }));
    await page.getByRole('button', { name: 'Inschakelen' }).click();

    await expect.poll(() => page.locator('h1').textContent()).toContain('Welkom');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Mijn account' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mijn account');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Gebruikers' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Gebruikers');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
    const form = page.getByRole('form', { name: 'Nieuwe gebruiker' });
    await form.getByLabel('Naam').fill('Fleur Verloskundige');
    await form.getByLabel('E-mailadres').fill('fleur@e2e.test');
    await form.getByLabel('Organisatie', { exact: true }).selectOption({ label: scene.organisation.name });
    await form.getByLabel(scene.municipality.name).check();
    await form.getByLabel('Startwachtwoord').fill('kort');
    await form.getByRole('button', { name: 'Aanmaken' }).click();
    await expect.poll(() => form.getByText('Minimaal 12 tekens.').count()).toBe(1);
    await expectAccessible(page);
    await form.getByLabel('Startwachtwoord').fill('Een-sterk-startwachtwoord');
    await form.getByRole('button', { name: 'Aanmaken' }).click();
    await expect.poll(() => page.getByText('fleur@e2e.test', { exact: true }).count()).toBe(1);

    // Edit an organisation through its form.
    await page.getByRole('link', { name: 'Organisaties', exact: true }).click();
    await page.getByRole('button', { name: `Bewerken: ${scene.organisation.name}` }).click();
    await page.getByLabel('Naam').fill('Kraamzorg Hernoemd');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Kraamzorg Hernoemd', exact: true }).count()).toBe(1);

    for (const [link, title] of [
      ['Organisaties', 'Organisaties'],
      ['Gemeenten', 'Gemeenten'],
      ['Toegangslog', 'Toegangslog (NEN 7513)'],
    ]) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe(title);
      await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
      await expectAccessible(page);
    }
    // Event types read in words, not as codes.
    await expect.poll(() => page.getByRole('cell', { name: 'Tweestapsverificatie gewijzigd' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'mfa_change' }).count()).toBe(0);
    // Filter the access log on this admin and one event type.
    await page.getByLabel('Gebruiker').selectOption({ label: `${admin.displayName} (${admin.email})` });
    await page.getByLabel('Gebeurtenis').selectOption('create');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'Tweestapsverificatie gewijzigd' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('cell', { name: 'Aangemaakt', exact: true }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    // The built web app runs under the strict CSP without a single violation.
    expect(cspViolations).toEqual([]);
    await context.close();
  });

  it('asks a user with TOTP for the code, works by keyboard and remembers the language', async () => {
    const { user, secret } = await buildUserWithTotp(server.db, server.deps.secretKey, {
      organisationId: scene.organisation.id,
      municipalityIds: [scene.municipality.id],
      role: 'coordinator',
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/inloggen`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in');
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    // Keyboard only: focus the e-mail field and tab through the form.
    await page.getByLabel('E-mail address').focus();
    await page.keyboard.type(user.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/tweestapsverificatie');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Two-factor verification');
    await expectAccessible(page);
    await page.getByLabel('Verification code').fill(await generate({ secret }));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('h1').textContent()).toContain('Welcome');
    // A coordinator has no admin area.
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await context.close();
  });
});
