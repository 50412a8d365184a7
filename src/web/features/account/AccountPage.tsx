import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { api, type Me } from '../../lib/api';
import { NotificationPreferences } from './NotificationPreferences';

export function AccountPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [resetPassword, setResetPassword] = useState('');
  const change = useMutation({
    mutationFn: () => api('POST', '/account/password', { currentPassword: current, newPassword: next }),
    onSuccess: () => {
      setCurrent('');
      setNext('');
    },
  });
  const reset = useMutation({
    mutationFn: () => api<{ mustEnrol: boolean }>('POST', '/account/2fa/reset', { password: resetPassword }),
    onSuccess: async () => {
      setResetPassword('');
      await qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const fe = fieldErrors(change.error);
  const re = fieldErrors(reset.error);
  const onChange = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  const onReset = (e: FormEvent) => {
    e.preventDefault();
    if (window.confirm(t('account.mfaResetConfirm'))) reset.mutate();
  };
  return (
    <>
      <Heading1>{t('account.title')}</Heading1>
      <Paragraph>
        {me.user.displayName} · {me.user.email}
      </Paragraph>
      <Heading2>{t('account.passwordTitle')}</Heading2>
      <form className="kp-form" onSubmit={onChange} noValidate>
        {change.isSuccess && (
          <Alert type="ok" role="status">
            <Paragraph>{t('account.changed')}</Paragraph>
          </Alert>
        )}
        {change.error && !Object.keys(fe).length ? <ErrorAlert error={change.error} /> : null}
        <Field
          label={t('account.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          error={fe.currentPassword}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <Field
          label={t('account.new')}
          hint={t('account.newHint')}
          type="password"
          autoComplete="new-password"
          value={next}
          error={fe.newPassword}
          onChange={(e) => setNext(e.target.value)}
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
