import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import type { Actor } from '../src/server/context.js';
import type { Db } from '../src/server/db/client.js';
import { municipalities, organisations } from '../src/server/db/schema.js';
import type { AppDeps } from '../src/server/deps.js';
import { createInvolvementService } from '../src/server/modules/involvement/involvement.service.js';
import { createSignalService } from '../src/server/modules/signals/signals.service.js';
import { buildUserWithTotp, randomBsn, TEST_PASSWORD } from '../src/server/testing/factories.js';
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
  const t = await createTestApp({ WEB_DIST_DIR: webDir, LOGIN_RATE_LIMIT_PER_MINUTE: '1000', SURVEY_RATE_LIMIT_PER_MINUTE: '1000' });
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

/**
 * WCAG 2.1 AA with axe, plus 2.2's target size (24 × 24 px or enough spacing: tired thumbs on a phone): zero
 * violations allowed.
 */
export async function expectAccessible(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

const usedWindow = new Map<string, number>();

/** Signs a test account in through both factors in a fresh browser context; resolves on the welcome page. */
export async function signInPage(browser: Browser, baseUrl: string, account: { email: string; secret: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('E-mailadres').fill(account.email);
  await page.getByLabel('Wachtwoord').fill(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/tweestapsverificatie');
  // A TOTP code is accepted once: a second sign-in of the same account (another page, a retried test) waits for
  // the next 30-second window.
  const window = Math.floor(Date.now() / 30_000);
  if (usedWindow.get(account.secret) === window) await new Promise((r) => setTimeout(r, (window + 1) * 30_000 - Date.now() + 200));
  usedWindow.set(account.secret, Math.floor(Date.now() / 30_000));
  await page.getByLabel('Verificatiecode').fill(await generate({ secret: account.secret }));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('h1').textContent()).toContain('Welkom');
  return page;
}

export interface E2eAccount {
  email: string;
  secret: string;
  name: string;
  actor: Actor;
}

/** A staff account with TOTP in a demo organisation, working in Kerkrade, with the actor the services take. */
export async function makeAccount(
  server: { db: Db; deps: { secretKey: Buffer } },
  organisation: string,
  role: 'professional' | 'coordinator' | 'policy',
  name: string,
  o: { intakeRight?: boolean } = {},
): Promise<E2eAccount> {
  const [org] = await server.db.select().from(organisations).where(eq(organisations.name, organisation));
  const [kerkrade] = await server.db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
  const { user, secret } = await buildUserWithTotp(server.db, server.deps.secretKey, {
    organisationId: org!.id,
    municipalityIds: [kerkrade!.id],
    role,
    displayName: name,
    intakeRight: o.intakeRight,
  });
  const actor: Actor = {
    userId: user.id,
    kind: 'staff',
    role,
    organisationId: org!.id,
    municipalityIds: [kerkrade!.id],
    regionIds: [kerkrade!.regionId],
    isDemo: false,
    directoryEditor: false,
    intakeRight: o.intakeRight ?? false,
    mfaSatisfied: true,
  };
  return { email: user.email, secret, name: user.displayName, actor };
}

/** The midwife registered her client in Kerkrade and signalled with consent to share: where a case starts. */
export async function signalledClient(server: { db: Db; deps: AppDeps }, midwife: E2eAccount, givenName: string, familyName: string) {
  const [kerkrade] = await server.db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
  const meta = { ip: null, userAgent: null, requestId: 'e2e' };
  const reg = await createInvolvementService(server.deps).register(
    midwife.actor,
    {
      durationMonths: 12,
      person: { givenName, familyName, dateOfBirth: '1999-03-15', bsn: randomBsn(), municipalityId: kerkrade!.id, householdRole: 'mother' } as never,
    },
    meta,
  );
  const signal = await createSignalService(server.deps).create(
    midwife.actor,
    reg.person.id,
    {
      lifeDomains: ['mentaal_welbevinden'],
      riskCategories: [],
      riskFactors: [],
      riskFactorsNote: null,
      protectiveFactors: [],
      protectiveFactorsNote: null,
      vulnerabilityLevel: 'vulnerable',
      clientView: `${givenName} wil hulp bij geldzaken.`,
      discussedWithFamily: true,
      notDiscussedReason: null,
      consentToShare: true,
      safetyConcern: false,
    } as never,
    meta,
  );
  return { personId: reg.person.id, signalId: signal.id };
}
