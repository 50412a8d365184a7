import { Button, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { errorText } from '../../lib/i18n';
import { type Staff, useStaffSearch } from './queries';

export function StaffPicker(props: {
  municipalityId: string;
  label: string;
  chosen: Staff[];
  onChange: (s: Staff[]) => void;
  single?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const found = useStaffSearch(props.municipalityId, query);
  const add = (s: Staff) => {
    if (props.chosen.some((c) => c.userId === s.userId)) return;
    props.onChange(props.single ? [s] : [...props.chosen, s]);
  };
  return (
    <fieldset className="kp-fieldset">
      <legend>{props.label}</legend>
      {props.error && <Paragraph className="kp-error">{errorText(props.error)}</Paragraph>}
      {props.chosen.length > 0 && (
        <ul className="kp-plain">
          {props.chosen.map((c) => (
            <li key={c.userId}>
              {c.name} ({c.organisationName}){' '}
              <Button
                type="button"
                appearance="subtle-button"
                onClick={() => props.onChange(props.chosen.filter((x) => x.userId !== c.userId))}
                aria-label={t('meetings.removePerson', { name: c.name })}
              >
                {t('meetings.remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="kp-row">
        <Field label={t('meetings.searchStaff')} value={q} onChange={(e) => setQ(e.target.value)} />
        <Button type="button" appearance="secondary-action-button" onClick={() => setQuery(q.trim())}>
          {t('meetings.search')}
        </Button>
      </div>
      {found.data && found.data.items.length === 0 && <Paragraph>{t('meetings.noStaff')}</Paragraph>}
      {found.data && found.data.items.length > 0 && (
        <ul className="kp-plain">
          {found.data.items.map((s) => (
            <li key={s.userId}>
              <Button type="button" appearance="subtle-button" onClick={() => add(s)}>
                {t('meetings.choosePerson', { name: s.name, organisation: s.organisationName })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
