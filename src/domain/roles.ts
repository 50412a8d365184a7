import { z } from 'zod';

/** Staff roles of Knooppunt; client (parent) accounts get their own kind later, not a role here. */
export const ROLES = ['admin', 'coordinator', 'professional', 'policy'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles that can see personal data of families and therefore must sign in with two factors (NEN 7510). */
export const ROLES_REQUIRING_2FA: readonly Role[] = ['admin', 'coordinator', 'professional'];

/** Whether a role must use a second factor. */
export function roleRequires2fa(role: Role): boolean {
  return ROLES_REQUIRING_2FA.includes(role);
}

/** Kinds of account: staff now; the parent/client portal adds 'client' without changing the table. */
export const ACCOUNT_KINDS = ['staff', 'client'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
