import { followUpReturn, followUpRow, followUpSort, rescheduledDay, returnAddress, sortLinks, sortRows } from './follow-ups.view';
import { navigationFor } from '../kit/navigation';
import { dailyActions, lateLeadRow } from '../home/home.view';

function card(id: string, name: string, dueOn: string | null, owner: string | null, actionOwner: string | null = owner) {
  return {
    id,
    name,
    version: 3,
    owner: owner ? { id: `u-${owner}`, name: owner } : null,
    nextAction: dueOn ? { type: 'call' as const, dueOn, owner: actionOwner ? { id: `u-${actionOwner}`, name: actionOwner } : null } : null,
  };
}

describe('follow-ups: the order of the rows', () => {
  const rows = [card('1', 'Zèbre', '2026-12-03', 'Bruno'), card('2', 'école', null, null), card('3', 'Atelier', '2026-12-01', 'Amina'), card('4', 'Épicerie', '2026-12-03', null)];
  it.each([
    ['echeance', ['3', '4', '1', '2']],
    ['entreprise', ['3', '2', '4', '1']],
    ['responsable', ['3', '1', '2', '4']],
  ] as const)('?tri=%s', (sort, ids) => {
    expect(sortRows(rows, sort).map((row) => row.id)).toEqual(ids);
  });

  it.each([
    ['echeance', 'echeance'],
    ['entreprise', 'entreprise'],
    ['responsable', 'responsable'],
    [undefined, 'echeance'],
    ['constructor', 'echeance'],
    [['entreprise'], 'echeance'],
  ])('reads ?tri=%p as %p', (param, sort) => {
    expect(followUpSort(param)).toBe(sort);
  });

  it('marks the current sort link and keeps the owner choice', () => {
    expect(sortLinks('entreprise', true).map((link) => [link.href, link.current])).toEqual([
      ['/relances?tri=echeance&owner=all', false],
      ['/relances?tri=entreprise&owner=all', true],
      ['/relances?tri=responsable&owner=all', false],
    ]);
  });
});

describe('follow-ups: the day a rescheduled action moves to', () => {
  it.each([
    ['a working day', '2026-12-08', '2026-12-08'],
    ['today', '2026-12-07', '2026-12-07'],
    ['a Saturday', '2026-12-12', '2026-12-14'],
    ['Christmas (a Friday)', '2026-12-25', '2026-12-28'],
    ['New Year’s Eve to New Year (Friday 1 January 2027)', '2027-01-01', '2027-01-04'],
    ['yesterday', '2026-12-06', 'past'],
    ['not a day', '2026-02-30', 'invalid'],
    ['empty', '', 'invalid'],
    ['a French date', '08/12/2026', 'invalid'],
  ])('%s', (_case, typed, expected) => {
    expect(rescheduledDay(typed, '2026-12-07')).toBe(expected);
  });
});

describe('follow-ups: a row and its forms', () => {
  it.each([
    ['+33 6 12 34 56 78', 'tel:+33612345678'],
    ['06.12.34.56.78', 'tel:0612345678'],
    [null, null],
  ])('calls %p as %p', (phone, tel) => {
    expect(followUpRow(card('1', 'A', '2026-12-01', 'Amina'), phone, 'relances').tel).toBe(tel);
  });

  it.each([
    ['owned, with an action', card('1', 'A', '2026-12-01', 'Amina'), { canClaim: false, canReschedule: true }],
    ['unassigned, no action', card('1', 'A', null, null), { canClaim: true, canReschedule: false }],
  ])('%s', (_case, row, expected) => {
    const view = followUpRow(row, null, 'relances');
    expect({ canClaim: view.canClaim, canReschedule: view.canReschedule }).toEqual(expected);
  });

  it('shows a refused quick log again, open, with its errors and what was typed', () => {
    const view = followUpRow(card('1', 'A', '2026-12-01', 'Amina'), null, 'accueil', {
      form: 'fait',
      values: { type: 'meeting', outcome: 'refused', text: 'Trop tôt', refusalReason: '' },
      errors: { refusalReason: 'Indiquez la raison du refus.' },
    });
    expect(view.anchor).toBe('journee-1');
    expect(view.log.open).toBe(true);
    expect(view.reschedule.open).toBe(false);
    expect(view.log.types.find((item) => item.selected)?.value).toBe('meeting');
    expect(view.log.outcomes.find((item) => item.selected)?.value).toBe('refused');
    expect(view.log.errors).toEqual({ refusalReason: 'Indiquez la raison du refus.' });
    expect(view.reschedule.errors).toEqual({});
  });

  it.each([
    ['accueil', 'fait', '/?ok=fait#journee-c1'],
    ['relances', 'prise', '/relances?ok=prise#relance-c1'],
    ['other', 'reportee', '/relances?ok=reportee#relance-c1'],
  ] as const)('returns %p after %p to %p', (to, key, address) => {
    expect(returnAddress(followUpReturn(to), key, 'c1')).toBe(address);
  });
});

describe('the menu counts today’s work beside « Relances »', () => {
  it.each([
    [3, 3],
    [0, undefined],
    [undefined, undefined],
  ])('%p due', (dueToday, shown) => {
    const items = navigationFor('staff', '/', { dueToday });
    expect(items.find((item) => item.path === '/relances')?.count).toBe(shown);
    expect(items.filter((item) => item.count !== undefined).length).toBe(shown ? 1 : 0);
  });
});

describe('Ma journée', () => {
  it('lists my actions first, oldest due first, then the rest of the team’s', () => {
    const mine = [card('b', 'B', '2026-12-07', 'me'), card('a', 'A', '2026-12-01', 'me')];
    const team = [card('a', 'A', '2026-12-01', 'me'), card('c', 'C', '2026-12-05', 'Léa'), card('d', 'D', '2026-12-02', 'Léa', 'me')];
    const { mine: own, team: others } = dailyActions(mine, team, 'u-me');
    expect(own.map((row) => row.id)).toEqual(['a', 'b']);
    expect(others.map((row) => row.id)).toEqual(['c']);
  });

  it.each([
    ['2026-12-01', '2026-12-07', 6],
    ['2026-12-07', '2026-12-07', 0],
  ])('a lead due by %s is %p days late on %s', (dueBy, today, days) => {
    expect(lateLeadRow({ id: 'l', jobTitle: 'Cariste', companyId: 'c', companyName: null, proposalDueBy: dueBy }, today)).toMatchObject({ daysLate: days, companyName: '—' });
  });
});
