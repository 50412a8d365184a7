import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedDemoDirectory } from '../src/server/seed/demo-directory.js';
import { seedDemoFamilies } from '../src/server/seed/demo-families.js';
import { type E2eAccount, expectAccessible, hasChromium, launch, makeAccount, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('the monitor in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let policy: E2eAccount;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    await seedDemoDirectory(server.db);
    await seedDemoFamilies(server.db, server.deps.secretKey);
    policy = await makeAccount(server, 'Gemeente Kerkrade (demo)', 'policy', 'Beleidsmedewerker Bo');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const heading = (page: Page) => page.locator('h1').textContent();

  it('a policy officer opens the monitor, chooses a period and sees figures under 10 as "<10", accessibly', async () => {
    const page = await signInPage(browser, server.baseUrl, policy);
    await page.getByRole('link', { name: 'Monitor', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Monitor: werkt de keten?');
    await expect.poll(() => page.getByRole('heading', { name: 'Bereik: casussen per fase' }).count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Van', { exact: true }).fill('2020-01-01');
    await page.getByLabel('Tot en met', { exact: true }).fill('2020-12-31');
    await page.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => page.getByText(/<10 gezin/).count()).toBe(1);
    await expectAccessible(page);
    // A policy officer has no way into families: there is no client list for her.
    await page.goto(`${server.baseUrl}/clienten`);
    await expect.poll(() => heading(page)).not.toBe('Cliënten');
  });
});
