import { lastsAtLeastMonths, periodLastDay } from './periods';

describe('periodLastDay', () => {
  it.each([
    ['2026-03-02', 1, '2026-04-01'],
    ['2026-03-01', 1, '2026-03-31'],
    ['2026-01-28', 1, '2026-02-27'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-15', 1, '2027-01-14'],
    ['2026-01-15', 6, '2026-07-14'],
    ['2026-01-15', 4, '2026-05-14'],
    ['2026-01-15', 24, '2028-01-14'],
  ])('%s + %i month(s) ends on %s', (start, months, last) => {
    expect(periodLastDay(start, months)).toBe(last);
  });

  it('tells whether a period lasts some months', () => {
    expect(lastsAtLeastMonths('2026-01-15', '2026-07-14', 6)).toBe(true);
    expect(lastsAtLeastMonths('2026-01-15', '2026-07-13', 6)).toBe(false);
  });
});
