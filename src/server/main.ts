import { buildApp } from './app.js';
import { startBackgroundWork } from './background.js';
import { ConfigError, loadConfig } from './config.js';
import { safeErrorFields } from './errors.js';
import { startJobs } from './jobs.js';
import { openRuntime } from './runtime.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed/demo.js';

async function main() {
  // Dependencies need Node 22 or later and only Node 24 is tested (ADR 013): say so plainly instead of failing
  // somewhere obscure. `npm start` runs the project's own Node 24 whatever the machine has.
  if (Number(process.versions.node.split('.')[0]) < 24) {
    console.error(`Knooppunt needs Node.js 24; this is ${process.version}. Start it with \`npm start\`, which runs the project's own Node 24.`);
    process.exit(1);
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  console.log(config.databaseUrl ? 'Knooppunt: connecting to external PostgreSQL…' : `Knooppunt: starting embedded PostgreSQL (data in ${config.dataDir})…`);
  const runtime = await openRuntime(config);
  const app = await buildApp(runtime.deps);
  const background = startBackgroundWork(runtime.deps, (msg) => app.log.info(msg));
  const jobs = await startJobs(runtime.deps, (msg) => app.log.info(msg));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Knooppunt: ${signal} received, finishing requests and shutting down…`);
    background.stop();
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await jobs.stop().catch(() => {});
      await runtime.close(); // closes the pool, then stops the embedded PostgreSQL cleanly
      console.log('Knooppunt: stopped.');
      process.exit(process.exitCode ?? 0);
    } catch {
      process.exit(1);
    }
  };
  // A crash must not leave the embedded PostgreSQL running without its app; no message text (it may hold data).
  process.on('uncaughtException', (err) => {
    console.error(`Knooppunt: uncaught ${err.name}; shutting down.`);
    process.exitCode = 1;
    void shutdown('uncaughtException');
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${config.port}`;
  if (config.demoMode) {
    console.log(`\nDEMO MODE${runtime.seeded ? ' (demo data loaded)' : ''} — demo accounts, password "${DEMO_PASSWORD}":`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(13)} ${a.email}`);
    console.log('Demo accounts may skip two-factor authentication in demo mode only.');
    if (config.demoOnNetwork)
      console.log(
        `WARNING: demo mode (DEMO_MODE=true) on ${config.host}, reachable from the network: the demo passwords above are public. Never enter real data.`,
      );
  }
  // Printed last, once the server listens: the process tests (and an operator's script) take it as the readiness signal.
  console.log(`\nKnooppunt draait op / is running at ${url}\n`);
}

main().catch((err) => {
  // A database error's message can quote a failed query with its values: then only its type and SQLSTATE.
  const safe = safeErrorFields(err);
  console.error('Knooppunt failed to start:', safe.sqlState ? `${safe.type} (SQLSTATE ${safe.sqlState})` : err instanceof Error ? err.message : err);
  process.exit(1);
});
