import { z } from 'zod';
import { newPasswordSchema } from './password.js';
import { roleSchema } from './roles.js';

/** What an administrator sets on an account; shared by the API and the user form so both refuse the same input. */
export const userFields = {
  email: z
    .email({ message: 'invalid_email' })
    .max(320)
    .transform((e) => e.toLowerCase()),
  displayName: z.string().trim().min(2).max(120),
  role: roleSchema,
  organisationId: z.uuid(),
  municipalityIds: z.array(z.uuid()).min(1, 'at_least_one_municipality').max(50),
  directoryEditor: z.boolean().optional(),
  intakeRight: z.boolean().optional(),
};

/** A new account: its fields and a first password that meets the password rules. */
export const userCreateSchema = z.object({ ...userFields, password: newPasswordSchema });

/** Changing one's own password: the current one (checked by the server) and a new one that meets the rules. */
export const passwordChangeSchema = z.object({ currentPassword: z.string().min(1).max(256), newPassword: newPasswordSchema });
