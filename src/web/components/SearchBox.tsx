import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { Field } from './Field';

/** A search landmark with one labelled box; submits on Enter or the button, and follows the URL's value. */
export function SearchBox(props: { label: string; hint: string; button: string; value: string; onSearch: (text: string) => void }) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSearch(text.trim());
  };
  return (
    <search>
      <form className="kp-search" onSubmit={submit}>
        <Field label={props.label} hint={props.hint} type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
        <Button type="submit" appearance="primary-action-button">
          {props.button}
        </Button>
      </form>
    </search>
  );
}
