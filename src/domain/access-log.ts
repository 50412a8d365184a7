import { z } from 'zod';

/** NEN 7513 event types, plus the security events the Foundation issue asks to log. */
export const ACCESS_EVENT_TYPES = [
  'create',
  'read',
  'update',
  'delete',
  'export',
  'search',
  'transfer',
  'merge',
  'emergency_access',
  'login',
  'login_failed',
  'logout',
  'mfa_change',
  'role_change',
  'password_change',
] as const;
export const accessEventTypeSchema = z.enum(ACCESS_EVENT_TYPES);
export type AccessEventType = z.infer<typeof accessEventTypeSchema>;

export const ACCESS_OUTCOMES = ['success', 'failure', 'denied'] as const;
export type AccessOutcome = (typeof ACCESS_OUTCOMES)[number];
