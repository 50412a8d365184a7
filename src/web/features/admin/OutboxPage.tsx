import { Alert, Heading1, Paragraph, TableCell } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOutbox } from './queries';

/** Outgoing mail; without SMTP configured, this is where reminders wait to be read. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const outbox = useOutbox();
  return (
    <>
      <Heading1>{t('outbox.title')}</Heading1>
      <ErrorAlert error={outbox.error} />
      {outbox.data && !outbox.data.smtpConfigured && (
        <Alert type="info">
          <Paragraph>{t('outbox.noSmtp')}</Paragraph>
        </Alert>
      )}
      <DataTable
        headers={[t('outbox.created'), t('outbox.to'), t('outbox.subject'), t('outbox.status'), t('outbox.message')]}
        items={outbox.data?.items}
        rowKey={(m) => m.id}
        empty={t('outbox.empty')}
        row={(m) => (
          <>
            <TableCell>{new Date(m.createdAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'nl-NL')}</TableCell>
            <TableCell>{m.to}</TableCell>
            <TableCell>{m.subject}</TableCell>
            <TableCell>{t(`outbox.statuses.${m.status}`)}</TableCell>
            <TableCell>
              <details>
                <summary>{t('outbox.show')}</summary>
                <pre className="kp-mail">{m.text}</pre>
              </details>
            </TableCell>
          </>
        )}
      />
    </>
  );
}
