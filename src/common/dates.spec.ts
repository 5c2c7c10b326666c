import { isCalendarDay, parseInstant } from './dates';

describe('isCalendarDay', () => {
  it.each([
    ['an ordinary day', '2026-03-02'],
    ['29 February of a leap year', '2028-02-29'],
    ['29 February 2000 (divisible by 400)', '2000-02-29'],
    ['New Year’s Eve', '2026-12-31'],
  ])('takes %s (%s)', (_name, value) => expect(isCalendarDay(value)).toBe(true));

  it.each([
    ['30 February', '2026-02-30'],
    ['29 February of a common year', '2027-02-29'],
    ['29 February 1900 (divisible by 100)', '1900-02-29'],
    ['31 April', '2026-04-31'],
    ['month 13', '2026-13-01'],
    ['day zero', '2026-03-00'],
    ['year zero', '0000-01-01'],
    ['a date-time', '2026-03-02T10:00:00Z'],
    ['a French date', '02/03/2026'],
    ['no leading zeros', '2026-3-2'],
    ['not a string', 20260302],
  ])('refuses %s (%s)', (_name, value) => expect(isCalendarDay(value)).toBe(false));
});

describe('parseInstant', () => {
  it.each([
    ['UTC', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00.000Z'],
    ['minutes only', '2026-03-02T10:00Z', '2026-03-02T10:00:00.000Z'],
    ['milliseconds', '2026-03-02T10:00:00.250Z', '2026-03-02T10:00:00.250Z'],
    ['Paris winter offset', '2026-03-02T11:00:00+01:00', '2026-03-02T10:00:00.000Z'],
    ['an offset that moves the day', '2026-03-01T23:30:00-02:00', '2026-03-02T01:30:00.000Z'],
    ['29 February of a leap year', '2028-02-29T12:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['the last second of the day', '2026-12-31T23:59:59Z', '2026-12-31T23:59:59.000Z'],
  ])('reads %s (%s)', (_name, value, iso) => expect(parseInstant(value)?.toISOString()).toBe(iso));

  it.each([
    ['30 February, which Date rolls over to 2 March', '2026-02-30T10:00:00Z'],
    ['31 June', '2026-06-31T10:00:00Z'],
    ['hour 24', '2026-03-02T24:00:00Z'],
    ['minute 60', '2026-03-02T10:60:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['no offset (which instant?)', '2026-03-02T10:00:00'],
    ['an offset past 14 hours', '2026-03-02T10:00:00+15:00'],
    ['offset minutes past 59', '2026-03-02T10:00:00+01:60'],
    ['a space for the T', '2026-03-02 10:00:00Z'],
    ['a day alone', '2026-03-02'],
    ['words', 'hier'],
    ['a timestamp', 1_772_445_600_000],
    ['null', null],
  ])('refuses %s (%s)', (_name, value) => expect(parseInstant(value)).toBeNull());
});
