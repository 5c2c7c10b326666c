import { pickerLabel, pickerView } from './record-pickers';

const request = { type: 'entreprise' as const, name: 'companyId', prefix: 'piste', label: 'Entreprise', selected: 'b', none: '— Choisir —' };
const a = { id: 'a', label: 'Atelier', detail: null };
const b = { id: 'b', label: 'Sève Paysages', detail: 'Lyon' };

describe('record pickers: the model of the partial', () => {
  it('keeps a plain menu for a short list, the chosen one selected', () => {
    const view = pickerView(request, { menu: [a, b], chosen: b, found: null, q: '' });
    expect(view.menu).toBe(true);
    expect(view.id).toBe('piste-companyId');
    expect(view.options.map((entry) => [entry.label, entry.selected])).toEqual([
      ['— Choisir —', false],
      ['Atelier', false],
      ['Sève Paysages', true],
    ]);
  });

  it('shows a search field, and the chosen one, before any search', () => {
    const view = pickerView(request, { menu: null, chosen: b, found: null, q: '' });
    expect(view).toMatchObject({ menu: false, searched: false, options: [], empty: '', chosen: b });
  });

  it.each([
    ['sev', [b], ['— Choisir —', 'Sève Paysages (Lyon)'], ''],
    ['zz', [], [], 'Rien ne correspond à « zz ».'],
    ['s', [], [], 'Tapez au moins deux caractères.'],
  ])('after « Chercher » with « %s », offers the matches as a menu', (q, found, labels, empty) => {
    const view = pickerView(request, { menu: null, chosen: null, found, q });
    expect(view.options.map((entry) => entry.label)).toEqual(labels);
    expect(view).toMatchObject({ searched: true, empty });
  });

  it('labels a choice with its detail when it has one', () => {
    expect(pickerLabel(a)).toBe('Atelier');
    expect(pickerLabel(b)).toBe('Sève Paysages (Lyon)');
  });
});
