import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import type { TFunction } from 'i18next';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { LIFE_DOMAINS } from '../../../domain/directory';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { api } from '../../lib/api';
import { bindFields } from '../../lib/form';
import { OpenCaseButton } from '../cases/OpenCaseButton';
import {
  formatDate,
  type Measurement,
  type Person,
  type PersonSummary,
  personName,
  type QuestionnaireResponse,
  type Signal,
  useMyRegistrations,
  usePerson,
} from './api';
import { emptyPerson, PersonFields, personBody } from './PersonFields';
import { Cell, Confirm, SuggestionNote } from './parts';

// ECharts is large: load it only where a spider web is drawn.
const SpiderChart = lazy(() => import('./SpiderChart').then((m) => ({ default: m.SpiderChart })));

function Details({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  if (person.restricted)
    return (
      <Alert type="info">
        <Paragraph>{t('clients.restricted')}</Paragraph>
      </Alert>
    );
  const rows: [string, string][] = [
    [t('clients.role'), t(`householdRoles.${person.householdRole}`)],
    [t('clients.bsn'), person.bsn ?? '—'],
    [person.dateOfBirth ? t('clients.dateOfBirth') : t('clients.dueDate'), formatDate(person.dateOfBirth ?? person.dueDate, i18n.language)],
    [t('clients.address'), [person.address, person.postcode].filter(Boolean).join(', ') || '—'],
    [t('clients.municipality'), person.municipality.name],
    [t('clients.preferredLanguage'), person.preferredLanguage ?? '—'],
    [t('clients.interpreterNeeded'), person.interpreterNeeded ? t('app.yes') : t('app.no')],
    [t('clients.contactPhone'), person.contactPhone ?? '—'],
    [t('clients.contactEmail'), person.contactEmail ?? '—'],
  ];
  if (person.deceasedOn) rows.push([t('clients.deceasedOn'), formatDate(person.deceasedOn, i18n.language)]);
  return (
    <DataList className="kp-datalist">
      {rows.map(([k, v]) => (
        <DataListItem key={k}>
          <DataListKey>{k}</DataListKey>
          <DataListValue>{v}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}

/** Correcting a person's details (optimistic version; a stale edit answers 409) and recording a death. */
function EditDetails({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({
    ...emptyPerson(person.municipality.id, person.householdRole),
    bsn: person.bsn ?? '',
    givenName: person.givenName,
    familyName: person.familyName,
    dateOfBirth: person.dateOfBirth ?? '',
    dueDate: person.dueDate ?? '',
    postcode: person.postcode ?? '',
    address: person.address ?? '',
    preferredLanguage: person.preferredLanguage ?? '',
    interpreterNeeded: person.interpreterNeeded,
    contactPhone: person.contactPhone ?? '',
    contactEmail: person.contactEmail ?? '',
  });
  const [deceasedOn, setDeceasedOn] = useState(person.deceasedOn ?? '');
  const save = useMutation({
    mutationFn: () => {
      const { bsn, ...rest } = personBody(form);
      // The BSN is only sent when it was added or changed: an unchanged one needs no new hash.
      return api('PATCH', `/persons/${person.id}`, {
        ...rest,
        ...(bsn && bsn !== person.bsn ? { bsn } : {}),
        deceasedOn: deceasedOn || null,
        version: person.version,
      });
    },
    onSuccess: async () => {
      await qc.invalidateQueries();
      onDone();
    },
  });
  return (
    <form
      className="kp-form"
      noValidate
      aria-label={t('clients.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <ErrorAlert error={save.error} />
      <PersonFields form={form} setForm={setForm} error={save.error} />
      <Field
        label={t('clients.deceasedOn')}
        hint={t('clients.deceasedHint')}
        type="date"
        value={deceasedOn}
        error={fieldErrors(save.error).deceasedOn}
        onChange={(e) => setDeceasedOn(e.target.value)}
      />
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('app.save')}
        </Button>
        <Button appearance="subtle-button" onClick={onDone}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** How a new member relates to the person whose page it was added on. */
const RELATION_FOR: Record<string, string> = {
  mother: 'partner_of',
  partner: 'partner_of',
  unborn: 'lives_with',
  child: 'lives_with',
  carer: 'carer_of',
  other: 'lives_with',
};

function Household({ person, members }: { person: Person; members: PersonSummary[] }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState(emptyPerson(person.municipality.id, 'unborn'));
  const add = useMutation({
    mutationFn: () =>
      api('POST', `/persons/${person.id}/members`, {
        ...personBody(form),
        familyName: form.familyName || person.familyName,
        relations: [{ toPersonId: person.id, type: RELATION_FOR[form.householdRole] }],
      }),
    onSuccess: async () => {
      setAdding(false);
      setForm(emptyPerson(person.municipality.id, 'unborn'));
      await qc.invalidateQueries({ queryKey: ['client'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <section aria-labelledby="household">
      <Heading2 id="household">{t('clients.household')}</Heading2>
      <DataTable
        headers={[t('clients.name'), t('clients.role'), t('clients.dateOfBirthOrDue')]}
        items={members}
        rowKey={(m) => m.id}
        empty={t('clients.householdEmpty')}
        row={(m) => (
          <>
            <Cell>
              {m.id === person.id ? (
                <strong>{personName(m)}</strong>
              ) : (
                <RouterLink to={`/clienten/${m.id}`}>
                  {m.householdRole === 'unborn' && !m.givenName ? `${t('householdRoles.unborn')} ${m.familyName}` : personName(m)}
                </RouterLink>
              )}
            </Cell>
            <Cell>{t(`householdRoles.${m.householdRole}`)}</Cell>
            <Cell>{formatDate(m.dateOfBirth ?? m.dueDate, i18n.language)}</Cell>
          </>
        )}
      />
      {adding ? (
        <form className="kp-form" onSubmit={submit} noValidate aria-label={t('clients.addMember')}>
          <ErrorAlert error={add.error} />
          <PersonFields form={form} setForm={setForm} error={add.error} withContact={false} />
          <div className="kp-row">
            <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
              {t('clients.addMember')}
            </Button>
            <Button appearance="subtle-button" onClick={() => setAdding(false)}>
              {t('app.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
          {t('clients.addMember')}
        </Button>
      )}
    </section>
  );
}

function Birth({ person }: { person: Person }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ dateOfBirth: '', givenName: '' });
  const save = useMutation({
    mutationFn: () => api('POST', `/persons/${person.id}/birth`, { version: person.version, ...form }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['client'] }),
  });
  const { field } = bindFields(form, setForm, save.error);
  return (
    <section aria-labelledby="birth">
      <Heading2 id="birth">{t('clients.birthTitle')}</Heading2>
      <form
        className="kp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        <Field label={t('clients.dateOfBirth')} type="date" required {...field('dateOfBirth')} />
        <Field label={t('clients.givenName')} {...field('givenName')} />
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('clients.birthSubmit')}
        </Button>
      </form>
    </section>
  );
}

function Registrations({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const regs = useMyRegistrations(person.id);
  const [confirming, setConfirming] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: (id: string) => api('POST', `/involvements/${id}/withdraw`),
    onSuccess: () => qc.invalidateQueries(),
  });
  const register = useMutation({
    mutationFn: () => api('POST', '/involvements', { durationMonths: 12, personId: person.id }),
    onSuccess: () => qc.invalidateQueries(),
  });
  const active = regs.data?.items.filter((r) => r.active) ?? [];
  return (
    <section aria-labelledby="regs">
      <Heading2 id="regs">{t('registrations.title')}</Heading2>
      <ErrorAlert error={withdraw.error ?? register.error} />
      <DataTable
        headers={[t('registrations.from'), t('registrations.until'), t('registrations.status'), t('registrations.informed'), t('registrations.actions')]}
        items={regs.data?.items}
        rowKey={(r) => r.id}
        empty={t('registrations.none')}
        row={(r) => (
          <>
            <Cell>{formatDate(r.startDate, i18n.language)}</Cell>
            <Cell>{formatDate(r.endDate, i18n.language)}</Cell>
            <Cell>{r.active ? t('registrations.active') : t(`registrations.ended.${r.endReason}`)}</Cell>
            <Cell>{r.informedAt ? formatDate(r.informedAt, i18n.language) : t('registrations.notInformed')}</Cell>
            <Cell>
              {r.active && (
                <div className="kp-row">
                  <RouterLink to={`/registraties/${r.id}/informeren`}>{t('registrations.inform')}</RouterLink>
                  {confirming === r.id ? (
                    <Confirm
                      question={t('registrations.withdrawQuestion')}
                      confirmLabel={t('registrations.withdraw')}
                      busy={withdraw.isPending}
                      onConfirm={() => withdraw.mutate(r.id)}
                      onCancel={() => setConfirming(null)}
                    />
                  ) : (
                    <Button appearance="subtle-button" onClick={() => setConfirming(r.id)}>
                      {t('registrations.withdraw')}
                    </Button>
                  )}
                </div>
              )}
            </Cell>
          </>
        )}
      />
      {regs.data && active.length === 0 && !person.deceasedOn && (
        <Button appearance="secondary-action-button" onClick={() => register.mutate()} disabled={register.isPending}>
          {t('registrations.registerHere')}
        </Button>
      )}
    </section>
  );
}

function Signals({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({ queryKey: ['person-signals', person.id], queryFn: () => api<{ items: Signal[] }>('GET', `/persons/${person.id}/signals`) });
  return (
    <section aria-labelledby="signals">
      <Heading2 id="signals">{t('signals.title')}</Heading2>
      <DataTable
        headers={[t('signals.date'), t('signals.level'), t('signals.status')]}
        items={list.data?.items}
        rowKey={(s) => s.id}
        empty={t('signals.none')}
        row={(s) => (
          <>
            <Cell>
              <RouterLink to={`/signalen/${s.id}`}>{formatDate(s.createdAt, i18n.language)}</RouterLink>
            </Cell>
            <Cell>{t(`vulnerability.${s.vulnerabilityLevel}`)}</Cell>
            <Cell>{signalStatus(t, s, i18n.language)}</Cell>
          </>
        )}
      />
      <RouterLink to={`/clienten/${person.id}/signaal`} className="utrecht-button utrecht-button--secondary-action">
        {t('signals.new')}
      </RouterLink>
    </section>
  );
}

/** "Ontvangen door de coördinator op …", the decision, or why it stayed with the signaller. */
export function signalStatus(
  t: TFunction,
  s: { toHub: boolean; acknowledgedAt: string | null; acknowledgedBy?: string | null; decision: string | null },
  lang: string,
) {
  if (!s.toHub) return t('signals.notShared');
  if (s.decision) return t(`decisions.${s.decision}`);
  if (s.acknowledgedAt) return t('signals.acknowledged', { date: formatDate(s.acknowledgedAt, lang), name: s.acknowledgedBy ?? '' });
  return t('signals.waiting');
}

function PositiveHealth({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: ['measurements', person.id],
    queryFn: () => api<{ items: Measurement[] }>('GET', `/persons/${person.id}/health-measurements`),
  });
  const [form, setForm] = useState<Record<string, string>>({
    measuredOn: new Date().toISOString().slice(0, 10),
    ...Object.fromEntries(LIFE_DOMAINS.map((d) => [d, '5'])),
  });
  const save = useMutation({
    mutationFn: () =>
      api('POST', `/persons/${person.id}/health-measurements`, {
        measuredOn: form.measuredOn,
        scores: Object.fromEntries(LIFE_DOMAINS.map((d) => [d, Number(form[d])])),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['measurements', person.id] }),
  });
  const { field } = bindFields(form, setForm, save.error);
  const items = list.data?.items ?? [];
  const axes = LIFE_DOMAINS.map((d) => ({ key: d, name: t(`directory.lifeDomains.${d}`) }));
  return (
    <section aria-labelledby="ph">
      <Heading2 id="ph">{t('screening.positiveHealth')}</Heading2>
      {items.length > 0 && (
        <div className="kp-chart-grid">
          <Suspense fallback={<Paragraph>{t('app.loading')}</Paragraph>}>
            <SpiderChart
              label={t('screening.chartLabel', { count: items.length })}
              axes={axes}
              series={items.slice(-4).map((m) => ({ name: formatDate(m.measuredOn, i18n.language), values: m.scores }))}
            />
          </Suspense>
          <DataTable
            headers={[t('screening.dimension'), ...items.slice(-4).map((m) => formatDate(m.measuredOn, i18n.language))]}
            items={axes}
            rowKey={(a) => a.key}
            empty=""
            row={(a) => (
              <>
                <Cell>{a.name}</Cell>
                {items.slice(-4).map((m) => (
                  <Cell key={m.id}>{m.scores[a.key]}</Cell>
                ))}
              </>
            )}
          />
        </div>
      )}
      {list.data && items.length === 0 && <Paragraph>{t('screening.noMeasurements')}</Paragraph>}
      <form
        className="kp-form kp-form--grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        aria-label={t('screening.addMeasurement')}
      >
        <ErrorAlert error={save.error} />
        <Field label={t('screening.measuredOn')} type="date" {...field('measuredOn')} />
        {axes.map((a) => (
          <Field key={a.key} label={a.name} type="number" min={0} max={10} step={0.5} {...field(a.key)} />
        ))}
        <Button type="submit" appearance="secondary-action-button" disabled={save.isPending}>
          {t('screening.addMeasurement')}
        </Button>
      </form>
    </section>
  );
}

function Screening({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['responses', person.id],
    queryFn: () => api<{ items: QuestionnaireResponse[] }>('GET', `/persons/${person.id}/questionnaire-responses`),
  });
  return (
    <section aria-labelledby="screening">
      <Heading2 id="screening">{t('screening.title')}</Heading2>
      {list.data?.items.some((r) => r.score.suggestsConsultation) && <SuggestionNote />}
      <DataTable
        headers={[t('screening.instrument'), t('signals.date'), t('screening.score'), t('screening.suggestion')]}
        items={list.data?.items}
        rowKey={(r) => r.id}
        empty={t('screening.none')}
        row={(r) => (
          <>
            <Cell>{i18n.language === 'en' ? r.nameEn : r.nameNl}</Cell>
            <Cell>{formatDate(r.recordedAt, i18n.language)}</Cell>
            <Cell>
              {r.score.total} / {r.score.max}
            </Cell>
            <Cell>{r.score.suggestsConsultation ? t('screening.suggestsConsultation') : t('screening.noSuggestion')}</Cell>
          </>
        )}
      />
      <RouterLink to={`/clienten/${person.id}/vragenlijst`} className="utrecht-button utrecht-button--secondary-action">
        {t('screening.fillIn')}
      </RouterLink>
    </section>
  );
}

export function ClientPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const q = usePerson(id);
  const [editing, setEditing] = useState(false);
  if (q.isLoading) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (!q.data) return <Heading1>{t('errors.not_found')}</Heading1>;
  const { person, household } = q.data;
  const matchCount = (location.state as { matchCount?: number } | null)?.matchCount ?? 0;
  return (
    <>
      <Heading1>{person.householdRole === 'unborn' && !person.givenName ? `${t('householdRoles.unborn')} ${person.familyName}` : personName(person)}</Heading1>
      {matchCount > 0 && (
        <Alert type="info">
          <Paragraph>
            {t('matches.newMatch', { count: matchCount })} <RouterLink to="/matches">{t('matches.title')}</RouterLink>
          </Paragraph>
        </Alert>
      )}
      {person.abilities.asCoordinator && <Paragraph>{t('clients.coordinatorAccess')}</Paragraph>}
      {person.activeCase && (
        // A case runs: those it admits go straight there; anyone else learns whom to ask, never a dead end.
        <Paragraph>
          {person.abilities.goToCase && person.activeCase.id ? (
            <RouterLink to={`/casussen/${person.activeCase.id}`}>{t('clients.goToCase')}</RouterLink>
          ) : (
            t('clients.caseRunsElsewhere')
          )}
        </Paragraph>
      )}
      {editing ? (
        <EditDetails person={person} onDone={() => setEditing(false)} />
      ) : (
        <>
          <Details person={person} />
          {person.abilities.edit && (
            <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
              {t('clients.edit')}
            </Button>
          )}
        </>
      )}
      {person.householdRole === 'unborn' && person.abilities.edit && <Birth person={person} />}
      <Household person={person} members={household.members} />
      {person.abilities.register && <Registrations person={person} />}
      <Signals person={person} />
      {person.abilities.openCase && <OpenCaseButton body={{ personId: person.id }} />}
      <PositiveHealth person={person} />
      <Screening person={person} />
    </>
  );
}
