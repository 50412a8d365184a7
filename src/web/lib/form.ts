import { fieldErrors } from '../components/ErrorAlert';

/**
 * Binds text inputs of a form held in one state object: value, change handler and the field's error code from
 * the last failed save (the API's field paths end in the field name).
 */
export function bindFields<F extends Record<string, unknown>>(form: F, setForm: (f: F) => void, error: unknown) {
  const fe = fieldErrors(error);
  return {
    errors: fe,
    field: (k: keyof F & string) => ({
      value: form[k] as string,
      error: fe[k],
      onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }),
    }),
  };
}
