/**
 * The Integrale Vroeghulp demand estimate (domain.md §8): the children aged 0 up to and including 7 in a
 * municipality times the prevalence of developmental concerns that need integrated early help (default 1 %).
 * Without the municipality's own age figures (entered, or imported from a CBS StatLine table) it uses the national
 * age distribution: about 1,31 million children aged 0–7 among about 17,95 million inhabitants — rounded figures of
 * the Dutch population by age, good enough for an estimate and replaced by the municipality's own numbers when known.
 */
export const NATIONAL_POPULATION = 17_950_000;
export const NATIONAL_CHILDREN_0_7 = 1_310_000;
export const DEFAULT_PREVALENCE = 0.01;

export interface DemandInput {
  /** Inhabitants of the municipality (used with the national age distribution when the children are not known). */
  inhabitants?: number;
  /** Children aged 0–7 in the municipality, from its own figures. */
  children0to7?: number;
  prevalence?: number;
}

/** Children aged 0–7 and the expected number of children needing integrated early help, rounded to whole children. */
export function demandEstimate(input: DemandInput): { children0to7: number; expected: number; basis: 'own_figures' | 'national_distribution' } {
  const prevalence = input.prevalence ?? DEFAULT_PREVALENCE;
  if (!(prevalence > 0 && prevalence < 1)) throw new RangeError('prevalence must be between 0 and 1');
  if (input.children0to7 !== undefined) {
    if (input.children0to7 < 0) throw new RangeError('children0to7 must not be negative');
    return { children0to7: input.children0to7, expected: Math.round(input.children0to7 * prevalence), basis: 'own_figures' };
  }
  if (input.inhabitants === undefined || input.inhabitants < 0) throw new RangeError('give inhabitants or children0to7');
  const children = Math.round((input.inhabitants * NATIONAL_CHILDREN_0_7) / NATIONAL_POPULATION);
  return { children0to7: children, expected: Math.round(children * prevalence), basis: 'national_distribution' };
}
