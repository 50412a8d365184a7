import { useMutation } from '@tanstack/react-query';
import { Button, ButtonGroup, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { api } from '../../lib/api';
import { bindFields } from '../../lib/form';
import { formatDate, type Person, personName, useMyRegistrations } from './api';
import { Cell } from './parts';

/** Exact search (BSN, or family name + date) and the professional's own active registrations. No browsing. */
export function ClientsPage() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState({ bsn: '', familyName: '', date: '' });
  const search = useMutation({
    mutationFn: () =>
      api<{ items: Person[] }>('POST', '/persons/search', form.bsn ? { bsn: form.bsn } : { familyName: form.familyName, date: form.date || undefined }),
  });
  const mine = useMyRegistrations();
  const { field } = bindFields(form, setForm, search.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    search.mutate();
  };
  return (
    <>
      <Heading1>{t('clients.title')}</Heading1>
      <Paragraph>{t('clients.intro')}</Paragraph>
      <ButtonGroup>
        <RouterLink to="/clienten/registreren" className="utrecht-button utrecht-button--primary-action">
          {t('clients.register')}
        </RouterLink>
      </ButtonGroup>
      <Heading2>{t('clients.searchTitle')}</Heading2>
      <form className="kp-form" onSubmit={submit} noValidate aria-label={t('clients.searchTitle')}>
        <ErrorAlert error={search.error} />
        <Field label={t('clients.bsn')} inputMode="numeric" autoComplete="off" hint={t('clients.bsnHint')} {...field('bsn')} />
        <Paragraph>{t('clients.or')}</Paragraph>
        <Field label={t('clients.familyName')} autoComplete="off" {...field('familyName')} />
        <Field label={t('clients.dateOfBirthOrDue')} type="date" {...field('date')} />
        <Button type="submit" appearance="primary-action-button" disabled={search.isPending}>
          {t('clients.search')}
        </Button>
      </form>
      {search.data && (
        <section aria-live="polite">
          <DataTable
            headers={[t('clients.name'), t('clients.dateOfBirth'), t('clients.municipality')]}
            items={search.data.items}
            rowKey={(p) => p.id}
            empty={t('clients.noResults')}
            row={(p) => (
              <>
                <Cell>
                  <RouterLink to={`/clienten/${p.id}`}>{personName(p)}</RouterLink>
                </Cell>
                <Cell>{formatDate(p.dateOfBirth ?? p.dueDate, i18n.language)}</Cell>
                <Cell>{p.municipality.name}</Cell>
              </>
            )}
          />
        </section>
      )}
      <Heading2>{t('clients.mine')}</Heading2>
      <DataTable
        headers={[t('clients.name'), t('clients.role'), t('registrations.until')]}
        items={mine.data?.items}
        rowKey={(r) => r.id}
        empty={t('clients.mineEmpty')}
        row={(r) => (
          <>
            <Cell>
              <RouterLink to={`/clienten/${r.person.id}`}>{personName(r.person)}</RouterLink>
            </Cell>
            <Cell>{t(`householdRoles.${r.person.householdRole}`)}</Cell>
            <Cell>{formatDate(r.endDate, i18n.language)}</Cell>
          </>
        )}
      />
    </>
  );
}
