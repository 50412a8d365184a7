import cytoscape from 'cytoscape';
import { suppressCount } from '../../../domain/suppression.js';
import { EDGE_KINDS, type EdgeKind } from './monitor.repository.js';

export interface NetworkNode {
  id: string;
  name: string;
  type: string;
  /** Number of partner organisations. */
  degree: number;
  /** Normalised betweenness (0–1): how much of the network's shortest paths run through this organisation. */
  betweenness: number;
  isolated: boolean;
}

export interface NetworkEdge {
  source: string;
  target: string;
  /** Cases, referrals and meetings together; null when under 10 (the edge still shows that they worked together). */
  weight: number | null;
  kinds: Record<EdgeKind, number | null>;
}

/**
 * The collaboration network: one edge per pair of organisations with its weight per kind, and per organisation its
 * degree and betweenness (cytoscape's Brandes implementation, headless, on the unweighted graph — so no suppressed
 * weight influences a published figure). Weights under 10 are suppressed like every other count.
 */
export function analyseNetwork(organisations: { id: string; name: string; type: string }[], edges: { a: string; b: string; kind: EdgeKind; n: number }[]) {
  const pairs = new Map<string, { source: string; target: string; kinds: Record<EdgeKind, number> }>();
  for (const e of edges) {
    const key = `${e.a}|${e.b}`;
    const p = pairs.get(key) ?? { source: e.a, target: e.b, kinds: { care_team: 0, referral: 0, meeting: 0 } };
    p.kinds[e.kind] += e.n;
    pairs.set(key, p);
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: false,
    elements: [
      ...organisations.map((o) => ({ group: 'nodes' as const, data: { id: o.id } })),
      ...[...pairs.entries()].map(([key, p]) => ({ group: 'edges' as const, data: { id: key, source: p.source, target: p.target } })),
    ],
  });
  const bc = cy.elements().betweennessCentrality({ directed: false });
  const nodes: NetworkNode[] = organisations.map((o) => {
    const n = cy.getElementById(o.id);
    const degree = n.degree(false);
    return { ...o, degree, betweenness: Math.round(bc.betweennessNormalized(n) * 1000) / 1000, isolated: degree === 0 };
  });
  const out: NetworkEdge[] = [...pairs.values()].map((p) => ({
    source: p.source,
    target: p.target,
    weight: suppressCount(EDGE_KINDS.reduce((s, k) => s + p.kinds[k], 0)),
    kinds: Object.fromEntries(EDGE_KINDS.map((k) => [k, suppressCount(p.kinds[k])])) as Record<EdgeKind, number | null>,
  }));
  nodes.sort((a, b) => b.betweenness - a.betweenness || b.degree - a.degree || a.name.localeCompare(b.name, 'nl'));
  return { nodes, edges: out };
}
