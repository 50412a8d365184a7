/**
 * Boundary to the national Verwijsindex risicojongeren. The Youth Act obligation is being removed, so connecting is
 * optional and Knooppunt's own matching never depends on it. An adapter is told about registrations after they
 * commit; failures are its own business (it must queue and retry), never the registration's.
 *
 * The default is `none`: a documented no-op. A real adapter would implement the same interface (e.g. on the
 * Verwijsindex's SOAP/REST interface through the municipality's gateway) and be chosen with VERWIJSINDEX.
 */
export interface VerwijsindexAdapter {
  readonly name: string;
  /** A registration was made: announce it (BSN-based) to the national index. */
  announce(r: { registrationId: string; personId: string; endDate: string }): Promise<void>;
  /** A registration ended (withdrawn, expired, age 23, death, merged): withdraw it there too. */
  withdraw(r: { registrationId: string }): Promise<void>;
}

/** No national index: our own matching is the whole story. */
export const noVerwijsindex: VerwijsindexAdapter = {
  name: 'none',
  announce: async () => {},
  withdraw: async () => {},
};

export function verwijsindexAdapter(kind: 'none'): VerwijsindexAdapter {
  switch (kind) {
    case 'none':
      return noVerwijsindex;
  }
}
