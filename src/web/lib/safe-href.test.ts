import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';

describe('safeHref', () => {
  it('turns only http(s) URLs into link targets', () => {
    for (const v of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'vbscript:x', '/relative', '']) expect(safeHref(v), v).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
    expect(safeHref('https://www.cjgparkstad.nl/')).toBe('https://www.cjgparkstad.nl/');
  });
});
