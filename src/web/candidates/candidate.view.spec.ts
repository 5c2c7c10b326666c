import { candidateInput, constraintsOf, newCandidateValues, wantedJobsOf } from './candidate.form';
import { candidateFilterOf, candidateFormChoices, constraintsShown, fittingRow, statusOptions } from './candidate.view';

describe('the candidate pages’ view models', () => {
  it.each([
    [{}, { q: '', status: undefined }],
    [{ q: '  Awa ', statut: 'on_path' }, { q: 'Awa', status: 'on_path' }],
    [{ q: 'x'.repeat(150) }, { q: 'x'.repeat(100), status: undefined }],
    [{ statut: 'nope' }, { q: '', status: undefined }],
    [{ q: ['a'], statut: ['on_path'] }, { q: '', status: undefined }],
  ])('reads the list filter of %j', (raw, filter) => {
    expect(candidateFilterOf(raw)).toEqual(filter);
  });

  it('offers every status, « Tous » first, the current one selected', () => {
    const options = statusOptions('on_path');
    expect(options[0]).toEqual({ value: '', label: 'Tous', selected: false });
    expect(options.filter((entry) => entry.selected).map((entry) => entry.value)).toEqual(['on_path']);
    expect(statusOptions(undefined)[0].selected).toBe(true);
  });

  it.each([
    [{}, []],
    [{ health: 'Dos fragile', housing: null }, [{ label: 'Santé', text: 'Dos fragile' }]],
    [
      { mobility: 'Pas de bus le dimanche', childcare: 'Deux enfants' },
      [
        { label: 'Mobilité', text: 'Pas de bus le dimanche' },
        { label: 'Garde d’enfants', text: 'Deux enfants' },
      ],
    ],
  ])('shows the constraints %j', (constraints, shown) => {
    expect(constraintsShown(constraints)).toEqual(shown);
  });

  it.each([
    [{ contractType: 'cdi', romeCode: null, status: 'qualified' }, { contractTypeLabel: 'CDI', romeLabel: null, statusLabel: 'Qualifié (fiche de poste)' }],
    [{ contractType: 'other-kind', romeCode: null, status: 'spotted' }, { contractTypeLabel: 'other-kind', romeLabel: null }],
  ])('labels a fitting lead %j', (lead, labels) => {
    expect(fittingRow(lead, ['proche'], true)).toMatchObject({ ...lead, ...labels, reasons: ['proche'], proposed: true });
  });

  it('gives the new form its rows, choices and checked shifts, with the problems next to them', () => {
    const values = { ...newCandidateValues('me'), wantedLabel1: 'Cariste', constraint_health: 'Dos', drivingLicence: 'true' };
    const choices = candidateFormChoices({ values, errors: { wantedRome1: 'Code ROME inconnu', constraint_health: 'Trop long' } }, ['night']);
    expect(choices.wantedRows[1]).toEqual({ index: 1, number: 2, label: 'Cariste', rome: '', labelError: undefined, romeError: 'Code ROME inconnu' });
    expect(choices.shifts.filter((shift) => shift.checked).map((shift) => shift.value)).toEqual(['night']);
    expect(choices.referrers.find((entry) => entry.selected)?.value).toBe('france_travail');
    expect(choices.constraints.find((entry) => entry.name === 'constraint_health')).toMatchObject({ label: 'Santé', value: 'Dos', error: 'Trop long' });
    expect(choices.checks).toEqual({ drivingLicence: true, hasVehicle: false });
  });
});

describe('the new candidate form as DTO input', () => {
  it.each([
    [{}, []],
    [{ wantedLabel0: ' Cariste ', wantedRome0: ' N1101 ' }, [{ label: 'Cariste', romeCode: 'N1101' }]],
    [{ wantedLabel1: '', wantedRome1: 'K1304' }, [{ label: '', romeCode: 'K1304' }]],
    [{ wantedLabel2: 'Vendeuse' }, [{ label: 'Vendeuse', romeCode: null }]],
  ])('reads the wanted job rows %j', (typed, jobs) => {
    expect(wantedJobsOf({ ...newCandidateValues('me'), ...typed })).toEqual(jobs);
  });

  it.each([
    [{}, {}],
    [{ constraint_health: ' Dos ', constraint_housing: '  ' }, { health: 'Dos' }],
  ])('reads the constraints %j', (typed, constraints) => {
    expect(constraintsOf({ ...newCandidateValues('me'), ...typed })).toEqual(constraints);
  });

  it('reads the shifts from the post, numbers and lists from the text', () => {
    const values = { ...newCandidateValues(''), firstName: 'Awa', reachableCommunes: 'Lyon, Vénissieux', mobilityRadiusKm: '15' };
    expect(candidateInput(values, { shifts: ['day', 'night'] })).toMatchObject({
      firstName: 'Awa',
      referrer: 'france_travail',
      reachableCommunes: ['Lyon', 'Vénissieux'],
      mobilityRadiusKm: 15,
      hoursPerWeek: undefined,
      shifts: ['day', 'night'],
      wantedJobs: [],
      constraints: {},
      ownerId: null,
    });
  });
});
