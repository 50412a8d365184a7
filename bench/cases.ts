/**
 * Case coordination at national scale: the synthetic families of the families benchmark (2,000,000 persons,
 * 800,000 households, 10,000,000 registrations) plus 300,000 cases with care teams, consents, directors, plans and
 * timelines; then the real app in its own process and autocannon on loopback (50 connections, 10 s) against
 *   - GET /api/v1/cases/:id — the case page (case, care team, consent state, current plan, last 50 timeline events)
 *     for a professional in the care team, rotating over her 200 cases;
 *   - GET /api/v1/cases/mine — "my cases" for that professional (200 cases);
 *   - GET /api/v1/cases/board?municipalityId=… — the coordinator's board for a municipality with 5,000 open cases.
 * Server-side latencies come from each response's Server-Timing header, client-side ones from autocannon.
 */
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { municipalities, users } from '../src/server/db/schema.js';
import { openRuntime } from '../src/server/runtime.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { generateCases } from '../src/server/testing/cases-generator.js';
import { ensureNationalMunicipalities } from '../src/server/testing/directory-generator.js';
import { generateFamilies } from '../src/server/testing/families-generator.js';
import { signInOverHttp, startAppProcess, tempDataDir } from '../src/server/testing/processes.js';
import { CONNECTIONS, DURATION, type Measured, measureGets, percentile, row } from './support.js';

const FAMILIES = {
  households: Number(process.env.BENCH_HOUSEHOLDS ?? 800_000),
  persons: Number(process.env.BENCH_PERSONS ?? 2_000_000),
  registrations: Number(process.env.BENCH_REGISTRATIONS ?? 10_000_000),
  activeShare: 0.3,
  professionals: 2000,
};
const CASES = {
  cases: Number(process.env.BENCH_CASES ?? 300_000),
  boardMunicipalityCases: 5000,
  userCases: 200,
  eventsPerCase: 8,
  userCaseEvents: 60,
};
const PROFESSIONAL = 'jgz@demo.knooppunt.nl';
const COORDINATOR = 'coordinator@demo.knooppunt.nl';
const LOW_CONNECTIONS = Number(process.env.BENCH_LOW_CONNECTIONS ?? 4);

export async function benchCases() {
  const DATA_DIR = await tempDataDir();
  const started = Date.now();
  console.log(`\nCases: generating ${FAMILIES.persons} persons, ${FAMILIES.registrations} registrations and ${CASES.cases} cases…`);
  const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '' });
  const runtime = await openRuntime(config);
  let caseIds: string[];
  let kerkradeId: string;
  let boardOpen = 0;
  try {
    const db = runtime.deps.database.db;
    // Households spread over all 342 municipalities, as in the country: about 870 cases each, and 5,000 more open
    // cases moved into the board's municipality.
    await ensureNationalMunicipalities(db);
    const families = await generateFamilies(db, runtime.deps.secretKey, FAMILIES);
    const [jgz] = await db.select().from(users).where(eq(users.email, PROFESSIONAL));
    const [kerkrade] = await db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
    kerkradeId = kerkrade!.id;
    const cases = await generateCases(db, CASES, { userId: jgz!.id, organisationId: jgz!.organisationId!, boardMunicipalityId: kerkradeId });
    const fmt = (steps: Record<string, number>) =>
      Object.entries(steps)
        .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
        .join(', ');
    console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s\n  families: ${fmt(families)}\n  cases: ${fmt(cases)}`);
    const ids = await db.execute<{ case_id: string }>(sql`SELECT case_id FROM care_team_members WHERE user_id = ${jgz!.id} AND ended_at IS NULL`);
    caseIds = ids.rows.map((r) => r.case_id);
    const open = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM cases WHERE municipality_id = ${kerkradeId} AND phase <> 'afgesloten'`);
    boardOpen = Number(open.rows[0]!.n);
  } finally {
    await runtime.close();
  }

  const app = await startAppProcess({ DATA_DIR, LOG_LEVEL: 'warn', SERVER_TIMING: 'true', DB_POOL_SIZE: '20' });
  try {
    const professional = await signInOverHttp(app.url, PROFESSIONAL, DEMO_PASSWORD);
    const coordinator = await signInOverHttp(app.url, COORDINATOR, DEMO_PASSWORD);
    const pages = caseIds.map((id) => `/api/v1/cases/${id}`);
    const board = [`/api/v1/cases/board?municipalityId=${kerkradeId}`];
    // Warm-up: connections, plans, caches.
    await measureGets(app.url, { cookie: professional.cookie }, pages, 10, 2);
    console.log(
      `\nCases — ${DURATION}s, ${CONNECTIONS} connections, loopback, embedded PostgreSQL (${caseIds.length} cases in the professional's care teams)\n`,
    );
    const page = await measureGets(app.url, { cookie: professional.cookie }, pages);
    console.log(row('case page (GET /cases/:id)', page));
    const mine = await measureGets(app.url, { cookie: professional.cookie }, ['/api/v1/cases/mine']);
    console.log(row('my cases, 200 (GET /cases/mine)', mine));
    const hub = await measureGets(app.url, { cookie: coordinator.cookie }, board);
    console.log(row('hub board, 5,000 open (GET /cases/board)', hub));
    console.log(`  (the board's municipality has ${boardOpen} open cases)`);
    console.log(`\nthe same at ${LOW_CONNECTIONS} connections:`);
    console.log(row('case page (GET /cases/:id)', await measureGets(app.url, { cookie: professional.cookie }, pages, LOW_CONNECTIONS)));
    console.log(row('my cases, 200 (GET /cases/mine)', await measureGets(app.url, { cookie: professional.cookie }, ['/api/v1/cases/mine'], LOW_CONNECTIONS)));
    console.log(row('hub board, 5,000 open (GET /cases/board)', await measureGets(app.url, { cookie: coordinator.cookie }, board, LOW_CONNECTIONS)));
    const met = (x: Measured, limit: number) => (percentile(x.times, 99) < limit && x.errors === 0 ? 'met' : 'NOT met');
    console.log(`\ntargets (server p99): case page < 40 ms — ${met(page, 40)}; my cases < 40 ms — ${met(mine, 40)}; board < 100 ms — ${met(hub, 100)}\n`);
  } finally {
    if (process.env.BENCH_DEBUG) console.log(app.output().slice(-3000));
    app.child.kill('SIGTERM');
    await app.exited;
  }
}
