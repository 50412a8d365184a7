import { z } from 'zod';
import { int32 } from '../../../domain/numbers.js';
import { organisationTypeSchema } from '../../../domain/organisations.js';
import type { OrganisationRow } from './organisations.repository.js';

export const organisationSchema = z.object({
  id: z.uuid(),
  regionId: z.uuid(),
  name: z.string(),
  type: organisationTypeSchema,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  website: z.string().nullable(),
  active: z.boolean(),
  version: int32(),
  updatedAt: z.string(),
});

export function presentOrganisation(o: OrganisationRow): z.infer<typeof organisationSchema> {
  return {
    id: o.id,
    regionId: o.regionId,
    name: o.name,
    type: o.type,
    phone: o.phone,
    email: o.email,
    website: o.website,
    active: o.active,
    version: o.version,
    updatedAt: o.updatedAt.toISOString(),
  };
}
