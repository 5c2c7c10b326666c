import { fieldLabel, formatValue } from './audit-fields';

describe('formatValue', () => {
  const names = new Map([['6f1c1c0e-4a37-4c43-9a0e-2b8f4f0d2a11', 'Karim Benali']]);

  it.each([
    ['company', 'name', null, '—'],
    ['company', 'name', '', '—'],
    ['company', 'source', 'network', 'Réseau'],
    ['company', 'nextActionType', 'call', 'Appeler'],
    ['company', 'headcountBand', '11', '10 à 19 salariés'],
    ['company', 'nextActionDue', '2026-12-01', '01/12/2026'],
    ['company', 'nextActionTime', '09:30:00', '09 h 30'],
    ['company', 'tags', ['btp', 'logistique'], 'btp, logistique'],
    ['company', 'tags', [], '—'],
    ['company', 'ownerId', '6f1c1c0e-4a37-4c43-9a0e-2b8f4f0d2a11', 'Karim Benali'],
    ['company', 'ownerId', '0b7e6a2c-58a4-4f0e-9d52-1c1c6d1f9e00', 'fiche supprimée'],
    ['candidate', 'drivingLicence', true, 'oui'],
    ['candidate', 'status', 'exited', 'Sorti·e'],
    ['candidate', 'shifts', ['day', '2x8'], 'Journée, 2x8'],
    ['candidate', 'wantedJobs', [{ label: 'cariste', romeCode: 'N1103' }, { label: 'vente' }], 'cariste (N1103), vente'],
    ['candidate', 'hoursPerWeek', 26, '26'],
    ['placement', 'contractType', 'cddi', 'CDDI (insertion)'],
    ['placement', 'endedBy', 'employer', 'L’employeur'],
    ['user', 'role', 'manager', 'Responsable'],
    ['user', 'active', false, 'non'],
  ] as const)('%s.%s %j → %s', (entity, field, value, expected) => {
    expect(formatValue(entity, field, value, names)).toBe(expected);
  });

  it('labels fields in French, and falls back on the field name', () => {
    expect(fieldLabel('candidate', 'notes')).toBe('Notes (confidentiel)');
    expect(fieldLabel('company', 'nextActionOwnerId')).toBe('Chargé·e de la prochaine action');
    expect(fieldLabel('user', 'somethingNew')).toBe('somethingNew');
  });
});
