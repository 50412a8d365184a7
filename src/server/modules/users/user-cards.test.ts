import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, people, personMunicipalities } from '../../db/schema.js';
import { buildOrganisation, buildPerson, buildScene, buildUser, TEST_PASSWORD } from '../../testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from '../../testing/harness.js';

// Smoelenboek cards and accounts are one person: an account has its card, made or linked in the same transaction.
let t: TestApp;
let scene: Awaited<ReturnType<typeof buildScene>>;
let admin: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await createTestApp();
  scene = await buildScene(t.db);
  admin = await signedInAs(t, scene, 'admin');
});
afterAll(() => t.close());

const create = (o: Record<string, unknown>) =>
  admin.agent.post('/api/v1/admin/users', {
    displayName: 'Fleur de Vries',
    role: 'professional',
    organisationId: scene.organisation.id,
    municipalityIds: [scene.municipality.id],
    password: TEST_PASSWORD,
    ...o,
  });
const cardsOf = (userId: string) => t.db.select().from(people).where(eq(people.userId, userId));

describe('an account comes with its smoelenboek card', () => {
  it('an admin creating a user creates her card: name, function, organisation, e-mail, work area; logged', async () => {
    const res = await create({ email: 'Fleur@Test.nl', jobTitle: 'Jeugdverpleegkundige' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const [card] = await cardsOf(id);
    expect(card).toMatchObject({
      name: 'Fleur de Vries',
      jobTitle: 'Jeugdverpleegkundige',
      organisationId: scene.organisation.id,
      email: 'fleur@test.nl',
      active: true,
    });
    const areas = await t.db.select().from(personMunicipalities).where(eq(personMunicipalities.personId, card!.id));
    expect(areas.map((a) => a.municipalityId)).toEqual([scene.municipality.id]);
    const logged = await t.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.objectType, 'person_card'), eq(accessLog.objectId, card!.id)));
    expect(logged.map((l) => l.eventType)).toEqual(['create']);
    // She maintains it herself: it is her own card.
    const mine = await admin.agent.get(`/api/v1/directory/people/${card!.id}`);
    expect(mine.statusCode).toBe(200);
  });

  it('without a function the role names it', async () => {
    const res = await create({ email: 'coord@test.nl', role: 'coordinator' });
    expect((await cardsOf(res.json().id))[0]!.jobTitle).toBe('Coördinator');
  });

  it('links the existing card with her e-mail address in her organisation instead of making a second one', async () => {
    const existing = await buildPerson(t.db, { organisationId: scene.organisation.id, name: 'Sanne op de kaart', email: 'sanne@test.nl' });
    const elsewhere = await buildPerson(t.db, { organisationId: (await buildOrganisation(t.db, { regionId: scene.region.id })).id, email: 'sanne@test.nl' });
    const res = await create({ email: 'sanne@test.nl', displayName: 'Sanne Account' });
    const cards = await cardsOf(res.json().id);
    expect(cards.map((c) => c.id)).toEqual([existing.id]);
    // The card keeps what she wrote on it; the card in another organisation stays unlinked.
    expect(cards[0]!.name).toBe('Sanne op de kaart');
    expect((await t.db.select().from(people).where(eq(people.id, elsewhere.id)))[0]!.userId).toBeNull();
  });

  it('existing accounts without a card get one (the migration’s backfill); deactivated ones and those with a card not', async () => {
    const bare = await buildUser(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id], displayName: 'Oud Account' });
    const gone = await buildUser(t.db, { organisationId: scene.organisation.id, municipalityIds: [], deactivated: true });
    const done = await t.db.execute<{ user_id: string }>(sql`SELECT user_id FROM kp_ensure_user_cards()`);
    expect(done.rows.map((r) => r.user_id)).toContain(bare.id);
    expect(done.rows.map((r) => r.user_id)).not.toContain(gone.id);
    expect((await cardsOf(bare.id))[0]).toMatchObject({ name: 'Oud Account', jobTitle: 'Professional' });
    expect(await cardsOf(gone.id)).toEqual([]);
    const again = await t.db.execute(sql`SELECT user_id FROM kp_ensure_user_cards()`);
    expect(again.rows).toEqual([]);
  });
});
