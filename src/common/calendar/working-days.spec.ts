import {
  addCalendarDays,
  addMonths,
  addWorkingDays,
  workingDaysBefore,
  calendarDayIn,
  daysBetween,
  isFrenchPublicHoliday,
  isWorkingDay,
} from './working-days';

describe('isFrenchPublicHoliday', () => {
  it.each([
    ['2026-01-01', 'Jour de l’an'],
    ['2026-04-06', 'Lundi de Pâques'],
    ['2027-03-29', 'Lundi de Pâques'],
    ['2026-05-01', 'Fête du travail'],
    ['2026-05-08', 'Victoire 1945'],
    ['2026-05-14', 'Ascension'],
    ['2027-05-06', 'Ascension'],
    ['2026-05-25', 'Lundi de Pentecôte'],
    ['2026-07-14', 'Fête nationale'],
    ['2026-08-15', 'Assomption'],
    ['2026-11-01', 'Toussaint'],
    ['2026-11-11', 'Armistice'],
    ['2026-12-25', 'Noël'],
    ['2027-01-01', 'Jour de l’an'],
  ])('%s is a public holiday (%s)', (day) => {
    expect(isFrenchPublicHoliday(day)).toBe(true);
  });

  it.each([
    ['2026-04-03', 'Vendredi saint, a holiday in Alsace-Moselle only'],
    ['2026-04-05', 'Easter Sunday'],
    ['2026-05-24', 'Pentecost Sunday, an observance'],
    ['2026-05-31', 'Fête des mères, an observance'],
    ['2026-12-24', 'Christmas Eve'],
    ['2026-12-26', 'Saint-Étienne, a holiday in Alsace-Moselle only'],
    ['2026-06-08', 'an ordinary Monday'],
  ])('%s is not (%s)', (day) => {
    expect(isFrenchPublicHoliday(day)).toBe(false);
  });

  it.each([['2026-13-01'], ['2026-02-30'], ['26-01-01'], ['2026-1-1'], ['']])('refuses %j', (day) => {
    expect(() => isFrenchPublicHoliday(day)).toThrow(RangeError);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2026-06-08', true, 'Monday'],
    ['2026-06-05', true, 'Friday'],
    ['2026-04-03', true, 'Good Friday'],
    ['2026-06-06', false, 'Saturday'],
    ['2026-06-07', false, 'Sunday'],
    ['2026-04-06', false, 'Easter Monday'],
    ['2026-05-14', false, 'Ascension, a Thursday'],
    ['2026-05-25', false, 'Whit Monday'],
    ['2026-07-14', false, '14 July, a Tuesday'],
    ['2026-12-25', false, 'Christmas, a Friday'],
  ])('%s → %s (%s)', (day, working) => {
    expect(isWorkingDay(day)).toBe(working);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-06-08', 0, '2026-06-08', 'Monday + 0 is that Monday'],
    ['2026-06-06', 0, '2026-06-08', 'Saturday + 0 is the next Monday'],
    ['2026-12-25', 0, '2026-12-28', 'Christmas + 0 is the next Monday'],
    ['2027-01-01', 0, '2027-01-04', 'New Year’s Day + 0 is the next Monday'],
    ['2026-06-08', 1, '2026-06-09', 'Monday + 1'],
    ['2026-06-05', 1, '2026-06-08', 'Friday + 1 is Monday'],
    ['2026-06-06', 1, '2026-06-08', 'Saturday + 1 is Monday'],
    ['2026-06-05', 5, '2026-06-12', 'Friday + 5 is the next Friday'],
    ['2026-12-31', 1, '2027-01-04', 'turn of the year: 01-01 holiday, then a weekend'],
    ['2026-12-24', 1, '2026-12-28', 'Christmas Eve + 1 skips Christmas and the weekend'],
    ['2026-12-23', 2, '2026-12-28', 'across Christmas'],
    ['2026-04-03', 1, '2026-04-07', 'Good Friday + 1 skips Easter Monday'],
    ['2027-03-26', 1, '2027-03-30', 'Friday before Easter Monday 2027'],
    ['2026-04-30', 1, '2026-05-04', 'Thursday before 1 May, a Friday'],
    ['2026-05-07', 1, '2026-05-11', 'Thursday before 8 May, a Friday'],
    ['2026-05-13', 1, '2026-05-15', 'Wednesday before Ascension'],
    ['2026-05-14', 1, '2026-05-15', 'from Ascension itself'],
    ['2026-05-07', 5, '2026-05-18', 'over 8 May and Ascension'],
    ['2026-05-22', 1, '2026-05-26', 'Friday before Whit Monday'],
    ['2026-07-13', 1, '2026-07-15', 'Monday before 14 July'],
    ['2026-11-10', 1, '2026-11-12', 'Tuesday before 11 November'],
  ])('%s + %i → %s (%s)', (day, count, expected) => {
    expect(addWorkingDays(day, count)).toBe(expected);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses a count of %s', (count) => {
    expect(() => addWorkingDays('2026-06-08', count)).toThrow(RangeError);
  });
});

describe('workingDaysBefore', () => {
  it.each([
    ['2027-03-16', 2, '2027-03-12', 'Tuesday − 2 is the Friday before'],
    ['2027-03-18', 2, '2027-03-16', 'Thursday − 2 is Tuesday'],
    ['2027-03-15', 1, '2027-03-12', 'Monday − 1 is Friday'],
    ['2027-03-14', 2, '2027-03-11', 'from a Sunday: Friday, Thursday'],
    ['2027-05-18', 2, '2027-05-13', 'Whit Monday 17 May 2027 is off'],
    ['2027-05-07', 2, '2027-05-04', 'Ascension 6 May 2027 is off'],
    ['2027-03-30', 2, '2027-03-25', 'Easter Monday 29 March 2027 is off'],
    ['2027-01-04', 2, '2026-12-30', 'over New Year’s Day, a Friday'],
    ['2026-12-28', 1, '2026-12-24', 'over Christmas and a weekend'],
  ])('%s − %i working days → %s (%s)', (day, count, expected) => {
    expect(workingDaysBefore(day, count)).toBe(expected);
  });

  it.each([[0], [-1], [1.5]])('refuses a count of %s', (count) => {
    expect(() => workingDaysBefore('2026-06-08', count)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2026-06-08', 0, '2026-06-08'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2026-06-08', 7, '2026-06-15'],
  ])('%s + %i → %s', (day, count, expected) => {
    expect(addCalendarDays(day, count)).toBe(expected);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-01-15', 12, '2027-01-15'],
    ['2026-05-25', 0, '2026-05-25'],
  ])('%s + %i months → %s', (day, count, expected) => {
    expect(addMonths(day, count)).toBe(expected);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2026-06-08', '2026-06-08', 0],
    ['2026-12-31', '2027-01-01', 1],
    ['2026-03-01', '2026-02-28', -1],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
  ])('%s → %s is %i', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});

describe('calendarDayIn', () => {
  it.each([
    ['Europe/Paris', '2026-03-28T22:59:59Z', '2026-03-28', '23:59:59 CET'],
    ['Europe/Paris', '2026-03-28T23:30:00Z', '2026-03-29', '00:30 CET, the night clocks go forward'],
    ['Europe/Paris', '2026-03-29T21:59:59Z', '2026-03-29', '23:59:59 CEST'],
    ['Europe/Paris', '2026-03-29T22:00:00Z', '2026-03-30', 'midnight CEST'],
    ['Europe/Paris', '2026-10-24T21:59:59Z', '2026-10-24', '23:59:59 CEST'],
    ['Europe/Paris', '2026-10-24T22:30:00Z', '2026-10-25', '00:30 CEST, the night clocks go back'],
    ['Europe/Paris', '2026-10-25T22:59:59Z', '2026-10-25', '23:59:59 CET'],
    ['Europe/Paris', '2026-10-25T23:00:00Z', '2026-10-26', 'midnight CET'],
    ['UTC', '2026-03-28T23:30:00Z', '2026-03-28', 'UTC'],
    ['Pacific/Noumea', '2026-12-31T13:00:00Z', '2027-01-01', 'UTC+11'],
    ['America/Cayenne', '2027-01-01T02:00:00Z', '2026-12-31', 'UTC-3'],
  ])('%s at %s is %s (%s)', (timeZone, instant, day) => {
    expect(calendarDayIn(timeZone, new Date(instant))).toBe(day);
  });
});
