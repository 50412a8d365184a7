import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTENT_LANG } from '../../components/Content';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { formatDate } from '../../lib/dates';
import { MinutesForm } from './MinutesForm';
import { type AgendaItem, type Meeting, meetingKeys, meetingsApi, useMyCases } from './queries';

export function itemTitle(item: AgendaItem, t: TFunction): string {
  if (item.kind === 'free') return item.title;
  if (item.kind === 'anonymous') return t('meetings.anonymousTitle', { pseudonym: item.pseudonym });
  return item.masked ? t('meetings.masked', { n: item.position }) : t('meetings.caseTitle', { n: item.position, name: item.clientName });
}

export function AgendaItemView({ m, item, editable }: { m: Meeting; item: AgendaItem; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const title = itemTitle(item, t);
  const people = new Map([
    ...(item.people?.team ?? []).map((p) => [p.userId, p.name] as const),
    ...(item.people?.household ?? []).map((p) => [p.personId, p.name] as const),
  ]);
  return (
    <article className="kp-subsection" aria-labelledby={`item-${item.id}`}>
      <Heading3 id={`item-${item.id}`}>
        {item.position}. {title}
      </Heading3>
      {item.caseId && (
        <Paragraph>
          <RouterLink to={`/casussen/${item.caseId}`}>{t('meetings.toCase')}</RouterLink>
          {item.parentsInvited && ` — ${t('meetings.parentsInvited')}`}
          {item.doubleDiscussionConfirmed && ` — ${t('meetings.alsoElsewhere')}`}
        </Paragraph>
      )}
      {item.summary && <Paragraph lang={CONTENT_LANG}>{item.summary}</Paragraph>}
      {item.kind === 'case' && item.consent.length > 0 && (
        <Paragraph>
          {t('meetings.mayHear')}:{' '}
          {item.consent.map((c) => `${c.organisationName} — ${c.mayHear ? t('meetings.consentYes') : t('meetings.consentNo')}`).join('; ')}
        </Paragraph>
      )}
      {item.isOwner && item.kind === 'anonymous' && <LinkAnonymous item={item} meetingId={m.id} />}
      {item.minutes && (
        <DataList className="kp-datalist">
          {item.minutes.summary && (
            <DataListItem>
              <DataListKey>{t('meetings.discussion')}</DataListKey>
              <DataListValue lang={CONTENT_LANG}>{item.minutes.summary}</DataListValue>
            </DataListItem>
          )}
          {item.minutes.decisions && (
            <DataListItem>
              <DataListKey>{t('meetings.decisions')}</DataListKey>
              <DataListValue lang={CONTENT_LANG}>{item.minutes.decisions}</DataListValue>
            </DataListItem>
          )}
          {item.minutes.actions.length > 0 && (
            <DataListItem>
              <DataListKey>{t('meetings.actions')}</DataListKey>
              <DataListValue>
                {item.minutes.actions
                  .map(
                    (a) =>
                      `${a.what} — ${people.get(a.ownerUserId ?? a.ownerPersonId ?? '') ?? ''}${a.dueDate ? `, ${formatDate(a.dueDate, i18n.language)}` : ''}`,
                  )
                  .join('; ')}
              </DataListValue>
            </DataListItem>
          )}
          {item.kind === 'case' && (
            <DataListItem>
              <DataListKey>{t('meetings.regieHolder')}</DataListKey>
              <DataListValue>{item.minutes.regieHolderName ?? '—'}</DataListValue>
            </DataListItem>
          )}
        </DataList>
      )}
      {editable && m.abilities.writeMinutes && !item.masked && <MinutesForm item={item} meetingId={m.id} />}
    </article>
  );
}

function LinkAnonymous({ item, meetingId }: { item: AgendaItem; meetingId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useMyCases();
  const [caseId, setCaseId] = useState('');
  const link = useMutation({
    mutationFn: () => meetingsApi.linkItem(item.id, caseId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: meetingKeys.meeting(meetingId) }),
  });
  if (item.linkedCaseId)
    return (
      <Paragraph>
        <RouterLink to={`/casussen/${item.linkedCaseId}`}>{t('meetings.linkedCase')}</RouterLink>
      </Paragraph>
    );
  return (
    <div className="kp-row">
      <ErrorAlert error={link.error} />
      <SelectField
        label={t('meetings.linkToCase')}
        options={[{ value: '', label: t('clients.choose') }, ...(mine.data?.items ?? []).map((c) => ({ value: c.id, label: c.clientName }))]}
        value={caseId}
        onChange={(e) => setCaseId(e.target.value)}
      />
      <Button type="button" appearance="secondary-action-button" disabled={!caseId || link.isPending} onClick={() => link.mutate()}>
        {t('meetings.link')}
      </Button>
    </div>
  );
}
