import { and, eq, inArray } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, notifications } from '../../db/schema.js';
import { MAIL_QUEUE, startJobs } from '../../jobs.js';
import { buildScene, randomBsn, withOrganisation } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';
import { createMailSender } from '../mail/mail.sender.js';
import { notify, sendDigests } from './notifications.service.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
type Signed = Awaited<ReturnType<typeof signedInAs>>;
let pro: Signed;
let admin: Signed;
const api = (p: string) => `/api/v1${p}`;
const URL = 'http://knooppunt.test';

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  pro = await signedInAs(t, await withOrganisation(t.db, scene, 'jgz'), 'professional');
  admin = await signedInAs(t, scene, 'admin');
});
afterAll(() => t.close());

const mailsTo = (email: string) => t.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));

describe('notification preferences', () => {
  it('lists every kind with its mode, and lets a user choose digest or off — but never for safety-critical kinds', async () => {
    const before = await pro.agent.get(api('/notifications/preferences'));
    expect(before.statusCode).toBe(200);
    expect(before.json().items).toContainEqual({ kind: 'referral_update', mode: 'immediate', safetyCritical: false, defaultMode: 'immediate' });
    expect(before.json().items).toContainEqual({ kind: 'referral_escalated', mode: 'immediate', safetyCritical: true, defaultMode: 'immediate' });

    const set = await pro.agent.put(api('/notifications/preferences'), {
      items: [
        { kind: 'referral_update', mode: 'digest' },
        { kind: 'case_added', mode: 'off' },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().items).toContainEqual(expect.objectContaining({ kind: 'referral_update', mode: 'digest' }));

    const refused = await pro.agent.put(api('/notifications/preferences'), {
      items: [
        { kind: 'referral_new', mode: 'digest' },
        { kind: 'referral_escalated', mode: 'off' },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([expect.objectContaining({ path: 'body.items.1.mode', code: 'safety_critical' })]);
    // Nothing of the refused request was saved.
    const after = await pro.agent.get(api('/notifications/preferences'));
    expect(after.json().items).toContainEqual(expect.objectContaining({ kind: 'referral_new', mode: 'immediate' }));

    const bad = await pro.agent.put(api('/notifications/preferences'), { items: [{ kind: 'nonsense', mode: 'digest' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.items.0.kind');
  });

  it('mails at once, collects for the digest, or only shows in-app — by preference; safety-critical always at once', async () => {
    // From the previous test: referral_update → digest, case_added → off.
    const before = (await mailsTo(pro.user.email)).length;
    await t.db.transaction(async (tx) => {
      await notify(tx, URL, 'referral_update', [pro.user.id]);
      await notify(tx, URL, 'case_added', [pro.user.id]);
      await notify(tx, URL, 'referral_new', [pro.user.id]);
      await notify(tx, URL, 'referral_escalated', [pro.user.id]);
    });
    const rows = await t.db.select().from(notifications).where(eq(notifications.userId, pro.user.id));
    const byKind = Object.fromEntries(rows.map((n) => [n.kind, n.email]));
    expect(byKind).toMatchObject({ referral_update: 'digest', case_added: 'off', referral_new: 'queued', referral_escalated: 'queued' });
    const mails = (await mailsTo(pro.user.email)).slice(before);
    expect(mails.map((m) => m.kind).sort()).toEqual(['referral_escalated', 'referral_new']);

    // The in-app centre lists all four, with the unread count.
    const centre = await pro.agent.get(api('/notifications'));
    expect(centre.json().unread).toBe(4);

    // The digest: one mail with the count, once.
    expect(await sendDigests(t.db, URL)).toBe(1);
    const digest = (await mailsTo(pro.user.email)).filter((m) => m.kind === 'digest');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.textBody).toContain('1 nieuwe melding');
    expect(await sendDigests(t.db, URL)).toBe(0);
  });

  it("answers 404 for someone else's notification, and marks only one's own", async () => {
    const [mine] = await t.db.select().from(notifications).where(eq(notifications.userId, pro.user.id));
    expect((await admin.agent.post(api(`/notifications/${mine!.id}/read`), {})).statusCode).toBe(404);
    expect((await admin.agent.get(api('/notifications'))).json().items.map((n: { id: string }) => n.id)).not.toContain(mine!.id);
    expect((await pro.agent.post(api(`/notifications/${mine!.id}/read`), {})).statusCode).toBe(204);
  });
});

describe('matches follow the preferences too (the registration function in the database)', () => {
  it('mails a match at once by default, and not at all for a user who switched it off', async () => {
    const other = await signedInAs(t, await withOrganisation(t.db, scene, 'verloskunde'), 'professional');
    expect((await pro.agent.put(api('/notifications/preferences'), { items: [{ kind: 'match', mode: 'off' }] })).statusCode).toBe(200);
    const person = { givenName: 'Noa', familyName: 'Willems', dateOfBirth: '2000-02-02', bsn: randomBsn(), municipalityId: scene.municipality.id };
    for (const who of [other, pro]) expect((await who.agent.post(api('/involvements'), { durationMonths: 12, person })).statusCode).toBe(201);
    const rows = await t.db.select().from(notifications).where(eq(notifications.kind, 'match'));
    const mine = rows.filter((n) => n.userId === pro.user.id);
    const theirs = rows.filter((n) => n.userId === other.user.id);
    expect(mine.map((n) => n.email)).toEqual(['off']);
    expect(theirs.map((n) => n.email)).toEqual(['queued']);
    const matchMail = await t.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'match'));
    expect(matchMail.map((m) => m.toAddress)).toEqual([other.user.email]);
  });
});

/** A real SMTP server on loopback that refuses the first `refuse` messages, then accepts. */
async function smtpServer(refuse: number) {
  const received: string[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (c: Buffer) => {
        data += c.toString();
      });
      stream.on('end', () => {
        if (refused < refuse) {
          refused++;
          const err = new Error('Mailbox temporarily unavailable') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        received.push(data);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('mail delivery', () => {
  it('retries a failed SMTP send, shows the failure to admins, and never loses the mail', async () => {
    // Only this test's mail: earlier mail in this database is marked sent.
    await t.db.update(mailOutbox).set({ status: 'sent' }).where(eq(mailOutbox.status, 'queued'));
    const smtp = await smtpServer(1);
    const sender = createMailSender(t.db, smtp.url, 'Knooppunt <noreply@knooppunt.test>')!;
    try {
      await t.db.transaction((tx) => notify(tx, URL, 'referral_new', [pro.user.id], { referralId: undefined }));
      expect(await sender.flush()).toEqual({ sent: 0, failed: 1 });
      const outbox = await admin.agent.get(api('/admin/outbox?status=queued'));
      const item = outbox.json().items.find((m: { to: string }) => m.to === pro.user.email);
      expect(item).toMatchObject({ status: 'queued', attempts: 1 });
      expect(item.lastError).toContain('Mailbox temporarily unavailable');
      // A professional does not see the outbox.
      expect((await pro.agent.get(api('/admin/outbox'))).statusCode).toBe(404);

      expect(await sender.flush()).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toContain('Er is een nieuwe verwijzing voor uw organisatie.');
      const [row] = await t.db.select().from(mailOutbox).where(eq(mailOutbox.id, item.id));
      expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('gives up after five attempts, and an admin can queue the mail again', async () => {
    await t.db.update(mailOutbox).set({ status: 'sent' }).where(eq(mailOutbox.status, 'queued'));
    const smtp = await smtpServer(5);
    const sender = createMailSender(t.db, smtp.url, 'Knooppunt <noreply@knooppunt.test>')!;
    try {
      await t.db.transaction((tx) => notify(tx, URL, 'referral_escalated', [pro.user.id]));
      for (let i = 0; i < 5; i++) expect((await sender.flush()).failed).toBe(1);
      expect(await sender.flush()).toEqual({ sent: 0, failed: 0 });
      const failed = await admin.agent.get(api('/admin/outbox?status=failed'));
      const item = failed.json().items.find((m: { to: string; kind: string }) => m.to === pro.user.email && m.kind === 'referral_escalated');
      expect(item).toMatchObject({ status: 'failed', attempts: 5 });
      expect((await pro.agent.post(api(`/admin/outbox/${item.id}/retry`), {})).statusCode).toBe(404);
      expect((await admin.agent.post(api(`/admin/outbox/${item.id}/retry`), {})).statusCode).toBe(204);
      expect(await sender.flush()).toEqual({ sent: 1, failed: 0 });
      // Retrying a mail that did not fail: 404.
      expect((await admin.agent.post(api(`/admin/outbox/${item.id}/retry`), {})).statusCode).toBe(404);
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('delivers through the pg-boss mail job', async () => {
    await t.db
      .update(mailOutbox)
      .set({ status: 'sent' })
      .where(inArray(mailOutbox.status, ['queued', 'failed']));
    const smtp = await smtpServer(0);
    // The every-minute schedule may run the job before the mail is queued, so the signal is the first completed run
    // after which the SMTP server holds the mail (no deadline to miss).
    let delivered!: () => void;
    const deliveredByJob = new Promise<void>((r) => (delivered = r));
    const ran = (q: string) => q === MAIL_QUEUE && smtp.received.length > 0 && delivered();
    const jobs = await startJobs({ ...t.deps, config: { ...t.deps.config, smtpUrl: smtp.url } }, () => {}, { pollingIntervalSeconds: 0.5, ran });
    try {
      await t.db.transaction((tx) => notify(tx, URL, 'referral_new', [pro.user.id]));
      await jobs.boss.send(MAIL_QUEUE, {});
      await deliveredByJob;
      expect(smtp.received).toHaveLength(1);
      const queued = await t.db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.toAddress, pro.user.email), eq(mailOutbox.status, 'queued')));
      expect(queued).toHaveLength(0);
    } finally {
      await jobs.stop();
      await smtp.close();
    }
  });
});
