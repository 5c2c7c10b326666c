import { endInput, newPlacementValues, placementInput, withLead } from './placement.form';
import { endFormModel, placementRow, placementsBack, placementStatusOf, placementTabs } from './placement.view';

describe('the placement pages’ view models', () => {
  it.each([
    [{}, undefined],
    [{ statut: 'started' }, 'started'],
    [{ statut: 'nope' }, undefined],
    [{ statut: ['ended'] }, undefined],
  ])('reads the tab of %j as %s', (raw, status) => {
    expect(placementStatusOf(raw)).toBe(status);
  });

  it.each([
    [{}, 'demarre', '/placements?ok=demarre'],
    [{ statut: 'started' }, 'termine', '/placements?statut=started&ok=termine'],
    [{ statut: 'nope' }, 'annule', '/placements?ok=annule'],
  ])('goes back from %j after « %s » to %s', (raw, ok, href) => {
    expect(placementsBack(raw, ok)).toBe(href);
  });

  it('marks the current tab, « Tous » without a filter', () => {
    expect(placementTabs(undefined)[0]).toEqual({ label: 'Tous', href: '/placements', current: true });
    expect(placementTabs('ended').filter((tab) => tab.current).map((tab) => tab.href)).toEqual(['/placements?statut=ended']);
  });

  it.each([
    [{ status: 'planned', endKind: null, endedBy: null }, { planned: true, started: false, ended: false, early: false, endedByLabel: null }],
    [{ status: 'started', endKind: null, endedBy: null }, { planned: false, started: true, ended: false, early: false, endedByLabel: null }],
    [{ status: 'ended', endKind: 'early', endedBy: 'employer' }, { planned: false, started: false, ended: true, early: true, endedByLabel: 'L’employeur' }],
    [{ status: 'ended', endKind: 'normal', endedBy: null }, { planned: false, started: false, ended: true, early: false, endedByLabel: null }],
  ])('shows a placement %j', (placement, shown) => {
    expect(placementRow(placement as never)).toMatchObject({ ...placement, ...shown });
  });

  it.each([
    ['planned', undefined, null],
    ['ended', undefined, null],
  ])('gives no end form to a %s placement', (status, form, model) => {
    expect(endFormModel({ status } as never, form, '2027-01-06')).toBe(model);
  });

  it('gives a started placement a closed end form, a normal end today', () => {
    const model = endFormModel({ status: 'started' }, undefined, '2027-01-06');
    expect(model).toMatchObject({ values: { endDate: '2027-01-06', endKind: 'normal', ruptureReason: '', endedBy: '' }, errors: {}, open: false, early: false });
    expect(model?.endedBy.map((entry) => entry.value)).toEqual(['', 'employee', 'employer', 'both']);
  });

  it('opens the end form again as refused, early', () => {
    const values = { endDate: '2027-01-06', endKind: 'early', ruptureReason: '', endedBy: 'both' };
    const model = endFormModel({ status: 'started' }, { values, errors: { ruptureReason: 'Indiquez le motif.' }, open: true }, '2027-02-01');
    expect(model).toMatchObject({ values, errors: { ruptureReason: 'Indiquez le motif.' }, open: true, early: true });
    expect(model?.endedBy.find((entry) => entry.selected)?.value).toBe('both');
  });
});

describe('the placement forms as DTO input', () => {
  it('takes the lead’s job, company and contact into the new placement form', () => {
    const lead = { id: 'L', companyId: 'C', jobTitle: 'Agent', contractType: 'cdi', hoursPerWeek: 24, startDate: '2027-01-06', contactId: null };
    expect(withLead(newPlacementValues('me'), lead)).toMatchObject({
      leadId: 'L',
      companyId: 'C',
      jobTitle: 'Agent',
      contractType: 'cdi',
      hoursPerWeek: '24',
      startDate: '2027-01-06',
      employerContactId: '',
      ownerId: 'me',
    });
    expect(withLead(newPlacementValues('me'), { ...lead, hoursPerWeek: null, startDate: null }).hoursPerWeek).toBe('');
  });

  it('maps the new placement form: empty as absent, no owner as null', () => {
    const values = { ...newPlacementValues(''), candidateId: 'P', companyId: 'C', jobTitle: 'Agent', startDate: '2027-01-06', hoursPerWeek: '35' };
    expect(placementInput(values)).toEqual({
      candidateId: 'P',
      companyId: 'C',
      leadId: undefined,
      proposalId: undefined,
      employerContactId: undefined,
      contractType: 'cdd',
      jobTitle: 'Agent',
      startDate: '2027-01-06',
      plannedEndDate: undefined,
      hoursPerWeek: 35,
      trialEndDate: undefined,
      ownerId: null,
    });
  });

  it.each([
    [
      { endDate: '2027-01-06', endKind: 'early', ruptureReason: ' santé ', endedBy: 'employee', version: '2' },
      { endDate: '2027-01-06', endKind: 'early', ruptureReason: 'santé', endedBy: 'employee', version: 2 },
    ],
    [
      { endDate: '2027-01-06', endKind: 'normal', ruptureReason: 'ignored', endedBy: 'employee', version: '' },
      { endDate: '2027-01-06', endKind: 'normal', ruptureReason: undefined, endedBy: undefined, version: undefined },
    ],
  ])('maps the end form %j (reason and who only for an early end)', (values, input) => {
    expect(endInput(values)).toEqual(input);
  });
});
