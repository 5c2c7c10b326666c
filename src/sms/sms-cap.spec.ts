import { capMonth, capWarningDue, capWarningMessage, capWarningRearmed } from './sms-cap';

describe('capWarningDue: managers warned once a month at 80 % of the cap', () => {
  it.each([
    ['399 of 500: not yet', 399, 500, null, false],
    ['400 of 500: 80 %, warned', 400, 500, null, true],
    ['401 of 500, warned last month: warned again', 401, 500, '2027-03', true],
    ['450 of 500, already warned this month: not again', 450, 500, '2027-04', false],
    ['the cap reached (a refused text), never warned: warned', 500, 500, null, true],
    ['a cap of 0 is SMS switched off on purpose: no warning', 0, 0, null, false],
    ['8 of 10: warned', 8, 10, null, true],
    ['7 of 10: not yet', 7, 10, null, false],
  ])('%s', (_case, sentThisMonth, cap, warnedFor, expected) => {
    expect(capWarningDue({ sentThisMonth, cap, warnedFor, month: '2027-04' })).toBe(expected);
  });

  it('stores the Paris month as YYYY-MM', () => {
    expect(capMonth('2027-04-30')).toBe('2027-04');
  });

  it('says how much is used, and what happens beyond', () => {
    expect(capWarningMessage(400, 500)).toMatch(/^80 % du plafond mensuel de SMS est utilisé : 400 SMS sur 500 ce mois-ci\./);
    expect(capWarningMessage(500, 500)).toMatch(/^Le plafond mensuel de SMS est atteint : 500 SMS sur 500 ce mois-ci\./);
  });
});

describe('capWarningRearmed: a cap raised above this month’s use warns again', () => {
  it.each([
    ['4 used, raised from 5 to 10 (mark 8): warned again at 8', 4, 10, true],
    ['8 used, raised to 10: already at the mark, no second warning', 8, 10, false],
    ['4 used, set to 0 (texts off): nothing', 4, 0, false],
    ['0 used, set to 500: armed', 0, 500, true],
  ])('%s', (_case, used, cap, expected) => {
    expect(capWarningRearmed(used, cap)).toBe(expected);
  });
});
