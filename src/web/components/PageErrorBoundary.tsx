import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api';

/** The request id of a failed API call, also when it is the cause of another error. */
export function requestIdOf(error: unknown): string | undefined {
  if (error instanceof ApiError) return error.requestId;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof ApiError ? cause.requestId : undefined;
}

function Fallback({ error, resetErrorBoundary }: FallbackProps) {
  const { t } = useTranslation();
  const requestId = requestIdOf(error);
  return (
    <Alert type="error" role="alert">
      <Heading1>{t('errorPage.title')}</Heading1>
      <Paragraph>{t('errorPage.body')}</Paragraph>
      {requestId ? (
        <Paragraph>
          {t('errorPage.requestId')} <code>{requestId}</code>
        </Paragraph>
      ) : (
        <Paragraph>{t('errorPage.noRequestId')}</Paragraph>
      )}
      <Button appearance="primary-action-button" onClick={resetErrorBoundary}>
        {t('errorPage.retry')}
      </Button>
    </Alert>
  );
}

/**
 * A page that fails while rendering shows what happened and the request id support can look up, instead of a blank
 * screen; the rest of the app (navigation, sign-out) keeps working, and moving to another page starts afresh.
 */
export function PageErrorBoundary({ resetKey, children }: { resetKey: string; children: ReactNode }) {
  return (
    <ErrorBoundary FallbackComponent={Fallback} resetKeys={[resetKey]}>
      {children}
    </ErrorBoundary>
  );
}
