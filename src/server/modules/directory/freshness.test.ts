import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, services, users } from '../../db/schema.js';
import { buildPerson, buildScene, buildService, buildUser } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { createMailSender } from '../mail/mail.sender.js';
import { sendFreshnessReminders } from './freshness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
const longAgo = new Date('2025-01-01T00:00:00Z');

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://knooppunt.test' });
  scene = await buildScene(t.db);
});
afterAll(() => t.close());

const linkIn = (text: string) => /https:\/\/knooppunt\.test\/bevestigen\/([A-Za-z0-9_-]+)/.exec(text)?.[1];

describe('freshness reminders', () => {
  it('mails the editors a one-click link per stale record, once per reminder period', async () => {
    const editor = await buildUser(t.db, { organisationId: scene.organisation.id, municipalityIds: [], directoryEditor: true, email: 'redacteur@test.nl' });
    await buildUser(t.db, { organisationId: scene.organisation.id, municipalityIds: [], email: 'collega@test.nl' });
    const stale = await buildService(t.db, { organisationId: scene.organisation.id, name: 'Verouderd aanbod', lastConfirmedAt: longAgo });
    await buildService(t.db, { organisationId: scene.organisation.id, name: 'Vers aanbod' });

    expect(await sendFreshnessReminders(t.db, t.deps.config)).toMatchObject({ mails: 1 });
    const mails = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'redacteur@test.nl'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.status).toBe('queued');
    expect(mails[0]!.textBody).toContain('Verouderd aanbod');
    expect(mails[0]!.textBody).not.toContain('Vers aanbod');
    expect(await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'collega@test.nl'))).toHaveLength(0);

    // A second run within the reminder period sends nothing new.
    expect((await sendFreshnessReminders(t.db, t.deps.config)).mails).toBe(0);

    const token = linkIn(mails[0]!.textBody)!;
    const anon = new Agent(t);
    const about = await anon.get(`/api/v1/public/confirm/${token}`);
    expect(about.json()).toMatchObject({ recordType: 'service', recordId: stale.id, name: 'Verouderd aanbod' });
    expect((await anon.post(`/api/v1/public/confirm/${token}`)).statusCode).toBe(204);
    const [after] = await t.db.select().from(services).where(eq(services.id, stale.id));
    expect(after!.lastConfirmedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(after!.lastConfirmedById).toBe(editor.id);
    // The link is used up.
    expect((await anon.post(`/api/v1/public/confirm/${token}`)).statusCode).toBe(410);
    expect((await anon.get(`/api/v1/public/confirm/${token}`)).statusCode).toBe(410);
    expect((await anon.post('/api/v1/public/confirm/not-a-real-token-at-all')).statusCode).toBe(410);
  });

  it('ignores the link of a user deactivated since it was sent', async () => {
    const s = await buildScene(t.db);
    const editor = await buildUser(t.db, { organisationId: s.organisation.id, municipalityIds: [], directoryEditor: true, email: 'vertrokken@test.nl' });
    await buildService(t.db, { organisationId: s.organisation.id, name: 'Na vertrek', lastConfirmedAt: longAgo });
    await sendFreshnessReminders(t.db, t.deps.config);
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'vertrokken@test.nl'));
    const token = linkIn(mail!.textBody)!;
    await t.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, editor.id));
    const anon = new Agent(t);
    expect((await anon.get(`/api/v1/public/confirm/${token}`)).statusCode).toBe(410);
    expect((await anon.post(`/api/v1/public/confirm/${token}`)).statusCode).toBe(410);
  });

  it('reminds the professional about their own card', async () => {
    const s = await buildScene(t.db);
    const pro = await buildUser(t.db, { organisationId: s.organisation.id, municipalityIds: [], email: 'eigen-kaart@test.nl' });
    await buildPerson(t.db, { organisationId: s.organisation.id, userId: pro.id, name: 'Eigen Kaart', lastConfirmedAt: longAgo });
    await sendFreshnessReminders(t.db, t.deps.config);
    const [mail] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'eigen-kaart@test.nl'));
    expect(mail!.textBody).toContain('Eigen Kaart');
  });

  it('delivers queued mail over SMTP when configured', async () => {
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => {
          data += c.toString();
        });
        stream.on('end', () => {
          received.push(data);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as { port: number }).port;
    try {
      const s = await buildScene(t.db);
      await buildUser(t.db, { organisationId: s.organisation.id, municipalityIds: [], directoryEditor: true, email: 'smtp-ontvanger@test.nl' });
      await buildService(t.db, { organisationId: s.organisation.id, name: 'Via SMTP', lastConfirmedAt: longAgo });
      await sendFreshnessReminders(t.db, t.deps.config);
      const sender = createMailSender(t.db, `smtp://127.0.0.1:${port}`, 'Knooppunt <noreply@knooppunt.test>')!;
      expect((await sender.flush()).sent).toBeGreaterThanOrEqual(1);
      sender.close();
      expect(received.some((m) => m.includes('smtp-ontvanger@test.nl') && m.includes('Via SMTP'))).toBe(true);
      const [row] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'smtp-ontvanger@test.nl'));
      expect(row!.status).toBe('sent');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('shows the outbox to admins only', async () => {
    const admin = await signedInAs(t, scene, 'admin');
    const res = await admin.agent.get('/api/v1/admin/outbox');
    expect(res.statusCode).toBe(200);
    expect(res.json().smtpConfigured).toBe(false);
    expect(res.json().items.length).toBeGreaterThan(0);
    const pro = await signedInAs(t, scene, 'coordinator');
    expect((await pro.agent.get('/api/v1/admin/outbox')).statusCode).toBe(404);
  });
});
