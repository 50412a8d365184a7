/**
 * Sociale kaart at national scale: 50,000 services, 15,000 organisations, 40,000 people over the 342 real
 * municipalities, generated into a fresh embedded PostgreSQL; then the real app in its own process and
 * autocannon on loopback (50 connections, 10 s) against a ranked text search with two filters and against
 * an HSDS /hsds/services page of 50. Server-side latencies come from each response's Server-Timing header,
 * client-side ones from autocannon.
 */
import autocannon from 'autocannon';
import { loadConfig } from '../src/server/config.js';
import { municipalities } from '../src/server/db/schema.js';
import { openRuntime } from '../src/server/runtime.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { generateDirectory } from '../src/server/testing/directory-generator.js';
import { signInOverHttp, startAppProcess, tempDataDir } from '../src/server/testing/processes.js';
import { asOwner } from './support.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SIZE = {
  services: Number(process.env.BENCH_SERVICES ?? 50_000),
  organisations: Number(process.env.BENCH_ORGANISATIONS ?? 15_000),
  people: Number(process.env.BENCH_PEOPLE ?? 40_000),
};

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Collects the server-side duration of each response from its Server-Timing header (SERVER_TIMING=true). */
function serverTimer() {
  const times: number[] = [];
  let errors = 0;
  return {
    onResponse: (status: number, _body: string, _context: object, headers?: Record<string, string | string[] | undefined>) => {
      const m = /dur=([\d.]+)/.exec(String(headers?.['server-timing'] ?? ''));
      if (status === 200 && m) times.push(Number(m[1]));
      else errors++;
    },
    result: () => ({ times: times.sort((a, b) => a - b), errors }),
  };
}
type Timed = ReturnType<ReturnType<typeof serverTimer>['result']>;

export async function benchDirectory() {
  const DATA_DIR = await tempDataDir();
  const started = Date.now();
  console.log(`\nSociale kaart: generating ${SIZE.services} services, ${SIZE.organisations} organisations, ${SIZE.people} people…`);
  const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '' });
  const runtime = await openRuntime(config);
  let muniIds: string[];
  try {
    await asOwner(runtime, (owner) => generateDirectory(owner.db, { ...SIZE, seed: 2026 }));
    // 30 municipalities spread over the provinces: with 10 terms and 6 filters, 300 distinct searches.
    const all = await runtime.deps.database.db.select({ id: municipalities.id }).from(municipalities).orderBy(municipalities.cbsCode);
    muniIds = all
      .filter((_, i) => i % Math.floor(all.length / 30) === 0)
      .slice(0, 30)
      .map((m) => m.id);
  } finally {
    await runtime.close();
  }
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  const terms = ['zwanger', 'opvoed', 'schulden', 'peuter', 'kraamzorg', 'taalcafe', 'borstvoeding', 'gezinscoach', 'opvoedondersteunig', 'jonge moeders'];
  const filters = ['targetGroup=parents', 'phase=steun_op_maat', 'acceptsNewClients=true', 'accessType=free_access', 'language=ar', 'lifeDomain=meedoen'];
  const searches = terms.flatMap((t, i) =>
    muniIds.map((m, j) => `/api/v1/directory/services?q=${encodeURIComponent(t)}&municipalityId=${m}&${filters[(i + j) % filters.length]}`),
  );
  const hsdsPages = Array.from({ length: 100 }, (_, i) => `/hsds/services?per_page=50&page=${i + 1}`);
  const row = (name: string, r: autocannon.Result, srv: Timed) =>
    `${name.padEnd(40)} ${r.requests.average.toFixed(0).padStart(6)} req/s  server p50 ${percentile(srv.times, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(srv.times, 95).toFixed(1).padStart(5)} ms  p99 ${percentile(srv.times, 99).toFixed(1).padStart(5)} ms   client p99 ${String(r.latency.p99).padStart(4)} ms  non-2xx ${r.non2xx}`;
  const results: Record<string, Timed> = {};
  console.log(`\nSociale kaart — ${DURATION}s, ${CONNECTIONS} connections, loopback, embedded PostgreSQL, ${searches.length} distinct searches\n`);
  // Cold: the search result cache switched off, every request runs the query. Warm: the default cache.
  for (const [mode, cacheEntries] of [
    ['cold', '0'],
    ['warm', '5000'],
  ] as const) {
    // Server-Timing carries each request's server-side duration, which is what the targets are about.
    const app = await startAppProcess({ DATA_DIR, LOG_LEVEL: 'warn', SERVER_TIMING: 'true', DIRECTORY_SEARCH_CACHE: cacheEntries });
    try {
      const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
      const s = await signInOverHttp(app.url, admin.email, DEMO_PASSWORD);
      const load = async (paths: string[], headers: Record<string, string>) => {
        const timer = serverTimer();
        const r = await autocannon({
          url: app.url,
          connections: CONNECTIONS,
          duration: DURATION,
          requests: paths.map((path) => ({ method: 'GET' as const, path, headers, onResponse: timer.onResponse })),
        });
        return { r, srv: timer.result() };
      };
      await autocannon({ url: `${app.url}${searches[0]}`, connections: 10, duration: 2, headers: { cookie: s.cookie } });
      const search = await load(searches, { cookie: s.cookie });
      results[`search-${mode}`] = search.srv;
      console.log(row(`search: text + 2 filters (${mode})`, search.r, search.srv));
      if (mode === 'warm') {
        const hsds = await load(hsdsPages, {});
        results.hsds = hsds.srv;
        console.log(row('HSDS /hsds/services, page of 50', hsds.r, hsds.srv));
      }
    } finally {
      app.child.kill('SIGTERM');
      await app.exited;
    }
  }
  const met = (t: Timed, p95: number, p99?: number) =>
    percentile(t.times, 95) < p95 && (p99 === undefined || percentile(t.times, 99) < p99) && t.errors === 0 ? 'met' : 'NOT met';
  console.log(
    `\ntargets: search p95 < 30 ms and p99 < 60 ms — cold ${met(results['search-cold']!, 30, 60)}, warm ${met(results['search-warm']!, 30, 60)};  HSDS page p95 < 50 ms — ${met(results.hsds!, 50)}\n`,
  );
}
