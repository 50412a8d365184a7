import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/seed/demo.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('a collaboration survey in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let policy: E2eAccount;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    policy = await makeAccount(server, 'Gemeente Kerkrade (demo)', 'policy', 'Beleidsmedewerker Bo');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const heading = (p: Page) => p.locator('h1').textContent();
  /** Anonymous answers through the link, as colleagues would send them: `agree` of `n` agree with everything. */
  const answerByLink = async (link: string, n: number, agree: number) => {
    const token = new URL(link).pathname.split('/').pop();
    const form = await (await fetch(`${server.baseUrl}/api/v1/public/surveys/${token}`)).json();
    for (let k = 0; k < n; k++) {
      const answers = Object.fromEntries(form.items.map((i: { id: string }) => [i.id, k < agree ? 'agree' : 'disagree']));
      const res = await fetch(`${server.baseUrl}/api/v1/public/surveys/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers }),
      });
      expect(res.status).toBe(204);
    }
  };

  it('the policy officer builds a survey from the template and starts the baseline; colleagues answer', async () => {
    page = await signInPage(browser, server.baseUrl, policy);
    await page.getByRole('link', { name: 'Metingen', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Metingen samenwerking');
    await expect.poll(() => page.getByText('Nog geen metingen.').count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Nieuwe vragenlijst' }).click();
    await expect.poll(() => page.getByLabel('Vraag (Nederlands)').count()).toBe(10);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Vragenlijst opslaan' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Metingen' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Meting starten' }).click();
    await expect.poll(() => page.locator('code').count()).toBe(1);
    await expectAccessible(page);
    // The baseline: 30 colleagues, 20 agreeing with everything.
    await answerByLink((await page.locator('code').first().textContent())!, 30, 20);
  });

  it('a colleague answers the interim anonymously in the browser, and the results compare it with the baseline', async () => {
    await page.getByLabel('Meting', { exact: true }).selectOption({ label: 'Tussenmeting' });
    await page.getByRole('button', { name: 'Meting starten' }).click();
    await expect.poll(() => page.locator('code').count()).toBe(2);
    const link = (await page.locator('code').nth(1).textContent())!;
    // Nineteen by link and one in a browser without signing in: 20, of whom 10 agree.
    await answerByLink(link, 19, 9);
    const anonymous = await (await browser.newContext()).newPage();
    // The link names the configured public address; here the server runs on a port of its own.
    await anonymous.goto(`${server.baseUrl}${new URL(link).pathname}`);
    await expect.poll(() => heading(anonymous)).toBe('Samenwerking in de keten rond (aanstaande) gezinnen');
    await expectAccessible(anonymous);
    for (const group of await anonymous.getByRole('group').all()) await group.getByLabel('Eens', { exact: true }).check();
    await anonymous.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await expect.poll(() => anonymous.getByText('Dank u wel. Uw antwoorden zijn ontvangen.').count()).toBe(1);
    await expectAccessible(anonymous);

    await page.reload();
    await expect.poll(() => page.getByRole('heading', { name: 'Resultaten naast elkaar' }).count()).toBe(1);
    // Two-thirds agreed in the baseline, half in the interim: −16.7 percentage points.
    await expect.poll(() => page.getByRole('cell', { name: '30', exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '20', exact: true }).count()).toBe(1);
    const row = page.getByRole('row', { name: /Ik weet welke expertise het andere team heeft/ });
    await expect.poll(() => row.textContent()).toBe('Ik weet welke expertise het andere team heeft.67%50%-16,7 pp');
    await expectAccessible(page);
  });
});
