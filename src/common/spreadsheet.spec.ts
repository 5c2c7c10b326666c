import { attachmentDisposition, spreadsheetDay, spreadsheetText, spreadsheetTime } from './spreadsheet';

describe('what French Excel reads as written', () => {
  it.each([
    ['a postcode of the Ain keeps its leading zero', '01000', '="01000"'],
    ['a Corsican postcode', '20000', '="20000"'],
    ['a SIRET keeps its 14 digits', '35600000000048', '="35600000000048"'],
    ['nothing stays empty', null, ''],
    ['a quote cannot close the formula', '0"1', '="0""1"'],
  ])('%s', (_case, value, written) => {
    expect(spreadsheetText(value)).toBe(written);
  });

  it.each([
    ['a day of the period', '2026-12-04', '04/12/2026'],
    ['the first of the year', '2027-01-01', '01/01/2027'],
    ['anything else as is', 'bientôt', 'bientôt'],
  ])('%s', (_case, day, written) => {
    expect(spreadsheetDay(day)).toBe(written);
  });

  it.each([
    ['4 December 00:30 in Paris is still 3 December in UTC', '2026-12-03T23:30:00.000Z', '04/12/2026 00:30'],
    ['summer time: 1 June 00:30 in Paris', '2026-05-31T22:30:00Z', '01/06/2026 00:30'],
    ['the spring change: 03:00 Paris right after 01:59 UTC', '2026-03-29T01:00:00Z', '29/03/2026 03:00'],
    ['a Date as well as a string', new Date('2026-03-01T08:05:00Z'), '01/03/2026 09:05'],
  ])('%s', (_case, instant, written) => {
    expect(spreadsheetTime(instant, 'Europe/Paris')).toBe(written);
  });

  it.each([
    ['an ASCII name as is', 'entonnoir-2026-01-01-au-2026-12-31.csv', 'attachment; filename="entonnoir-2026-01-01-au-2026-12-31.csv"'],
    [
      'accents: an ASCII fallback and the UTF-8 name',
      'activité-2026-01-01-au-2026-12-31.csv',
      `attachment; filename="activite-2026-01-01-au-2026-12-31.csv"; filename*=UTF-8''activit%C3%A9-2026-01-01-au-2026-12-31.csv`,
    ],
    ['no quote or space can break the header', 'a "b" c.csv', `attachment; filename="a-b-c.csv"; filename*=UTF-8''a%20%22b%22%20c.csv`],
  ])('%s', (_case, name, header) => {
    expect(attachmentDisposition(name)).toBe(header);
  });
});
