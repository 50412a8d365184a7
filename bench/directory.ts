/**
 * Sociale kaart at national scale: 50,000 services, 15,000 organisations, 40,000 people over the 342 real
 * municipalities, generated into a fresh embedded PostgreSQL; then the real app in its own process and
 * autocannon on loopback (50 connections, 10 s) against a ranked text search with two filters and against
 * an HSDS /hsds/services page of 50. Server-side latencies come from the app's own request log
 * (Fastify's responseTime), client-side ones from autocannon.
 */
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { municipalities } from '../src/server/db/schema.js';
import { openRuntime } from '../src/server/runtime.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/server/seed/demo.js';
import { generateDirectory } from '../src/server/testing/directory-generator.js';
import { signInOverHttp, startAppProcess, tempDataDir } from '../src/server/testing/processes.js';

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

/** Server-side response times (ms) of successful requests whose path starts with `prefix`, from the app's JSON log. */
function serverTimes(log: string, prefix: string) {
  const paths = new Map<string, string>();
  const times: number[] = [];
  let errors = 0;
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue;
    const e = JSON.parse(line) as { reqId?: string; req?: { path: string }; res?: { statusCode: number }; responseTime?: number };
    if (e.req && e.reqId) paths.set(e.reqId, e.req.path);
    else if (e.res && e.reqId && e.responseTime !== undefined && paths.get(e.reqId)?.startsWith(prefix)) {
      if (e.res.statusCode === 200) times.push(e.responseTime);
      else errors++;
      paths.delete(e.reqId);
    }
  }
  return { times: times.sort((a, b) => a - b), errors };
}

export async function benchDirectory() {
  const DATA_DIR = await tempDataDir();
  const started = Date.now();
  console.log(`\nSociale kaart: generating ${SIZE.services} services, ${SIZE.organisations} organisations, ${SIZE.people} people…`);
  const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'warn', DATABASE_URL: '' });
  const runtime = await openRuntime(config);
  let muniIds: string[];
  try {
    await generateDirectory(runtime.deps.database.db, { ...SIZE, seed: 2026 });
    const big = ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven', 'Groningen', 'Kerkrade', 'Ede', 'Zwolle', 'Maastricht', 'Leeuwarden'];
    muniIds = [];
    for (const name of big) {
      const [m] = await runtime.deps.database.db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, name));
      muniIds.push(m!.id);
    }
  } finally {
    await runtime.close();
  }
  console.log(`generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  // info level: the app logs each request's server-side responseTime, which is what the targets are about.
  const app = await startAppProcess({ DATA_DIR, LOG_LEVEL: 'info' });
  try {
    const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;
    const s = await signInOverHttp(app.url, admin.email, DEMO_PASSWORD);
    const terms = ['zwanger', 'opvoed', 'schulden', 'peuter', 'kraamzorg', 'taalcafe', 'borstvoeding', 'gezinscoach', 'opvoedondersteunig', 'jonge moeders'];
    const filters = ['targetGroup=parents', 'phase=steun_op_maat', 'acceptsNewClients=true', 'accessType=free_access', 'language=ar', 'lifeDomain=meedoen'];
    const searches = terms.flatMap((t, i) =>
      muniIds.map((m, j) => `/api/v1/directory/services?q=${encodeURIComponent(t)}&municipalityId=${m}&${filters[(i + j) % filters.length]}`),
    );
    const hsdsPages = Array.from({ length: 100 }, (_, i) => `/hsds/services?per_page=50&page=${i + 1}`);
    const load = (paths: string[], headers: Record<string, string>) =>
      autocannon({
        url: app.url,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: paths.map((path) => ({ method: 'GET' as const, path, headers })),
      });
    await autocannon({ url: `${app.url}${searches[0]}`, connections: 10, duration: 2, headers: { cookie: s.cookie } });
    const before = app.output().length;
    const search = await load(searches, { cookie: s.cookie });
    const hsds = await load(hsdsPages, {});
    const log = app.output().slice(before);
    const sSrv = serverTimes(log, '/api/v1/directory/services');
    const hSrv = serverTimes(log, '/hsds/services');
    const row = (name: string, r: autocannon.Result, srv: ReturnType<typeof serverTimes>) =>
      `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s  server p50 ${percentile(srv.times, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(srv.times, 95).toFixed(1).padStart(5)} ms  p99 ${percentile(srv.times, 99).toFixed(1).padStart(5)} ms   client p99 ${String(r.latency.p99).padStart(4)} ms  non-2xx ${r.non2xx}`;
    console.log(`\nSociale kaart — ${DURATION}s, ${CONNECTIONS} connections, loopback, embedded PostgreSQL\n`);
    console.log(row('search: text + 2 filters', search, sSrv));
    console.log(row('HSDS /hsds/services, page of 50', hsds, hSrv));
    const ok1 = percentile(sSrv.times, 95) < 30 && percentile(sSrv.times, 99) < 60 && search.non2xx === 0;
    const ok2 = percentile(hSrv.times, 95) < 50 && hsds.non2xx === 0;
    console.log(`\ntargets: search p95 < 30 ms and p99 < 60 ms: ${ok1 ? 'met' : 'NOT met'};  HSDS page p95 < 50 ms: ${ok2 ? 'met' : 'NOT met'}\n`);
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
  }
}
