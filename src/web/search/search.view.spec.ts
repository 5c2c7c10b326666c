import { searchRomeAppellations } from '../../reference/rome';
import { pickerTarget, romeChoicesView, searchView } from './search.view';

const hit = (label: string) => ({ id: label, label, detail: null, href: `/x/${label}` });
const empty = { companies: [], contacts: [], candidates: [], leads: [] };

describe('search everywhere: the grouped results', () => {
  it.each([
    [{ ...empty, q: '' }, [], ''],
    [{ ...empty, q: 'b' }, [], 'Tapez au moins deux caractères.'],
    [{ ...empty, q: 'zz' }, [], 'Rien ne correspond à « zz ».'],
    [{ ...empty, q: 'bé', leads: [hit('Pâtissier')], companies: [hit('Bérénice')] }, ['Entreprises', 'Pistes'], ''],
    [{ q: 'ma', companies: [hit('a')], contacts: [hit('b')], candidates: [hit('c')], leads: [hit('d')] }, ['Entreprises', 'Contacts', 'Candidats', 'Pistes'], ''],
  ])('groups %j in the header’s order', (results, titles, said) => {
    const view = searchView(results);
    expect(view.groups.map((group) => group.title)).toEqual(titles);
    expect(view.empty).toBe(said);
    expect(view.count).toBe(view.groups.reduce((sum, group) => sum + group.hits.length, 0));
  });
});

describe('the ROME picker', () => {
  it.each([
    ['magasinier', 'N1103'],
    ['MAGASINIERE', 'N1103'],
    ['aide a domicile', 'K1304'],
    ['cariste', 'N1101'],
    ['N1103', 'N1103'],
  ])('proposes for « %s » the job sheet %s among the first', (typed, code) => {
    expect(searchRomeAppellations(typed, 5).map((entry) => entry.romeCode)).toContain(code);
  });

  it('proposes nothing for one letter, and says why', () => {
    expect(searchRomeAppellations('m')).toEqual([]);
    expect(romeChoicesView('m', [], 'piste-romeCode').empty).toBe('Tapez au moins deux caractères d’un métier.');
    expect(romeChoicesView('xyzzy', [], 'piste-romeCode').empty).toBe('Aucun métier ne correspond à « xyzzy ».');
  });

  it('labels a choice with its appellation, code and sheet', () => {
    const [first] = romeChoicesView('magasinier cariste', searchRomeAppellations('magasinier cariste', 1), 't').choices;
    expect(first.text).toMatch(/^Magasinier.* \(N1103 – .+\)$/);
  });

  it.each([
    ['piste-romeCode', 'piste-romeCode'],
    ['candidat-wantedRome2', 'candidat-wantedRome2'],
    ['"><script>', ''],
    [['a'], ''],
    ['', ''],
  ])('fills only an element id of the page: %j', (value, target) => {
    expect(pickerTarget(value)).toBe(target);
  });
});
