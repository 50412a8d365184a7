/**
 * "Who else is involved" at national scale: 2,000,000 persons in 800,000 households and 10,000,000 involvement
 * registrations (30% active), generated into a fresh embedded PostgreSQL; then the real app in its own process and
 * autocannon on loopback (50 connections, 10 s) against
 *   - POST /api/v1/involvements for a person given by BSN: identity lookup, household lock, insert, match
 *     detection against the household's active registrations, notifications, outbox mail and the access log;
 *   - POST /api/v1/persons/search by BSN: the keyed-hash lookup, entitlement check and its access-log row.
 * Server-side latencies come from each response's Server-Timing header, client-side ones from autocannon.
 */
import autocannon from 'autocannon';
import { loadConfig } from '../src/server/config.js';
import { openRuntime } from '../src/server/runtime.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { generateFamilies, sampleBsnPersons } from '../src/server/testing/families-generator.js';
import { signInOverHttp, startAppProcess, tempDataDir } from '../src/server/testing/processes.js';
import { asOwner, CONNECTIONS, DURATION, percentile } from './support.js';

const LOW_CONNECTIONS = Number(process.env.BENCH_LOW_CONNECTIONS ?? 4);
const SIZE = {
  households: Number(process.env.BENCH_HOUSEHOLDS ?? 800_000),
  persons: Number(process.env.BENCH_PERSONS ?? 2_000_000),
  registrations: Number(process.env.BENCH_REGISTRATIONS ?? 10_000_000),
  activeShare: 0.3,
  professionals: 2000,
};

export async function benchFamilies() {
  const DATA_DIR = await tempDataDir();
  const started = Date.now();
  console.log(`\nFamilies: generating ${SIZE.persons} persons in ${SIZE.households} households, ${SIZE.registrations} registrations…`);
  const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '' });
  const runtime = await openRuntime(config);
  let sample: Awaited<ReturnType<typeof sampleBsnPersons>>;
  try {
    const steps = await asOwner(runtime, (owner) => generateFamilies(owner.db, runtime.deps.secretKey, SIZE));
    console.log(
      `generated in ${((Date.now() - started) / 1000).toFixed(0)} s (${Object.entries(steps)
        .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
        .join(', ')})`,
    );
    sample = await sampleBsnPersons(runtime.deps.database.db, 100_000, SIZE.persons);
  } finally {
    await runtime.close();
  }

  const app = await startAppProcess({ DATA_DIR, LOG_LEVEL: 'warn', SERVER_TIMING: 'true', DB_POOL_SIZE: '20' });
  try {
    const midwife = DEMO_ACCOUNTS.find((a) => a.email === 'verloskundige@demo.knooppunt.nl')!;
    const s = await signInOverHttp(app.url, midwife.email, DEMO_PASSWORD);
    let next = 0;
    const load = async (path: string, body: (i: number) => object, connections = CONNECTIONS) => {
      const times: number[] = [];
      let errors = 0;
      let matched = 0;
      const statuses: Record<string, number> = {};
      let firstError = '';
      const r = await autocannon({
        url: app.url,
        connections,
        duration: DURATION,
        requests: [
          {
            method: 'POST',
            path,
            headers: s.headers,
            // Every request its own person: a unique body from a shared counter.
            setupRequest: (req) => ({ ...req, body: JSON.stringify(body(next++ % sample.length)) }),
            onResponse: (status, resBody, _ctx, headers) => {
              const m = /dur=([\d.]+)/.exec(String(headers?.['server-timing'] ?? ''));
              if ((status === 200 || status === 201) && m) times.push(Number(m[1]));
              else {
                errors++;
                firstError ||= resBody.slice(0, 300);
              }
              statuses[status] = (statuses[status] ?? 0) + 1;
              if (resBody.includes('"matchCount":') && !resBody.includes('"matchCount":0')) matched++;
            },
          },
        ],
      });
      if (errors) console.log(`  statuses ${JSON.stringify(statuses)}; first error: ${firstError}`);
      return { r, times: times.sort((a, b) => a - b), errors, matched };
    };
    const row = (name: string, x: Awaited<ReturnType<typeof load>>) =>
      `${name.padEnd(44)} ${x.r.requests.average.toFixed(0).padStart(6)} req/s  server p50 ${percentile(x.times, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(x.times, 95).toFixed(1).padStart(5)} ms  p99 ${percentile(x.times, 99).toFixed(1).padStart(5)} ms   client p99 ${String(x.r.latency.p99).padStart(4)} ms  errors ${x.errors}`;
    const register = (i: number) => ({
      durationMonths: 12,
      person: { bsn: sample[i]!.bsn, familyName: sample[i]!.family_name, dateOfBirth: sample[i]!.dob, municipalityId: sample[i]!.municipality_id },
    });
    const lookup = (i: number) => ({ bsn: sample[i]!.bsn });
    // Warm-up on other persons than the measured ones.
    next = sample.length - 5000;
    await autocannon({
      url: app.url,
      connections: 10,
      duration: 2,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/persons/search',
          headers: s.headers,
          setupRequest: (req) => ({ ...req, body: JSON.stringify(lookup(next++ % sample.length)) }),
        },
      ],
    });
    next = 0;
    console.log(`\nFamilies — ${DURATION}s, ${CONNECTIONS} connections, loopback, embedded PostgreSQL\n`);
    const reg = await load('/api/v1/involvements', register);
    console.log(row('register involvement incl. match detection', reg));
    console.log(`  ${reg.matched} of ${reg.times.length} registrations produced a match`);
    const bsn = await load('/api/v1/persons/search', lookup);
    console.log(row('BSN lookup (POST /persons/search)', bsn));
    // Below saturation: the latency of the operation itself rather than of the queue in front of two cores.
    console.log(`\nthe same at ${LOW_CONNECTIONS} connections:`);
    const regLow = await load('/api/v1/involvements', register, LOW_CONNECTIONS);
    console.log(row('register involvement incl. match detection', regLow));
    const bsnLow = await load('/api/v1/persons/search', lookup, LOW_CONNECTIONS);
    console.log(row('BSN lookup (POST /persons/search)', bsnLow));
    const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `\ntargets: register ≥ 1,000/s and p99 < 20 ms — ${met(reg.r.requests.average >= 1000 && percentile(reg.times, 99) < 20 && reg.errors === 0)};  BSN lookup p99 < 5 ms — ${met(percentile(bsn.times, 99) < 5 && bsn.errors === 0)}\n`,
    );
  } finally {
    if (process.env.BENCH_DEBUG) console.log(app.output().slice(-3000));
    app.child.kill('SIGTERM');
    await app.exited;
  }
}
