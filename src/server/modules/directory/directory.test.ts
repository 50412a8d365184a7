import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, people, personPhotos } from '../../db/schema.js';
import { buildOrganisation, buildPerson, buildScene, buildService } from '../../testing/factories.js';
import { Agent, createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
let other: Awaited<ReturnType<typeof buildScene>>;
let editor: { agent: Agent; user: { id: string } };
let plain: { agent: Agent; user: { id: string } };
let foreignEditor: { agent: Agent; user: { id: string } };

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  other = await buildScene(t.db);
  editor = await signedInAs(t, scene, 'professional', { directoryEditor: true });
  plain = await signedInAs(t, scene, 'professional');
  foreignEditor = await signedInAs(t, other, 'professional', { directoryEditor: true });
});
afterAll(() => t.close());

const serviceBody = (o: Record<string, unknown> = {}) => ({
  name: 'Centering Zwangerschap Noord',
  summary: 'Groepszorg voor zwangeren.',
  description: 'Tien bijeenkomsten in een groep.',
  pregnancyFromWeek: 16,
  maxAgeMonths: 0,
  targetGroups: ['pregnancy'],
  phases: ['steun_op_maat'],
  municipalityIds: [scene.municipality.id],
  phone: '045 123 4567',
  email: 'info@example.nl',
  website: 'https://example.nl/centering',
  waitingWeeks: 3,
  waitingStatedOn: '2026-11-01',
  responseNormWorkingDays: 5,
  ...o,
});

const deniedEntries = (objectId: string, userId: string) =>
  t.db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.objectId, objectId), eq(accessLog.userId, userId), eq(accessLog.outcome, 'denied')));

describe('maintaining services', () => {
  it('lets an editor of the organisation create a service; phone stored as E.164; pregnancy weeks accepted', async () => {
    const res = await editor.agent.post(`/api/v1/directory/organisations/${scene.organisation.id}/services`, serviceBody());
    expect(res.statusCode, res.body).toBe(201);
    const detail = (await plain.agent.get(`/api/v1/directory/services/${res.json().id}`)).json();
    expect(detail.phone).toBe('+31451234567');
    expect(detail.pregnancyFromWeek).toBe(16);
    expect(detail.municipalities).toEqual([{ id: scene.municipality.id, name: scene.municipality.name }]);
    expect(detail.canEdit).toBe(false);
    expect(detail.abilities).toEqual({ maintain: false });
    expect((await editor.agent.get(`/api/v1/directory/services/${res.json().id}`)).json().abilities).toEqual({ maintain: true });
    expect(detail.stale).toBe(false);
  });

  it('rejects bad input with field paths and codes, writing nothing', async () => {
    const res = await editor.agent.post(
      `/api/v1/directory/organisations/${scene.organisation.id}/services`,
      serviceBody({
        name: 'Half geschreven',
        phone: '12',
        email: 'geen-mail',
        website: 'javascript:alert(1)',
        minAgeMonths: 30,
        maxAgeMonths: 12,
        pregnancyFromWeek: null,
        waitingWeeks: -1,
      }),
    );
    expect(res.statusCode).toBe(400);
    const details = res.json().error.details as { path: string; code: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'body.phone', code: 'invalid_phone' },
        { path: 'body.email', code: expect.any(String) },
        { path: 'body.website', code: expect.any(String) },
        { path: 'body.waitingWeeks', code: 'waiting_negative' },
      ]),
    );
    const age = await editor.agent.post(
      `/api/v1/directory/organisations/${scene.organisation.id}/services`,
      serviceBody({ minAgeMonths: 30, maxAgeMonths: 12, pregnancyFromWeek: null }),
    );
    expect(age.json().error.details).toEqual([{ path: 'body.maxAgeMonths', code: 'min_age_above_max' }]);
    const search = await plain.agent.get('/api/v1/directory/services?q=half%20geschreven');
    expect(search.json().items).toEqual([]);
  });

  it('refuses a professional without the editor right, and logs the attempt', async () => {
    const svc = await buildService(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id] });
    const res = await plain.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody(), version: svc.version });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(await deniedEntries(svc.id, plain.user.id)).toHaveLength(1);
  });

  it('refuses an editor of another organisation, and logs the attempt', async () => {
    const svc = await buildService(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id] });
    const res = await foreignEditor.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody(), version: svc.version });
    expect(res.statusCode).toBe(403);
    expect(await deniedEntries(svc.id, foreignEditor.user.id)).toHaveLength(1);
    const create = await foreignEditor.agent.post(`/api/v1/directory/organisations/${scene.organisation.id}/services`, serviceBody());
    expect(create.statusCode).toBe(403);
  });

  it('lets an admin of the region edit, but not an admin of another region', async () => {
    const svc = await buildService(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id] });
    const admin = await signedInAs(t, scene, 'admin');
    const otherAdmin = await signedInAs(t, other, 'admin');
    expect((await otherAdmin.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody(), version: 1 })).statusCode).toBe(403);
    expect((await admin.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody(), version: 1 })).statusCode).toBe(200);
  });

  it('versions every change: who changed which field when', async () => {
    const svc = await buildService(t.db, { organisationId: scene.organisation.id, name: 'Oude naam', municipalityIds: [scene.municipality.id] });
    const res = await editor.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody({ name: 'Nieuwe naam' }), version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    expect(res.json().lastConfirmedBy).toMatch(/^Test /);
    const history = (await plain.agent.get(`/api/v1/directory/service/${svc.id}/history`)).json().items as {
      field: string;
      oldValue: unknown;
      newValue: unknown;
      changedBy: string;
    }[];
    const name = history.find((h) => h.field === 'name');
    expect(name).toMatchObject({ oldValue: 'Oude naam', newValue: 'Nieuwe naam' });
    expect(name?.changedBy).toMatch(/^Test /);
    expect(history.find((h) => h.field === 'municipalityIds')).toBeUndefined();
    expect(history.find((h) => h.field === 'phone')).toMatchObject({ oldValue: null, newValue: '+31451234567' });
  });

  it('detects concurrent edits: the second save gets a conflict with the current version', async () => {
    const svc = await buildService(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id] });
    const first = await editor.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody({ name: 'Eerste' }), version: 1 });
    expect(first.statusCode).toBe(200);
    const second = await editor.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody({ name: 'Tweede' }), version: 1 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'version_conflict', details: [{ path: 'body.version', code: 'current_2' }] });
    expect((await plain.agent.get(`/api/v1/directory/services/${svc.id}`)).json().name).toBe('Eerste');
  });

  it('refuses locations and contacts of another organisation', async () => {
    const foreignPerson = await buildPerson(t.db, { organisationId: other.organisation.id });
    const res = await editor.agent.post(`/api/v1/directory/organisations/${scene.organisation.id}/services`, serviceBody({ contactIds: [foreignPerson.id] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'body.contactIds.0', code: 'unknown_person' }]);
  });

  it('search results follow an edit at once (the result cache is invalidated by the write)', async () => {
    const svc = await buildService(t.db, { organisationId: scene.organisation.id, name: 'Kangoeroezorg', municipalityIds: [scene.municipality.id] });
    const find = async (q: string) => (await plain.agent.get(`/api/v1/directory/services?q=${q}`)).json().items.map((i: { id: string }) => i.id);
    expect(await find('kangoeroezorg')).toEqual([svc.id]);
    expect(await find('kangoeroezorg')).toEqual([svc.id]);
    await editor.agent.put(`/api/v1/directory/services/${svc.id}`, { ...serviceBody({ name: 'Buidelzorg' }), version: 1 });
    expect(await find('kangoeroezorg')).toEqual([]);
    expect(await find('buidelzorg')).toEqual([svc.id]);
  });

  it('confirms a stale service in one click and records it', async () => {
    const svc = await buildService(t.db, { organisationId: scene.organisation.id, lastConfirmedAt: new Date('2025-01-01') });
    expect((await plain.agent.get(`/api/v1/directory/services/${svc.id}`)).json().stale).toBe(true);
    expect((await plain.agent.post(`/api/v1/directory/service/${svc.id}/confirm`)).statusCode).toBe(403);
    expect((await editor.agent.post(`/api/v1/directory/service/${svc.id}/confirm`)).statusCode).toBe(204);
    const after = (await plain.agent.get(`/api/v1/directory/services/${svc.id}`)).json();
    expect(after.stale).toBe(false);
    const history = (await plain.agent.get(`/api/v1/directory/service/${svc.id}/history`)).json().items;
    expect(history[0]).toMatchObject({ kind: 'confirm', field: null });
  });
});

describe('locations and organisation profile', () => {
  it('validates and normalises postcodes and opening hours', async () => {
    const url = `/api/v1/directory/organisations/${scene.organisation.id}/locations`;
    const bad = await editor.agent.post(url, {
      name: 'Spreekuur',
      address: 'Markt 1',
      postcode: '0123 SS',
      city: 'Kerkrade',
      openingHours: [{ day: 'mo', opens: '12:00', closes: '09:00' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual(
      expect.arrayContaining([
        { path: 'body.postcode', code: 'invalid_postcode' },
        { path: 'body.openingHours.0.closes', code: 'closes_before_opens' },
      ]),
    );
    const ok = await editor.agent.post(url, {
      name: 'Spreekuur',
      address: 'Markt 1',
      postcode: '6461ec',
      city: 'Kerkrade',
      openingHours: [{ day: 'mo', opens: '09:00', closes: '12:00' }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().postcode).toBe('6461 EC');
  });

  it('lets the organisation maintain its profile with KvK and AGB numbers', async () => {
    const org = (await plain.agent.get(`/api/v1/directory/organisations/${scene.organisation.id}`)).json();
    expect(org.canEdit).toBe(false);
    expect(org.abilities).toEqual({ maintain: false });
    expect((await editor.agent.get(`/api/v1/directory/organisations/${scene.organisation.id}`)).json().abilities).toEqual({ maintain: true });
    const body = { name: org.name, description: 'Wij helpen gezinnen.', phone: '0455 123456', kvkNumber: '12345678', agbCode: '1234', version: org.version };
    const bad = await editor.agent.put(`/api/v1/directory/organisations/${scene.organisation.id}`, body);
    expect(bad.json().error.details).toEqual([{ path: 'body.agbCode', code: expect.any(String) }]);
    const ok = await editor.agent.put(`/api/v1/directory/organisations/${scene.organisation.id}`, { ...body, agbCode: '12345678' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await plain.agent.put(`/api/v1/directory/organisations/${scene.organisation.id}`, { ...body, agbCode: '12345678', version: 2 })).statusCode).toBe(
      403,
    );
  });
});

describe('smoelenboek cards', () => {
  const card = (o: Record<string, unknown> = {}) => ({
    name: 'Petra Peters',
    jobTitle: 'Jeugdverpleegkundige',
    phone: '06 12345678',
    email: 'petra@example.nl',
    reachability: 'Ma–do 9–12',
    expertise: ['borstvoeding', 'VoorZorg'],
    meetingTables: ['RTO Kerkrade'],
    municipalityIds: [scene.municipality.id],
    ...o,
  });

  it('lets a professional create and maintain their own card, once', async () => {
    expect((await plain.agent.get('/api/v1/directory/me/card')).json()).toEqual({ id: null });
    const created = await plain.agent.post('/api/v1/directory/me/card', card());
    expect(created.statusCode, created.body).toBe(201);
    expect((await plain.agent.post('/api/v1/directory/me/card', card())).statusCode).toBe(409);
    const id = created.json().id;
    const mine = (await plain.agent.get(`/api/v1/directory/people/${id}`)).json();
    expect(mine).toMatchObject({ isOwnCard: true, canEdit: true, abilities: { maintain: true }, phone: '+31612345678' });
    const saved = await plain.agent.put(`/api/v1/directory/people/${id}`, { ...card({ reachability: 'Alleen dinsdag' }), version: mine.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().reachability).toBe('Alleen dinsdag');
  });

  it("lets the organisation's editor edit a colleague's card, but not a professional without the right", async () => {
    const colleague = await buildPerson(t.db, { organisationId: scene.organisation.id });
    const byPlain = await plain.agent.put(`/api/v1/directory/people/${colleague.id}`, { ...card(), version: 1 });
    expect(byPlain.statusCode).toBe(403);
    expect(await deniedEntries(colleague.id, plain.user.id)).toHaveLength(1);
    expect((await foreignEditor.agent.put(`/api/v1/directory/people/${colleague.id}`, { ...card(), version: 1 })).statusCode).toBe(403);
    expect((await editor.agent.put(`/api/v1/directory/people/${colleague.id}`, { ...card(), version: 1 })).statusCode).toBe(200);
  });

  it('finds people by expertise and typo, and logs every smoelenboek search and card read', async () => {
    const p = await buildPerson(t.db, { organisationId: scene.organisation.id, name: 'Yasmina Bouzid', expertise: ['hechting'] });
    const byTag = (await plain.agent.get('/api/v1/directory/people?expertise=hechting')).json();
    expect(byTag.items.map((i: { id: string }) => i.id)).toEqual([p.id]);
    const byTypo = (await plain.agent.get('/api/v1/directory/people?q=yasmina%20bouzit')).json();
    expect(byTypo.items[0].id).toBe(p.id);
    await plain.agent.get(`/api/v1/directory/people/${p.id}`);
    const logged = await t.db.select().from(accessLog).where(eq(accessLog.userId, plain.user.id));
    expect(logged.filter((l) => l.eventType === 'search' && l.objectType === 'person_card').length).toBeGreaterThanOrEqual(2);
    expect(logged.some((l) => l.eventType === 'read' && l.objectId === p.id)).toBe(true);
  });

  it('takes a photo only if it is an image, re-encodes it and strips its metadata', async () => {
    const p = await buildPerson(t.db, { organisationId: scene.organisation.id, userId: null });
    const withExif = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#c06' } })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: 'Geheime Plek', ImageDescription: 'GPS 50.86,6.06' } } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const upload = (body: Buffer, type: string) =>
      editor.agent.request({ method: 'PUT', url: `/api/v1/directory/people/${p.id}/photo`, payload: body, headers: { 'content-type': type } });

    expect((await upload(Buffer.from('GIF89a not really'), 'image/png')).json().error.code).toBe('invalid_image');
    expect((await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/jpeg')).json().error.code).toBe('invalid_image');
    expect((await upload(Buffer.alloc(2 * 1024 * 1024 + 10, 1), 'image/jpeg')).statusCode).toBe(413);
    expect((await upload(withExif, 'text/plain')).statusCode).toBe(415);
    expect(
      (await plain.agent.request({ method: 'PUT', url: `/api/v1/directory/people/${p.id}/photo`, payload: withExif, headers: { 'content-type': 'image/png' } }))
        .statusCode,
    ).toBe(403);

    const ok = await upload(withExif, 'image/png');
    expect(ok.statusCode, ok.body).toBe(204);
    const [stored] = await t.db.select().from(personPhotos).where(eq(personPhotos.personId, p.id));
    const meta = await sharp(stored!.image).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(Math.max(meta.width!, meta.height!)).toBe(600);
    const served = await plain.agent.get(`/api/v1/directory/people/${p.id}/photo`);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const [card2] = await t.db.select().from(people).where(eq(people.id, p.id));
    expect(card2!.photoUpdatedAt).not.toBeNull();

    expect((await editor.agent.delete(`/api/v1/directory/people/${p.id}/photo`)).statusCode).toBe(204);
    expect((await plain.agent.get(`/api/v1/directory/people/${p.id}/photo`)).statusCode).toBe(404);
  });

  it('is not for anonymous callers', async () => {
    const anon = new Agent(t);
    expect((await anon.get('/api/v1/directory/people?q=petra')).statusCode).toBe(401);
    const p = await buildPerson(t.db, { organisationId: scene.organisation.id });
    expect((await anon.get(`/api/v1/directory/people/${p.id}`)).statusCode).toBe(401);
  });
});

describe('an organisation that left', () => {
  it('answers 404 for its services', async () => {
    const gone = await buildOrganisation(t.db, { regionId: scene.region.id });
    const svc = await buildService(t.db, { organisationId: gone.id });
    const admin = await signedInAs(t, scene, 'admin');
    await admin.agent.patch(`/api/v1/admin/organisations/${gone.id}`, { version: 1, active: false });
    expect((await plain.agent.get(`/api/v1/directory/services/${svc.id}`)).statusCode).toBe(404);
  });
});
