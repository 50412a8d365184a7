/** Kept for features that still import from here (families); the directory's queries live in queries.ts. */
export { useMunicipalityOptions } from './queries';
