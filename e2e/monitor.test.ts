import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedDemoDirectory } from '../src/server/seed/demo-directory.js';
import { seedDemoEvaluation } from '../src/server/seed/demo-evaluation.js';
import { seedDemoFamilies } from '../src/server/seed/demo-families.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('the monitor and the evaluation registers in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let policy: E2eAccount;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    await seedDemoDirectory(server.db);
    await seedDemoFamilies(server.db, server.deps.secretKey);
    await seedDemoEvaluation(server.db);
    policy = await makeAccount(server, 'Gemeente Kerkrade (demo)', 'policy', 'Beleidsmedewerker Bo');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const heading = () => page.locator('h1').textContent();

  it('a policy officer opens the dashboard, filters a municipality and a period, and exports the PDF report', async () => {
    page = await signInPage(browser, server.baseUrl, policy);
    await page.getByRole('link', { name: 'Monitor', exact: true }).click();
    await expect.poll(heading).toBe('Monitor: werkt de keten?');
    await expect.poll(() => page.getByRole('heading', { name: 'Bereik: casussen per fase' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Vergelijking tussen gemeenten in de regio' }).count()).toBe(1);
    await expectAccessible(page);
    // The region first, then back to Kerkrade, for 2020: nothing there, so "<10".
    await page.getByLabel('Gemeente of regio').selectOption({ label: 'Hele regio' });
    await page.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => page.getByText(/^Zuid-Limburg|gezinnen met een casus/).count()).toBeGreaterThan(0);
    await page.getByLabel('Gemeente of regio').selectOption({ label: 'Kerkrade' });
    await page.getByLabel('Van', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Tot en met', { exact: true }).fill('2020-12-31');
    await page.getByLabel('Per', { exact: true }).selectOption({ label: 'Kwartaal' });
    await page.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => page.getByText('Kerkrade: <10 gezinnen met een casus in deze periode.').count()).toBe(1);
    await expectAccessible(page);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Rapport voor de raad (PDF)' }).click();
    const file = await (await download).path();
    expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await download).suggestedFilename()).toBe('monitor-2020-01-01-2020-12-31.pdf');
    // A policy officer has no way into families: there is no client list for her.
    await page.goto(`${server.baseUrl}/clienten`);
    await expect.poll(heading).not.toBe('Cliënten');
  });

  it('shows the collaboration network with its table alternative', async () => {
    await page.goto(`${server.baseUrl}/monitor/netwerk`);
    await expect.poll(heading).toBe('Samenwerkingsnetwerk');
    await expect.poll(() => page.getByRole('heading', { name: 'Organisaties' }).count()).toBe(1);
    // The demo's family with a care team lives in Landgraaf: the region shows the collaboration around it.
    await page.getByLabel('Gemeente of regio').selectOption({ label: 'Hele regio' });
    await page.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => page.getByRole('img', { name: /Netwerkgrafiek met/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Verbindingen' }).count()).toBe(1);
    await expectAccessible(page);
  });

  it('keeps the bottleneck register, the quickscan with the demand estimate and the agreements, by keyboard and accessibly', async () => {
    await page.getByRole('link', { name: 'Knelpunten', exact: true }).click();
    await expect.poll(heading).toBe('Knelpunten');
    await expect.poll(() => page.getByRole('heading', { name: 'Professionals weten elkaar niet altijd te vinden (4)' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Knelpunt toevoegen' }).click();
    await page.getByLabel('Fase').selectOption({ label: 'Samenwerking' });
    await page.getByLabel('Knelpunt', { exact: true }).fill('Overdracht in vakanties loopt vast');
    await page.getByLabel('Door hoeveel partners genoemd').fill('2');
    await page.getByRole('button', { name: 'Verbeteractie toevoegen' }).click();
    await page.getByLabel('Wat gaan we doen').fill('Vervangingsrooster delen in het RTO');
    await page.getByLabel('Eigenaar').fill('Coördinator knooppunt');
    await page.getByLabel('Eigenaar').press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Overdracht in vakanties loopt vast (2)' }).count()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Quickscan Vroeghulp', exact: true }).click();
    await expect.poll(heading).toBe('Quickscan Integrale Vroeghulp');
    await expect.poll(() => page.getByRole('heading', { name: 'Veranderingen sinds de quickscan van 1 oktober 2024' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Verwacht: ongeveer 33 kinderen', { exact: false }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Inwoners').fill('100000');
    await page.getByRole('button', { name: 'Cijfers opslaan' }).click();
    await expect.poll(() => page.getByText('Verwacht: ongeveer 73 kinderen', { exact: false }).count()).toBe(1);

    await page.getByRole('link', { name: 'Afsprakenkader', exact: true }).click();
    await expect.poll(heading).toBe('Afsprakenkader');
    await expect.poll(() => page.getByText('Convenant Kansrijke Start Kerkrade').count()).toBe(1);
    await expect.poll(() => page.getByText(/binnenkort/).count()).toBe(1);
    await expectAccessible(page);
  });
});
