import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { roleSchema } from '../../../domain/roles.js';
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
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: int32(),
});

export function presentUser(u: UserView): z.infer<typeof userSchema> {
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
    active: !u.deactivatedAt,
    lastLoginAt: u.lastLoginAt ? new Date(u.lastLoginAt).toISOString() : null,
    version: u.version,
  };
}
