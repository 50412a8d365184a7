import { randomBytes } from 'node:crypto';
import { generateSecret } from 'otplib';
import type { OrganisationType } from '../../domain/organisations.js';
import type { Role } from '../../domain/roles.js';
import { encryptSecret } from '../crypto.js';
import type { Db } from '../db/client.js';
import { municipalities, organisations, people, programmes, regions, serviceMunicipalities, services, userMunicipalities, users } from '../db/schema.js';
import { hashPassword } from '../modules/auth/passwords.js';

/** All test data is made here, with overridable defaults. */
const uniq = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'Zeer-geheim-testwachtwoord-1';
let cachedHash: Promise<string> | undefined;
const testPasswordHash = () => {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
};

export async function buildRegion(db: Db, o: { name?: string } = {}) {
  const [r] = await db
    .insert(regions)
    .values({ name: o.name ?? `Regio ${uniq()}` })
    .returning();
  return r!;
}

export async function buildMunicipality(db: Db, o: { regionId: string; name?: string }) {
  const [m] = await db
    .insert(municipalities)
    .values({ regionId: o.regionId, name: o.name ?? `Gemeente ${uniq()}` })
    .returning();
  return m!;
}

export async function buildOrganisation(db: Db, o: { regionId: string; name?: string; type?: OrganisationType }) {
  const [org] = await db
    .insert(organisations)
    .values({ regionId: o.regionId, name: o.name ?? `Organisatie ${uniq()}`, type: o.type ?? 'jgz' })
    .returning();
  return org!;
}

export async function buildUser(
  db: Db,
  o: {
    organisationId: string;
    municipalityIds: string[];
    role?: Role;
    email?: string;
    password?: string;
    isDemo?: boolean;
    totp?: { secret: string; key: Buffer };
    deactivated?: boolean;
    directoryEditor?: boolean;
    intakeRight?: boolean;
    displayName?: string;
  },
) {
  const passwordHash = o.password ? await hashPassword(o.password) : await testPasswordHash();
  const [u] = await db
    .insert(users)
    .values({
      email: o.email ?? `user-${uniq()}@test.knooppunt.nl`,
      displayName: o.displayName ?? `Test ${uniq()}`,
      role: o.role ?? 'professional',
      organisationId: o.organisationId,
      passwordHash,
      isDemo: o.isDemo ?? false,
      totpSecretEnc: o.totp ? encryptSecret(o.totp.key, o.totp.secret) : null,
      totpEnabledAt: o.totp ? new Date() : null,
      deactivatedAt: o.deactivated ? new Date() : null,
      directoryEditor: o.directoryEditor ?? false,
      intakeRight: o.intakeRight ?? false,
    })
    .returning();
  if (o.municipalityIds.length) await db.insert(userMunicipalities).values(o.municipalityIds.map((municipalityId) => ({ userId: u!.id, municipalityId })));
  return u!;
}

/** A user with TOTP enabled; returns the secret too, so the test can produce codes. */
export async function buildUserWithTotp(db: Db, key: Buffer, o: Omit<Parameters<typeof buildUser>[1], 'totp'>) {
  const secret = generateSecret();
  return { user: await buildUser(db, { ...o, totp: { secret, key } }), secret };
}

/** A region with one municipality and one organisation: the usual scene of a test. */
export async function buildScene(db: Db) {
  const region = await buildRegion(db);
  const municipality = await buildMunicipality(db, { regionId: region.id });
  const organisation = await buildOrganisation(db, { regionId: region.id });
  return { region, municipality, organisation };
}

export async function buildProgramme(db: Db, o: { name?: string } = {}) {
  const [p] = await db
    .insert(programmes)
    .values({ name: o.name ?? `Programma ${uniq()}` })
    .returning();
  return p!;
}

/** A service of an organisation, serving the given municipalities; any column can be overridden. */
export async function buildService(db: Db, o: Partial<typeof services.$inferInsert> & { organisationId: string; municipalityIds?: string[] }) {
  const { municipalityIds = [], ...columns } = o;
  const [s] = await db
    .insert(services)
    .values({ name: `Aanbod ${uniq()}`, ...columns })
    .returning();
  if (municipalityIds.length) await db.insert(serviceMunicipalities).values(municipalityIds.map((municipalityId) => ({ serviceId: s!.id, municipalityId })));
  return s!;
}

export async function buildPerson(db: Db, o: Partial<typeof people.$inferInsert> & { organisationId: string }) {
  const [p] = await db
    .insert(people)
    .values({ name: `Persoon ${uniq()}`, jobTitle: 'Jeugdverpleegkundige', ...o })
    .returning();
  return p!;
}

/** A random number that passes the elfproef (test data only; real BSNs never appear in tests). */
export function randomBsn(): string {
  for (;;) {
    const d = Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
    const check = d.reduce((s, v, i) => s + v * (9 - i), 0) % 11;
    if (check < 10) return [...d, check].join('');
  }
}

/** A second organisation in the scene's region and municipality, e.g. JGZ next to the midwives. */
export async function withOrganisation(db: Db, scene: Awaited<ReturnType<typeof buildScene>>, type: OrganisationType) {
  return { ...scene, organisation: await buildOrganisation(db, { regionId: scene.region.id, type }) };
}
