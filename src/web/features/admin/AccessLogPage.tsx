import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, ButtonLink, Heading1, Heading2, Paragraph, TableCell } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCESS_EVENT_TYPES } from '../../../domain/access-log';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { adminApi, adminKeys, useUsers } from './queries';

/** An access-log code in words (Dutch or English); a code without a text shows as itself. */
function useLabels() {
  const { t } = useTranslation();
  return {
    event: (x: string) => t(`accessLog.events.${x}`, { defaultValue: x }),
    outcome: (x: string) => t(`accessLog.outcomes.${x}`, { defaultValue: x }),
    object: (x: string) => t(`accessLog.objects.${x}`, { defaultValue: x }),
  };
}

/** Which client the admin looks for: by BSN or by family name + date, sent in a body (never in a URL). */
type ClientQuery = { bsn: string } | { familyName: string; date: string } | null;

export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const label = useLabels();
  const [clientDraft, setClientDraft] = useState({ bsn: '', familyName: '', date: '' });
  const [client, setClient] = useState<ClientQuery>(null);
  const [draft, setDraft] = useState({ eventType: '', from: '', to: '', userId: '', subjectPersonId: '' });
  const users = useUsers('', true);
  const [filter, setFilter] = useState(draft);
  const params = new URLSearchParams();
  if (filter.eventType) params.set('eventType', filter.eventType);
  if (filter.userId) params.set('userId', filter.userId);
  if (filter.subjectPersonId.trim()) params.set('subjectPersonId', filter.subjectPersonId.trim());
  if (filter.from) params.set('from', new Date(filter.from).toISOString());
  if (filter.to) params.set('to', new Date(`${filter.to}T23:59:59`).toISOString());
  const log = useInfiniteQuery({
    queryKey: adminKeys.accessLog({ filter, client }),
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      client
        ? adminApi.accessLogByClient({ ...client, ...(pageParam ? { before: pageParam } : {}) })
        : adminApi.accessLog(`${params}${pageParam ? `&before=${pageParam}` : ''}`),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setClient(null);
    setFilter(draft);
  };
  const submitClient = (e: FormEvent) => {
    e.preventDefault();
    const bsn = clientDraft.bsn.trim();
    setClient(bsn ? { bsn } : { familyName: clientDraft.familyName.trim(), date: clientDraft.date });
  };
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const fmt = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <>
      <Heading1>{t('admin.accessLogTitle')}</Heading1>
      <section aria-labelledby="by-client">
        <Heading2 id="by-client">{t('accessLog.byClient')}</Heading2>
        <Paragraph>{t('accessLog.byClientIntro')}</Paragraph>
        <form className="kp-row" onSubmit={submitClient} noValidate>
          <Field
            label={t('clients.bsn')}
            value={clientDraft.bsn}
            inputMode="numeric"
            autoComplete="off"
            onChange={(e) => setClientDraft({ ...clientDraft, bsn: e.target.value })}
          />
          <Field
            label={t('clients.familyName')}
            value={clientDraft.familyName}
            autoComplete="off"
            onChange={(e) => setClientDraft({ ...clientDraft, familyName: e.target.value })}
          />
          <Field
            label={t('accessLog.dateOfBirthOrDue')}
            type="date"
            value={clientDraft.date}
            onChange={(e) => setClientDraft({ ...clientDraft, date: e.target.value })}
          />
          <Button type="submit" appearance="secondary-action-button">
            {t('accessLog.searchClient')}
          </Button>
          {client && (
            <Button appearance="subtle-button" onClick={() => setClient(null)}>
              {t('accessLog.clearClient')}
            </Button>
          )}
        </form>
        {client && log.isSuccess && <Paragraph>{t('accessLog.clientRows', { count: rows.length })}</Paragraph>}
      </section>
      <Heading2>{t('accessLog.filterAll')}</Heading2>
      <search>
        <form className="kp-row" onSubmit={submit}>
          <SelectField
            label={t('admin.event')}
            value={draft.eventType}
            onChange={(e) => setDraft({ ...draft, eventType: e.target.value })}
            options={[{ value: '', label: t('admin.allEvents') }, ...ACCESS_EVENT_TYPES.map((x) => ({ value: x, label: label.event(x) }))]}
          />
          <SelectField
            label={t('admin.user')}
            value={draft.userId}
            onChange={(e) => setDraft({ ...draft, userId: e.target.value })}
            options={[
              { value: '', label: t('admin.allUsers') },
              ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })),
            ]}
          />
          <Field label={t('admin.subject')} value={draft.subjectPersonId} onChange={(e) => setDraft({ ...draft, subjectPersonId: e.target.value })} />
          <Field label={t('admin.from')} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          <Field label={t('admin.to')} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          <Button type="submit" appearance="secondary-action-button">
            {t('admin.filter')}
          </Button>
        </form>
      </search>
      <Paragraph>
        {/* A download is an action: a button-sized target (WCAG 2.2 target size), not a small text link. */}
        <ButtonLink appearance="secondary-action-button" href={`/api/v1/admin/access-log.csv?${params}`} download>
          {t('admin.export')}
        </ButtonLink>
      </Paragraph>
      <ErrorAlert error={log.error} />
      <DataTable
        headers={[t('admin.when'), t('admin.event'), t('admin.user'), t('admin.object'), t('admin.purpose'), t('admin.outcome'), t('admin.ip')]}
        items={log.isSuccess ? rows : undefined}
        rowKey={(e) => e.id}
        empty={t('admin.empty')}
        row={(e) => (
          <>
            <TableCell>{fmt.format(new Date(e.occurredAt))}</TableCell>
            <TableCell>{label.event(e.eventType)}</TableCell>
            <TableCell>
              {e.user ? `${e.user.name ?? ''} (${e.userRole ? t(`roles.${e.userRole}`) : ''}${e.organisation?.name ? `, ${e.organisation.name}` : ''})` : '—'}
            </TableCell>
            <TableCell>{label.object(e.objectType)}</TableCell>
            <TableCell>{e.purpose}</TableCell>
            <TableCell>{label.outcome(e.outcome)}</TableCell>
            <TableCell>{e.ip ?? '—'}</TableCell>
          </>
        )}
      />
      {log.hasNextPage && (
        <Button appearance="secondary-action-button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          {t('admin.more')}
        </Button>
      )}
    </>
  );
}
