import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { LIFE_DOMAINS } from '../../../domain/directory';
import { RISK_CATEGORIES } from '../../../domain/signals';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { PhoneLink } from '../../components/PhoneLink';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { api } from '../../lib/api';
import { OpenCaseButton } from '../cases/OpenCaseButton';
import { formatDate, personName, type Signal, type SignalDetail, type SignalListItem, useFactors, usePerson } from './api';
import { signalStatus } from './ClientPage';
import { Cell } from './parts';

const LEVELS = ['not_vulnerable', 'potentially_vulnerable', 'vulnerable', 'very_vulnerable'];
const DECISIONS = ['advice_only', 'direct_support', 'exploration'];

function YesNo(props: { legend: string; value: boolean | null; onChange: (v: boolean) => void; error?: string; name: string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={props.legend}
      name={props.name}
      error={props.error}
      value={props.value === null ? '' : props.value ? 'yes' : 'no'}
      onChange={(e) => props.onChange(e.target.value === 'yes')}
      options={[
        { value: '', label: t('clients.choose') },
        { value: 'yes', label: t('app.yes') },
        { value: 'no', label: t('app.no') },
      ]}
    />
  );
}

/** Recording a signal: domains, risk and protective factors apart, the joint judgement with the woman's own view. */
export function SignalFormPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const person = usePerson(id);
  const factors = useFactors();
  const [lifeDomains, setLifeDomains] = useState<string[]>([]);
  const [riskCategories, setRiskCategories] = useState<string[]>([]);
  const [riskFactors, setRiskFactors] = useState<string[]>([]);
  const [protectiveFactors, setProtectiveFactors] = useState<string[]>([]);
  const [text, setText] = useState({ riskFactorsNote: '', protectiveFactorsNote: '', clientView: '', notDiscussedReason: '', vulnerabilityLevel: '' });
  const [discussed, setDiscussed] = useState<boolean | null>(null);
  const [consent, setConsent] = useState<boolean | null>(null);
  const [safety, setSafety] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api<Signal>('POST', `/persons/${id}/signals`, {
        lifeDomains,
        riskCategories,
        riskFactors,
        protectiveFactors,
        ...text,
        vulnerabilityLevel: text.vulnerabilityLevel || undefined,
        discussedWithFamily: discussed ?? undefined,
        consentToShare: consent ?? undefined,
        safetyConcern: safety,
      }),
    onSuccess: async (s) => {
      await qc.invalidateQueries();
      navigate(`/signalen/${s.id}`);
    },
  });
  const fe = fieldErrors(save.error);
  const label = (f: { labelNl: string; labelEn: string }) => (i18n.language === 'en' ? f.labelEn : f.labelNl);
  const opts = (kind: 'risk' | 'protective') => (factors.data?.items ?? []).filter((f) => f.kind === kind).map((f) => ({ value: f.code, label: label(f) }));
  const tx = (k: keyof typeof text) => ({
    value: text[k],
    error: fe[k],
    onChange: (e: { target: { value: string } }) => setText({ ...text, [k]: e.target.value }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (!person.data) return <Paragraph>{person.isLoading ? t('app.loading') : t('errors.not_found')}</Paragraph>;
  return (
    <>
      <Heading1>{t('signals.newFor', { name: personName(person.data.person) })}</Heading1>
      <Paragraph>{t('signals.formIntro')}</Paragraph>
      <form className="kp-form" onSubmit={submit} noValidate>
        <ErrorAlert error={save.error} />
        <CheckboxGroup
          legend={t('signals.lifeDomains')}
          options={LIFE_DOMAINS.map((d) => ({ value: d, label: t(`directory.lifeDomains.${d}`) }))}
          value={lifeDomains}
          onChange={setLifeDomains}
          error={fe.lifeDomains}
          compact
        />
        <CheckboxGroup
          legend={t('signals.riskCategories')}
          options={RISK_CATEGORIES.map((c) => ({ value: c, label: t(`riskCategories.${c}`) }))}
          value={riskCategories}
          onChange={setRiskCategories}
          compact
        />
        <CheckboxGroup legend={t('signals.riskFactors')} options={opts('risk')} value={riskFactors} onChange={setRiskFactors} error={fe.riskFactors} compact />
        <TextAreaField label={t('signals.riskFactorsNote')} rows={2} {...tx('riskFactorsNote')} />
        <CheckboxGroup
          legend={t('signals.protectiveFactors')}
          options={opts('protective')}
          value={protectiveFactors}
          onChange={setProtectiveFactors}
          error={fe.protectiveFactors}
          compact
        />
        <TextAreaField label={t('signals.protectiveFactorsNote')} rows={2} {...tx('protectiveFactorsNote')} />
        <SelectField
          label={t('signals.level')}
          options={[{ value: '', label: t('clients.choose') }, ...LEVELS.map((l) => ({ value: l, label: t(`vulnerability.${l}`) }))]}
          {...tx('vulnerabilityLevel')}
        />
        <TextAreaField label={t('signals.clientView')} hint={t('signals.clientViewHint')} rows={3} required {...tx('clientView')} />
        <YesNo name="discussed" legend={t('signals.discussed')} value={discussed} onChange={setDiscussed} error={fe.discussedWithFamily} />
        {discussed === false && <TextAreaField label={t('signals.notDiscussedReason')} rows={2} {...tx('notDiscussedReason')} />}
        <YesNo name="consent" legend={t('signals.consent')} value={consent} onChange={setConsent} error={fe.consentToShare} />
        <CheckboxGroup
          legend={t('signals.safetyLegend')}
          options={[{ value: 'yes', label: t('signals.safety') }]}
          value={safety ? ['yes'] : []}
          onChange={(v) => setSafety(v.includes('yes'))}
        />
        {safety && (
          <Alert type="warning">
            <Paragraph>{t('signals.meldcodeNote')}</Paragraph>
          </Alert>
        )}
        {consent === false && !safety && (
          <Alert type="info">
            <Paragraph>{t('signals.staysWithYou')}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('signals.submit')}
        </Button>
      </form>
    </>
  );
}

function SignalTable({ items, withSignaller }: { items: SignalListItem[] | undefined; withSignaller?: boolean }) {
  const { t, i18n } = useTranslation();
  const headers = [t('signals.date'), t('clients.name'), t('signals.level'), ...(withSignaller ? [t('signals.signaller')] : []), t('signals.status')];
  return (
    <DataTable
      headers={headers}
      items={items}
      rowKey={(s) => s.id}
      empty={t('signals.none')}
      row={(s) => (
        <>
          <Cell>
            <RouterLink to={`/signalen/${s.id}`}>{formatDate(s.createdAt, i18n.language)}</RouterLink>
            {s.safetyConcern && <strong className="kp-flag"> {t('signals.safetyFlag')}</strong>}
          </Cell>
          <Cell>{personName(s.person)}</Cell>
          <Cell>{t(`vulnerability.${s.vulnerabilityLevel}`)}</Cell>
          {withSignaller && <Cell>{s.signallerName ?? '—'}</Cell>}
          <Cell>{signalStatus(t, s, i18n.language)}</Cell>
        </>
      )}
    />
  );
}

export function MySignalsPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['signals-mine'], queryFn: () => api<{ items: SignalListItem[] }>('GET', '/signals/mine') });
  return (
    <>
      <Heading1>{t('signals.mine')}</Heading1>
      <SignalTable items={list.data?.items} />
    </>
  );
}

export function IntakePage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('open');
  const list = useQuery({ queryKey: ['intake', status], queryFn: () => api<{ items: SignalListItem[] }>('GET', `/signals/intake?status=${status}`) });
  return (
    <>
      <Heading1>{t('signals.intake')}</Heading1>
      <Paragraph>{t('signals.intakeIntro')}</Paragraph>
      <SelectField
        label={t('signals.show')}
        options={[
          { value: 'open', label: t('signals.open') },
          { value: 'all', label: t('signals.all') },
        ]}
        value={status}
        onChange={(e) => setStatus(e.target.value)}
      />
      <SignalTable items={list.data?.items} withSignaller />
    </>
  );
}

export function SignalPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['signal', id], queryFn: () => api<SignalDetail>('GET', `/signals/${id}`) });
  const factors = useFactors();
  const [decision, setDecision] = useState({ decision: '', note: '' });
  const ack = useMutation({
    mutationFn: () => api('POST', `/signals/${id}/acknowledge`, { version: q.data?.version }),
    onSuccess: () => qc.invalidateQueries(),
  });
  const decide = useMutation({
    mutationFn: () => api('POST', `/signals/${id}/decision`, { version: q.data?.version, decision: decision.decision || undefined, note: decision.note }),
    onSuccess: () => qc.invalidateQueries(),
  });
  if (q.isLoading) return <Paragraph>{t('app.loading')}</Paragraph>;
  const s = q.data;
  if (!s) return <Heading1>{t('errors.not_found')}</Heading1>;
  const factor = (code: string) => {
    const f = factors.data?.items.find((x) => x.code === code);
    return f ? (i18n.language === 'en' ? f.labelEn : f.labelNl) : code;
  };
  const coordinator = s.abilities.triage;
  const rows: [string, string][] = [
    [t('signals.date'), formatDate(s.createdAt, i18n.language)],
    [t('signals.status'), signalStatus(t, s, i18n.language)],
    [t('signals.lifeDomains'), s.lifeDomains.map((d) => t(`directory.lifeDomains.${d}`)).join(', ')],
    [t('signals.riskCategories'), s.riskCategories.map((c) => t(`riskCategories.${c}`)).join(', ') || '—'],
    [t('signals.riskFactors'), [s.riskFactors.map(factor).join(', '), s.riskFactorsNote].filter(Boolean).join(' — ') || '—'],
    [t('signals.protectiveFactors'), [s.protectiveFactors.map(factor).join(', '), s.protectiveFactorsNote].filter(Boolean).join(' — ') || '—'],
    [t('signals.level'), t(`vulnerability.${s.vulnerabilityLevel}`)],
    [t('signals.clientView'), s.clientView],
    [t('signals.discussed'), s.discussedWithFamily ? t('app.yes') : `${t('app.no')} — ${s.notDiscussedReason ?? ''}`],
    [t('signals.consent'), s.consentToShare ? t('app.yes') : t('app.no')],
    [t('signals.safety'), s.safetyConcern ? t('app.yes') : t('app.no')],
  ];
  if (s.decision)
    rows.push([
      t('signals.decision'),
      `${t(`decisions.${s.decision}`)} (${formatDate(s.decidedAt, i18n.language)}, ${s.decidedBy ?? ''})${s.decisionNote ? ` — ${s.decisionNote}` : ''}`,
    ]);
  return (
    <>
      <Heading1>{t('signals.about', { name: personName(s.person) })}</Heading1>
      {s.safetyConcern && (
        <Alert type="warning">
          <Paragraph>{t('signals.meldcodeNote')}</Paragraph>
        </Alert>
      )}
      <DataList className="kp-datalist">
        {rows.map(([k, v]) => (
          <DataListItem key={k}>
            <DataListKey>{k}</DataListKey>
            <DataListValue>{v}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      {s.signaller && (
        <section aria-labelledby="signaller">
          <Heading2 id="signaller">{t('signals.signaller')}</Heading2>
          <Paragraph>
            {s.signaller.name}, {s.signaller.jobTitle ?? ''} {s.signaller.organisationName} — {s.signaller.phone && <PhoneLink phone={s.signaller.phone} />}{' '}
            {s.signaller.email}
          </Paragraph>
        </section>
      )}
      {coordinator && (
        <section aria-labelledby="triage">
          <Heading2 id="triage">{t('signals.triage')}</Heading2>
          <ErrorAlert error={ack.error ?? decide.error} />
          {!s.acknowledgedAt && (
            <Button appearance="primary-action-button" onClick={() => ack.mutate()} disabled={ack.isPending}>
              {t('signals.acknowledge')}
            </Button>
          )}
          <form
            className="kp-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              decide.mutate();
            }}
          >
            <SelectField
              label={t('signals.decision')}
              options={[{ value: '', label: t('clients.choose') }, ...DECISIONS.map((d) => ({ value: d, label: t(`decisions.${d}`) }))]}
              value={decision.decision}
              error={fieldErrors(decide.error).decision}
              onChange={(e) => setDecision({ ...decision, decision: e.target.value })}
            />
            <TextAreaField
              label={t('signals.decisionNote')}
              rows={2}
              value={decision.note}
              onChange={(e) => setDecision({ ...decision, note: e.target.value })}
            />
            <Button type="submit" appearance="secondary-action-button" disabled={decide.isPending}>
              {t('signals.decide')}
            </Button>
          </form>
          <OpenCaseButton body={{ signalId: s.id }} />
        </section>
      )}
    </>
  );
}
