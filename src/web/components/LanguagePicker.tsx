import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Textbox,
} from '@utrecht/component-library-react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/i18n';
import { languageName } from '../lib/languages';

/**
 * The languages of a service or a card, chosen by name ("Arabisch", "Tigrinya"), never typed as ISO codes. The chosen
 * ones stay at the top; a search box narrows the rest by Dutch or English name (or code). Plain checkboxes, so it works
 * by keyboard and with a screen reader without a custom widget.
 */
export function LanguagePicker(props: {
  legend: string;
  /** The codes that can be chosen (the domain's closed list). */
  options: readonly string[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const names = useMemo(
    () => props.options.map((code) => ({ code, name: languageName(code, i18n.language), other: languageName(code, i18n.language === 'en' ? 'nl' : 'en') })),
    [props.options, i18n.language],
  );
  const needle = q.trim().toLocaleLowerCase('nl');
  const chosen = names.filter((n) => props.value.includes(n.code));
  const rest = names
    .filter((n) => !props.value.includes(n.code))
    .filter((n) => !needle || [n.name, n.other, n.code].some((s) => s.toLocaleLowerCase('nl').includes(needle)))
    .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  const toggle = (code: string, on: boolean) => props.onChange(on ? [...props.value, code] : props.value.filter((c) => c !== code));
  const box = (n: { code: string; name: string }, checked: boolean) => (
    <FormField type="checkbox" key={n.code}>
      <Checkbox id={`${id}-${n.code}`} checked={checked} onChange={(e) => toggle(n.code, e.target.checked)} />
      <FormLabel htmlFor={`${id}-${n.code}`} type="checkbox">
        {n.name}
      </FormLabel>
    </FormField>
  );
  return (
    <Fieldset invalid={Boolean(props.error)} className="kp-checks" aria-describedby={props.error ? `${id}-error` : undefined}>
      <FieldsetLegend>{props.legend}</FieldsetLegend>
      {props.error && <FormFieldErrorMessage id={`${id}-error`}>{errorText(props.error)}</FormFieldErrorMessage>}
      {chosen.length > 0 ? chosen.map((n) => box(n, true)) : <FormFieldDescription>{t('languagePicker.none')}</FormFieldDescription>}
      <FormField>
        <FormLabel htmlFor={`${id}-search`}>{t('languagePicker.search')}</FormLabel>
        <Textbox id={`${id}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" aria-controls={`${id}-options`} />
      </FormField>
      {/* Only the list scrolls: the search box and the chosen languages stay in view. */}
      <div id={`${id}-options`} className="kp-checks--compact">
        {rest.map((n) => box(n, false))}
      </div>
      {/* Said once per search, rather than the whole list read out again. */}
      <FormFieldDescription role="status">
        {needle ? (rest.length ? t('languagePicker.found', { count: rest.length }) : t('languagePicker.noMatch')) : ''}
      </FormFieldDescription>
    </Fieldset>
  );
}
