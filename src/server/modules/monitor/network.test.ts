import { describe, expect, it } from 'vitest';
import { analyseNetwork } from './network.js';

const org = (id: string) => ({ id, name: id.toUpperCase(), type: 'jgz' });

describe('the collaboration network', () => {
  it('finds the organisation that holds the network together, and the isolated one', () => {
    // a – b – c and b – d: every path between the others runs through b (3 of the 6 pairs of the other four); e works
    // with nobody.
    const r = analyseNetwork(['a', 'b', 'c', 'd', 'e'].map(org), [
      { a: 'a', b: 'b', kind: 'care_team', n: 12 },
      { a: 'a', b: 'b', kind: 'referral', n: 3 },
      { a: 'b', b: 'c', kind: 'meeting', n: 4 },
      { a: 'b', b: 'd', kind: 'referral', n: 20 },
    ]);
    expect(r.nodes[0]).toMatchObject({ id: 'b', degree: 3, betweenness: 0.5, isolated: false });
    expect(r.nodes.find((n) => n.id === 'e')).toMatchObject({ degree: 0, betweenness: 0, isolated: true });
    expect(r.nodes.find((n) => n.id === 'a')!.betweenness).toBe(0);
  });

  it('joins the kinds of one pair into one edge and suppresses weights under 10', () => {
    const r = analyseNetwork(['a', 'b', 'c'].map(org), [
      { a: 'a', b: 'b', kind: 'care_team', n: 12 },
      { a: 'a', b: 'b', kind: 'referral', n: 3 },
      { a: 'b', b: 'c', kind: 'meeting', n: 4 },
    ]);
    expect(r.edges).toEqual([
      { source: 'a', target: 'b', weight: 15, kinds: { care_team: 12, referral: null, meeting: null } },
      { source: 'b', target: 'c', weight: null, kinds: { care_team: null, referral: null, meeting: null } },
    ]);
  });
});
