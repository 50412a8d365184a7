import { z } from 'zod';
import { roleSchema } from '../../../domain/roles.js';
import { type AppAbilities, appAbilities } from '../../policy.js';
import type { SessionLookup } from './auth.repository.js';
import { actorFromSession } from './auth.session.js';

export const meSchema = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: roleSchema,
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    municipalities: z.array(z.object({ id: z.uuid(), name: z.string(), regionId: z.uuid() })),
    language: z.string(),
    totpEnabled: z.boolean(),
    isDemo: z.boolean(),
    directoryEditor: z.boolean(),
    intakeRight: z.boolean(),
  }),
  abilities: z
    .object({
      administer: z.boolean(),
      careWork: z.boolean(),
      coordinate: z.boolean(),
      monitor: z.boolean(),
      maintainDirectory: z.boolean(),
      notifications: z.boolean(),
      breakGlass: z.boolean(),
    })
    .describe('What this user may do in the app (policy.appAbilities); all false until the second factor is passed.') satisfies z.ZodType<AppAbilities>,
  session: z.object({
    mfaPending: z.enum(['verify', 'enrol']).nullable(),
    expiresAt: z.string(),
    idleMinutes: z.number(),
  }),
  csrfToken: z.string(),
  demoMode: z.boolean(),
  /** Demo mode on an address other machines reach: the banner warns that the demo passwords are public. */
  demoOnNetwork: z.boolean(),
});

export function presentMe(s: SessionLookup, idleMinutes: number, demoMode: boolean, demoOnNetwork = false): z.infer<typeof meSchema> {
  return {
    user: {
      id: s.userId,
      email: s.email,
      displayName: s.displayName,
      role: s.role,
      organisation: { id: s.organisationId, name: s.organisationName },
      municipalities: s.municipalities.map((m) => ({ id: m.id, name: m.name, regionId: m.regionId })),
      language: s.language,
      totpEnabled: s.totpEnabled,
      isDemo: s.isDemo,
      directoryEditor: s.directoryEditor,
      intakeRight: s.intakeRight,
    },
    abilities: appAbilities(actorFromSession(s), s),
    session: {
      mfaPending: s.mfaVerified ? null : s.totpEnabled ? 'verify' : 'enrol',
      expiresAt: s.expiresAt.toISOString(),
      idleMinutes,
    },
    csrfToken: s.csrfToken,
    demoMode,
    demoOnNetwork,
  };
}
