import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import { TextAreaField } from '../../components/TextAreaField';
import { api, type Me } from '../../lib/api';
import { caseKeys } from './api';

/** What someone without access sees: not found, and (for professionals and admins) emergency access with a reason. */
export function NoAccess({ me, caseId }: { me: Me; caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const glass = useMutation({
    mutationFn: () => api('POST', `/cases/${caseId}/emergency-access`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.one(caseId) }),
  });
  const may = me.abilities.breakGlass;
  return (
    <>
      <Heading1>{t('cases.notFoundTitle')}</Heading1>
      <Paragraph>{t('cases.notFoundText')}</Paragraph>
      {may && !open && (
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>
          {t('cases.breakGlass')}
        </Button>
      )}
      {may && open && (
        <form
          className="kp-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            glass.mutate();
          }}
        >
          <Alert type="warning">
            <Paragraph>{t('cases.breakGlassWarning')}</Paragraph>
          </Alert>
          <ErrorAlert error={glass.error} />
          <TextAreaField
            label={t('cases.breakGlassReason')}
            rows={3}
            value={reason}
            error={fieldErrors(glass.error).reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="kp-row">
            <Button type="submit" appearance="primary-action-button" disabled={glass.isPending}>
              {t('cases.breakGlassConfirm')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
              {t('app.cancel')}
            </Button>
          </div>
        </form>
      )}
      <Paragraph>
        {/* Beside the buttons above: a button-sized target (WCAG 2.2 target size). */}
        <RouterLink to="/casussen" className="utrecht-button utrecht-button--secondary-action">
          {t('cases.mineTitle')}
        </RouterLink>
      </Paragraph>
    </>
  );
}
