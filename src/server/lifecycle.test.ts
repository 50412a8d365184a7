import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.js';
import {
  killGroup,
  killStrays,
  PROCESS_TEST_GUARD_MS,
  runScript,
  signInOverHttp,
  splitRequest,
  startAppProcess,
  tempDataDir,
  waitForPostgresGone,
} from './testing/processes.js';

const admin = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;

async function regionId(url: string, headers: Record<string, string>) {
  const res = await fetch(`${url}/api/v1/admin/regions`, { headers });
  return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
}

// Every wait in these tests is on a signal — a readiness line, the SIGTERM line, "100 Continue", a process closing —
// never on a fixed delay; PROCESS_TEST_GUARD_MS only catches a hang.

// A failed test must not leave an app and its PostgreSQL running to slow down the rest of the suite.
afterEach(killStrays);

describe('process lifecycle on the embedded PostgreSQL', { timeout: PROCESS_TEST_GUARD_MS }, () => {
  it('shuts down gracefully on SIGTERM: in-flight requests complete, the data directory reopens cleanly', async () => {
    const DATA_DIR = await tempDataDir();
    const app = await startAppProcess({ DATA_DIR });
    expect(app.output()).toContain('beheer@demo.knooppunt.nl');
    const s = await signInOverHttp(app.url, admin.email, DEMO_PASSWORD);
    const region = await regionId(app.url, s.headers);
    // Requests whose headers and half their body have reached the server: provably in flight at SIGTERM.
    const inflight = [
      ...Array.from({ length: 5 }, () => splitRequest(`${app.url}/api/v1/auth/login`, 'POST', {}, { email: admin.email, password: DEMO_PASSWORD })),
      ...Array.from({ length: 10 }, (_, i) =>
        splitRequest(`${app.url}/api/v1/admin/organisations`, 'POST', s.headers, { regionId: region, name: `Graceful ${i}`, type: 'ggz' }),
      ),
    ];
    await Promise.all(inflight.map((r) => r.inFlight));
    app.child.kill('SIGTERM');
    // Printed in the same synchronous turn that calls app.close(): from here the server is shutting down.
    await app.printed('SIGTERM received');
    for (const r of inflight) r.finish();
    const statuses = await Promise.all(inflight.map((r) => r.status));
    expect(
      statuses.every((st) => st === 200 || st === 201),
      String(statuses),
    ).toBe(true);
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain('stopped');

    const again = await startAppProcess({ DATA_DIR });
    expect(again.output()).not.toContain('demo data loaded');
    const s2 = await signInOverHttp(again.url, admin.email, DEMO_PASSWORD);
    const names = ((await (await fetch(`${again.url}/api/v1/admin/organisations`, { headers: s2.headers })).json()) as { items: { name: string }[] }).items.map(
      (o) => o.name,
    );
    expect(names.filter((n) => n.startsWith('Graceful')).length).toBe(10);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 90_000);

  it('keeps every acknowledged write after kill -9 of the app and its PostgreSQL', async () => {
    const DATA_DIR = await tempDataDir();
    const app = await startAppProcess({ DATA_DIR });
    const s = await signInOverHttp(app.url, admin.email, DEMO_PASSWORD);
    const region = await regionId(app.url, s.headers);
    const acknowledged: string[] = [];
    let enough!: () => void;
    const fortyAcknowledged = new Promise<void>((r) => (enough = r));
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${app.url}/api/v1/admin/organisations`, {
            method: 'POST',
            headers: s.headers,
            body: JSON.stringify({ regionId: region, name: `Crash ${w}-${i}`, type: 'ggz' }),
          });
          if (res.status === 201 && acknowledged.push(((await res.json()) as { id: string }).id) >= 40) enough();
        } catch {
          return; // the server died mid-request: that write was never acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await fortyAcknowledged;
    killGroup(app.child, 'SIGKILL');
    stop = true;
    await Promise.all(writers);
    await app.exited;
    await waitForPostgresGone(DATA_DIR);

    const again = await startAppProcess({ DATA_DIR });
    const s2 = await signInOverHttp(again.url, admin.email, DEMO_PASSWORD);
    const ids = new Set(
      ((await (await fetch(`${again.url}/api/v1/admin/organisations`, { headers: s2.headers })).json()) as { items: { id: string }[] }).items.map((o) => o.id),
    );
    const missing = acknowledged.filter((id) => !ids.has(id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
    expect(missing).toEqual([]);
    again.child.kill('SIGTERM');
    await again.exited;
  }, 90_000);

  it('operator CLI: rebuilds the monitor, creates a user from stdin, disables it, and backs up and restores the embedded database', async () => {
    const DATA_DIR = await tempDataDir();
    const seed = runScript('cli.ts', ['seed:demo'], { DATA_DIR });
    expect(await seed.exited).toBe(0);
    const rebuild = runScript('cli.ts', ['monitor:rebuild'], { DATA_DIR });
    expect(await rebuild.exited, rebuild.output()).toBe(0);
    // The demo's signals, cases and referrals fall in at least a few months.
    expect(Number(/(\d+) month/.exec(rebuild.output())?.[1])).toBeGreaterThan(0);
    const weak = runScript(
      'cli.ts',
      ['user:create', '--email', 'ops@test.nl', '--role', 'admin', '--organisation', 'Gemeente Kerkrade (demo)'],
      { DATA_DIR },
      'welkom123\n',
    );
    expect(await weak.exited).toBe(2);
    expect(weak.output()).toContain('password refused');
    const create = runScript(
      'cli.ts',
      ['user:create', '--email', 'ops@test.nl', '--role', 'admin', '--organisation', 'Gemeente Kerkrade (demo)', '--name', 'Olga Operator'],
      { DATA_DIR },
      'Een-lang-operatorwachtwoord\n',
    );
    expect(await create.exited, create.output()).toBe(0);

    const file = `${DATA_DIR}.tgz`;
    const backup = runScript('cli.ts', ['backup', '--file', file], { DATA_DIR });
    expect(await backup.exited, backup.output()).toBe(0);
    const restoredDir = await tempDataDir();
    const restore = runScript('cli.ts', ['restore', '--file', file], { DATA_DIR: restoredDir });
    expect(await restore.exited, restore.output()).toBe(0);
    const refused = runScript('cli.ts', ['restore', '--file', file], { DATA_DIR: restoredDir });
    expect(await refused.exited).toBe(1);

    const app = await startAppProcess({ DATA_DIR: restoredDir });
    // The restored copy has the operator's account (and the secret key), and sign-in works there.
    await signInOverHttp(app.url, 'ops@test.nl', 'Een-lang-operatorwachtwoord');
    app.child.kill('SIGTERM');
    await app.exited;

    const disable = runScript('cli.ts', ['user:disable', '--email', 'ops@test.nl'], { DATA_DIR });
    expect(await disable.exited).toBe(0);
    const unknown = runScript('cli.ts', ['user:nothing'], { DATA_DIR });
    expect(await unknown.exited).toBe(2);
  });
});
