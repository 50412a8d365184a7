import { sql } from 'drizzle-orm';
import { toE164 } from '../../domain/directory.js';
import type { OrganisationType } from '../../domain/organisations.js';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db/client.js';
import { municipalities, organisations, regions, userMunicipalities, users } from '../db/schema.js';
import { hashPassword } from '../modules/auth/passwords.js';

/** The shared password of all demo accounts (demo mode only; printed at start). */
export const DEMO_PASSWORD = 'Kansrijke-Start-2026';

const MUNICIPALITIES = [
  { name: 'Kerkrade', cbsCode: 'GM0928' },
  { name: 'Landgraaf', cbsCode: 'GM0882' },
  { name: 'Vaals', cbsCode: 'GM0981' },
];

// Fictional organisations of the kinds named in the source documents; phone numbers are in the fictional 0900 range.
const ORGANISATIONS: { name: string; type: OrganisationType; phone: string }[] = [
  { name: 'Verloskundigenpraktijk De Wieg', type: 'verloskunde', phone: '0900-1110001' },
  { name: 'Kraamzorg Parkstad', type: 'kraamzorg', phone: '0900-1110002' },
  { name: 'JGZ Zuid-Limburg (demo)', type: 'jgz', phone: '0900-1110003' },
  { name: 'Huisartsenpraktijk Holz', type: 'huisartsenpraktijk', phone: '0900-1110004' },
  { name: 'Sociaal Team Kerkrade', type: 'wijkteam', phone: '0900-1110005' },
  { name: 'Wijkteam Landgraaf', type: 'wijkteam', phone: '0900-1110006' },
  { name: 'GGZ Parkstad Jong', type: 'ggz', phone: '0900-1110007' },
  { name: 'Kinderopvang Het Speelhuis', type: 'kinderopvang', phone: '0900-1110008' },
  { name: 'Basisschool De Regenboog', type: 'school', phone: '0900-1110009' },
  { name: 'Gemeente Kerkrade (demo)', type: 'gemeente', phone: '0900-1110010' },
  { name: 'Centrum voor Jeugd en Gezin Parkstad', type: 'cjg', phone: '0900-1110011' },
  { name: 'Knooppunt Kansrijke Start Parkstad', type: 'cjg', phone: '0900-1110012' },
];

export const DEMO_ACCOUNTS: { email: string; displayName: string; role: Role; organisation: string; municipalities: string[]; intakeRight?: boolean }[] = [
  {
    email: 'beheer@demo.knooppunt.nl',
    displayName: 'Bram Beheer',
    role: 'admin',
    organisation: 'Knooppunt Kansrijke Start Parkstad',
    municipalities: ['Kerkrade', 'Landgraaf', 'Vaals'],
  },
  {
    email: 'coordinator@demo.knooppunt.nl',
    displayName: 'Carla Coördinator',
    role: 'coordinator',
    organisation: 'Knooppunt Kansrijke Start Parkstad',
    municipalities: ['Kerkrade', 'Landgraaf', 'Vaals'],
  },
  {
    email: 'verloskundige@demo.knooppunt.nl',
    displayName: 'Vera Verloskundige',
    role: 'professional',
    organisation: 'Verloskundigenpraktijk De Wieg',
    municipalities: ['Kerkrade', 'Landgraaf'],
  },
  {
    email: 'jgz@demo.knooppunt.nl',
    displayName: 'Joyce Jeugdverpleegkundige',
    role: 'professional',
    organisation: 'JGZ Zuid-Limburg (demo)',
    municipalities: ['Kerkrade', 'Landgraaf', 'Vaals'],
    // She handles her organisation's incoming referrals (the demo has one new on the JGZ board).
    intakeRight: true,
  },
  { email: 'beleid@demo.knooppunt.nl', displayName: 'Paul Beleid', role: 'policy', organisation: 'Gemeente Kerkrade (demo)', municipalities: ['Kerkrade'] },
];

/** Loads the demo region once; returns false when demo data was already there. */
export async function seedDemo(db: Db): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    // Serialise concurrent first starts of several instances.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7513001)`);
    const existing = await tx.select({ id: regions.id }).from(regions).where(sql`${regions.name} = 'Zuid-Limburg'`);
    if (existing.length) return false;
    const [region] = await tx.insert(regions).values({ name: 'Zuid-Limburg' }).returning();
    const munis = await tx
      .insert(municipalities)
      .values(MUNICIPALITIES.map((m) => ({ ...m, regionId: region!.id })))
      .returning();
    const orgs = await tx
      .insert(organisations)
      .values(ORGANISATIONS.map((o) => ({ ...o, phone: toE164(o.phone), regionId: region!.id })))
      .returning();
    for (const a of DEMO_ACCOUNTS) {
      const [u] = await tx
        .insert(users)
        .values({
          email: a.email,
          displayName: a.displayName,
          role: a.role,
          organisationId: orgs.find((o) => o.name === a.organisation)!.id,
          passwordHash,
          isDemo: true,
          intakeRight: a.intakeRight ?? false,
        })
        .returning({ id: users.id });
      await tx.insert(userMunicipalities).values(a.municipalities.map((name) => ({ userId: u!.id, municipalityId: munis.find((m) => m.name === name)!.id })));
    }
    return true;
  });
}
