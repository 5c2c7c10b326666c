import { formatPhone, parsePhone, storedPhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['a mobile with spaces', '06 12 34 56 78', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a mobile with dots', '06.12.34.56.78', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a mobile with dashes', '06-12-34-56-78', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a mobile run together', '0612345678', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a 07 mobile', '07 61 22 33 44', '+33761223344', '07 61 22 33 44', 'mobile'],
    ['a mobile in international form', '+33 6 12 34 56 78', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a mobile in E.164', '+33612345678', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a mobile dialled from abroad', '0033 6 12 34 56 78', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a mobile with the bracketed 0', '+33 (0)6 12 34 56 78', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a mobile with no-break spaces', '06\u00a012\u00a034\u00a056\u00a078', '+33612345678', '06 12 34 56 78', 'mobile'],
    ['a Lille landline', '03 20 45 12 78', '+33320451278', '03 20 45 12 78', 'fixed'],
    ['a Paris landline', '01 42 68 53 00', '+33142685300', '01 42 68 53 00', 'fixed'],
    ['a Guyane mobile', '0694 20 12 34', '+594694201234', '0694 20 12 34', 'mobile'],
    ['a Réunion landline', '0262 21 12 34', '+262262211234', '0262 21 12 34', 'fixed'],
    ['a Réunion mobile', '0692 12 34 56', '+262692123456', '0692 12 34 56', 'mobile'],
    ['a Guadeloupe mobile in international form', '+590 690 12 34 56', '+590690123456', '0690 12 34 56', 'mobile'],
    ['a Guadeloupe mobile typed the French way', '06 90 12 34 56', '+590690123456', '0690 12 34 56', 'mobile'],
    ['a Brussels landline', '+32 2 511 22 33', '+3225112233', '+32 2 511 22 33', 'fixed'],
    ['a Belgian mobile', '+32 470 12 34 56', '+32470123456', '+32 470 12 34 56', 'mobile'],
    ['a Swiss mobile dialled with 00', '0041 79 123 45 67', '+41791234567', '+41 79 123 45 67', 'mobile'],
    ['a box number (09)', '09 70 12 34 56', '+33970123456', '09 70 12 34 56', 'other'],
    ['a free number (0800)', '0800 12 34 56', '+33800123456', '0 800 12 34 56', 'other'],
  ])('%s: %p → %p', (_case, input, e164, national, type) => {
    expect(parsePhone(input)).toEqual({ e164, national, type, isMobile: type === 'mobile' });
  });

  it.each([
    ['blank', ''],
    ['nothing', null],
    ['too short', '06 12 34'],
    ['one digit too many', '06 12 34 56 789'],
    ['one digit too few', '06 12 34 56 7'],
    ['letters', 'appeler le matin'],
    ['a letter among the digits', '06 12 3A 56 78'],
    ['an extension after the number', '06 12 34 56 78 poste 12'],
    ['free text around the number', 'tél. 06 12 34 56 78'],
    ['a premium-rate number', '08 99 23 45 67'],
    ['an unallocated French range', '04 00 12 34 56'],
    ['a number starting with 00 alone', '00 00 00 00 00'],
    ['a plus in the middle', '06 12 +34 56 78'],
  ])('%s: %p is not a number', (_case, input) => {
    expect(parsePhone(input)).toBeNull();
  });

  it('reads a national number in another default country', () => {
    expect(parsePhone('0470 12 34 56', 'BE')).toMatchObject({ e164: '+32470123456', type: 'mobile' });
  });
});

describe('formatPhone', () => {
  it.each([
    ['+33612345678', '06 12 34 56 78'],
    ['+33320451278', '03 20 45 12 78'],
    ['+594694201234', '0694 20 12 34'],
    ['+32470123456', '+32 470 12 34 56'],
    ['le standard', 'le standard'],
    ['06 12 34', '06 12 34'],
    ['', ''],
    [null, ''],
  ])('%p reads %p', (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });
});

describe('storedPhone', () => {
  it.each([
    ['06.12.34.56.78', '+33612345678'],
    ['  03 20 45 12 78 ', '+33320451278'],
    ['le standard', 'le standard'],
    ['   ', null],
    [null, null],
  ])('%p is stored as %p', (typed, stored) => {
    expect(storedPhone(typed)).toBe(stored);
  });
});
