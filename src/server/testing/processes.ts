import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../db/embedded.js';

export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'knooppunt-proc-'));
  await chmod(dir, 0o755);
  return path.join(dir, 'data');
}

/** Runs `src/server/<script>` in a child process in its own process group (so a crash can take PostgreSQL down too). */
export function runScript(script: string, args: string[], env: Record<string, string>, input?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/server/${script}`, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  if (input !== undefined) child.stdin!.end(input);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Starts the real app (main.ts) on a free port and waits until /readyz says ready. */
export async function startAppProcess(env: Record<string, string>) {
  // The app's port and its embedded PostgreSQL's, chosen together so the two can never be the same.
  const [port, pgPort] = await freePorts(2);
  const proc = runScript('main.ts', [], { PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), ...env });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`app exited early:\n${proc.output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app not ready:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { ...proc, url };
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  process.kill(-child.pid!, signal);
}

/** A minimal cookie-keeping HTTP client for a running app. */
export async function signInOverHttp(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' } };
}

/** After a kill -9, waits until the embedded PostgreSQL named in postmaster.pid is really gone. */
export async function waitForPostgresGone(dataDir: string) {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('PostgreSQL did not die');
}

/**
 * A request whose body is sent in two halves: after `start` it is certainly in flight on the server (headers read,
 * body awaited); `finish()` sends the rest. Lets a test deliver a signal while requests are provably in progress.
 */
export function splitRequest(url: string, method: string, headers: Record<string, string>, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const half = Math.floor(payload.length / 2);
  let req!: http.ClientRequest;
  const status = new Promise<number>((resolve, reject) => {
    req = http.request(
      url,
      { method, agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.write(payload.subarray(0, half));
  });
  return { status, finish: () => req.end(payload.subarray(half)) };
}
