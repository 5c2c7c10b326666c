import { pressureInput, pressureView, PressureFacts } from './company-pressure.view';

const team = [{ id: 'u-lea', firstName: 'Léa', lastName: 'Martin' }];
const base: PressureFacts = {
  id: 'c1',
  version: 4,
  monthlyContactCap: null,
  noContact: false,
  noContactSetBy: null,
  noContactSetAt: null,
  restingUntil: null,
  restReason: null,
};

describe('pressureView', () => {
  it('says nothing to worry about for a company without wishes', () => {
    const view = pressureView(base, null, team, 'Europe/Paris');
    expect(view).toMatchObject({ resting: null, noContact: null, capWarning: null, cap: 'Pas de limite demandée.' });
    expect(view.form).toEqual({ values: { monthlyContactCap: '', noContact: '' }, errors: {}, alert: undefined, open: false, version: 4 });
  });

  it('shows why and until when a company rests', () => {
    const view = pressureView({ ...base, restingUntil: '2027-03-01', restReason: '6 appels sans réponse en 3 mois (dernier le 1er décembre 2026)' }, null, team, 'Europe/Paris');
    expect(view.resting).toEqual({ until: '1er mars 2027', reason: '6 appels sans réponse en 3 mois (dernier le 1er décembre 2026)' });
  });

  it.each([
    ['who and when (23:30 on 31 March in Paris is 31 March)', 'u-lea', new Date('2027-03-31T21:30:00Z'), ' (noté par Léa Martin le 31 mars 2027)'],
    ['when only (the person has left the team)', 'u-gone', new Date('2026-12-06T09:00:00Z'), ' (noté le 6 décembre 2026)'],
    ['nothing known', null, null, ''],
  ])('names who recorded the wish never to be contacted: %s', (_case, by, at, said) => {
    const view = pressureView({ ...base, noContact: true, noContactSetBy: by, noContactSetAt: at }, null, team, 'Europe/Paris');
    expect(view.noContact).toBe(`Cette entreprise a demandé à ne plus être contactée${said} : appels, e-mails et rendez-vous sont refusés.`);
    expect(view.form.values.noContact).toBe('true');
  });

  it.each([
    [1, 'Au plus 1 contact par mois (appels, e-mails, rendez-vous, visites).'],
    [2, 'Au plus 2 contacts par mois (appels, e-mails, rendez-vous, visites).'],
  ])('words a cap of %i', (cap, said) => {
    const view = pressureView({ ...base, monthlyContactCap: cap }, 'déjà atteint', team, 'Europe/Paris');
    expect(view.cap).toBe(said);
    expect(view.capWarning).toBe('déjà atteint');
    expect(view.form.values.monthlyContactCap).toBe(String(cap));
  });

  it('shows a refused form again, open, as typed', () => {
    const view = pressureView(base, null, team, 'Europe/Paris', { values: { monthlyContactCap: '0', noContact: '' }, errors: { monthlyContactCap: 'Entre 1 et 100.' } });
    expect(view.form).toMatchObject({ values: { monthlyContactCap: '0' }, errors: { monthlyContactCap: 'Entre 1 et 100.' }, open: true });
  });
});

describe('pressureInput', () => {
  it.each([
    [{ monthlyContactCap: '', version: '3' }, { monthlyContactCap: null, noContact: false, version: 3 }],
    [{ monthlyContactCap: ' 2 ', noContact: 'true', version: '3' }, { monthlyContactCap: 2, noContact: true, version: 3 }],
    [{ monthlyContactCap: 'deux', version: '' }, { monthlyContactCap: 'deux', noContact: false, version: undefined }],
  ])('%j → %j', (values, input) => {
    expect(pressureInput(values as Record<string, string>)).toEqual(input);
  });
});
