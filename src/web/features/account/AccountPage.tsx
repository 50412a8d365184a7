import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { passwordChangeSchema } from '../../../domain/users';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { ApiError, type Me } from '../../lib/api';
import { applyServerErrors, errorMessage, useZodForm } from '../../lib/form';
import { NotificationPreferences } from './NotificationPreferences';
import { accountApi } from './queries';

const PASSWORD_FIELDS = Object.keys(passwordChangeSchema.shape);

export function AccountPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [resetPassword, setResetPassword] = useState('');
  // The rules of a new password (length, not a common one) are the server's own schema, checked before sending.
  const password = useZodForm(passwordChangeSchema, { defaultValues: { currentPassword: '', newPassword: '' } });
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const change = useMutation({
    mutationFn: (body: z.output<typeof passwordChangeSchema>) => accountApi.changePassword(body),
    onSuccess: () => password.reset(),
    onError: (error) =>
      setUnplaced(applyServerErrors(error, password, PASSWORD_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  const reset = useMutation({
    mutationFn: () => accountApi.resetTwoFactor(resetPassword),
    onSuccess: async () => {
      setResetPassword('');
      await qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const re = fieldErrors(reset.error);
  const onReset = (e: FormEvent) => {
    e.preventDefault();
    if (window.confirm(t('account.mfaResetConfirm'))) reset.mutate();
  };
  const pe = password.formState.errors;
  return (
    <>
      <Heading1>{t('account.title')}</Heading1>
      <Paragraph>
        {me.user.displayName} · {me.user.email}
      </Paragraph>
      <Heading2>{t('account.passwordTitle')}</Heading2>
      <form
        className="kp-form"
        onSubmit={password.handleSubmit((body) => {
          setUnplaced(null);
          change.mutate(body);
        })}
        noValidate
      >
        {change.isSuccess && (
          <Alert type="ok" role="status">
            <Paragraph>{t('account.changed')}</Paragraph>
          </Alert>
        )}
        <ErrorAlert error={unplaced} />
        <Field
          label={t('account.current')}
          type="password"
          autoComplete="current-password"
          {...password.register('currentPassword')}
          error={errorMessage(pe.currentPassword)}
        />
        <Field
          label={t('account.new')}
          hint={t('account.newHint')}
          type="password"
          autoComplete="new-password"
          {...password.register('newPassword')}
          error={errorMessage(pe.newPassword)}
        />
        <div>
          <Button type="submit" appearance="primary-action-button" disabled={change.isPending}>
            {t('account.change')}
          </Button>
        </div>
      </form>
      <Heading2>{t('account.mfaTitle')}</Heading2>
      <Paragraph>{me.user.totpEnabled ? t('account.mfaOn') : t('account.mfaOff')}</Paragraph>
      {me.user.totpEnabled ? (
        <form className="kp-form" onSubmit={onReset} noValidate>
          <Paragraph>{t('account.mfaResetHint')}</Paragraph>
          <Field
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            value={resetPassword}
            error={re.password}
            onChange={(e) => setResetPassword(e.target.value)}
          />
          <div>
            <Button type="submit" appearance="secondary-action-button" disabled={reset.isPending}>
              {t('account.mfaReset')}
            </Button>
          </div>
        </form>
      ) : (
        <Button appearance="secondary-action-button" onClick={() => navigate('/tweestapsverificatie')}>
          {t('account.mfaSetup')}
        </Button>
      )}
      {me.abilities.notifications && <NotificationPreferences />}
    </>
  );
}
