import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Fieldset, FieldsetLegend, FormField, FormLabel, Heading1, Heading2, Paragraph, RadioButton } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { SURVEY_DIMENSIONS as DIMENSIONS, MEASUREMENTS } from '../../../domain/surveys';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import type { Me } from '../../lib/api';
import { Cell } from '../families/parts';
import { percent, shown } from '../monitor/format';
import { DraftForm, MunicipalityChoice, pathError, useMunicipality } from './common';
import { type SurveyAnswerBody as AnswerBody, evaluationApi, evaluationKeys, type SurveyBody, useSurvey, useSurveyForm, useSurveys } from './queries';

interface Item {
  id: string;
  dimension: (typeof DIMENSIONS)[number];
  text: { nl: string; en?: string };
}

/** Surveys of a municipality, and the builder that starts from our template. */
export function SurveysPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const m = useMunicipality(me);
  const navigate = useNavigate();
  const list = useSurveys(m.id);
  const [draft, setDraft] = useState<{ title: string; items: Item[] } | null>(null);
  const template = useMutation({
    mutationFn: () => evaluationApi.surveyTemplate(),
    onSuccess: (tpl) => setDraft(tpl),
  });
  const create = useMutation({
    mutationFn: () => evaluationApi.createSurvey({ ...(draft as Omit<SurveyBody, 'municipalityId'>), municipalityId: m.id }),
    onSuccess: (r) => navigate(`/evaluatie/metingen/${r.id}`),
  });
  const setItem = (i: number, patch: Partial<Item>) => draft && setDraft({ ...draft, items: draft.items.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  return (
    <>
      <Heading1>{t('surveys.title')}</Heading1>
      <Paragraph>{t('surveys.intro')}</Paragraph>
      <MunicipalityChoice me={me} value={m.id} onChange={m.set} label={t('monitor.municipality')} />
      <ErrorAlert error={list.error} />
      <DataTable
        headers={[t('surveys.name'), t('surveys.measurements')]}
        items={list.data?.items}
        rowKey={(s) => s.id}
        empty={t('surveys.none')}
        row={(s) => (
          <>
            <Cell>
              <RouterLink to={`/evaluatie/metingen/${s.id}`}>{s.title}</RouterLink>
            </Cell>
            <Cell>{s.rounds.map((r) => t(`surveys.measurement.${r}`)).join(', ') || '—'}</Cell>
          </>
        )}
      />
      {!draft ? (
        <Button appearance="primary-action-button" onClick={() => template.mutate()}>
          {t('surveys.new')}
        </Button>
      ) : (
        <DraftForm
          id="survey-new"
          title={t('surveys.new')}
          intro={t('surveys.templateHint')}
          error={create.error}
          pending={create.isPending}
          submitLabel={t('surveys.create')}
          onSubmit={() => create.mutate()}
          onCancel={() => setDraft(null)}
          extraButtons={
            <Button
              appearance="secondary-action-button"
              onClick={() =>
                setDraft({ ...draft, items: [...draft.items, { id: `vraag_${draft.items.length + 1}`, dimension: 'knowing_trusting', text: { nl: '' } }] })
              }
            >
              {t('surveys.addQuestion')}
            </Button>
          }
        >
          <Field
            label={t('surveys.name')}
            value={draft.title}
            error={pathError(create.error, 'title')}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          />
          {draft.items.map((item, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the code is what the user edits here, so it cannot be the key
            <fieldset className="kp-fieldset" key={i}>
              <legend>{t('surveys.question', { n: i + 1 })}</legend>
              <div className="kp-row">
                <Field
                  label={t('surveys.itemId')}
                  value={item.id}
                  error={pathError(create.error, `items.${i}.id`)}
                  onChange={(e) => setItem(i, { id: e.target.value })}
                />
                <SelectField
                  label={t('surveys.dimension')}
                  value={item.dimension}
                  options={DIMENSIONS.map((d) => ({ value: d, label: t(`surveys.dimensions.${d}`) }))}
                  onChange={(e) => setItem(i, { dimension: e.target.value as Item['dimension'] })}
                />
              </div>
              <Field
                label={t('surveys.textNl')}
                value={item.text.nl}
                error={pathError(create.error, `items.${i}.text.nl`)}
                onChange={(e) => setItem(i, { text: { ...item.text, nl: e.target.value } })}
              />
              <Field
                label={t('surveys.textEn')}
                value={item.text.en ?? ''}
                onChange={(e) => setItem(i, { text: { ...item.text, en: e.target.value || undefined } })}
              />
              <Button appearance="subtle-button" onClick={() => setDraft({ ...draft, items: draft.items.filter((_, j) => j !== i) })}>
                {t('surveys.removeQuestion')}
              </Button>
            </fieldset>
          ))}
        </DraftForm>
      )}
    </>
  );
}

const change = (v: number | null | undefined, lang: string) =>
  v === null || v === undefined ? '–' : `${v > 0 ? '+' : ''}${v.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL')} pp`;

/** One survey: its measurements with their anonymous links, and the results side by side with the change. */
export function SurveyPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const qc = useQueryClient();
  const q = useSurvey(id ?? '');
  const [round, setRound] = useState<{ measurement: string; closesOn: string }>({ measurement: 'baseline', closesOn: '' });
  const open = useMutation({
    mutationFn: () => evaluationApi.openRound(id ?? '', { measurement: round.measurement as 'baseline', closesOn: round.closesOn || null }),
    onSuccess: () => qc.invalidateQueries({ queryKey: evaluationKeys.survey(id ?? '') }),
  });
  const close = useMutation({
    mutationFn: (roundId: string) => evaluationApi.closeRound(id ?? '', roundId),
    onSuccess: () => qc.invalidateQueries({ queryKey: evaluationKeys.survey(id ?? '') }),
  });
  const s = q.data;
  if (!s) return q.error ? <ErrorAlert error={q.error} /> : <Paragraph>{t('app.loading')}</Paragraph>;
  const text = (key: string) => {
    const item = s.items.find((x) => x.id === key);
    return item ? (i18n.language === 'en' && item.text.en) || item.text.nl : key;
  };
  const headers = (first: string) => [
    first,
    ...s.comparison.rounds.map((r) => t(`surveys.measurement.${r.measurement}`)),
    ...s.comparison.rounds
      .slice(1)
      .map((r, k) =>
        t('surveys.changeTo', { from: t(`surveys.measurement.${s.comparison.rounds[k]!.measurement}`), to: t(`surveys.measurement.${r.measurement}`) }),
      ),
  ];
  const used = new Set(s.rounds.map((r) => r.measurement));
  return (
    <>
      <Heading1>{s.title}</Heading1>
      <Paragraph>
        <RouterLink to={`/evaluatie/metingen?gemeente=${s.municipalityId}`}>{t('surveys.back')}</RouterLink>
      </Paragraph>
      <section aria-labelledby="rounds" className="kp-subsection">
        <Heading2 id="rounds">{t('surveys.measurements')}</Heading2>
        <DataTable
          headers={[t('surveys.measurementLabel'), t('surveys.link'), t('surveys.respondents'), t('surveys.status'), t('surveys.actions')]}
          items={s.rounds}
          rowKey={(r) => r.id}
          empty={t('surveys.noRounds')}
          row={(r) => (
            <>
              <Cell>{t(`surveys.measurement.${r.measurement}`)}</Cell>
              <Cell>
                <code>{r.link}</code>
              </Cell>
              <Cell>{shown(r.respondents)}</Cell>
              <Cell>{r.open ? t('surveys.open') : t('surveys.closed')}</Cell>
              <Cell>
                {r.open && (
                  <Button
                    appearance="subtle-button"
                    onClick={() => window.confirm(t('surveys.confirmClose', { measurement: t(`surveys.measurement.${r.measurement}`) })) && close.mutate(r.id)}
                  >
                    {t('surveys.close')}
                  </Button>
                )}
              </Cell>
            </>
          )}
        />
        <ErrorAlert error={close.error} />
        {used.size < MEASUREMENTS.length && (
          <form
            className="kp-form kp-row"
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              open.mutate();
            }}
          >
            <SelectField
              label={t('surveys.measurementLabel')}
              value={round.measurement}
              error={pathError(open.error, 'measurement')}
              options={MEASUREMENTS.filter((x) => !used.has(x)).map((x) => ({ value: x, label: t(`surveys.measurement.${x}`) }))}
              onChange={(e) => setRound({ ...round, measurement: e.target.value })}
            />
            <Field
              label={t('surveys.closesOn')}
              hint={t('surveys.closesOnHint')}
              type="date"
              value={round.closesOn}
              error={pathError(open.error, 'closesOn')}
              onChange={(e) => setRound({ ...round, closesOn: e.target.value })}
            />
            <Button type="submit" appearance="primary-action-button" disabled={open.isPending}>
              {t('surveys.start')}
            </Button>
          </form>
        )}
      </section>
      <section aria-labelledby="results" className="kp-subsection">
        <Heading2 id="results">{t('surveys.results')}</Heading2>
        <Paragraph>{t('surveys.resultsIntro')}</Paragraph>
        {s.rounds.length > 0 && (
          <>
            <DataTable
              headers={headers(t('surveys.dimension'))}
              items={s.comparison.dimensions}
              rowKey={(r) => r.key}
              empty=""
              row={(r) => (
                <>
                  <Cell>{t(`surveys.dimensions.${r.key}`)}</Cell>
                  {r.figures.map((f, k) => (
                    <Cell key={s.comparison.rounds[k]!.measurement}>{percent(f.agree)}</Cell>
                  ))}
                  {r.changes.map((c, k) => (
                    <Cell key={`c${s.comparison.rounds[k]!.measurement}`}>{change(c, i18n.language)}</Cell>
                  ))}
                </>
              )}
            />
            <DataTable
              headers={headers(t('surveys.questionLabel'))}
              items={s.comparison.items}
              rowKey={(r) => r.key}
              empty=""
              row={(r) => (
                <>
                  <Cell>{text(r.key)}</Cell>
                  {r.figures.map((f, k) => (
                    <Cell key={s.comparison.rounds[k]!.measurement}>{percent(f.agree)}</Cell>
                  ))}
                  {r.changes.map((c, k) => (
                    <Cell key={`c${s.comparison.rounds[k]!.measurement}`}>{change(c, i18n.language)}</Cell>
                  ))}
                </>
              )}
            />
          </>
        )}
      </section>
    </>
  );
}

/** The anonymous form behind a measurement's link: no sign-in, nothing that identifies the respondent. */
export function SurveyAnswerPage() {
  const { t, i18n } = useTranslation();
  const { token } = useParams();
  const form = useSurveyForm(token ?? '');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const send = useMutation({ mutationFn: () => evaluationApi.answerSurvey(token ?? '', { answers: answers as AnswerBody['answers'] }) });
  const f = form.data;
  if (!f) return form.error ? <ErrorAlert error={form.error} /> : <Paragraph>{t('app.loading')}</Paragraph>;
  if (send.isSuccess)
    return (
      <Alert type="ok" role="status">
        <Paragraph>{t('surveys.thanks')}</Paragraph>
      </Alert>
    );
  return (
    <>
      <Heading1>{f.title}</Heading1>
      <Paragraph>{t('surveys.answerIntro', { measurement: t(`surveys.measurement.${f.measurement}`) })}</Paragraph>
      {!f.open ? (
        <Alert type="warning">
          <Paragraph>{t('surveys.closedForAnswers')}</Paragraph>
        </Alert>
      ) : (
        <form
          className="kp-form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            send.mutate();
          }}
        >
          {f.items.map((item) => (
            <Fieldset key={item.id}>
              <FieldsetLegend>{(i18n.language === 'en' && item.text.en) || item.text.nl}</FieldsetLegend>
              <div className="kp-row">
                {f.scale.map((v) => (
                  <FormField type="radio" key={v}>
                    <RadioButton
                      id={`${item.id}-${v}`}
                      name={item.id}
                      checked={answers[item.id] === v}
                      onChange={() => setAnswers({ ...answers, [item.id]: v })}
                    />
                    <FormLabel htmlFor={`${item.id}-${v}`} type="radio">
                      {t(`surveys.scale.${v}`)}
                    </FormLabel>
                  </FormField>
                ))}
              </div>
            </Fieldset>
          ))}
          <ErrorAlert error={send.error} />
          <Button type="submit" appearance="primary-action-button" disabled={send.isPending}>
            {t('surveys.send')}
          </Button>
        </form>
      )}
    </>
  );
}
