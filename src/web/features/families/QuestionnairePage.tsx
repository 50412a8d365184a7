import { useMutation, useQuery } from '@tanstack/react-query';
import { Button, Fieldset, FieldsetLegend, FormField, FormLabel, Heading1, Heading2, Paragraph, RadioButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { errorText } from '../../lib/i18n';
import { personName, type Questionnaire, type QuestionnaireResponse, usePerson } from './api';
import { SuggestionNote } from './parts';

/** Filling in a configured screening instrument; the score is shown as a suggestion, never as a decision. */
export function QuestionnairePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const person = usePerson(id);
  const list = useQuery({ queryKey: ['questionnaires'], queryFn: () => api<{ items: Questionnaire[] }>('GET', '/questionnaires') });
  const [chosen, setChosen] = useState('');
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const q = list.data?.items.find((x) => x.id === (chosen || list.data?.items[0]?.id));
  const save = useMutation({
    mutationFn: () => api<QuestionnaireResponse>('POST', `/persons/${id}/questionnaire-responses`, { questionnaireId: q?.id, answers }),
  });
  const en = i18n.language === 'en';
  const fe = fieldErrors(save.error);
  if (!person.data || !q) return <Paragraph>{t('app.loading')}</Paragraph>;
  if (save.data)
    return (
      <>
        <Heading1>{t('screening.resultFor', { name: personName(person.data.person) })}</Heading1>
        <Paragraph>
          {t('screening.score')}: {save.data.score.total} / {save.data.score.max}
        </Paragraph>
        <ul>
          {save.data.score.domains.map((d) => {
            const dom = q.definition.domains.find((x) => x.code === d.code);
            return (
              <li key={d.code}>
                {dom ? (en ? dom.labelEn : dom.labelNl) : d.code}: {d.score} / {d.max}
              </li>
            );
          })}
        </ul>
        {save.data.score.suggestsConsultation ? <SuggestionNote /> : <Paragraph>{t('screening.noSuggestion')}</Paragraph>}
        <RouterLink to={`/clienten/${id}`}>{t('screening.back')}</RouterLink>
      </>
    );
  return (
    <>
      <Heading1>{t('screening.fillInFor', { name: personName(person.data.person) })}</Heading1>
      <SelectField
        label={t('screening.instrument')}
        value={q.id}
        onChange={(e) => {
          setChosen(e.target.value);
          setAnswers({});
        }}
        options={(list.data?.items ?? []).map((x) => ({ value: x.id, label: en ? x.nameEn : x.nameNl }))}
      />
      <form
        className="kp-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorAlert error={save.error} />
        {q.definition.domains.map((d) => (
          <section key={d.code}>
            <Heading2>{en ? d.labelEn : d.labelNl}</Heading2>
            {d.items.map((item) => (
              <Fieldset key={item.code} invalid={Boolean(fe[item.code])}>
                <FieldsetLegend>{en ? item.textEn : item.textNl}</FieldsetLegend>
                {fe[item.code] && <Paragraph className="kp-error">{errorText(fe[item.code]!)}</Paragraph>}
                <div className="kp-row">
                  {q.definition.scale.map((s) => (
                    <FormField type="radio" key={s.value}>
                      <RadioButton
                        id={`${item.code}-${s.value}`}
                        name={item.code}
                        checked={answers[item.code] === s.value}
                        onChange={() => setAnswers({ ...answers, [item.code]: s.value })}
                      />
                      <FormLabel htmlFor={`${item.code}-${s.value}`} type="radio">
                        {en ? s.labelEn : s.labelNl}
                      </FormLabel>
                    </FormField>
                  ))}
                </div>
              </Fieldset>
            ))}
          </section>
        ))}
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('screening.submit')}
        </Button>
      </form>
    </>
  );
}
