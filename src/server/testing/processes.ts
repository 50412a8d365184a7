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

/** Every child started here that has not yet closed, so that a failed test can take its processes down with it. */
const running = new Set<ChildProcess>();

/**
 * Runs `src/server/<script>` in a child process in its own process group (so a crash can take PostgreSQL down too).
 * `process.execPath` is the Node that runs the tests: the project's Node 24, since npm scripts put it first on PATH.
 * `exited` resolves on 'close', not 'exit': only then has all of the child's output been read, so an assertion on
 * what it printed last cannot race its final write on a busy machine.
 */
export function runScript(script: string, args: string[], env: Record<string, string>, input?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/server/${script}`, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    output += d;
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  if (input !== undefined) child.stdin!.end(input);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  /** Resolves once the child has printed `text`; rejects, with everything it printed, if it closes first. */
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.includes(text)) return;
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
      check();
      void exited.then((code) => {
        if (!listeners.delete(check)) return;
        reject(new Error(`${script} closed (exit code ${code}) before printing "${text}":\n${output}`));
      });
    });
  return { child, exited, printed, output: () => output };
}

/** Kills the process group of every child still running (after a failed test; a passing one stops its own). */
export async function killStrays() {
  const strays = [...running];
  for (const child of strays) {
    try {
      killGroup(child, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await Promise.all(strays.map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('close', r)))));
}

/** What main.ts prints once it listens: migrations are applied and the demo data loaded by then. */
export const READY_LINE = 'Knooppunt draait op / is running at';

/**
 * Starts the real app (main.ts) on a free port and waits for its readiness line, then checks /readyz once. There is
 * no deadline a slow machine could miss: the signals are the line and the process closing early. `guardMs` is only a
 * last resort against a hang (the benchmarks run outside a test runner's timeout); the process group is killed then.
 */
export async function startAppProcess(env: Record<string, string>, o: { guardMs?: number } = {}) {
  // The app's port and its embedded PostgreSQL's, chosen together so the two can never be the same.
  const [port, pgPort] = await freePorts(2);
  const proc = runScript('main.ts', [], { PORT: String(port), HOST: '127.0.0.1', EMBEDDED_PG_PORT: String(pgPort), ...env });
  const url = `http://127.0.0.1:${port}`;
  let guard: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    guard = setTimeout(() => {
      killGroup(proc.child, 'SIGKILL');
      reject(new Error(`app not ready after ${o.guardMs ?? APP_START_GUARD_MS} ms:\n${proc.output()}`));
    }, o.guardMs ?? APP_START_GUARD_MS);
  });
  try {
    await Promise.race([proc.printed(READY_LINE), hung]);
  } finally {
    clearTimeout(guard);
  }
  const ready = await fetch(`${url}/readyz`);
  if (!ready.ok) throw new Error(`app printed its readiness line but /readyz answered ${ready.status}`);
  return { ...proc, url };
}

/**
 * The one time limit of a test that starts processes, each with its own embedded PostgreSQL (initdb, migrations,
 * demo data). Its waits are all on signals, so this only catches a hang: with two busy CPU loops beside the suite on
 * two cores (load average 9–10) the slowest such test (eight processes) took 71 s and an app start ~15 s.
 */
export const PROCESS_TEST_GUARD_MS = 5 * 60_000;
const APP_START_GUARD_MS = PROCESS_TEST_GUARD_MS;

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

/**
 * After a kill -9, waits until the embedded PostgreSQL named in postmaster.pid is really gone. Not our child, so there
 * is no event to await: its state is polled (a zombie counts as gone: it holds no port, memory or files any more).
 */
export async function waitForPostgresGone(dataDir: string, guardMs = 60_000) {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
    } catch {
      return false;
    }
  };
  const guard = Date.now() + guardMs;
  while (alive()) {
    if (Date.now() > guard) throw new Error(`PostgreSQL (pid ${pid}) still alive ${guardMs} ms after kill -9`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A request whose body is sent in two halves. It asks `Expect: 100-continue`, so the server answers "100 Continue"
 * only once it has read the headers and handed the request to the app: `inFlight` resolves then (and after the first
 * half is written), so the request is provably in progress on the server, however slow the machine. `finish()` sends
 * the rest.
 */
export function splitRequest(url: string, method: string, headers: Record<string, string>, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  const half = Math.floor(payload.length / 2);
  let req!: http.ClientRequest;
  let inFlight!: Promise<void>;
  const status = new Promise<number>((resolve, reject) => {
    req = http.request(
      url,
      {
        method,
        agent: false,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length), expect: '100-continue' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    inFlight = new Promise<void>((r, fail) => {
      req.once('continue', () => req.write(payload.subarray(0, half), () => r()));
      req.once('error', fail);
    });
    req.flushHeaders();
  });
  return { status, inFlight, finish: () => req.end(payload.subarray(half)) };
}
