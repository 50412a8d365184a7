import { useMutation } from '@tanstack/react-query';
import { Button, Heading2 } from '@utrecht/component-library-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import type { CasePage } from './api';
import { useInvalidateCase } from './CaseParts';

/** The coordinator reviews emergency access afterwards: shown above the tabs while a grant awaits review. */
export function EmergencySection({ c }: { c: CasePage }) {
  const { t, i18n } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const review = useMutation({
    mutationFn: (r: { id: string; review: 'approved' | 'improper' }) => api('POST', `/cases/${c.id}/emergency-access/${r.id}/review`, { review: r.review }),
    onSuccess: () => refresh(),
  });
  return (
    <section aria-labelledby="emergency" className="kp-case-attention">
      <Heading2 id="emergency">{t('cases.emergencyTitle')}</Heading2>
      <ErrorAlert error={review.error} />
      <ul>
        {c.content?.emergency.map((g) => (
          <li key={g.id}>
            {g.name} ({g.organisationName ?? ''}), {formatDate(g.grantedAt, i18n.language)}: {g.reason} —{' '}
            {g.review ? (
              t(`cases.reviews.${g.review}`)
            ) : (
              <span className="kp-row kp-case-inline-row">
                <Button appearance="secondary-action-button" onClick={() => review.mutate({ id: g.id, review: 'approved' })}>
                  {t('cases.approve')}
                </Button>
                <Button appearance="secondary-action-button" onClick={() => review.mutate({ id: g.id, review: 'improper' })}>
                  {t('cases.markImproper')}
                </Button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
