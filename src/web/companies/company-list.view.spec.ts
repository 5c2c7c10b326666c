import { parseBoardFilters } from '../board/board.form';
import { bulkStageOptions, changedHref, changedNotice, listHref, listQueryOf, listReturn, listSortOf, sortHeaders } from './company-list.view';

describe('the companies list: its order and its changes to several', () => {
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

  it.each([
    [{ modifiees: '3' }, '3 entreprises modifiées.'],
    [{ modifiees: '1' }, '1 entreprise modifiée.'],
    [{ modifiees: '0' }, 'Aucune entreprise modifiée : elles étaient déjà toutes ainsi.'],
    [{ modifiees: '-2' }, null],
    [{ modifiees: 'trois' }, null],
    [{}, null],
  ])('says %j after a change to several as %s', (raw, sentence) => {
    expect(changedNotice(raw)).toBe(sentence);
  });

  it('carries the list back after a change: filters, order and page, nothing else', () => {
    const back = listReturn('q=garage', '-nom', 2);
    expect(back).toBe('q=garage&tri=-nom&page=2');
    const raw = listQueryOf(`${back}&ok=creee`);
    expect(listHref(parseBoardFilters(raw).query, listSortOf(raw).key, 2)).toBe('/entreprises?q=garage&tri=-nom&page=2');
    expect(changedHref('/entreprises', 2)).toBe('/entreprises?modifiees=2');
  });

  it('offers every active stage to a selection but « Rendez-vous fixé », closed ones saying they ask a reason', () => {
    const stage = (id: string, kind: string, key: string | null, archivedAt: Date | null = null) => ({ id, name: id, kind, key, archivedAt });
    expect(bulkStageOptions([stage('A', 'open', 'to_call'), stage('B', 'open', 'meeting_booked'), stage('C', 'refused', 'refused'), stage('D', 'open', null, new Date())])).toEqual([
      { id: 'A', label: 'A' },
      { id: 'C', label: 'C (raison demandée)' },
    ]);
  });
});
