import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { accountApi } from '../account/queries';

export function LoginPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => accountApi.login({ email, password }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['me'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <>
      <Heading1>{t('login.title')}</Heading1>
      <form className="kp-form" onSubmit={submit} noValidate>
        <ErrorAlert error={login.error} />
        <Field label={t('login.email')} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div>
          <Button type="submit" appearance="primary-action-button" disabled={login.isPending}>
            {t('login.submit')}
          </Button>
        </div>
        <Paragraph className="kp-muted">{t('login.demoHint')}</Paragraph>
      </form>
      <Paragraph>
        <RouterLink to="/openbaar/sociale-kaart">{t('login.publicDirectory')}</RouterLink>
      </Paragraph>
    </>
  );
}
