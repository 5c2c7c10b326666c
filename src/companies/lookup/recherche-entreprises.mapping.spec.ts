import { establishmentOf, establishmentsOf, headcountOf, nafOf, streetOf } from './recherche-entreprises.mapping';

describe('reading « Recherche d’entreprises » answers into our company fields', () => {
  it.each([
    ['the API’s written form', '47.11D', '47.11D'],
    ['SIRENE’s compact form', '4711D', '47.11D'],
    ['lower case', '10.71c', '10.71C'],
    ['a NAF rév. 1 code of an old unit', '52.1D', null],
    ['a rév. 2 look-alike that does not exist', '99.99Z', null],
    ['nothing', null, null],
  ])('NAF: %s', (_case, given, expected) => {
    expect(nafOf(given)).toBe(expected);
  });

  it.each([
    ['6 à 9 salariés', '03', '03'],
    ['not an employer', 'NN', 'NN'],
    ['a band INSEE does not define', '99', null],
    ['absent', null, null],
  ])('headcount band: %s', (_case, given, expected) => {
    expect(headcountOf(given)).toBe(expected);
  });

  it.each([
    ['postcode and commune dropped', '12 RUE DU MARCHE 59100 ROUBAIX', '59100', 'ROUBAIX', '12 RUE DU MARCHE'],
    ['a CEDEX line loses its CEDEX too', 'ZI NORD 59100 ROUBAIX CEDEX', '59100', 'ROUBAIX', 'ZI NORD'],
    ['a number in the street that looks like a postcode', '59100 AVENUE DES NATIONS 59000 LILLE', '59000', 'LILLE', '59100 AVENUE DES NATIONS'],
    ['another commune at the end stays', '3 RUE HAUTE 59100 CROIX', '59100', 'ROUBAIX', '3 RUE HAUTE 59100 CROIX'],
    ['only the postcode and commune', '59100 ROUBAIX', '59100', 'ROUBAIX', null],
    ['spaces tidied', '  1  PLACE   DU THEATRE 59000 LILLE ', '59000', 'LILLE', '1 PLACE DU THEATRE'],
    ['no address', null, '59000', 'LILLE', null],
  ])('street line: %s', (_case, adresse, postcode, commune, expected) => {
    expect(streetOf(adresse, postcode, commune)).toBe(expected);
  });

  const siege = {
    siret: '81234567600017',
    adresse: '12 RUE DU MARCHE 59100 ROUBAIX',
    code_postal: '59100',
    libelle_commune: 'ROUBAIX',
    commune: '59512',
    activite_principale: '10.71C',
    etat_administratif: 'A',
    est_siege: true,
    tranche_effectif_salarie: '03',
    latitude: '50.69',
    longitude: '3.18',
  };

  it('maps an establishment to our fields', () => {
    expect(establishmentOf({ siren: '812345676', nom_complet: 'BOULANGERIE DU MARCHE', siege }, siege)).toEqual({
      siret: '81234567600017',
      siren: '812345676',
      name: 'BOULANGERIE DU MARCHE',
      nafCode: '10.71C',
      headcountBand: '03',
      address: '12 RUE DU MARCHE',
      postcode: '59100',
      commune: 'ROUBAIX',
      closed: false,
      closedOn: null,
      headOffice: true,
    });
  });

  it.each([
    ['a sole trader’s shop goes by its sign', { liste_enseignes: ['BOULANGERIE LEFEBVRE'] }, { name: 'BOULANGERIE LEFEBVRE' }],
    ['a closed establishment, with its day', { etat_administratif: 'F', date_fermeture: '2025-06-30' }, { closed: true, closedOn: '2025-06-30' }],
    ['a closing day that is not a day', { etat_administratif: 'F', date_fermeture: '30/06/2025' }, { closed: true, closedOn: null }],
    ['the unit’s NAF when the establishment has none', { activite_principale: null }, { nafCode: '47.11D' }],
    ['a postcode that is not one', { code_postal: '591' }, { postcode: null, address: '12 RUE DU MARCHE 59100 ROUBAIX' }],
    ['not the head office', { est_siege: false }, { headOffice: false }],
  ])('%s', (_case, change, expected) => {
    const unit = { siren: '812345676', nom_complet: 'MARIE LEFEBVRE (BOULANGERIE LEFEBVRE)', activite_principale: '47.11D', siege };
    expect(establishmentOf(unit, { ...siege, ...change })).toMatchObject(expected);
  });

  it('skips an establishment without a usable SIRET (non-diffusible units hide it)', () => {
    expect(establishmentOf({ nom_complet: 'X' }, { ...siege, siret: '[ND]' })).toBeNull();
    expect(establishmentOf({ nom_complet: 'X' }, { ...siege, siret: null })).toBeNull();
  });

  it('proposes the matching establishments, else the head office, each once, and keeps the total', () => {
    const other = { ...siege, siret: '81234567600025', est_siege: false };
    const answer = establishmentsOf({
      results: [
        { siren: '812345676', nom_complet: 'A', siege, matching_etablissements: [other, siege] },
        { siren: '798765434', nom_complet: 'B', siege: { ...siege, siret: '79876543400013' }, matching_etablissements: [] },
        { siren: '812345676', nom_complet: 'A again', siege, matching_etablissements: [siege] },
      ],
      total_results: 42,
    });
    expect(answer.establishments.map((one) => one.siret)).toEqual(['81234567600025', '81234567600017', '79876543400013']);
    expect(answer.total).toBe(42);
    expect(establishmentsOf({})).toEqual({ establishments: [], total: 0 });
  });
});
