import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Code, Heading1, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { accountApi } from '../account/queries';

/** Second sign-in step: verify a code, or enrol an authenticator app (QR code + manual key) first. */
export function TwoFactorPage({ mode }: { mode: 'verify' | 'enrol' }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const setup = useMutation({ mutationFn: () => accountApi.setupTwoFactor() });
  const confirm = useMutation({
    mutationFn: () => (mode === 'verify' ? accountApi.verifyTwoFactor(code) : accountApi.enableTwoFactor(code)),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['me'] });
      navigate('/', { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  const codeForm = (
    <form className="kp-form" onSubmit={submit} noValidate>
      <ErrorAlert error={confirm.error} />
      <Field
        label={t('mfa.code')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]*"
        maxLength={6}
        required
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={confirm.isPending}>
          {mode === 'verify' ? t('mfa.verify') : t('mfa.enable')}
        </Button>
      </div>
    </form>
  );
  if (mode === 'verify') {
    return (
      <>
        <Heading1>{t('mfa.verifyTitle')}</Heading1>
        <Paragraph>{t('mfa.verifyIntro')}</Paragraph>
        {codeForm}
      </>
    );
  }
  return (
    <>
      <Heading1>{t('mfa.enrolTitle')}</Heading1>
      <Paragraph>{t('mfa.enrolIntro')}</Paragraph>
      <ErrorAlert error={setup.error} />
      {!setup.data ? (
        <Button appearance="primary-action-button" onClick={() => setup.mutate()} disabled={setup.isPending}>
          {t('mfa.start')}
        </Button>
      ) : (
        <>
          <img className="kp-qr" src={setup.data.qrCodeDataUrl} alt={t('mfa.qrAlt')} />
          <Paragraph>
            {t('mfa.manualKey')}: <Code data-testid="manual-key">{setup.data.manualKey}</Code>
          </Paragraph>
          {codeForm}
        </>
      )}
    </>
  );
}
