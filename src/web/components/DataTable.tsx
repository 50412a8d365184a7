import { Paragraph, Table, TableBody, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** A scrollable table with column headers, or the empty-state text when there are no rows (nothing while loading). */
export function DataTable<T>(props: {
  headers: string[];
  items: T[] | undefined;
  rowKey: (item: T) => string | number;
  row: (item: T) => ReactNode;
  empty: string;
}) {
  const { headers, items, rowKey, row, empty } = props;
  if (!items) return null;
  if (items.length === 0) return <Paragraph>{empty}</Paragraph>;
  return (
    <div className="kp-table-wrap">
      <Table>
        <TableHeader>
          <TableRow>
            {headers.map((h) => (
              <TableHeaderCell scope="col" key={h}>
                {h}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={rowKey(item)}>{row(item)}</TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
