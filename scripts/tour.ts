/**
 * `npm run tour`: the whole app as each demo role sees it, in screenshots. Builds the web app, starts Knooppunt on a
 * free loopback port with a fresh temporary data directory (demo data), signs in as every demo account, visits
 * every page that account can reach — detail pages with real ids read from the API, or from the links of the list
 * page that shows them — and writes full-page screenshots at 1280 and 390 px wide, with an index.html listing
 * role, page, title and files. It stops by itself and removes the server and its data.
 *
 * TOUR_DIR sets the folder (default ./tour, git-ignored); TOUR_ROLES limits the roles (e.g. "coordinator,jgz");
 * TOUR_PAGES limits the pages to paths containing one of the given parts (e.g. "/,casussen").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.resolve(process.env.TOUR_DIR ?? path.join(ROOT, 'tour'));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'Kansrijke-Start-2026';
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The demo accounts (src/server/seed/demo.ts), and who they are. */
const ROLES = [
  { key: 'admin', email: 'beheer@demo.knooppunt.nl', label: 'Functioneel beheerder' },
  { key: 'coordinator', email: 'coordinator@demo.knooppunt.nl', label: 'Coördinator knooppunt' },
  { key: 'verloskundige', email: 'verloskundige@demo.knooppunt.nl', label: 'Verloskundige' },
  { key: 'jgz', email: 'jgz@demo.knooppunt.nl', label: 'Jeugdverpleegkundige JGZ' },
  { key: 'beleid', email: 'beleid@demo.knooppunt.nl', label: 'Beleidsmedewerker' },
];

interface Me {
  user: { organisation: { id: string }; municipalities: { id: string }[] };
  abilities: Record<'administer' | 'careWork' | 'coordinate' | 'monitor' | 'maintainDirectory', boolean>;
}
type Ids = Partial<Record<string, string>>;
type Need = keyof Me['abilities'] | 'anyone';

/**
 * Every route of the web app (src/web/app/App.tsx) with the ability that opens it and the ids it needs. Keep it in
 * step with the route table: a route missing here is a page nobody reviews.
 */
const PAGES: { path: string; need: Need }[] = [
  { path: '/', need: 'anyone' },
  { path: '/clienten', need: 'careWork' },
  { path: '/clienten/registreren', need: 'careWork' },
  { path: '/clienten/:client', need: 'careWork' },
  { path: '/clienten/:client/signaal', need: 'careWork' },
  { path: '/clienten/:client/vragenlijst', need: 'careWork' },
  { path: '/signalen', need: 'careWork' },
  { path: '/signalen/:signal', need: 'careWork' },
  { path: '/intake', need: 'coordinate' },
  { path: '/matches', need: 'careWork' },
  { path: '/registraties/:registration/informeren', need: 'careWork' },
  { path: '/dubbele-registraties', need: 'coordinate' },
  { path: '/casussen', need: 'careWork' },
  { path: '/casussen/bord', need: 'coordinate' },
  { path: '/casussen/:case', need: 'careWork' },
  { path: '/casussen/:case/verwijzen', need: 'careWork' },
  { path: '/casussen/:case/plan/:plan', need: 'careWork' },
  { path: '/casussen/:case/plan/vergelijk', need: 'careWork' },
  { path: '/verwijzingen/inkomend', need: 'careWork' },
  { path: '/verwijzingen/:referral', need: 'careWork' },
  { path: '/overleg', need: 'careWork' },
  { path: '/overleg/tafel/:table', need: 'careWork' },
  { path: '/overleg/:meeting', need: 'careWork' },
  { path: '/monitor', need: 'monitor' },
  { path: '/monitor/netwerk', need: 'monitor' },
  { path: '/evaluatie/metingen', need: 'monitor' },
  { path: '/evaluatie/metingen/:survey', need: 'monitor' },
  { path: '/evaluatie/knelpunten', need: 'monitor' },
  { path: '/evaluatie/quickscan', need: 'monitor' },
  { path: '/evaluatie/afspraken', need: 'monitor' },
  { path: '/meldingen', need: 'anyone' },
  { path: '/account', need: 'anyone' },
  { path: '/sociale-kaart', need: 'anyone' },
  { path: '/sociale-kaart/afdrukken', need: 'anyone' },
  { path: '/sociale-kaart/aanbod/:service', need: 'anyone' },
  { path: '/sociale-kaart/aanbod/:ownService/bewerken', need: 'maintainDirectory' },
  { path: '/sociale-kaart/organisatie/:organisation', need: 'anyone' },
  { path: '/sociale-kaart/organisatie/:organisation/aanbod/nieuw', need: 'maintainDirectory' },
  { path: '/smoelenboek', need: 'anyone' },
  { path: '/smoelenboek/nieuw', need: 'maintainDirectory' },
  { path: '/smoelenboek/:card', need: 'anyone' },
  { path: '/mijn-kaart', need: 'anyone' },
  { path: '/beheer/gebruikers', need: 'administer' },
  { path: '/beheer/organisaties', need: 'administer' },
  { path: '/beheer/gemeenten', need: 'administer' },
  { path: '/beheer/toegangslog', need: 'administer' },
  { path: '/beheer/uitgaande-mail', need: 'administer' },
  { path: '/beheer/hsds-import', need: 'administer' },
  { path: '/beheer/signalen-en-screening', need: 'administer' },
];
/** Pages without signing in. */
const PUBLIC_PAGES = ['/inloggen', '/openbaar/sociale-kaart', '/openbaar/sociale-kaart/aanbod/:publicService', '/openbaar/sociale-kaart/afdrukken'];

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A free loopback port: asked of the operating system, then released for the server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts the server as `npm start` does (after our own build) and resolves once it prints that it listens. */
async function startServer(dataDir: string, webDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, WEB_DIST_DIR: webDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`the server did not start within 4 minutes:\n${output.slice(-2000)}`)), 240_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      if (output.includes('running at')) {
        clearTimeout(guard);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => {
      output += b.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`the server stopped (exit ${code}):\n${output.slice(-2000)}`));
    });
  });
  child.removeAllListeners('exit');
  return child;
}

/** SIGTERM (the server shuts its embedded PostgreSQL down gracefully), SIGKILL if it hangs. */
async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await closed;
  clearTimeout(timer);
}

async function signIn(browser: Browser, base: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  await page.goto(`${base}/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.keyboard.press('Enter');
  // Demo accounts may skip the second factor in demo mode: they land on their home page.
  await page.locator('h1', { hasText: 'Welkom' }).waitFor({ timeout: 30_000 });
  return { context, page };
}

/** GET on the API with the page's session; null when the answer is not 200. */
async function getJson<T>(page: Page, base: string, url: string): Promise<T | null> {
  const res = await page.request.get(`${base}/api/v1${url}`);
  return res.ok() ? ((await res.json()) as T) : null;
}
const firstItem = (x: { items?: { id?: string }[] } | null) => x?.items?.[0]?.id;

/** The first link on a page whose path matches `pattern` (group 1 is the id): ids the API gave that page. */
async function linkId(page: Page, base: string, from: string, pattern: RegExp): Promise<string | undefined> {
  await page.goto(`${base}${from}`);
  await settle(page);
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const h of hrefs) {
    const m = pattern.exec(h);
    if (m) return m[1];
  }
  return undefined;
}

/** Real ids for the detail pages, read as this account (what she may see). */
async function collectIds(page: Page, base: string, me: Me): Promise<Ids> {
  const ids: Ids = { organisation: me.user.organisation.id };
  ids.service = firstItem(await getJson(page, base, '/directory/services'));
  ids.card = firstItem(await getJson(page, base, '/directory/people'));
  if (me.abilities.maintainDirectory)
    ids.ownService = await linkId(page, base, `/sociale-kaart/organisatie/${ids.organisation}`, new RegExp(`^/sociale-kaart/aanbod/(${UUID})/bewerken`));
  if (me.abilities.careWork) {
    ids.case =
      firstItem(await getJson(page, base, '/cases/mine')) ?? (me.abilities.coordinate ? firstItem(await getJson(page, base, '/cases/board')) : undefined);
    const intake = me.abilities.coordinate ? await getJson<{ items?: { id: string; person?: { id: string } }[] }>(page, base, '/signals/intake') : null;
    ids.signal = intake?.items?.[0]?.id ?? (await linkId(page, base, '/signalen', new RegExp(`^/signalen/(${UUID})`)));
    // A coordinator's clients are those of her intake; a professional's those she registered (her clients page).
    ids.client = intake?.items?.[0]?.person?.id ?? (await linkId(page, base, '/clienten', new RegExp(`^/clienten/(${UUID})$`)));
    ids.referral = firstItem(await getJson(page, base, '/referrals/incoming'));
    ids.meeting = firstItem(await getJson(page, base, '/meetings/upcoming'));
    ids.table = firstItem(await getJson(page, base, '/meeting-tables'));
    if (ids.case) {
      ids.plan = await linkId(page, base, `/casussen/${ids.case}`, /^\/casussen\/[^/]+\/plan\/(\d+)$/);
      ids.referral ??= await linkId(page, base, `/casussen/${ids.case}`, new RegExp(`^/verwijzingen/(${UUID})`));
    }
    if (ids.client) ids.registration = await linkId(page, base, `/clienten/${ids.client}`, new RegExp(`^/registraties/(${UUID})/informeren`));
    ids.registration ??= await linkId(page, base, '/matches', new RegExp(`^/registraties/(${UUID})/informeren`));
  }
  if (me.abilities.monitor) ids.survey = await linkId(page, base, '/evaluatie/metingen', new RegExp(`^/evaluatie/metingen/(${UUID})`));
  return ids;
}

/** Waits until the page has its data: the network quiet, no loading text, fonts and charts drawn. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 20_000 }).catch(() => {});
  await page.waitForFunction(() => !document.body.innerText.includes('Bezig met laden'), undefined, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(250);
}

const fill = (template: string, ids: Ids) => {
  let missing: string | null = null;
  const p = template.replace(/:([a-zA-Z]+)/g, (_, k: string) => {
    const v = ids[k];
    if (!v) missing = k;
    return v ?? '';
  });
  return missing ? { missing } : { path: p };
};
const slug = (p: string) =>
  p === '/'
    ? 'start'
    : p
        .replace(/^\//, '')
        .replace(new RegExp(UUID, 'g'), 'id')
        .replace(/[^a-z0-9]+/gi, '-');

interface Shot {
  role: string;
  roleLabel: string;
  template: string;
  path?: string;
  title?: string;
  files: string[];
  note?: string;
}

async function shoot(page: Page, base: string, role: string, template: string, p: string): Promise<Shot> {
  const files: string[] = [];
  let title = '';
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await page.goto(`${base}${p}`);
    await settle(page);
    title = await page.title();
    const file = path.join(role, `${slug(template)}.${w.name}.png`);
    await page.screenshot({ path: path.join(OUT, file), fullPage: true });
    files.push(file);
  }
  return { role, roleLabel: '', template, path: p, title, files };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

async function writeIndex(shots: Shot[], started: Date) {
  const rows = shots
    .map(
      (s) =>
        `<tr><td>${esc(s.roleLabel)}</td><td><code>${esc(s.template)}</code></td><td>${esc(s.title ?? '')}</td><td>${
          s.files.length ? s.files.map((f) => `<a href="${esc(f)}">${f.includes('.phone.') ? '390 px' : '1280 px'}</a>`).join(' · ') : esc(s.note ?? '')
        }</td></tr>`,
    )
    .join('\n');
  await writeFile(
    path.join(OUT, 'index.html'),
    `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Knooppunt — tour</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.25rem .75rem;text-align:start}</style></head>
<body><h1>Knooppunt — tour</h1><p>${shots.reduce((n, s) => n + s.files.length, 0)} screenshots, ${started.toISOString()} (npm run tour).</p>
<table><thead><tr><th>Rol</th><th>Pagina</th><th>Titel</th><th>Schermafdrukken</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>\n`,
  );
  await writeFile(path.join(OUT, 'index.json'), `${JSON.stringify(shots, null, 2)}\n`);
}

async function main() {
  const started = new Date();
  const onlyRoles = process.env.TOUR_ROLES?.split(',').map((s) => s.trim());
  const onlyPages = process.env.TOUR_PAGES?.split(',').map((s) => s.trim());
  const wanted = (template: string) => !onlyPages || onlyPages.some((p) => (p === '/' ? template === '/' : template.includes(p)));
  const work = await mkdtemp(path.join(tmpdir(), 'knooppunt-tour-'));
  // Run as root, the embedded PostgreSQL runs as its own user, which must be able to enter the folder.
  await chmod(work, 0o755);
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    if (server) await stopServer(server);
    await rm(work, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await rm(OUT, { recursive: true, force: true });
    await mkdir(OUT, { recursive: true });
    const webDir = path.join(work, 'web');
    console.log('Building the web app…');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: webDir, emptyOutDir: true } });
    const port = await freePort();
    console.log('Starting Knooppunt with fresh demo data…');
    server = await startServer(path.join(work, 'data'), webDir, port);
    const base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
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
    const shots: Shot[] = [];

    // Without signing in.
    {
      await mkdir(path.join(OUT, 'openbaar'), { recursive: true });
      const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
      const page = await context.newPage();
      const services = await getJson<{ items?: { id: string }[] }>(page, base, '/public/services');
      const ids: Ids = { publicService: services?.items?.[0]?.id };
      for (const template of PUBLIC_PAGES.filter(wanted)) {
        const f = fill(template, ids);
        if (!f.path) {
          shots.push({ role: 'openbaar', roleLabel: 'Zonder inloggen', template, files: [], note: `overgeslagen: geen ${f.missing}` });
          continue;
        }
        const s = await shoot(page, base, 'openbaar', template, f.path);
        shots.push({ ...s, roleLabel: 'Zonder inloggen' });
        console.log(`  openbaar ${f.path}`);
      }
      await context.close();
    }

    for (const role of ROLES.filter((r) => !onlyRoles || onlyRoles.includes(r.key))) {
      await mkdir(path.join(OUT, role.key), { recursive: true });
      const { context, page } = await signIn(browser, base, role.email);
      const me = (await getJson<Me>(page, base, '/me'))!;
      const ids = await collectIds(page, base, me);
      for (const { path: template, need } of PAGES.filter((p) => wanted(p.path))) {
        if (need !== 'anyone' && !me.abilities[need]) continue;
        const f = fill(template, ids);
        if (!f.path) {
          shots.push({ role: role.key, roleLabel: role.label, template, files: [], note: `overgeslagen: geen ${f.missing} voor deze rol` });
          continue;
        }
        try {
          const s = await shoot(page, base, role.key, template, f.path);
          shots.push({ ...s, roleLabel: role.label });
          console.log(`  ${role.key} ${f.path}`);
        } catch (e) {
          shots.push({ role: role.key, roleLabel: role.label, template, path: f.path, files: [], note: `mislukt: ${(e as Error).message.split('\n')[0]}` });
        }
      }
      await context.close();
    }
    await writeIndex(shots, started);
    const taken = shots.reduce((n, s) => n + s.files.length, 0);
    console.log(
      `\n${taken} screenshots in ${path.relative(process.cwd(), OUT) || '.'}/ — open index.html (${Math.round((Date.now() - started.getTime()) / 1000)} s)`,
    );
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
