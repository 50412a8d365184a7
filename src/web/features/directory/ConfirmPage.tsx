import { useMutation } from '@tanstack/react-query';
import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../lib/dates';
import { directoryApi, useConfirmToken } from './queries';

/** The page a freshness reminder links to: one button, "still correct". No sign-in; the link is the credential. */
export function ConfirmPage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const about = useConfirmToken(token);
  const confirm = useMutation({ mutationFn: () => directoryApi.confirmWithToken(token) });
  return (
    <>
      <Heading1>{t('confirm.title')}</Heading1>
      {about.error && !confirm.isSuccess && <ErrorAlert error={about.error} />}
      {about.data && !confirm.isSuccess && (
        <>
          <Paragraph>
            {t('confirm.question', {
              type: t(`confirm.types.${about.data.recordType}`),
              name: about.data.name,
              organisation: about.data.organisationName,
              date: formatDate(about.data.lastConfirmedAt, i18n.language),
            })}
          </Paragraph>
          <ErrorAlert error={confirm.error} />
          <Button appearance="primary-action-button" onClick={() => confirm.mutate()} disabled={confirm.isPending}>
            {t('directory.stillCorrect')}
          </Button>
          <Paragraph className="kp-muted">{t('confirm.changeHint')}</Paragraph>
        </>
      )}
      {confirm.isSuccess && <Paragraph role="status">{t('confirm.done')}</Paragraph>}
    </>
  );
}
