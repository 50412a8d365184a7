import { formatPhone } from '../../../domain/directory.js';
import { toCsv } from '../../csv.js';
import type { ServiceHit } from './search.repository.js';

/** The search result as a CSV a municipality can open in a spreadsheet (semicolon-separated, as Dutch Excel expects). */
export function servicesCsv(rows: ServiceHit[]): string {
  const header = [
    'Aanbod',
    'Organisatie',
    'Programma',
    'Omschrijving',
    'Wachttijd (weken)',
    'Wachttijd per',
    'Toegang',
    'Hoe verwijzen',
    'Telefoon',
    'E-mail',
    'Laatst bevestigd',
    'Verouderd',
  ];
  const body = rows.map((r) => [
    r.name,
    r.organisationName,
    r.programmeName ?? '',
    r.summary,
    r.waitingWeeks ?? '',
    r.waitingStatedOn ?? '',
    r.accessType === 'free_access' ? 'vrij toegankelijk' : 'verwijzing nodig',
    r.howToRefer ?? '',
    r.phone ? formatPhone(r.phone) : '',
    r.email ?? '',
    r.lastConfirmedAt.toISOString().slice(0, 10),
    r.stale ? 'ja' : 'nee',
  ]);
  // The BOM makes Excel read the file as UTF-8 (ë, é in Dutch names).
  return `\uFEFF${toCsv([header, ...body], { delimiter: ';' })}`;
}
