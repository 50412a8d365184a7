import { z } from 'zod';

/** Kinds of partner organisation named in the source documents (Kansrijke Start, FoodValley, VoorZorg, Integrale Vroeghulp). */
export const ORGANISATION_TYPES = [
  'verloskunde',
  'kraamzorg',
  'jgz',
  'huisartsenpraktijk',
  'wijkteam',
  'ggz',
  'kinderopvang',
  'school',
  'gemeente',
  'cjg',
  'ziekenhuis',
  'veilig_thuis',
  'overig',
] as const;
export const organisationTypeSchema = z.enum(ORGANISATION_TYPES);
export type OrganisationType = z.infer<typeof organisationTypeSchema>;
