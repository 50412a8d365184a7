import { useMutation } from '@tanstack/react-query';
import { Button } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ApiError, api } from '../../lib/api';

/** Opens a case (from a signal, or for one's own client) and goes there; an existing open case is opened instead. */
export function OpenCaseButton({ body }: { body: { signalId: string } | { personId: string } }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useMutation({
    mutationFn: () => api<{ id: string }>('POST', '/cases', body),
    onSuccess: (c) => navigate(`/casussen/${c.id}`),
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'case_exists' && typeof e.body.caseId === 'string') navigate(`/casussen/${e.body.caseId}`);
    },
  });
  return (
    <>
      <ErrorAlert error={open.error} />
      <Button appearance="secondary-action-button" onClick={() => open.mutate()} disabled={open.isPending}>
        {t('cases.openCase')}
      </Button>
    </>
  );
}
