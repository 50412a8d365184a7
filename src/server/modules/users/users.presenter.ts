import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { roleSchema } from '../../../domain/roles.js';
import type { Actor } from '../../context.js';
import { type UserAbilities, userAbilities } from '../../policy.js';
import type { UserView } from './users.repository.js';

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema.nullable(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  municipalities: z.array(z.object({ id: z.uuid(), name: z.string() })),
  totpEnabled: z.boolean(),
  isDemo: z.boolean(),
  directoryEditor: z.boolean(),
  intakeRight: z.boolean(),
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: int32(),
  abilities: z
    .object({ edit: z.boolean(), changeRole: z.boolean(), deactivate: z.boolean(), delete: z.boolean() })
    .describe('What the calling admin may do with this user (policy.userAbilities).') satisfies z.ZodType<UserAbilities>,
});

export function presentUser(u: UserView, viewer: Actor): z.infer<typeof userSchema> {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    organisation: { id: u.organisationId!, name: u.organisationName },
    municipalities: u.municipalities,
    totpEnabled: u.totpEnabled,
    isDemo: u.isDemo,
    directoryEditor: u.directoryEditor,
    intakeRight: u.intakeRight,
    active: !u.deactivatedAt,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    version: u.version,
    abilities: userAbilities(viewer, { id: u.id, regionId: u.regionId }),
  };
}
