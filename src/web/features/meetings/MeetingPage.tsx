import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Nl } from '../../components/Content';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import type { Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { safeHref } from '../../lib/safe-href';
import { Confirm } from '../families/parts';
import { AddItem } from './AddItem';
import { AgendaItemView, itemTitle } from './AgendaItemView';
import { CardInviteesList } from './CardInvitees';
import { type Meeting, meetingKeys, meetingsApi, meetingWhen, useMeeting } from './queries';

export function MeetingPage({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const q = useMeeting(id);
  const [links, setLinks] = useState<{ itemId: string; link: string }[]>([]);
  if (!q.data) return q.isLoading ? <Paragraph>{t('app.loading')}</Paragraph> : <ErrorAlert error={q.error} />;
  const m = q.data;
  const editable = m.status === 'scheduled';
  return (
    <>
      <Heading1>{t('meetings.meetingTitle', { table: m.tableName })}</Heading1>
      {m.status === 'cancelled' && (
        <Alert type="warning">
          <Paragraph>{t('meetings.cancelledNotice')}</Paragraph>
        </Alert>
      )}
      {m.status === 'adopted' && (
        <Alert type="info">
          <Paragraph>{t('meetings.adoptedNotice', { date: formatDate(m.minutesAdoptedAt, i18n.language) })}</Paragraph>
        </Alert>
      )}
      <DataList className="kp-datalist">
        <DataListItem>
          <DataListKey>{t('meetings.when')}</DataListKey>
          <DataListValue>{meetingWhen(m, i18n.language)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.place')}</DataListKey>
          <DataListValue>
            {m.place}
            {safeHref(m.videoUrl) && (
              <>
                {m.place && ' — '}
                <a href={safeHref(m.videoUrl)}>{t('meetings.videoLink')}</a>
              </>
            )}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.chair')}</DataListKey>
          <DataListValue>{m.chairName}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.invitees')}</DataListKey>
          <DataListValue>
            {m.invitees.map((i) => `${i.name} (${i.organisationName})`).join(', ')}
            <CardInviteesList invitees={m.cardInvitees ?? []} />
          </DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph>
        <RouterLink to={`/overleg/tafel/${m.tableId}`}>{t('meetings.toTable')}</RouterLink>
      </Paragraph>
      <section aria-labelledby="agenda">
        <Heading2 id="agenda">{t('meetings.agenda')}</Heading2>
        {m.items.length === 0 && <Paragraph>{t('meetings.emptyAgenda')}</Paragraph>}
        {m.items.map((item) => (
          <AgendaItemView key={item.id} m={m} item={item} editable={editable} />
        ))}
      </section>
      {editable && <AddItem m={m} me={me} />}
      {links.length > 0 && (
        <Alert type="ok">
          <Paragraph>{t('meetings.experienceLinks')}</Paragraph>
          <ul>
            {links.map((l) => (
              <li key={l.itemId}>
                <code>{l.link}</code>
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {editable && m.abilities.adoptMinutes && <Adopt m={m} onLinks={setLinks} />}
      {editable && m.abilities.cancel && <CancelMeeting m={m} />}
      {m.status === 'adopted' && <Addenda m={m} />}
    </>
  );
}

function Adopt({ m, onLinks }: { m: Meeting; onLinks: (l: { itemId: string; link: string }[]) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const adopt = useMutation({
    mutationFn: () => meetingsApi.adopt(m.id, m.version),
    onSuccess: (r) => {
      onLinks(r.experienceLinks);
      setAsking(false);
      void qc.invalidateQueries({ queryKey: meetingKeys.meeting(m.id) });
    },
  });
  return (
    <section aria-labelledby="adopt">
      <Heading2 id="adopt">{t('meetings.adoptTitle')}</Heading2>
      <Paragraph>{t('meetings.adoptIntro')}</Paragraph>
      <ErrorAlert error={adopt.error} />
      {asking ? (
        <Confirm
          question={t('meetings.adoptQuestion')}
          confirmLabel={t('meetings.adopt')}
          onConfirm={() => adopt.mutate()}
          onCancel={() => setAsking(false)}
          busy={adopt.isPending}
        />
      ) : (
        <Button type="button" appearance="primary-action-button" onClick={() => setAsking(true)}>
          {t('meetings.adopt')}
        </Button>
      )}
    </section>
  );
}

function CancelMeeting({ m }: { m: Meeting }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState(false);
  const cancel = useMutation({
    mutationFn: () => meetingsApi.cancel(m.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: meetingKeys.meeting(m.id) }),
  });
  return (
    <section aria-labelledby="cancel-meeting">
      <Heading2 id="cancel-meeting">{t('meetings.cancelTitle')}</Heading2>
      <ErrorAlert error={cancel.error} />
      {asking ? (
        <Confirm
          question={t('meetings.cancelQuestion')}
          confirmLabel={t('meetings.cancelMeeting')}
          onConfirm={() => cancel.mutate()}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <Button type="button" appearance="secondary-action-button" onClick={() => setAsking(true)}>
          {t('meetings.cancelMeeting')}
        </Button>
      )}
    </section>
  );
}

function Addenda({ m }: { m: Meeting }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ itemId: '', text: '' });
  const add = useMutation({
    mutationFn: () => meetingsApi.addAddendum(m.id, { itemId: form.itemId || null, text: form.text }),
    onSuccess: () => {
      setForm({ itemId: '', text: '' });
      void qc.invalidateQueries({ queryKey: meetingKeys.meeting(m.id) });
    },
  });
  const fe = fieldErrors(add.error);
  return (
    <section aria-labelledby="addenda">
      <Heading2 id="addenda">{t('meetings.addenda')}</Heading2>
      {m.addenda.length === 0 ? (
        <Paragraph>{t('meetings.noAddenda')}</Paragraph>
      ) : (
        <ul>
          {m.addenda.map((a) => (
            <li key={a.id}>
              {formatDate(a.at, i18n.language)}, {a.authorName}: <Nl>{a.text}</Nl>
            </li>
          ))}
        </ul>
      )}
      {m.abilities.addAddendum && (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <ErrorAlert error={add.error} />
          <SelectField
            label={t('meetings.addendumItem')}
            options={[
              { value: '', label: t('meetings.wholeMeeting') },
              ...m.items.filter((i) => !i.masked).map((i) => ({ value: i.id, label: `${i.position}. ${itemTitle(i, t)}` })),
            ]}
            value={form.itemId}
            onChange={(e) => setForm({ ...form, itemId: e.target.value })}
          />
          <TextAreaField
            label={t('meetings.addendumText')}
            rows={2}
            value={form.text}
            onChange={(e) => setForm({ ...form, text: e.target.value })}
            error={fe.text}
          />
          <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
            {t('meetings.addAddendum')}
          </Button>
        </form>
      )}
    </section>
  );
}
