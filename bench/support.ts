import autocannon from 'autocannon';
import { type Database, openDatabase } from '../src/server/db/client.js';
import type { Runtime } from '../src/server/runtime.js';

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The server-side duration of a response, from its Server-Timing header (SERVER_TIMING=true). */
export function serverTime(headers: Record<string, unknown> | undefined): number | null {
  const m = /dur=([\d.]+)/.exec(String(headers?.['server-timing'] ?? ''));
  return m ? Number(m[1]) : null;
}

export interface Measured {
  r: autocannon.Result;
  times: number[];
  errors: number;
}

/** GET load over rotating paths; counts non-2xx answers as errors and keeps the server-side times sorted. */
export function measureGets(url: string, headers: Record<string, string>, paths: string[], connections = CONNECTIONS, duration = DURATION): Promise<Measured> {
  let next = 0;
  return measureRequests(url, headers, () => ({ method: 'GET', path: paths[next++ % paths.length]! }), 200, connections, duration);
}

/** Load with a request made per call (method, path, JSON body); answers other than `ok` count as errors. */
export async function measureRequests(
  url: string,
  headers: Record<string, string>,
  nextRequest: () => { method: 'GET' | 'POST'; path: string; body?: unknown },
  ok: number,
  connections = CONNECTIONS,
  duration = DURATION,
): Promise<Measured> {
  const times: number[] = [];
  let errors = 0;
  let firstError = '';
  const r = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        headers,
        setupRequest: (req) => {
          const n = nextRequest();
          return { ...req, method: n.method, path: n.path, ...(n.body === undefined ? {} : { body: JSON.stringify(n.body) }) };
        },
        onResponse: (status, body, _ctx, h) => {
          const t = serverTime(h as Record<string, unknown>);
          if (status === ok && t !== null) times.push(t);
          else {
            errors++;
            firstError ||= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  if (errors) console.log(`  ${errors} errors; first: ${firstError}`);
  return { r, times: times.sort((a, b) => a - b), errors };
}

export const row = (name: string, x: Measured) =>
  `${name.padEnd(44)} ${x.r.requests.average.toFixed(0).padStart(6)} req/s  server p50 ${percentile(x.times, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(x.times, 95).toFixed(1).padStart(5)} ms  p99 ${percentile(x.times, 99).toFixed(1).padStart(5)} ms   client p99 ${String(x.r.latency.p99).padStart(4)} ms  errors ${x.errors}`;

/**
 * Runs `fn` on a connection as the embedded cluster's owner (a superuser): the generators bulk-load with triggers off
 * (session_replication_role), create extensions and helper functions and VACUUM, none of which the app's own
 * least-privileged role may do (ADR 014).
 */
export async function asOwner<T>(runtime: Runtime, fn: (owner: Database) => Promise<T>): Promise<T> {
  if (!runtime.embedded) throw new Error('The benchmarks generate into an embedded PostgreSQL (DATABASE_URL must be empty).');
  const owner = openDatabase(runtime.embedded.url, 2);
  try {
    return await fn(owner);
  } finally {
    await owner.close();
  }
}
