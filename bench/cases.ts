/**
 * Case coordination at national scale: the synthetic families of the families benchmark (2,000,000 persons,
 * 800,000 households, 10,000,000 registrations) plus 300,000 cases with care teams, consents, directors, plans and
 * timelines; then the real app in its own process and autocannon on loopback (50 connections, 10 s) against
 *   - GET /api/v1/cases/:id — the case page (case, care team, consent state, current plan, last 50 timeline events)
 *     for a professional in the care team, rotating over her 200 cases;
 *   - GET /api/v1/cases/mine — "my cases" for that professional (200 cases; the first page of 50, most urgent first);
 *   - GET /api/v1/cases/board?municipalityId=… — the coordinator's board for a municipality with 5,000 open cases
 *     (the counts and the first page of 50).
 * Then, on the same data plus 1,000,000 referrals and 100,000 open agenda items (generateReferrals):
 *   - GET /api/v1/referrals/incoming — an organisation's incoming board with 500 open referrals (5,500 in all);
 *   - POST /api/v1/cases/:id/referrals — creating a referral: consent-checked case, service, norm, notifications;
 *   - GET /api/v1/meetings/:id/double-discussion?caseId=… — the double-discussion check for a case that is on
 *     another table's open agenda.
 * Server-side latencies come from each response's Server-Timing header, client-side ones from autocannon. Last, each
 * work list again between two runs of GET /api/v1/me: the work lists' target (issue 16) is a share of its throughput.
 */
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import type { Db } from '../src/server/db/client.js';
import { municipalities, users } from '../src/server/db/schema.js';
import { openRuntime, type Runtime } from '../src/server/runtime.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { generateCases } from '../src/server/testing/cases-generator.js';
import { ensureNationalMunicipalities } from '../src/server/testing/directory-generator.js';
import { generateFamilies } from '../src/server/testing/families-generator.js';
import { generateMonitorData } from '../src/server/testing/monitor-generator.js';
import { signInOverHttp, startAppProcess, tempDataDir } from '../src/server/testing/processes.js';
import { generateReferrals } from '../src/server/testing/referrals-generator.js';
import { asOwner, CONNECTIONS, DURATION, type Measured, measureGets, measureRequests, percentile, row } from './support.js';

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
const REFERRALS = {
  referrals: Number(process.env.BENCH_REFERRALS ?? 1_000_000),
  boardOpen: 500,
  openAgendaItems: Number(process.env.BENCH_AGENDA_ITEMS ?? 100_000),
};
const MATCHES = Number(process.env.BENCH_MATCHES ?? 500_000);
const PROFESSIONAL = 'jgz@demo.knooppunt.nl';
const COORDINATOR = 'coordinator@demo.knooppunt.nl';
const LOW_CONNECTIONS = Number(process.env.BENCH_LOW_CONNECTIONS ?? 4);

/**
 * The national-scale data every later benchmark reads: the synthetic families, 300,000 cases, 1,000,000 referrals
 * and what the monitor needs on top (signals, phase events, matches). Returns a summary of the steps' seconds.
 */
export async function generateNational(runtime: Runtime): Promise<string> {
  return asOwner(runtime, (owner) => generateAsOwner(owner.db, runtime.deps.secretKey));
}

async function generateAsOwner(db: Db, secretKey: Buffer): Promise<string> {
  const [jgz] = await db.select().from(users).where(eq(users.email, PROFESSIONAL));
  const [kerkrade] = await db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
  const [coordinator] = await db.select().from(users).where(eq(users.email, COORDINATOR));
  await ensureNationalMunicipalities(db);
  const families = await generateFamilies(db, secretKey, FAMILIES);
  const cases = await generateCases(db, CASES, { userId: jgz!.id, organisationId: jgz!.organisationId!, boardMunicipalityId: kerkrade!.id });
  const referrals = await generateReferrals(db, REFERRALS, {
    boardOrganisationId: jgz!.organisationId!,
    coordinatorId: coordinator!.id,
    municipalityId: kerkrade!.id,
  });
  const monitor = await generateMonitorData(db, { cases: CASES.cases, matches: MATCHES });
  const fmt = (steps: Record<string, number>) =>
    Object.entries(steps)
      .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
      .join(', ');
  return `  families: ${fmt(families)}\n  cases: ${fmt(cases)}\n  referrals: ${fmt(referrals)}\n  monitor: ${fmt(monitor)}`;
}

export async function benchCases(): Promise<string> {
  // BENCH_DATA_DIR reuses the data directory of an earlier run (its path is printed) and skips the generation.
  const reuse = process.env.BENCH_DATA_DIR;
  const DATA_DIR = reuse ?? (await tempDataDir());
  const started = Date.now();
  console.log(
    reuse
      ? `\nCases: reusing ${reuse}`
      : `\nCases: generating ${FAMILIES.persons} persons, ${FAMILIES.registrations} registrations and ${CASES.cases} cases in ${DATA_DIR}…`,
  );
  const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '' });
  const runtime = await openRuntime(config);
  let caseIds: string[];
  let kerkradeId: string;
  let boardOpen = 0;
  let targetServiceIds: string[] = [];
  let meetingId = '';
  let checkCaseIds: string[] = [];
  const personOf = new Map<string, string>();
  try {
    const db = runtime.deps.database.db;
    // Households spread over all 342 municipalities, as in the country: about 870 cases each, and 5,000 more open
    // cases moved into the board's municipality.
    const [jgz] = await db.select().from(users).where(eq(users.email, PROFESSIONAL));
    const [kerkrade] = await db.select().from(municipalities).where(eq(municipalities.name, 'Kerkrade'));
    kerkradeId = kerkrade!.id;
    if (!reuse) {
      const steps = await generateNational(runtime);
      console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s\n${steps}`);
    }
    const ids = await db.execute<{ case_id: string }>(sql`SELECT case_id FROM care_team_members WHERE user_id = ${jgz!.id} AND ended_at IS NULL`);
    caseIds = ids.rows.map((r) => r.case_id);
    const clientRows = await db.execute<{ id: string; client_id: string }>(
      sql`SELECT id, client_id FROM cases WHERE id = ANY(${`{${caseIds.join(',')}}`}::uuid[])`,
    );
    for (const r of clientRows.rows) personOf.set(r.id, r.client_id);
    const open = await db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM cases WHERE municipality_id = ${kerkradeId} AND phase <> 'afgesloten'`);
    boardOpen = Number(open.rows[0]!.n);
    const svc = await db.execute<{ id: string }>(sql`SELECT id FROM services WHERE summary = 'Synthetisch aanbod voor de benchmark' LIMIT 50`);
    targetServiceIds = svc.rows.map((r) => r.id);
    meetingId = (await db.execute<{ id: string }>(sql`SELECT bench_uuid('meeting-here') AS id`)).rows[0]!.id;
    // Cases of the board municipality that are on the other table's open agenda.
    const onAgenda = await db.execute<{ case_id: string }>(
      sql`SELECT i.case_id FROM agenda_items i JOIN cases c ON c.id = i.case_id WHERE i.open AND c.municipality_id = ${kerkradeId} LIMIT 1000`,
    );
    checkCaseIds = onAgenda.rows.map((r) => r.case_id);
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
    console.log(row('my cases, first 50 of 200 (GET /cases/mine)', mine));
    const hub = await measureGets(app.url, { cookie: coordinator.cookie }, board);
    console.log(row('hub board, 50 of 5,500 open (GET /cases/board)', hub));
    console.log(`  (the board's municipality has ${boardOpen} open cases)`);
    console.log(`\nthe same at ${LOW_CONNECTIONS} connections:`);
    console.log(row('case page (GET /cases/:id)', await measureGets(app.url, { cookie: professional.cookie }, pages, LOW_CONNECTIONS)));
    console.log(
      row('my cases, first 50 of 200 (GET /cases/mine)', await measureGets(app.url, { cookie: professional.cookie }, ['/api/v1/cases/mine'], LOW_CONNECTIONS)),
    );
    console.log(row('hub board, 50 of 5,500 open (GET /cases/board)', await measureGets(app.url, { cookie: coordinator.cookie }, board, LOW_CONNECTIONS)));
    const met = (x: Measured, limit: number) => (percentile(x.times, 99) < limit && x.errors === 0 ? 'met' : 'NOT met');
    console.log(`\ntargets (server p99): case page < 40 ms — ${met(page, 40)}; my cases < 40 ms — ${met(mine, 40)}; board < 100 ms — ${met(hub, 100)}\n`);

    // Referrals and meetings, on 1,000,000 referrals.
    const incomingPath = ['/api/v1/referrals/incoming'];
    const incomingAll = ['/api/v1/referrals/incoming?perPage=500'];
    let n = 0;
    const newReferral = () => ({
      method: 'POST' as const,
      path: `/api/v1/cases/${caseIds[n % caseIds.length]}/referrals`,
      body: {
        personId: undefined as string | undefined,
        serviceId: targetServiceIds[n++ % targetServiceIds.length],
        purpose: 'Opvoedingsondersteuning',
        question: 'Kunnen jullie dit gezin helpen met de opvoeding en de administratie?',
        handover: { kind: 'introduction_call' },
      },
    });
    const referralFor = () => {
      const r = newReferral();
      r.body.personId = personOf.get(r.path.split('/')[4]!);
      return r;
    };
    const checks = checkCaseIds.map((id) => `/api/v1/meetings/${meetingId}/double-discussion?caseId=${id}`);
    await measureGets(app.url, { cookie: professional.cookie }, incomingPath, 10, 2);
    console.log(`Referrals and meetings — ${REFERRALS.referrals} referrals, ${REFERRALS.openAgendaItems} open agenda items\n`);
    const incoming = await measureGets(app.url, { cookie: professional.cookie }, incomingPath);
    console.log(row('incoming board, 500 open, first 100', incoming));
    const incoming500 = await measureGets(app.url, { cookie: professional.cookie }, incomingAll);
    console.log(row('incoming board, all 500 (?perPage=500)', incoming500));
    const create = await measureRequests(app.url, professional.headers, referralFor, 201);
    console.log(row('create referral (POST /cases/:id/referrals)', create));
    const double = await measureGets(app.url, { cookie: coordinator.cookie }, checks);
    console.log(row('double-discussion check (GET …/double-discussion)', double));
    console.log(`\nthe same at ${LOW_CONNECTIONS} connections:`);
    console.log(row('incoming board, first 100', await measureGets(app.url, { cookie: professional.cookie }, incomingPath, LOW_CONNECTIONS)));
    console.log(row('incoming board, all 500', await measureGets(app.url, { cookie: professional.cookie }, incomingAll, LOW_CONNECTIONS)));
    console.log(row('create referral', await measureRequests(app.url, professional.headers, referralFor, 201, LOW_CONNECTIONS)));
    console.log(row('double-discussion check', await measureGets(app.url, { cookie: coordinator.cookie }, checks, LOW_CONNECTIONS)));
    console.log(
      `\ntargets (server p99): incoming board < 50 ms — ${met(incoming, 50)}; create referral < 30 ms — ${met(create, 30)}; double-discussion check < 10 ms — ${met(double, 10)}\n`,
    );

    // Issue 16: every work list at ≥ 10 % of the throughput of `/me` (the cheapest authenticated read), both at
    // saturation in this process. This shared machine's speed drifts by a factor of two within minutes, so each list
    // is measured between two runs of /me and compared with their mean.
    console.log(`Work lists against GET /api/v1/me — ${CONNECTIONS} connections, ${DURATION} s each, every list between two runs of /me\n`);
    const meGets = () => measureGets(app.url, { cookie: coordinator.cookie }, ['/api/v1/me']);
    const lists: [string, string, string[]][] = [
      ['hub board, 50 of 5,500 open', coordinator.cookie, board],
      ['my cases, first 50 of 200', professional.cookie, ['/api/v1/cases/mine']],
      ['incoming board, first 100 of 500', professional.cookie, incomingPath],
    ];
    let allMet = true;
    for (const [name, cookie, paths] of lists) {
      const before = await meGets();
      const x = await measureGets(app.url, { cookie }, paths);
      const after = await meGets();
      const ref = (before.r.requests.average + after.r.requests.average) / 2;
      const share = (100 * x.r.requests.average) / ref;
      allMet &&= share >= 10 && x.errors === 0;
      console.log(
        `${name.padEnd(36)} ${x.r.requests.average.toFixed(0).padStart(6)} req/s   /me ${before.r.requests.average.toFixed(0).padStart(5)} and ${after.r.requests.average.toFixed(0).padStart(5)} req/s   ${share.toFixed(1).padStart(5)} % of /me   ${share >= 10 ? 'met' : 'NOT met'}`,
      );
    }
    console.log(`target (issue 16): each work list ≥ 10 % of /me — ${allMet ? 'met' : 'NOT met'}\n`);
  } finally {
    if (process.env.BENCH_DEBUG) console.log(app.output().slice(-3000));
    app.child.kill('SIGTERM');
    await app.exited;
  }
  return DATA_DIR;
}
