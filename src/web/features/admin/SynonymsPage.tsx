import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonGroup, Heading1, Heading2, Paragraph, TableCell } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SearchBox } from '../../components/SearchBox';
import { adminApi, adminKeys, type SynonymGroup, useSynonyms } from './queries';

/** Terms as typed: separated by commas or new lines; the server checks each one. */
const parseTerms = (text: string) =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The synonym list of the sociale kaart search (functional admins): a group of words that find each other's
 * services, e.g. "schuldhulpverlening, schulden, financiën". Changes count from the next search.
 */
export function SynonymsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const list = useSynonyms(q);
  const [text, setText] = useState('');
  const [editing, setEditing] = useState<SynonymGroup | null>(null);
  const reset = () => {
    setEditing(null);
    setText('');
  };
  const save = useMutation({
    mutationFn: () =>
      editing ? adminApi.updateSynonyms(editing.id, { terms: parseTerms(text), version: editing.version }) : adminApi.addSynonyms(parseTerms(text)),
    onSuccess: async () => {
      reset();
      await qc.invalidateQueries({ queryKey: adminKeys.synonyms() });
    },
  });
  const remove = useMutation({
    mutationFn: (g: SynonymGroup) => adminApi.deleteSynonyms(g.id, g.version),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.synonyms() }),
  });
  const fe = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const maintain = list.data?.abilities.maintain ?? false;
  const startEdit = (g: SynonymGroup) => {
    setEditing(g);
    setText(g.terms.join(', '));
  };
  const confirmRemove = (g: SynonymGroup) => {
    if (window.confirm(t('synonyms.confirmDelete', { terms: g.terms.join(', ') }))) remove.mutate(g);
  };
  return (
    <>
      <Heading1>{t('synonyms.title')}</Heading1>
      <Paragraph>{t('synonyms.intro')}</Paragraph>
      {maintain && (
        <>
          <Heading2>{editing ? t('synonyms.editGroup') : t('synonyms.newGroup')}</Heading2>
          <form className="kp-form" onSubmit={submit} noValidate>
            <ErrorAlert error={save.error} />
            <Field
              label={t('synonyms.terms')}
              hint={t('synonyms.termsHint')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              error={fe.terms}
              required
              lang="nl"
            />
            <ButtonGroup>
              <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
                {editing ? t('app.save') : t('synonyms.add')}
              </Button>
              {editing && (
                <Button type="button" appearance="secondary-action-button" onClick={reset}>
                  {t('synonyms.cancel')}
                </Button>
              )}
            </ButtonGroup>
          </form>
        </>
      )}
      <Heading2>{t('synonyms.listTitle')}</Heading2>
      <SearchBox label={t('synonyms.filter')} hint={t('synonyms.filterHint')} button={t('synonyms.filterButton')} value={q} onSearch={setQ} />
      <ErrorAlert error={list.error ?? remove.error} />
      <DataTable
        headers={maintain ? [t('synonyms.terms'), t('admin.edit'), t('synonyms.delete')] : [t('synonyms.terms')]}
        items={list.data?.items}
        rowKey={(g) => g.id}
        empty={q ? t('synonyms.noMatch', { q }) : t('synonyms.empty')}
        row={(g) => (
          <>
            <TableCell lang="nl">{g.terms.join(', ')}</TableCell>
            {maintain && (
              <>
                {/* One button per cell: two in one narrow cell wrap onto two lines and double every row's height. */}
                <TableCell>
                  <Button appearance="subtle-button" onClick={() => startEdit(g)} aria-label={`${t('admin.edit')}: ${g.terms[0]}`}>
                    {t('admin.edit')}
                  </Button>
                </TableCell>
                <TableCell>
                  <Button appearance="subtle-button" onClick={() => confirmRemove(g)} aria-label={`${t('synonyms.delete')}: ${g.terms[0]}`}>
                    {t('synonyms.delete')}
                  </Button>
                </TableCell>
              </>
            )}
          </>
        )}
      />
    </>
  );
}
