import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RouterLink } from '../../components/RouterLink';
import type { Me } from '../../lib/api';
import { Cell } from '../families/parts';
import { shown } from './format';
import { ScopeForm, useScopeForm } from './MonitorPage';
import { type Network, useNetwork } from './queries';

/** The graph itself: organisations sized by betweenness, edges by weight (suppressed weights draw thin). */
function Graph({ network, label }: { network: Network; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(network);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the serialised network stands for all inputs
  useEffect(() => {
    if (!ref.current) return;
    const max = Math.max(1, ...network.edges.map((e) => e.weight ?? 0));
    const cy = cytoscape({
      container: ref.current,
      elements: [
        ...network.nodes.map((n) => ({ data: { id: n.id, label: n.name, size: 20 + 40 * n.betweenness, isolated: n.isolated ? 1 : 0 } })),
        ...network.edges.map((e) => ({ data: { id: `${e.source}-${e.target}`, source: e.source, target: e.target, width: 1 + 7 * ((e.weight ?? 0) / max) } })),
      ],
      style: [
        {
          selector: 'node',
          style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#1f5c99', 'font-size': 10, color: '#222' },
        },
        { selector: 'node[isolated = 1]', style: { 'background-color': '#b3261e' } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': '#8aa4c2' } },
      ],
      layout: { name: 'cose', animate: false },
      userZoomingEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
    });
    return () => cy.destroy();
  }, [key]);
  return <div ref={ref} role="img" aria-label={label} className="kp-network" />;
}

/** Which organisations actually work together — the network graph, with its table alternative. */
export function NetworkPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const s = useScopeForm(me);
  const q = useNetwork(s.query, s.qs(), Boolean(s.query.scope));
  const n = q.data;
  const name = (id: string) => n?.nodes.find((x) => x.id === id)?.name ?? id;
  return (
    <>
      <Heading1>{t('network.title')}</Heading1>
      <Paragraph>{t('network.intro')}</Paragraph>
      <Paragraph>
        <RouterLink to="/monitor">{t('network.back')}</RouterLink>
      </Paragraph>
      <ScopeForm me={me} s={s} />
      <ErrorAlert error={q.error} />
      {q.isLoading && <Paragraph>{t('app.loading')}</Paragraph>}
      {n && (
        <>
          {n.edges.length === 0 ? <Paragraph>{t('network.none')}</Paragraph> : <Graph network={n} label={t('network.graphLabel', { count: n.edges.length })} />}
          <Paragraph>
            {t('network.isolated', { count: n.nodes.filter((x) => x.isolated).length })}{' '}
            {n.nodes[0] && n.nodes[0].betweenness > 0 && t('network.keyPlayer', { name: n.nodes[0].name })}
          </Paragraph>
          <section aria-labelledby="net-orgs" className="kp-subsection">
            <Heading2 id="net-orgs">{t('network.organisations')}</Heading2>
            <DataTable
              headers={[t('network.organisation'), t('network.type'), t('network.partners'), t('network.betweenness'), t('network.status')]}
              items={n.nodes}
              rowKey={(x) => x.id}
              empty={t('network.none')}
              row={(x) => (
                <>
                  <Cell>{x.name}</Cell>
                  <Cell>{t(`orgTypes.${x.type}`, { defaultValue: x.type })}</Cell>
                  <Cell>{x.degree}</Cell>
                  <Cell>{x.betweenness.toFixed(2)}</Cell>
                  <Cell>{x.isolated ? t('network.isolatedLabel') : ''}</Cell>
                </>
              )}
            />
          </section>
          <section aria-labelledby="net-edges" className="kp-subsection">
            <Heading2 id="net-edges">{t('network.edges')}</Heading2>
            <DataTable
              headers={[
                t('network.between'),
                t('network.and'),
                t('network.weight'),
                t('network.kinds.care_team'),
                t('network.kinds.referral'),
                t('network.kinds.meeting'),
              ]}
              items={n.edges}
              rowKey={(e) => `${e.source}-${e.target}`}
              empty={t('network.none')}
              row={(e) => (
                <>
                  <Cell>{name(e.source)}</Cell>
                  <Cell>{name(e.target)}</Cell>
                  <Cell>{shown(e.weight)}</Cell>
                  <Cell>{shown(e.kinds.care_team)}</Cell>
                  <Cell>{shown(e.kinds.referral)}</Cell>
                  <Cell>{shown(e.kinds.meeting)}</Cell>
                </>
              )}
            />
          </section>
        </>
      )}
    </>
  );
}
