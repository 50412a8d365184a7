import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  TableCell,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert, fieldErrors } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { api } from '../../lib/api';
import { errorText } from '../../lib/i18n';
import { type User, useMunicipalities, useOrganisations } from './api';

const ROLES = ['professional', 'coordinator', 'policy', 'admin'] as const;

function UserForm({ user, onDone }: { user?: User; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgs = useOrganisations();
  const munis = useMunicipalities();
  const [form, setForm] = useState({
    displayName: user?.displayName ?? '',
    email: user?.email ?? '',
    role: user?.role ?? 'professional',
    organisationId: user?.organisation.id ?? '',
    municipalityIds: user?.municipalities.map((m) => m.id) ?? [],
    directoryEditor: user?.directoryEditor ?? false,
    intakeRight: user?.intakeRight ?? false,
    password: '',
  });
  const save = useMutation({
    mutationFn: () => {
      const { password, ...fields } = form;
      return user ? api('PATCH', `/admin/users/${user.id}`, { ...fields, version: user.version }) : api('POST', '/admin/users', { ...fields, password });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
  const fe = fieldErrors(save.error);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const toggleMuni = (id: string) =>
    setForm({ ...form, municipalityIds: form.municipalityIds.includes(id) ? form.municipalityIds.filter((m) => m !== id) : [...form.municipalityIds, id] });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="kp-form" onSubmit={submit} noValidate aria-label={user ? t('admin.edit') : t('admin.newUser')}>
      <ErrorAlert error={save.error} />
      <Field label={t('admin.name')} value={form.displayName} onChange={set('displayName')} error={fe.displayName} required />
      <Field label={t('admin.email')} type="email" value={form.email} onChange={set('email')} error={fe.email} required />
      <SelectField
        label={t('admin.role')}
        value={form.role}
        onChange={set('role')}
        error={fe.role}
        options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <SelectField
        label={t('admin.organisation')}
        value={form.organisationId}
        onChange={set('organisationId')}
        error={fe.organisationId}
        options={[{ value: '', label: '—' }, ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))]}
      />
      <Fieldset invalid={Boolean(fe.municipalityIds)}>
        <FieldsetLegend>{t('admin.municipalities')}</FieldsetLegend>
        {fe.municipalityIds && <FormFieldErrorMessage>{errorText(fe.municipalityIds)}</FormFieldErrorMessage>}
        {(munis.data?.items ?? []).map((m) => (
          <FormField type="checkbox" key={m.id}>
            <Checkbox id={`muni-${m.id}`} checked={form.municipalityIds.includes(m.id)} onChange={() => toggleMuni(m.id)} />
            <FormLabel htmlFor={`muni-${m.id}`} type="checkbox">
              {m.name}
            </FormLabel>
          </FormField>
        ))}
      </Fieldset>
      <FormField type="checkbox">
        <Checkbox id="user-directory-editor" checked={form.directoryEditor} onChange={(e) => setForm({ ...form, directoryEditor: e.target.checked })} />
        <FormLabel htmlFor="user-directory-editor" type="checkbox">
          {t('admin.directoryEditor')}
        </FormLabel>
      </FormField>
      <FormField type="checkbox">
        <Checkbox id="user-intake-right" checked={form.intakeRight} onChange={(e) => setForm({ ...form, intakeRight: e.target.checked })} />
        <FormLabel htmlFor="user-intake-right" type="checkbox">
          {t('admin.intakeRight')}
        </FormLabel>
      </FormField>
      {!user && (
        <Field
          label={t('admin.initialPassword')}
          hint={t('account.newHint')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          error={fe.password}
          required
        />
      )}
      <div className="kp-row">
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {user ? t('app.save') : t('admin.create')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onDone}>
          {t('app.cancel')}
        </Button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const users = useQuery({
    queryKey: ['users', q, includeInactive],
    queryFn: () => api<{ items: User[] }>('GET', `/admin/users?includeDeactivated=${includeInactive}${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  });
  const action = useMutation({
    mutationFn: ({ user, kind }: { user: User; kind: 'deactivate' | 'reactivate' | 'delete' }) =>
      kind === 'delete' ? api('DELETE', `/admin/users/${user.id}`) : api('POST', `/admin/users/${user.id}/${kind}`, { version: user.version }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
  const run = (user: User, kind: 'deactivate' | 'reactivate' | 'delete') => {
    if (kind === 'deactivate' && !window.confirm(t('admin.confirmDeactivate', { name: user.displayName }))) return;
    if (kind === 'delete' && !window.confirm(t('admin.confirmDelete', { name: user.displayName }))) return;
    action.mutate({ user, kind });
  };
  return (
    <>
      <Heading1>{t('admin.usersTitle')}</Heading1>
      {editing ? (
        <>
          <Heading2>{editing === 'new' ? t('admin.newUser') : `${t('admin.edit')}: ${editing.displayName}`}</Heading2>
          <UserForm user={editing === 'new' ? undefined : editing} onDone={() => setEditing(null)} />
        </>
      ) : (
        <div className="kp-row">
          <Button appearance="primary-action-button" onClick={() => setEditing('new')}>
            {t('admin.newUser')}
          </Button>
        </div>
      )}
      <search className="kp-row">
        <Field label={t('admin.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <FormField type="checkbox">
          <Checkbox id="show-inactive" checked={includeInactive} onChange={(e) => setIncludeInactive(e.target.checked)} />
          <FormLabel htmlFor="show-inactive" type="checkbox">
            {t('admin.showInactive')}
          </FormLabel>
        </FormField>
      </search>
      {action.error ? <ErrorAlert error={action.error} /> : null}
      {action.isSuccess && (
        <Alert type="ok" role="status">
          <Paragraph>{t('app.saved')}</Paragraph>
        </Alert>
      )}
      <DataTable
        headers={[t('admin.name'), t('admin.role'), t('admin.organisation'), t('admin.mfa'), t('admin.status'), t('admin.actions')]}
        items={users.data?.items}
        rowKey={(u) => u.id}
        empty={t('admin.empty')}
        row={(u) => (
          <>
            <TableCell>
              {u.displayName}
              <br />
              <span className="kp-muted">{u.email}</span>
            </TableCell>
            <TableCell>{t(`roles.${u.role}`)}</TableCell>
            <TableCell>{u.organisation.name}</TableCell>
            <TableCell>{u.totpEnabled ? t('app.yes') : t('app.no')}</TableCell>
            <TableCell>{u.active ? t('admin.active') : t('admin.inactive')}</TableCell>
            <TableCell>
              {u.abilities.deactivate && (
                <div className="kp-row">
                  <Button appearance="subtle-button" onClick={() => setEditing(u)} aria-label={`${t('admin.edit')}: ${u.displayName}`}>
                    {t('admin.edit')}
                  </Button>
                  <Button
                    appearance="subtle-button"
                    onClick={() => run(u, u.active ? 'deactivate' : 'reactivate')}
                    aria-label={`${u.active ? t('admin.deactivate') : t('admin.reactivate')}: ${u.displayName}`}
                  >
                    {u.active ? t('admin.deactivate') : t('admin.reactivate')}
                  </Button>
                  <Button appearance="subtle-button" onClick={() => run(u, 'delete')} aria-label={`${t('admin.delete')}: ${u.displayName}`}>
                    {t('admin.delete')}
                  </Button>
                </div>
              )}
            </TableCell>
          </>
        )}
      />
    </>
  );
}
