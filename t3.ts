import { loadConfig } from './src/server/config.js';
import { openDatabase } from './src/server/db/client.js';
import { createDirectoryService } from './src/server/modules/directory/directory.service.js';
const url = 'postgres://postgres@127.0.0.1:5432/kp_bench';
const config = loadConfig({ DATABASE_URL: url, SECRET_KEY: 'a'.repeat(64), DIRECTORY_SEARCH_CACHE: '0' });
const d = openDatabase(url, 2);
const svc = createDirectoryService(d.db, config);
const munis = (await d.pool.query('select id from municipalities order by cbs_code')).rows.map((r) => r.id);
const muniIds = munis.filter((_: unknown, i: number) => i % Math.floor(munis.length / 30) === 0).slice(0, 30);
const terms = ['zwanger', 'opvoed', 'schulden', 'peuter', 'kraamzorg', 'taalcafe', 'borstvoeding', 'gezinscoach', 'opvoedondersteunig', 'jonge moeders'];
const filters: Record<string, unknown>[] = [{ targetGroups: ['parents'] }, { phases: ['steun_op_maat'] }, { acceptsNewClients: true }, { accessType: 'free_access' }, { languages: ['ar'] }, { lifeDomains: ['meedoen'] }];
for (const [i, t] of terms.entries()) {
  const times: number[] = [];
  for (const [j, m] of muniIds.entries()) {
    const s = performance.now();
    await svc.searchServices({ q: t, municipalityIds: [m], ...filters[(i + j) % filters.length] }, { limit: 20, offset: 0 });
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(t.padEnd(20), 'median', times[15]!.toFixed(1), 'max', times[29]!.toFixed(1));
}
await d.close();
