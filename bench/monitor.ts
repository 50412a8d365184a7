/**
 * The monitor at national scale, on the data of the cases benchmark (300,000 cases, 1,000,000 referrals,
 * 10,000,000 registrations, plus signals, phase events and 500,000 matches):
 *   - in-process, right after the embedded PostgreSQL started (cold shared buffers): every panel's SQL for the
 *     whole country and one year — the first run and the 95th percentile of ten — and the comparison and the
 *     network for the largest region (no role sees the country; a region is the widest real scope);
 *   - over HTTP against the app in its own process, one policy officer at a time (1 connection, 5 s): every
 *     endpoint of the dashboard for Kerkrade and one year, with server-side p50/p95 from Server-Timing.
 * Targets (issue 7): a municipality's panels p95 < 300 ms; the country p95 < 2 s cold; a region's network < 500 ms.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import type { Db } from '../src/server/db/client.js';
import { refreshAllMonitorFacts } from '../src/server/modules/monitor/monitor.facts.js';
import { monitorComparison, monitorFigures, monitorNetwork, monitorTrends, type Scope } from '../src/server/modules/monitor/monitor.repository.js';
import { analyseNetwork } from '../src/server/modules/monitor/network.js';
import { openRuntime } from '../src/server/runtime.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { signInOverHttp, startAppProcess, tempDataDir } from '../src/server/testing/processes.js';
import { generateNational } from './cases.js';
import { asOwner, measureGets, percentile } from './support.js';

const POLICY = 'beleid@demo.knooppunt.nl';
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const RUNS = 10;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

/** The first (cold) run and the p95 of RUNS runs, in ms. */
async function series(f: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(f))[0]);
  const first = times[0]!;
  times.sort((a, b) => a - b);
  return { first, p50: percentile(times, 50), p95: percentile(times, 95) };
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
const line = (name: string, s: { first: number; p50: number; p95: number }, limit: number) =>
  `${name.padEnd(44)} first ${ms(s.first)}   p50 ${ms(s.p50)}   p95 ${ms(s.p95)}   target < ${limit} ms — ${s.p95 < limit && s.first < limit ? 'met' : 'NOT met'}`;

interface Write {
  name: string;
  n: number;
  /** A DO block's loop body over `r` from `pick`. */
  pick: string;
  body: string;
  table: string;
  triggers: string[];
  off?: string[];
}
const WRITES: Write[] = [
  {
    name: 'update a referral',
    n: 2000,
    pick: 'SELECT id FROM referrals ORDER BY random() LIMIT 2000',
    body: 'UPDATE referrals SET updated_at = now() WHERE id = r.id',
    table: 'referrals',
    triggers: ['referrals_monitor_upd'],
  },
  {
    name: 'add a child to a household with a case',
    n: 500,
    pick: 'SELECT household_id, municipality_id FROM cases ORDER BY random() LIMIT 500',
    body: `INSERT INTO persons (household_id, municipality_id, household_role, given_name, family_name, family_name_key, date_of_birth)
           VALUES (r.household_id, r.municipality_id, 'child', 'Kind', 'Bench', 'bench', '2025-01-01')`,
    table: 'persons',
    triggers: ['persons_case_counts_ins'],
  },
];

/** Milliseconds for w.n one-statement writes in a transaction that is rolled back, with w.off's triggers disabled. */
async function writeCost(db: Db, w: Write): Promise<number> {
  let ms = 0;
  await db
    .transaction(async (tx) => {
      for (const t of w.off ?? []) await tx.execute(sql.raw(`ALTER TABLE ${w.table} DISABLE TRIGGER ${t}`));
      await tx.execute(sql.raw(`CREATE TEMP TABLE pick ON COMMIT DROP AS ${w.pick}`));
      const start = performance.now();
      await tx.execute(sql.raw(`DO $$ DECLARE r record; BEGIN FOR r IN SELECT * FROM pick LOOP ${w.body}; END LOOP; END $$`));
      ms = performance.now() - start;
      tx.rollback();
    })
    .catch((e: Error) => {
      if (!/rollback/i.test(e.message)) throw e;
    });
  return ms;
}

export async function benchMonitor(dataDir?: string) {
  const reuse = dataDir ?? process.env.BENCH_DATA_DIR;
  const DATA_DIR = reuse ?? (await tempDataDir());
  const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '' });
  // Generates the data, or brings a reused data directory's schema up to date; then the database restarts below.
  const setup = await openRuntime(config, { seed: !reuse });
  try {
    if (!reuse) {
      console.log(`\nMonitor: generating the national data in ${DATA_DIR}…`);
      console.log(await generateNational(setup));
    }
    // What the refresh job does after a bulk load (or after migration 0024 on existing data): every dirty cell.
    const [seconds, cells] = await timed(() => refreshAllMonitorFacts(setup.deps.database.db));
    if (cells) console.log(`monitor facts: ${cells} dirty cells (municipality × month) recomputed in ${(seconds / 1000).toFixed(1)} s`);
    // What autovacuum does after a bulk load, at once: visibility maps set, so the monitor's index-only scans stay so.
    await asOwner(setup, (owner) => owner.db.execute(sql`VACUUM (ANALYZE) monitor_facts, cases, care_team_members, referrals, signals, matches`));
  } finally {
    await setup.close();
  }

  // In-process, on a freshly started database: the whole country, and the largest region's network.
  const runtime = await openRuntime(config, { seed: false, migrate: false });
  let kerkrade = '';
  try {
    const db = runtime.deps.database.db;
    const all = (await db.execute<{ id: string }>(sql`SELECT id FROM municipalities`)).rows.map((r) => r.id);
    const counts = (
      await db.execute<{ cases: number; referrals: number; registrations: number; signals: number; matches: number }>(sql`
      SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM referrals) AS referrals,
             (SELECT count(*)::int FROM involvement_registrations) AS registrations, (SELECT count(*)::int FROM signals) AS signals,
             (SELECT count(*)::int FROM matches) AS matches`)
    ).rows[0]!;
    const [largest] = (
      await db.execute<{ region_id: string; name: string; n: number }>(sql`
        SELECT m.region_id, r.name, count(*)::int AS n FROM municipalities m JOIN regions r ON r.id = m.region_id GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`)
    ).rows;
    const regionIds = (await db.execute<{ id: string }>(sql`SELECT id FROM municipalities WHERE region_id = ${largest!.region_id}`)).rows.map((r) => r.id);
    kerkrade = (await db.execute<{ id: string }>(sql`SELECT id FROM municipalities WHERE name = 'Kerkrade'`)).rows[0]!.id;
    // A municipality of typical size: the median by number of cases (Kerkrade holds 5,000 extra cases for the board).
    const [typical] = (
      await db.execute<{ id: string; name: string; n: number }>(sql`
        SELECT m.id, m.name, count(c.id)::int AS n FROM municipalities m JOIN cases c ON c.municipality_id = m.id
        GROUP BY 1, 2 ORDER BY 3 LIMIT 1 OFFSET (SELECT count(DISTINCT municipality_id) / 2 FROM cases)`)
    ).rows;
    console.log(
      `\nMonitor — ${counts.cases} cases, ${counts.referrals} referrals, ${counts.registrations} registrations, ${counts.signals} signals, ${counts.matches} matches; ${all.length} municipalities\n`,
    );
    const country: Scope = { municipalityIds: all, ...YEAR };
    const region: Scope = { municipalityIds: regionIds, ...YEAR };
    console.log('the whole country, one year (in-process, SQL and suppression inputs; first run right after the database started):');
    console.log(line('all panels (one statement)', await series(() => monitorFigures(db, country)), 2000));
    console.log(line('trends per month', await series(() => monitorTrends(db, country, 'month')), 2000));
    // The worst a burst of writes can do before the refresh job runs: a dirty month in every municipality, read live.
    await db.execute(sql`INSERT INTO monitor_dirty (municipality_id, month) SELECT id, date '2026-11-01' FROM municipalities`);
    console.log(line('all panels, November dirty everywhere', await series(() => monitorFigures(db, country)), 2000));
    await refreshAllMonitorFacts(db);
    console.log(`\n${typical!.name}, a municipality of median size (${typical!.n} cases), one year:`);
    console.log(line('all panels (one statement)', await series(() => monitorFigures(db, { municipalityIds: [typical!.id], ...YEAR })), 300));
    console.log(line('trends per month', await series(() => monitorTrends(db, { municipalityIds: [typical!.id], ...YEAR }, 'month')), 300));
    console.log(`\n${largest!.name}, ${largest!.n} municipalities, one year:`);
    console.log(line('comparison of its municipalities', await series(() => monitorComparison(db, region)), 300));
    console.log(
      line(
        'collaboration network (SQL + centrality)',
        await series(async () => {
          const n = await monitorNetwork(db, region);
          return analyseNetwork(n.organisations, n.edges);
        }),
        500,
      ),
    );
    console.log('\nwhat the monitor triggers cost a write (one statement each, rolled back; with them / without them):');
    for (const w of WRITES) {
      await writeCost(db, w); // warm-up: plans, caches
      const [withTriggers, without] = [await writeCost(db, w), await writeCost(db, { ...w, off: w.triggers })];
      console.log(`${w.name.padEnd(44)} ${(withTriggers / w.n).toFixed(3)} ms / ${(without / w.n).toFixed(3)} ms per statement`);
    }
  } finally {
    await runtime.close();
  }

  // Over HTTP: one policy officer, Kerkrade, one year.
  const app = await startAppProcess({ DATA_DIR, LOG_LEVEL: 'warn', SERVER_TIMING: 'true' });
  try {
    const policy = await signInOverHttp(app.url, POLICY, DEMO_PASSWORD);
    const q = `municipalityId=${kerkrade}&from=${YEAR.from}&to=${YEAR.to}`;
    const endpoints: [string, string][] = [
      ['dashboard (GET /monitor)', `/api/v1/monitor?${q}`],
      ['trends (GET /monitor/trends)', `/api/v1/monitor/trends?${q}`],
      ['comparison (GET /monitor/comparison)', `/api/v1/monitor/comparison?${q}`],
      ['network (GET /monitor/network)', `/api/v1/monitor/network?${q}`],
      ['CSV (GET /monitor.csv)', `/api/v1/monitor.csv?${q}`],
      ['PDF report (GET /monitor.pdf)', `/api/v1/monitor.pdf?${q}`],
    ];
    console.log(`\nKerkrade, one year, over HTTP (1 connection, 5 s each; server time from Server-Timing):`);
    for (const [name, path] of endpoints) {
      const [first] = await timed(() => fetch(`${app.url}${path}`, { headers: { cookie: policy.cookie } }).then((r) => r.arrayBuffer()));
      const m = await measureGets(app.url, { cookie: policy.cookie }, [path], 1, 5);
      const limit = name.startsWith('PDF') ? 2000 : 300;
      console.log(
        `${name.padEnd(44)} first ${ms(first)}   p50 ${ms(percentile(m.times, 50))}   p95 ${ms(percentile(m.times, 95))}   n ${m.times.length}   errors ${m.errors}   target < ${limit} ms — ${percentile(m.times, 95) < limit && m.errors === 0 ? 'met' : 'NOT met'}`,
      );
    }
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
  }
}
