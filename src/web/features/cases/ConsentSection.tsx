import { useMutation } from '@tanstack/react-query';
import { Button, Heading2 } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { formatDate } from '../../lib/dates';
import { Cell, Confirm } from '../families/parts';
import type { CasePage } from './api';
import { isOpen, NotOffered, Reveal, useInvalidateCase } from './CaseParts';
import { ConsentForm } from './ConsentForm';

/** Consent per recipient and purpose: the latest record decides; withdrawing and confirming happen in the row. */
export function ConsentSection({ c }: { c: CasePage }) {
  const { t, i18n } = useTranslation();
  const refresh = useInvalidateCase(c.id);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const confirm = useMutation({
    mutationFn: (id: string) => api('POST', `/cases/${c.id}/consents/${id}/confirm`, {}),
    onSuccess: () => void refresh(),
  });
  const withdraw = useMutation({
    mutationFn: (id: string) => api('POST', `/cases/${c.id}/consents/${id}/withdraw`, {}),
    onSuccess: () => {
      setWithdrawing(null);
      void refresh();
    },
  });
  const latest = (c.content?.consents ?? []).filter((k) => k.isLatest);
  const mayChange = c.abilities.recordConsent;
  return (
    <section aria-labelledby="consent">
      <Heading2 id="consent">{t('cases.consent')}</Heading2>
      <ErrorAlert error={withdraw.error ?? confirm.error} />
      <DataTable
        headers={[
          t('cases.recipient'),
          t('cases.purpose'),
          t('cases.consentColumn'),
          t('cases.givenBy'),
          t('cases.period'),
          ...(mayChange ? [t('cases.actions')] : []),
        ]}
        items={latest}
        rowKey={(k) => k.id}
        empty={t('cases.consentEmpty')}
        row={(k) => (
          <>
            <Cell>{k.userName ? `${k.userName} (${k.organisationName})` : k.organisationName}</Cell>
            <Cell>
              {t(`cases.purposes.${k.purpose}`)}
              {k.purposeDetail ? `: ${k.purposeDetail}` : ''}
            </Cell>
            <Cell>
              {t(`cases.consentStates.${k.currentState}`)}
              {k.pending && ` — ${t('cases.consentPending')}`} ({t(`cases.how.${k.how}`)}
              {k.hasForm && (
                <>
                  , <a href={`/api/v1/cases/${c.id}/consents/${k.id}/form`}>{t('cases.form')}</a>
                </>
              )}
              )
            </Cell>
            <Cell>{k.givenByName}</Cell>
            <Cell>
              {formatDate(k.validFrom, i18n.language)} – {k.validUntil ? formatDate(k.validUntil, i18n.language) : t('cases.untilWithdrawn')}
            </Cell>
            {mayChange && (
              <Cell>
                <div className="kp-row kp-case-inline-row">
                  {k.mayConfirm && (
                    <Button appearance="secondary-action-button" disabled={confirm.isPending} onClick={() => confirm.mutate(k.id)}>
                      {t('cases.confirmConsent')}
                    </Button>
                  )}
                  {k.currentState === 'given' && isOpen(c) ? (
                    withdrawing === k.id ? (
                      <Confirm
                        question={t('cases.withdrawQuestion')}
                        confirmLabel={t('cases.withdraw')}
                        onConfirm={() => withdraw.mutate(k.id)}
                        onCancel={() => setWithdrawing(null)}
                        busy={withdraw.isPending}
                      />
                    ) : (
                      <Button appearance="subtle-button" onClick={() => setWithdrawing(k.id)}>
                        {t('cases.withdraw')}
                      </Button>
                    )
                  ) : null}
                </div>
              </Cell>
            )}
          </>
        )}
      />
      {mayChange ? (
        <Reveal label={t('cases.recordConsent')}>{(close) => <ConsentForm c={c} close={close} />}</Reveal>
      ) : (
        <NotOffered c={c} action="recordConsent" />
      )}
    </section>
  );
}
