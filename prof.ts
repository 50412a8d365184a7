import autocannon from 'autocannon';
import { startAppProcess, signInOverHttp } from './src/server/testing/processes.js';
const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kp_bench', SECRET_KEY: 'a'.repeat(64), DEMO_MODE: 'true', LOG_LEVEL: 'warn' };
const app = await startAppProcess(env);
const s = await signInOverHttp(app.url, 'beheer@demo.knooppunt.nl', 'Kansrijke-Start-2026');
const m = process.argv[2];
const path = process.argv[3] ?? `/api/v1/directory/services?q=opvoed&municipalityId=${m}&targetGroup=parents`;
for (const c of [1, 10, 50]) {
  const r = await autocannon({ url: app.url + path, connections: c, duration: 5, headers: { cookie: s.cookie } });
  console.log(c, 'conns', r.requests.average, 'req/s', 'p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx);
}
app.child.kill('SIGTERM'); await app.exited;
