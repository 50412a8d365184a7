import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalities, organisations } from '../src/server/db/schema.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedDemoDirectory } from '../src/server/seed/demo-directory.js';
import { buildUserWithTotp } from '../src/server/testing/factories.js';
import { expectAccessible, hasChromium, launch, signInPage, startServer } from './support.js';

describe.skipIf(!hasChromium)('the synonym list of the sociale kaart in a real browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    await seedDemo(server.db);
    await seedDemoDirectory(server.db);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin adds a group (field errors in words first) and deletes it only after confirming', async () => {
    const [org] = await server.db.select().from(organisations).where(eq(organisations.name, 'Knooppunt Kansrijke Start Parkstad'));
    const [kerkrade] = await server.db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
    const admin = await buildUserWithTotp(server.db, server.deps.secretKey, { organisationId: org!.id, municipalityIds: [kerkrade!.id], role: 'admin' });
    const page = await signInPage(browser, server.baseUrl, { email: admin.user.email, secret: admin.secret });
    await page.getByRole('link', { name: 'Synoniemen', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Synoniemen sociale kaart');
    await expectAccessible(page);

    // One word only: the field says what is wrong, in words.
    await page.getByLabel('Woorden', { exact: true }).fill('shantala');
    await page.getByRole('button', { name: 'Groep toevoegen' }).click();
    await expect.poll(() => page.getByText('Geef minstens twee woorden.').count()).toBe(1);
    await expectAccessible(page);
    await page.getByLabel('Woorden', { exact: true }).fill('shantala, babymassage');
    await page.getByRole('button', { name: 'Groep toevoegen' }).click();
    await page.getByRole('searchbox', { name: 'Zoek een woord' }).fill('shantala');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('cell', { name: 'shantala, babymassage' }).count()).toBe(1);

    // Deleting asks first; declining keeps the group.
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Verwijderen: shantala' }).click();
    await expect.poll(() => page.getByRole('cell', { name: 'shantala, babymassage' }).count()).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Verwijderen: shantala' }).click();
    await expect.poll(() => page.getByText('Geen groep met “shantala”.').count()).toBe(1);
    await expectAccessible(page);
  });
});
