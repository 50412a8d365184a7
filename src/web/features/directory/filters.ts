/** The search state lives in the URL, so a result can be shared, exported, printed and reloaded as is. */
export const MULTI_FILTERS = ['targetGroup', 'phase', 'lifeDomain', 'organisationType', 'costType', 'municipalityId', 'language'] as const;
export const SINGLE_FILTERS = ['q', 'accessType', 'acceptsNewClients', 'page'] as const;

export function apiQuery(params: URLSearchParams, extra: Record<string, string> = {}): string {
  const out = new URLSearchParams();
  for (const [k, v] of params) if (v !== '' && ([...MULTI_FILTERS, ...SINGLE_FILTERS] as readonly string[]).includes(k)) out.append(k, v);
  for (const [k, v] of Object.entries(extra)) out.set(k, v);
  return out.toString();
}
