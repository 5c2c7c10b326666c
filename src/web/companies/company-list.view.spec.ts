import { listHref, listSortOf, sortHeaders } from './company-list.view';

describe('the companies list: its order', () => {
  it.each([
    [{}, 'nom', 'name'],
    [{ tri: 'commune' }, 'commune', 'commune'],
    [{ tri: '-echeance' }, '-echeance', '-due'],
    [{ tri: 'referent' }, 'referent', 'owner'],
    [{ tri: 'siret' }, 'nom', 'name'],
    [{ tri: 'constructor' }, 'nom', 'name'],
    [{ tri: ['etape'] }, 'nom', 'name'],
  ])('reads %j as %s (%s)', (raw, key, sort) => {
    expect(listSortOf(raw as never)).toEqual({ key, sort });
  });

  it.each([
    ['', 'nom', 1, '/entreprises'],
    ['q=garage', 'nom', 2, '/entreprises?q=garage&page=2'],
    ['q=garage', '-echeance', 1, '/entreprises?q=garage&tri=-echeance'],
  ])('links %s sorted %s page %i to %s', (filters, key, page, href) => {
    expect(listHref(filters, key, page)).toBe(href);
  });

  it('makes each header sort by its column, and the current one reverse its order', () => {
    const headers = sortHeaders('owner=none', 'commune');
    expect(headers.map((header) => [header.label, header.href, header.ariaSort])).toEqual([
      ['Nom', '/entreprises?owner=none', 'none'],
      ['Commune', '/entreprises?owner=none&tri=-commune', 'ascending'],
      ['Étape', '/entreprises?owner=none&tri=etape', 'none'],
      ['Référent·e', '/entreprises?owner=none&tri=referent', 'none'],
      ['Prochaine action', '/entreprises?owner=none&tri=echeance', 'none'],
    ]);
    expect(sortHeaders('', '-commune')[1]).toMatchObject({ href: '/entreprises?tri=commune', ariaSort: 'descending', arrow: '▼' });
  });
});
