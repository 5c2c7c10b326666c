import type { LookupAnswer, LookupProposal } from '../../companies/lookup/company-lookup.dto';
import { directoryFactsView, filledFrom, lookupQueryOf, lookupView } from './company-lookup.view';

const bakery: LookupProposal = {
  siret: '81234567600017',
  siren: '812345676',
  name: 'BOULANGERIE DU MARCHE',
  nafCode: '10.71C',
  sectorLabel: 'Boulangerie et boulangerie-pâtisserie',
  headcountBand: '03',
  address: '12 RUE DU MARCHE',
  postcode: '59100',
  commune: 'ROUBAIX',
  closed: false,
  closedOn: null,
  headOffice: true,
  existing: null,
};
const ok = (proposals: LookupProposal[]): LookupAnswer => ({ status: 'ok', code: null, message: null, total: proposals.length, proposals });

describe('the look-up region of the new company form', () => {
  it.each([
    ['a name and a postcode', { name: 'boulangerie', postcode: '59100', commune: 'Roubaix' }, { q: 'boulangerie', postcode: '59100' }],
    ['a name and a commune', { name: 'boulangerie', postcode: '', commune: 'Roubaix' }, { q: 'boulangerie', commune: 'Roubaix' }],
    ['a postcode half typed is left out', { name: 'boulangerie', postcode: '591', commune: '' }, { q: 'boulangerie', commune: undefined }],
    ['two letters ask nothing', { name: 'bo', postcode: '59100', commune: '' }, null],
  ])('asks the directory: %s', (_case, asked, expected) => {
    expect(lookupQueryOf(asked)).toEqual(expected);
  });

  it.each([
    ['nothing typed yet', { name: '', postcode: '', commune: '' }, null, null],
    ['two letters', { name: 'bo', postcode: '', commune: '' }, null, 'Saisissez au moins 3 caractères du nom pour chercher dans l’annuaire des entreprises.'],
    ['none found in a postcode', { name: 'forge', postcode: '59100', commune: '' }, ok([]), 'Aucun établissement de l’annuaire ne correspond à « forge » au 59100.'],
    ['one found in a commune', { name: 'marché', postcode: '', commune: 'Roubaix' }, ok([bakery]), '1 établissement de l’annuaire pour « marché » à Roubaix : choisissez-en un pour remplir la fiche.'],
    [
      'the directory silent',
      { name: 'marché', postcode: '', commune: '' },
      { status: 'unavailable', code: 'directory.unavailable', message: 'L’annuaire des entreprises ne répond pas : réessayez plus tard.', total: 0, proposals: [] },
      'L’annuaire des entreprises ne répond pas : réessayez plus tard.',
    ],
  ] as const)('says: %s', (_case, asked, answer, sentence) => {
    expect(lookupView(asked, answer as LookupAnswer | null)?.sentence ?? null).toBe(sentence);
  });

  it('shows a proposal with its place, activity and headcount, and the company it already is', () => {
    const view = lookupView({ name: 'marché', postcode: '59100', commune: '' }, ok([
      bakery,
      { ...bakery, siret: '81234567600025', closed: true, existing: { id: 'c1', name: 'Boulangerie du Marché', postcode: '59100', matchedBy: 'name' } },
    ]))!;
    expect(view.proposals[0]).toEqual({
      siret: '81234567600017',
      name: 'BOULANGERIE DU MARCHE',
      place: '59100 ROUBAIX',
      address: '12 RUE DU MARCHE',
      activity: '10.71C – Boulangerie et boulangerie-pâtisserie',
      headcount: '6 à 9 salariés',
      closed: false,
      existing: null,
    });
    expect(view.proposals[1]).toMatchObject({ closed: true, existing: { href: '/entreprises/c1', how: 'même nom et même code postal' } });
  });

  it('fills the form from a proposal and keeps the rest of what was typed', () => {
    const values = { name: 'marché', siret: '', nafCode: '', sectorLabel: 'typed', headcountBand: '', address: '', postcode: '', commune: 'Roubaix', tags: 'pain', ownerId: 'u1' };
    expect(filledFrom(values, { ...bakery, headcountBand: null })).toEqual({
      ...values,
      name: 'BOULANGERIE DU MARCHE',
      siret: '81234567600017',
      nafCode: '10.71C',
      sectorLabel: '',
      headcountBand: '',
      address: '12 RUE DU MARCHE',
      postcode: '59100',
      commune: 'ROUBAIX',
    });
  });

  it.each([
    ['closed on a day, checked in the evening (Paris)', { siret: '1', establishmentClosed: true, establishmentClosedOn: '2025-06-01', directoryCheckedAt: new Date('2026-12-07T23:30:00Z') },
      { closed: 'l’annuaire des entreprises l’indique fermé depuis le 1er juin 2025.', canRefresh: true, checked: 'Dernière mise à jour depuis l’annuaire le 8 décembre 2026.' }],
    ['closed, day unknown', { siret: '1', establishmentClosed: true, establishmentClosedOn: null, directoryCheckedAt: null },
      { closed: 'l’annuaire des entreprises l’indique fermé.', canRefresh: true, checked: null }],
    ['no SIRET: nothing to refresh', { siret: null, establishmentClosed: false, establishmentClosedOn: null, directoryCheckedAt: null },
      { closed: null, canRefresh: false, checked: null }],
  ])('the company page: %s', (_case, company, expected) => {
    expect(directoryFactsView(company, 'Europe/Paris')).toEqual(expected);
  });
});
