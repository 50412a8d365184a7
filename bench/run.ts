/**
 * `npm run bench`: the real app (main.ts, embedded PostgreSQL, demo data) in its own process; autocannon on
 * loopback against an authenticated read (GET /api/v1/me) and a bare route (GET /healthz), 10 s each with
 * 50 connections. Prints requests/s, p50, p99 and the ratio.
 */
import autocannon from 'autocannon';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { signInOverHttp, startAppProcess, tempDataDir } from '../src/server/testing/processes.js';
import { benchCases } from './cases.js';
import { benchDirectory } from './directory.js';
import { benchFamilies } from './families.js';
import { benchMonitor } from './monitor.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

function run(url: string, headers: Record<string, string> = {}) {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
}

async function benchFoundation() {
  const app = await startAppProcess({ DATA_DIR: await tempDataDir(), LOG_LEVEL: 'warn' });
  try {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    const s = await signInOverHttp(app.url, admin.email, DEMO_PASSWORD);
    // Warm-up: connections, prepared statement, JIT.
    await autocannon({ url: `${app.url}/api/v1/me`, connections: 10, duration: 2, headers: { cookie: s.cookie } });
    const me = await run(`${app.url}/api/v1/me`, { cookie: s.cookie });
    const bare = await run(`${app.url}/healthz`);
    const row = (name: string, r: autocannon.Result) =>
      `${name.padEnd(24)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
    console.log(`\nKnooppunt benchmark — ${DURATION}s, ${CONNECTIONS} connections, loopback, embedded PostgreSQL\n`);
    console.log(row('GET /api/v1/me (auth)', me));
    console.log(row('GET /healthz (bare)', bare));
    console.log(`\nratio authenticated / bare: ${((100 * me.requests.average) / bare.requests.average).toFixed(1)}%`);
    const pass = me.requests.average >= 2500 && me.latency.p99 < 50 && me.non2xx === 0;
    console.log(`target (≥ 2,500 req/s, p99 < 50 ms, all 2xx): ${pass ? 'met' : 'NOT met'}\n`);
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
  }
}

// BENCH_ONLY=foundation, directory, families, cases or monitor runs one part; the monitor reuses the cases' data.
const only = process.env.BENCH_ONLY;
if (!only || only === 'foundation') await benchFoundation();
if (!only || only === 'directory') await benchDirectory();
if (!only || only === 'families') await benchFamilies();
const national = !only || only === 'cases' ? await benchCases() : undefined;
if (!only || only === 'monitor') await benchMonitor(national);
