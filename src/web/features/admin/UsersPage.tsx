import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, FormField, FormLabel, Heading1, Heading2, Paragraph, TableCell } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { userCreateSchema, userFields } from '../../../domain/users';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { ApiError } from '../../lib/api';
import { applyServerErrors, errorMessage, useZodForm } from '../../lib/form';
import { adminApi, adminKeys, type User, useMunicipalities, useOrganisations, useUsers } from './queries';

const ROLES = ['professional', 'coordinator', 'policy', 'admin'] as const;

const editSchema = z.object(userFields);
const USER_FIELDS = [...Object.keys(userCreateSchema.shape)];
type UserForm = z.input<typeof userCreateSchema>;

/** Create or edit an account, checked with the server's own schemas (domain/users.ts) before it is sent. */
function UserForm({ user, onDone }: { user?: User; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orgs = useOrganisations();
  const munis = useMunicipalities();
  // Editing sends no password: the edit schema leaves it out.
  const form = useZodForm((user ? editSchema : userCreateSchema) as typeof userCreateSchema, {
    defaultValues: {
      displayName: user?.displayName ?? '',
      email: user?.email ?? '',
      role: (user?.role ?? 'professional') as UserForm['role'],
      organisationId: user?.organisation.id ?? '',
      municipalityIds: user?.municipalities.map((m) => m.id) ?? [],
      directoryEditor: user?.directoryEditor ?? false,
      intakeRight: user?.intakeRight ?? false,
      password: '',
    },
  });
  const { register, control, handleSubmit, formState } = form;
  const [unplaced, setUnplaced] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (body: z.output<typeof userCreateSchema>) => {
      const { password, ...fields } = body;
      return user ? adminApi.updateUser(user.id, { ...fields, version: user.version }) : adminApi.createUser({ ...fields, password });
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: adminKeys.usersAll() });
      onDone();
    },
    onError: (error) =>
      setUnplaced(applyServerErrors(error, form, USER_FIELDS).length > 0 || !(error instanceof ApiError) || error.details.length === 0 ? error : null),
  });
  const err = (k: keyof UserForm) => errorMessage(formState.errors[k]);
  return (
    <form
      className="kp-form"
      onSubmit={handleSubmit((body) => {
        setUnplaced(null);
        save.mutate(body);
      })}
      noValidate
      aria-label={user ? t('admin.edit') : t('admin.newUser')}
    >
      <ErrorAlert error={unplaced} />
      <Field label={t('admin.name')} {...register('displayName')} error={err('displayName')} required />
      <Field label={t('admin.email')} type="email" {...register('email')} error={err('email')} required />
      <SelectField label={t('admin.role')} {...register('role')} error={err('role')} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      <SelectField
        label={t('admin.organisation')}
        {...register('organisationId')}
        error={err('organisationId')}
        options={[{ value: '', label: '—' }, ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))]}
      />
      <Controller
        control={control}
        name="municipalityIds"
        render={({ field, fieldState }) => (
          <CheckboxGroup
            legend={t('admin.municipalities')}
            options={(munis.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            value={field.value}
            onChange={field.onChange}
            error={errorMessage(fieldState.error)}
          />
        )}
      />
      <FormField type="checkbox">
        <Checkbox id="user-directory-editor" {...register('directoryEditor')} />
        <FormLabel htmlFor="user-directory-editor" type="checkbox">
          {t('admin.directoryEditor')}
        </FormLabel>
      </FormField>
      <FormField type="checkbox">
        <Checkbox id="user-intake-right" {...register('intakeRight')} />
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
          {...register('password')}
          error={err('password')}
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
  const users = useUsers(q, includeInactive);
  const action = useMutation({
    mutationFn: ({ user, kind }: { user: User; kind: 'deactivate' | 'reactivate' | 'delete' }) =>
      kind === 'delete'
        ? adminApi.deleteUser(user.id)
        : kind === 'deactivate'
          ? adminApi.deactivateUser(user.id, user.version)
          : adminApi.reactivateUser(user.id, user.version),
    onSuccess: () => qc.invalidateQueries({ queryKey: adminKeys.usersAll() }),
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
