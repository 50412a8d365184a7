import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { Cell } from '../families/parts';
import { accountApi, accountKeys, type Preference, useNotificationPreferences } from './queries';

type Mode = 'immediate' | 'digest' | 'off';
const MODES: Mode[] = ['immediate', 'digest', 'off'];

/** Per kind: e-mail at once, in the daily digest, or not — safety-critical kinds are shown but cannot be changed. */
export function NotificationPreferences() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const prefs = useNotificationPreferences();
  const [changes, setChanges] = useState<Record<string, Mode>>({});
  const save = useMutation({
    mutationFn: () => accountApi.savePreferences({ items: Object.entries(changes).map(([kind, mode]) => ({ kind: kind as Preference['kind'], mode })) }),
    onSuccess: (data) => {
      qc.setQueryData(accountKeys.notificationPreferences(), data);
      setChanges({});
    },
  });
  return (
    <section aria-labelledby="notification-prefs">
      <Heading2 id="notification-prefs">{t('notificationPrefs.title')}</Heading2>
      <Paragraph>{t('notificationPrefs.intro')}</Paragraph>
      <ErrorAlert error={prefs.error ?? save.error} />
      {save.isSuccess && (
        <Alert type="ok">
          <Paragraph>{t('notificationPrefs.saved')}</Paragraph>
        </Alert>
      )}
      <form
        className="kp-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <DataTable
          headers={[t('notifications.what'), t('notificationPrefs.title')]}
          items={prefs.data?.items}
          rowKey={(p) => p.kind}
          empty=""
          row={(p) => (
            <>
              <Cell>{t(`notifications.kinds.${p.kind}`)}</Cell>
              <Cell>
                {p.safetyCritical ? (
                  t('notificationPrefs.always')
                ) : (
                  <SelectField
                    label={t(`notifications.kinds.${p.kind}`)}
                    options={MODES.map((m) => ({ value: m, label: t(`notificationPrefs.modes.${m}`) }))}
                    value={changes[p.kind] ?? p.mode}
                    onChange={(e) => setChanges({ ...changes, [p.kind]: e.target.value as Mode })}
                  />
                )}
              </Cell>
            </>
          )}
        />
        <Button type="submit" appearance="primary-action-button" disabled={!Object.keys(changes).length || save.isPending}>
          {t('notificationPrefs.save')}
        </Button>
      </form>
    </section>
  );
}
