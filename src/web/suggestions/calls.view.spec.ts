import { CallSuggestion } from '../../suggestions/call-suggestions.service';
import { CALL_NOTICES, callScope, doneRow, scopeLinks, suggestionRow } from './calls.view';

const bakery: CallSuggestion = {
  companyId: 'c1',
  name: 'Boulangerie Nouvelle',
  commune: 'Roubaix',
  postcode: '59100',
  nafCode: '10.71C',
  sectorLabel: null,
  phone: null,
  owner: null,
  stageName: 'À prospecter',
  version: 3,
  score: 40.1,
  due: 'never_contacted',
  reasons: ['Jamais contactée'],
};

describe('« À appeler » page view', () => {
  it.each([
    ['equipe', 'team'],
    ['moi', 'me'],
    [undefined, 'me'],
    [['equipe'], 'me'],
  ])('reads ?portee=%p as %s', (raw, scope) => expect(callScope(raw)).toBe(scope));

  it('marks the current scope', () => {
    expect(scopeLinks('team').map((link) => [link.href, link.current])).toEqual([
      ['/a-appeler', false],
      ['/a-appeler?portee=equipe', true],
    ]);
  });

  it('shows a row: where, which sector, the score in French, the reasons to choose from', () => {
    const row = suggestionRow(bakery, 'team');
    expect(row).toMatchObject({ anchor: 'suggestion-c1', place: 'Roubaix (59100)', sector: 'NAF 10.71C', score: '40,1', portee: 'equipe', owner: null });
    expect(row.dismiss.open).toBe(false);
    expect(row.dismiss.reasons.map((reason) => reason.label)).toEqual([
      'Déjà en contact par ailleurs',
      'Hors de notre territoire',
      'Secteur non pertinent',
      'Entreprise fermée',
      'Autre',
    ]);
  });

  it('keeps a refused dismissal open, with the choice and the error beside the note', () => {
    const row = suggestionRow({ ...bakery, commune: null, postcode: null }, 'me', {
      form: 'ecarter',
      values: { reason: 'other', note: '' },
      errors: { note: 'Précisez la raison en quelques mots.' },
      alert: 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    });
    expect(row.place).toBeNull();
    expect(row.dismiss).toMatchObject({ open: true, alert: undefined, errors: { note: 'Précisez la raison en quelques mots.' } });
    expect(row.dismiss.reasons.filter((reason) => reason.checked).map((reason) => reason.value)).toEqual(['other']);
    expect(row.takeAlert).toBeUndefined();
  });

  it.each([
    ['prise', 'Boulangerie Nouvelle vous est attribuée, avec un appel prévu aujourd’hui.'],
    ['ecartee', 'Boulangerie Nouvelle est écartée pour toute l’équipe.'],
  ] as const)('replaces a row %s by one sentence', (kind, message) => {
    expect(doneRow('c1', 'Boulangerie Nouvelle', kind).message).toBe(message);
    expect(CALL_NOTICES.read(kind)).toBeDefined();
  });
});
