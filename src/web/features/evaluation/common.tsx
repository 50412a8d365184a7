import { useSearchParams } from 'react-router';
import { SelectField } from '../../components/SelectField';
import { ApiError, type Me } from '../../lib/api';

/** The municipality an evaluation page is about, kept in the address (?gemeente=) so a link opens the same view. */
export function useMunicipality(me: Me) {
  const [params, setParams] = useSearchParams();
  const id = params.get('gemeente') ?? me.user.municipalities[0]?.id ?? '';
  return { id, set: (m: string) => setParams({ gemeente: m }) };
}

export function MunicipalityChoice({ me, value, onChange, label }: { me: Me; value: string; onChange: (id: string) => void; label: string }) {
  if (me.user.municipalities.length < 2) return null;
  return (
    <SelectField
      label={label}
      options={me.user.municipalities.map((m) => ({ value: m.id, label: m.name }))}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** The error code the API gave for one field path (e.g. "body.items.1.id"), for forms with nested lists. */
export function pathError(error: unknown, path: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.details.find((d) => d.path === `body.${path}` || d.path === path)?.code;
}
