import { gsm7Length, isGsm7 } from './gsm7';

describe('isGsm7', () => {
  it.each([
    ['« ê », which GSM-7 lacks', 'Bonjour, votre point de suivi est prêt.', false],
    ['« é », « à », « ù », which it has', 'Réponse attendue à 14h : où en est-il ?', true],
    ['the typographic apostrophe Word puts in', 'Aujourd’hui', false],
    ['the straight apostrophe', "Aujourd'hui", true],
    ['« œ » as in « cœur »', 'Le cœur du métier', false],
    ['« ç » lower case (only « Ç » is in GSM-7)', 'Ça commence', true],
    ['« ç » in « reçu »', 'Message reçu', false],
    ['the euro sign, from the extension table', 'Prime de 50 €', true],
    ['an emoji', 'Bravo 👍', false],
  ])('%s', (_case, text, expected) => {
    expect(isGsm7(text)).toBe(expected);
  });

  it('counts extension characters twice', () => {
    expect(gsm7Length('50 €')).toBe(5);
    expect(gsm7Length('[ok]')).toBe(6);
    expect(gsm7Length('Bonjour')).toBe(7);
  });
});
