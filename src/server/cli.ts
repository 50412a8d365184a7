import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { eq, inArray, sql } from 'drizzle-orm';
import { newPasswordSchema } from '../domain/password.js';
import { roleSchema } from '../domain/roles.js';
import { writeAccessLog } from './audit.js';
import { ConfigError, loadConfig } from './config.js';
import { municipalities, organisations, regions, users } from './db/schema.js';
import { AppError, safeErrorFields } from './errors.js';
import { deleteUserSessions } from './modules/auth/auth.repository.js';
import { hashPassword } from './modules/auth/passwords.js';
import { sendFreshnessReminders } from './modules/directory/freshness.js';
import { importHsds } from './modules/hsds/hsds.import.js';
import { refreshAllMonitorFacts } from './modules/monitor/monitor.facts.js';
import { backupDataDir, restoreDataDir } from './modules/operations/backup.js';
import { ensureUserCard, insertUser, setUserMunicipalities } from './modules/users/users.repository.js';
import { openRuntime } from './runtime.js';
import { seedDemo } from './seed/demo.js';
import { seedDemoDirectory } from './seed/demo-directory.js';
import { seedDemoEvaluation } from './seed/demo-evaluation.js';
import { seedDemoFamilies } from './seed/demo-families.js';

const HELP = `Knooppunt operator CLI — npm run cli -- <command> [options]

  user:create --email E --role R --organisation O [--name N] [--municipality M]...
                 Create a staff account; the password is read from standard input.
                 O is an organisation name or id; without --municipality the user works in
                 every municipality of the organisation's region.
  user:disable --email E      Deactivate an account and end its sessions.
  db:migrate                  Apply pending migrations.
  seed:demo                   Load the demo region (once).
  backup --file F             Cold backup of the embedded database (stop Knooppunt first).
  restore --file F            Restore a backup into an empty DATA_DIR.
  import:hsds FILE [--region R]
                 Import an HSDS 3.0 JSON package (validated first; nothing is written when
                 anything is wrong; importing twice changes nothing). R is a region name or id;
                 it may be left out when there is one region.
  reminders:send              Queue the freshness reminders that are due now.
  monitor:rebuild             Recount what the monitor keeps from the base tables (after a bulk load with
                 triggers off, or a change of the holiday calendar) and recompute every month's figures.
`;

const CLI_META = { ip: null, userAgent: 'knooppunt-cli', requestId: 'cli' };

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      organisation: { type: 'string' },
      name: { type: 'string' },
      municipality: { type: 'string', multiple: true },
      file: { type: 'string' },
      region: { type: 'string' },
    },
  });
  const config = loadConfig();
  const need = (k: keyof typeof values) => {
    const v = values[k];
    if (!v || (Array.isArray(v) && !v.length)) throw new UsageError(`--${k} is required`);
    return v as string;
  };

  switch (command) {
    case 'backup':
      if (config.databaseUrl) throw new UsageError('backup is for the embedded database; use pg_dump for an external PostgreSQL');
      await backupDataDir(config.dataDir, need('file'));
      return `Backup written to ${values.file}`;
    case 'restore':
      if (config.databaseUrl) throw new UsageError('restore is for the embedded database; use pg_restore for an external PostgreSQL');
      await restoreDataDir(config.dataDir, need('file'));
      return `Restored ${values.file} into ${config.dataDir}`;
    case 'db:migrate':
    case 'import:hsds':
    case 'reminders:send':
    case 'monitor:rebuild':
    case 'seed:demo':
    case 'user:create':
    case 'user:disable':
      break;
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command given');
  }

  const runtime = await openRuntime(config, { seed: false });
  const { db } = runtime.deps.database;
  try {
    if (command === 'db:migrate') return 'Migrations are up to date.';
    if (command === 'monitor:rebuild') {
      await db.execute(sql`SELECT kp_monitor_rebuild()`);
      const cells = await refreshAllMonitorFacts(db);
      return `Monitor rebuilt: ${cells} month(s) of figures recomputed.`;
    }
    if (command === 'reminders:send') {
      const r = await sendFreshnessReminders(db, config);
      return `Queued ${r.mails} reminder mail(s) about ${r.records} record(s).`;
    }
    if (command === 'import:hsds') {
      const file = positionals[0] ?? values.file;
      if (!file) throw new UsageError('give the HSDS JSON file: npm run import:hsds -- file.json');
      let data: unknown;
      try {
        data = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        throw new UsageError(`cannot read ${file} as JSON: ${(err as Error).message}`);
      }
      const all = await db.select().from(regions);
      const region = values.region
        ? all.find((r) => r.id === values.region || r.name.toLowerCase() === values.region!.toLowerCase())
        : all.length === 1
          ? all[0]
          : undefined;
      if (!region)
        throw new UsageError(values.region ? `no region "${values.region}"` : `--region is required (regions: ${all.map((r) => r.name).join(', ')})`);
      try {
        const report = await importHsds(db, data, { regionId: region.id, actor: null, meta: CLI_META });
        return Object.entries(report)
          .map(([k, c]) => `${k.padEnd(14)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`)
          .join('\n');
      } catch (err) {
        if (err instanceof AppError && err.code === 'invalid_import')
          throw new UsageError(
            `the file is not valid; nothing was imported:\n${err.details.map((d) => `  ${d.path || '(package)'}: ${d.message ?? d.code}`).join('\n')}`,
          );
        throw err;
      }
    }
    if (command === 'seed:demo') {
      const loaded = await seedDemo(db);
      const directory = await seedDemoDirectory(db);
      const families = await seedDemoFamilies(db, runtime.deps.secretKey);
      const evaluation = await seedDemoEvaluation(db);
      return loaded || directory || families || evaluation ? 'Demo data loaded.' : 'Demo data was already there.';
    }
    if (command === 'user:disable') {
      const email = need('email');
      const done = await db.transaction(async (tx) => {
        const [u] = await tx
          .update(users)
          .set({ deactivatedAt: sql`now()`, version: sql`${users.version} + 1` })
          .where(sql`lower(${users.email}) = lower(${email})`)
          .returning();
        if (!u) return false;
        await deleteUserSessions(tx, u.id);
        await writeAccessLog(tx, null, CLI_META, { eventType: 'update', objectType: 'user', objectId: u.id, purpose: 'operator: account gedeactiveerd' });
        return true;
      });
      if (!done) throw new UsageError(`no account ${email}`);
      return `Account ${email} deactivated.`;
    }
    // user:create
    const email = need('email').toLowerCase();
    const role = roleSchema.safeParse(need('role'));
    if (!role.success) throw new UsageError(`--role must be one of ${roleSchema.options.join(', ')}`);
    const orgArg = need('organisation');
    const [org] = await db
      .select()
      .from(organisations)
      .where(/^[0-9a-f-]{36}$/i.test(orgArg) ? eq(organisations.id, orgArg) : sql`lower(${organisations.name}) = lower(${orgArg})`);
    if (!org) throw new UsageError(`no organisation "${orgArg}"`);
    const munis = values.municipality?.length
      ? await db
          .select()
          .from(municipalities)
          .where(
            inArray(
              sql`lower(${municipalities.name})`,
              values.municipality.map((m) => m.toLowerCase()),
            ),
          )
      : await db.select().from(municipalities).where(eq(municipalities.regionId, org.regionId));
    if (!munis.length || (values.municipality && munis.length !== values.municipality.length)) throw new UsageError('unknown or missing municipality');
    const password = (await text(process.stdin)).replace(/\r?\n$/, '');
    const ok = newPasswordSchema.safeParse(password);
    if (!ok.success) throw new UsageError(`password refused: ${ok.error.issues.map((i) => i.message).join(', ')}`);
    const passwordHash = await hashPassword(password);
    const id = await db.transaction(async (tx) => {
      const userId = await insertUser(tx, { email, displayName: values.name ?? email, role: role.data, organisationId: org.id, passwordHash });
      await setUserMunicipalities(
        tx,
        userId,
        munis.map((m) => m.id),
      );
      await writeAccessLog(tx, null, CLI_META, { eventType: 'create', objectType: 'user', objectId: userId, purpose: 'operator: account aangemaakt' });
      // Her smoelenboek card, as for an account an admin creates.
      await ensureUserCard(tx, userId);
      return userId;
    });
    return `Account ${email} (${role.data}, ${org.name}) created with id ${id}.`;
  } finally {
    await runtime.close();
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (msg) => {
    console.log(msg);
    process.exit(0);
  },
  (err) => {
    if (err instanceof UsageError) console.error(`Error: ${err.message}\n\n${HELP}`);
    else if (err instanceof ConfigError) console.error(err.message);
    // A database error's message quotes the failed query with its values (e-mail addresses, names): type and SQLSTATE only.
    else if (safeErrorFields(err).sqlState) console.error(`Error: ${safeErrorFields(err).type} (SQLSTATE ${safeErrorFields(err).sqlState})`);
    else console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
