import { UndirectedGraph } from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness.js';
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
 * degree and normalised betweenness (graphology's Brandes implementation on the unweighted graph — so no suppressed
 * weight influences a published figure). Weights under 10 are suppressed like every other count. Cytoscape, which
 * draws the graph in the browser, took about 0.5 s for a dense 200-organisation region here; graphology a fraction.
 */
export function analyseNetwork(organisations: { id: string; name: string; type: string }[], edges: { a: string; b: string; kind: EdgeKind; n: number }[]) {
  const pairs = new Map<string, { source: string; target: string; kinds: Record<EdgeKind, number> }>();
  for (const e of edges) {
    const key = `${e.a}|${e.b}`;
    const p = pairs.get(key) ?? { source: e.a, target: e.b, kinds: { care_team: 0, referral: 0, meeting: 0 } };
    p.kinds[e.kind] += e.n;
    pairs.set(key, p);
  }
  const graph = new UndirectedGraph();
  for (const o of organisations) graph.addNode(o.id);
  for (const p of pairs.values()) if (graph.hasNode(p.source) && graph.hasNode(p.target)) graph.addEdge(p.source, p.target);
  const bc = betweennessCentrality(graph, { normalized: true });
  const nodes: NetworkNode[] = organisations.map((o) => {
    const degree = graph.degree(o.id);
    return { ...o, degree, betweenness: Math.round((bc[o.id] ?? 0) * 1000) / 1000, isolated: degree === 0 };
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
