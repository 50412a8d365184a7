import { useQuery } from '@tanstack/react-query';
import { type BodyOf, call, client, type ResponseOf } from '../../lib/api';

/** Query keys of the own account; `/me` itself stays under ['me'] (app/session.ts). */
export const accountKeys = {
  all: ['account'] as const,
  notificationPreferences: () => [...accountKeys.all, 'notification-preferences'] as const,
};

export type Preference = ResponseOf<'/api/v1/notifications/preferences', 'get'>['items'][number];

export const useNotificationPreferences = () =>
  useQuery({ queryKey: accountKeys.notificationPreferences(), queryFn: () => call(client.GET('/api/v1/notifications/preferences')) });

/** The own account's writes, and signing in (the auth pages), typed by their routes. */
export const accountApi = {
  changePassword: (body: BodyOf<'/api/v1/account/password', 'post'>) => call(client.POST('/api/v1/account/password', { body })),
  resetTwoFactor: (password: string) => call(client.POST('/api/v1/account/2fa/reset', { body: { password } })),
  savePreferences: (body: BodyOf<'/api/v1/notifications/preferences', 'put'>) => call(client.PUT('/api/v1/notifications/preferences', { body })),
  login: (body: BodyOf<'/api/v1/auth/login', 'post'>) => call(client.POST('/api/v1/auth/login', { body })),
  setupTwoFactor: () => call(client.POST('/api/v1/auth/2fa/setup')),
  verifyTwoFactor: (code: string) => call(client.POST('/api/v1/auth/2fa/verify', { body: { code } })),
  enableTwoFactor: (code: string) => call(client.POST('/api/v1/auth/2fa/enable', { body: { code } })),
};
