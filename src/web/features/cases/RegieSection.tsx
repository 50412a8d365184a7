import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { api, type Me } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import type { CasePage } from './api';
import { NotOffered, Reveal, useInvalidateCase } from './CaseParts';

/**
 * Who holds regie: the current case (and process) director, proposals waiting for an answer, and proposing
 * someone. Until a proposal is accepted the current director stays responsible — or, when there is none, nobody
 * does yet, and the text says so rather than speaking of a "current director".
 */
export function RegieSection({ c, me }: { c: CasePage; me: Me }) {
  const { t, i18n } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const directors = c.content?.directors ?? [];
  const pending = directors.filter((d) => d.status === 'proposed');
  const current = (kind: 'case' | 'process') => directors.find((d) => d.kind === kind && d.status === 'current');
  const process = current('process');
  const answer = useMutation({
    mutationFn: (a: { id: string; answer: 'accept' | 'decline' | 'withdraw' }) => api('POST', `/cases/${c.id}/directors/${a.id}/${a.answer}`, {}),
    onSuccess: () => refresh(),
  });
  return (
    <section aria-labelledby="regie">
      <Heading2 id="regie">{t('cases.regie')}</Heading2>
      <ErrorAlert error={answer.error} />
      <Paragraph>
        {current('case') ? t('cases.caseDirectorIs', { name: current('case')!.name }) : t('cases.noDirectorYet')}
        {process && ` ${t('cases.processDirectorIs', { name: process.name })}`}
      </Paragraph>
      {pending.map((p) => {
        const now = current(p.kind);
        const kind = t(`cases.directorKinds.${p.kind}`);
        const vars = { name: p.name, kind, date: formatDate(p.proposedAt, i18n.language), current: now?.name ?? '' };
        return (
          <Alert key={p.id} type="info">
            <Paragraph>
              {t(now ? 'cases.proposalPending' : 'cases.proposalPendingNobody', vars)}
              {p.note ? ` — ${p.note}` : ''}
            </Paragraph>
            {p.userId === me.user.id && (
              <div className="kp-row">
                <Button appearance="primary-action-button" onClick={() => answer.mutate({ id: p.id, answer: 'accept' })} disabled={answer.isPending}>
                  {t('cases.acceptRegie')}
                </Button>
                <Button appearance="secondary-action-button" onClick={() => answer.mutate({ id: p.id, answer: 'decline' })} disabled={answer.isPending}>
                  {t('cases.declineRegie')}
                </Button>
              </div>
            )}
            {p.userId !== me.user.id && c.abilities.direct && (
              <Button appearance="subtle-button" onClick={() => answer.mutate({ id: p.id, answer: 'withdraw' })}>
                {t('cases.withdrawProposal')}
              </Button>
            )}
          </Alert>
        );
      })}
      {c.abilities.direct ? (
        <Reveal label={current('case') ? t('cases.proposeOther') : t('cases.proposeDirector')}>{(close) => <ProposeForm c={c} close={close} />}</Reveal>
      ) : (
        <NotOffered c={c} action="direct" />
      )}
      {directors.length > 0 && (
        <details className="kp-case-details">
          <summary>{t('cases.regieHistory')}</summary>
          <ul>
            {directors.map((d) => (
              <li key={d.id}>
                {d.name} — {t(`cases.directorKinds.${d.kind}`)}, {t(`cases.directorStatus.${d.status}`)} ({formatDate(d.proposedAt, i18n.language)})
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function ProposeForm({ c, close }: { c: CasePage; close: () => void }) {
  const { t } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const [form, setForm] = useState({ userId: '', kind: 'case', note: '' });
  const propose = useMutation({
    mutationFn: () => api('POST', `/cases/${c.id}/directors`, form),
    onSuccess: () => {
      close();
      void refresh();
    },
  });
  return (
    <form
      className="kp-form"
      noValidate
      aria-label={t('cases.proposeDirector')}
      onSubmit={(e) => {
        e.preventDefault();
        propose.mutate();
      }}
    >
      <ErrorAlert error={propose.error} />
      <SelectField
        label={t('cases.proposeWho')}
        value={form.userId}
        error={fieldErrors(propose.error).userId}
        onChange={(e) => setForm({ ...form, userId: e.target.value })}
        options={[
          { value: '', label: t('clients.choose') },
          // Regie is held by someone with an account: a member known only by her card cannot accept it yet.
          ...(c.content?.careTeam ?? []).filter((m) => m.userId).map((m) => ({ value: m.userId, label: `${m.name} — ${m.organisationName}` })),
        ]}
      />
      {c.abilities.nameProcessDirector && (
        <SelectField
          label={t('cases.directorKind')}
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.target.value })}
          options={[
            { value: 'case', label: t('cases.directorKinds.case') },
            { value: 'process', label: t('cases.directorKinds.process') },
          ]}
        />
      )}
      <Field label={t('cases.proposalNote')} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={propose.isPending}>
          {t('cases.propose')}
        </Button>
        <Button appearance="secondary-action-button" onClick={close}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}
