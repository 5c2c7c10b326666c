import { fitsInTwoSegments, MAX_SEGMENTS, smsSegments, toGsmFriendly } from './sms-text';

const reminder = 'Bonjour Awa, rappel : RDV demain à 9h30 chez Propreté Nordique, 12 rue de la Gare à Roubaix. Répondez ici : https://tremplin.example/r/4f2a';

describe('smsSegments', () => {
  it.each<[string, string, 'GSM-7' | 'UCS-2', number, number]>([
    ['nothing', '', 'GSM-7', 0, 0],
    ['French accents GSM-7 has', 'é è à ù ç É', 'GSM-7', 11, 1],
    ['a real reminder', reminder, 'GSM-7', reminder.length, 1],
    ['160 plain characters', 'a'.repeat(160), 'GSM-7', 160, 1],
    ['161 plain characters', 'a'.repeat(161), 'GSM-7', 161, 2],
    ['306 plain characters', 'a'.repeat(306), 'GSM-7', 306, 2],
    ['307 plain characters', 'a'.repeat(307), 'GSM-7', 307, 3],
    ['the euro sign counts 2', '10 €', 'GSM-7', 5, 1],
    ['each extension character counts 2', '[]{}^~\\|€', 'GSM-7', 18, 1],
    ['80 euro signs fill one SMS', '€'.repeat(80), 'GSM-7', 160, 1],
    ['an escape is never cut between two parts', `${'a'.repeat(152)}€${'a'.repeat(10)}`, 'GSM-7', 164, 2],
    ['77 euro signs after 152 letters need a third part', `${'a'.repeat(152)}${'€'.repeat(77)}`, 'GSM-7', 306, 3],
    ['« œ » switches to UCS-2', 'Un cœur', 'UCS-2', 7, 1],
    ['the typographic apostrophe switches to UCS-2', 'C’est confirmé', 'UCS-2', 14, 1],
    ['« ê » switches to UCS-2', 'Vous êtes attendu', 'UCS-2', 17, 1],
    ['French quotes switch to UCS-2', '« oui »', 'UCS-2', 7, 1],
    ['70 UCS-2 units', 'œ'.repeat(70), 'UCS-2', 70, 1],
    ['71 UCS-2 units', 'œ'.repeat(71), 'UCS-2', 71, 2],
    ['134 UCS-2 units', 'œ'.repeat(134), 'UCS-2', 134, 2],
    ['135 UCS-2 units', 'œ'.repeat(135), 'UCS-2', 135, 3],
    ['an emoji counts 2 units', 'Bravo 👍', 'UCS-2', 8, 1],
    ['an emoji is never cut between two parts', `${'œ'.repeat(66)}👍${'œ'.repeat(10)}`, 'UCS-2', 78, 2],
    ['Arabic script', 'مرحبا', 'UCS-2', 5, 1],
  ])('%s', (_case, text, encoding, length, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, length, segments });
  });
});

describe('fitsInTwoSegments', () => {
  it.each([
    ['the reminder', reminder, true],
    ['306 GSM-7 characters', 'a'.repeat(306), true],
    ['307 GSM-7 characters', 'a'.repeat(307), false],
    ['134 UCS-2 units', `C’est ${'a'.repeat(128)}`, true],
    ['135 UCS-2 units', `C’est ${'a'.repeat(129)}`, false],
  ])('%s: %p', (_case, text, fits) => {
    expect(fitsInTwoSegments(text)).toBe(fits);
    expect(MAX_SEGMENTS).toBe(2);
  });
});

describe('toGsmFriendly', () => {
  it.each([
    ['the typographic apostrophe', 'C’est noté, à jeudi', "C'est noté, à jeudi"],
    ['French quotes and their thin spaces', '« Oui » ou « Non »', '" Oui " ou " Non "'],
    ['« œ » and circumflexes', 'Vœux : êtes-vous sûr ? Hôtel, île', 'Voeux : etes-vous sur ? Hotel, ile'],
    ['capitals GSM-7 lacks', 'À BIENTÔT, ÇA MARCHE', 'A BIENTOT, ÇA MARCHE'],
    ['dashes and the ellipsis', 'Lundi – 9h—10h…', 'Lundi - 9h-10h...'],
    ['a decomposed accent', 'e\u0301te\u0301', 'été'],
    ['accents GSM-7 has are kept', 'é è à ù ç É', 'é è à ù ç É'],
    ['an emoji is left', 'Bravo 👍', 'Bravo 👍'],
  ])('%s', (_case, text, friendly) => {
    expect(toGsmFriendly(text)).toBe(friendly);
  });

  it('keeps our own French texts in GSM-7', () => {
    const text = toGsmFriendly('Bonjour, c’est Julie de l’association « Tremplin » : votre rendez-vous de l’après-midi est confirmé. Vous êtes attendu à 14 h. Bien à vous…');
    expect(smsSegments(text)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });
});
