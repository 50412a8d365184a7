import { Button, Heading2, TableCell } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { useHistory } from './queries';

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') || '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** Who changed which field when: the versioned history of a directory record, loaded on request. */
export function History({ type, id }: { type: 'service' | 'organisation' | 'location' | 'person'; id: string }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useHistory(type, id, open);
  return (
    <section aria-labelledby={`history-${id}`}>
      <Heading2 id={`history-${id}`}>{t('directory.history')}</Heading2>
      {!open ? (
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)} aria-expanded={false}>
          {t('directory.showHistory')}
        </Button>
      ) : (
        <DataTable
          headers={[t('directory.when'), t('directory.who'), t('directory.what'), t('directory.from_'), t('directory.to')]}
          items={history.data?.items}
          rowKey={(h) => h.id}
          empty={t('directory.noHistory')}
          row={(h) => (
            <>
              <TableCell>{new Date(h.changedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL')}</TableCell>
              <TableCell>{h.changedBy ?? t('directory.system')}</TableCell>
              <TableCell>{h.field ? t(`directory.fields.${h.field}`, { defaultValue: h.field }) : t(`directory.kinds.${h.kind}`)}</TableCell>
              <TableCell>{h.field ? show(h.oldValue) : ''}</TableCell>
              <TableCell>{h.field ? show(h.newValue) : ''}</TableCell>
            </>
          )}
        />
      )}
    </section>
  );
}
