import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { generate } from 'otplib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../src/server/testing/factories.js';
import { createTestApp } from '../src/server/testing/harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`End-to-end tests skipped: no Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium`);

let built: Promise<unknown> | undefined;
/** Builds the web app once per run into its own folder, so a running dev server is not disturbed. */
export function buildWeb(outDir = 'dist/e2e-web') {
  built ??= build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: `../../${outDir}`, emptyOutDir: true } });
  return built.then(() => outDir);
}

/** The real server on a loopback port with its own database, serving the built web app. */
export async function startServer() {
  const webDir = await buildWeb();
  const t = await createTestApp({ WEB_DIST_DIR: webDir, LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** WCAG 2.1 AA with axe: zero violations allowed. */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Signs a test account in through both factors in a fresh browser context; resolves on the welcome page. */
export async function signInPage(browser: Browser, baseUrl: string, account: { email: string; secret: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/tweestapsverificatie');
  await page.getByLabel('Verificatiecode').fill(await generate({ secret: account.secret }));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('h1').textContent()).toContain('Welkom');
  return page;
}
