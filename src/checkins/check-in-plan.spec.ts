import { DEFAULT_CHECK_IN_OFFSETS, parseOffset, planCheckIns, stepDay, stepLabel, zonedInstant } from './check-in-plan';

const PARIS = 'Europe/Paris';

describe('check-in plan', () => {
  it.each([
    // Summer time starts on Sunday 2027-03-28 at 02:00: from that day 09:30 in Paris is 07:30Z.
    ['2027-03-27', '09:30 CET the day before', '2027-03-27T08:30:00.000Z'],
    ['2027-03-28', 'CEST on the day of the change', '2027-03-28T07:30:00.000Z'],
    ['2027-03-29', 'CEST the day after', '2027-03-29T07:30:00.000Z'],
    // Summer time ends on Sunday 2026-10-25 at 03:00: that day 09:30 is already CET again.
    ['2026-10-24', 'CEST the day before', '2026-10-24T07:30:00.000Z'],
    ['2026-10-25', 'CET on the day of the change', '2026-10-25T08:30:00.000Z'],
  ])('puts 09:30 Paris time on %s at the right UTC instant (%s)', (day, _label, expected) => {
    expect(zonedInstant(day, 9, 30, PARIS).toISOString()).toBe(expected);
  });

  it('moves a time inside the spring gap forward instead of backward', () => {
    expect(zonedInstant('2027-03-28', 2, 30, PARIS).toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('counts days in calendar days and months in calendar months', () => {
    expect(stepDay('2027-03-26', '3 days')).toBe('2027-03-29');
    expect(stepDay('2026-10-15', '10 days')).toBe('2026-10-25');
    expect(stepDay('2027-01-29', '2 months')).toBe('2027-03-29');
    expect(stepDay('2027-01-31', '1 month')).toBe('2027-02-28');
    expect(stepDay('2026-12-20', '2 weeks')).toBe('2027-01-03');
  });

  it('plans each default step at 09:30 local time across both DST changes', () => {
    const plan = planCheckIns({ kind: 'contract', startDate: '2026-09-25', plannedEndDate: null, offsets: null, timeZone: PARIS });
    expect(plan.map((step) => [step.step, step.dueAt.toISOString(), step.status])).toEqual([
      ['3 days', '2026-09-28T07:30:00.000Z', 'planned'],
      ['10 days', '2026-10-05T07:30:00.000Z', 'planned'],
      ['1 month', '2026-10-25T08:30:00.000Z', 'planned'],
      ['2 months', '2026-11-25T08:30:00.000Z', 'planned'],
      ['3 months', '2026-12-25T08:30:00.000Z', 'planned'],
      ['6 months', '2027-03-25T08:30:00.000Z', 'planned'],
    ]);
    const spring = planCheckIns({ kind: 'contract', startDate: '2027-01-29', plannedEndDate: null, offsets: ['2 months'], timeZone: PARIS });
    expect(spring[0].dueAt.toISOString()).toBe('2027-03-29T07:30:00.000Z');
  });

  it('skips the steps after the planned end (a step on the end day is kept)', () => {
    const plan = planCheckIns({
      kind: 'contract',
      startDate: '2026-11-02',
      plannedEndDate: '2027-01-02',
      offsets: null,
      timeZone: PARIS,
    });
    expect(plan.map((step) => [step.step, step.status])).toEqual([
      ['3 days', 'planned'],
      ['10 days', 'planned'],
      ['1 month', 'planned'],
      ['2 months', 'planned'],
      ['3 months', 'skipped'],
      ['6 months', 'skipped'],
    ]);
  });

  it('keeps only the first two steps of a PMSMP immersion', () => {
    const plan = planCheckIns({ kind: 'immersion', startDate: '2026-11-02', plannedEndDate: '2026-11-20', offsets: null, timeZone: PARIS });
    expect(plan.map((step) => [step.step, step.status])).toEqual([
      ['3 days', 'planned'],
      ['10 days', 'planned'],
    ]);
  });

  it("uses the structure's own offsets, and the defaults when it has none", () => {
    expect(planCheckIns({ kind: 'contract', startDate: '2026-11-02', plannedEndDate: null, offsets: [], timeZone: PARIS })).toHaveLength(
      DEFAULT_CHECK_IN_OFFSETS.length,
    );
    const own = planCheckIns({ kind: 'contract', startDate: '2026-11-02', plannedEndDate: null, offsets: ['1 week', '1 week', '4 months'], timeZone: PARIS });
    expect(own.map((step) => step.step)).toEqual(['1 week', '4 months']);
  });

  it('reads offsets and labels them in French', () => {
    expect(parseOffset('1 Month')).toEqual({ count: 1, unit: 'month' });
    expect(() => parseOffset('trois jours')).toThrow(RangeError);
    expect(stepLabel('3 days')).toBe('3 jours');
    expect(stepLabel('1 day')).toBe('1 jour');
    expect(stepLabel('2 months')).toBe('2 mois');
  });
});
