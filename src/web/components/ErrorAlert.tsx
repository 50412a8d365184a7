import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';
import { errorText } from '../lib/i18n';

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'internal';
  // For a failure on our side the request id lets support find what went wrong; a refusal explains itself.
  const requestId = error instanceof ApiError && error.status >= 500 ? error.requestId : undefined;
  return (
    <Alert type="error" role="alert">
      <Paragraph>{errorText(code)}</Paragraph>
      {requestId && (
        <Paragraph>
          {t('errorPage.requestId')} <code>{requestId}</code>
        </Paragraph>
      )}
    </Alert>
  );
}

/** Field-level error codes keyed by the field name (the last part of the API's path). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(
    error.details.map((d) => [
      d.path
        .split('.')
        .filter((p) => !/^\d+$/.test(p))
        .pop() ?? d.path,
      d.code,
    ]),
  );
}
