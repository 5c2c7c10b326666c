import { DEFAULT_CHECK_IN_OFFSETS, parseOffset, partiesOf, planCheckIns, stepDay, stepLabel, zonedInstant } from './check-in-plan';
import { CheckInParty } from './check-in.entity';

const PARIS = 'Europe/Paris';
/** Before every start date below: nothing is past when these plans are made. */
const EARLY = new Date('2026-01-01T00:00:00Z');

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

  it('plans each default step at 09:30 local time across both DST changes, on working days', () => {
    const plan = planCheckIns({ kind: 'contract', startDate: '2026-09-25', plannedEndDate: null, offsets: null, timeZone: PARIS, now: EARLY });
    expect(plan.map((step) => [step.step, step.dueAt.toISOString(), step.status])).toEqual([
      ['3 days', '2026-09-28T07:30:00.000Z', 'planned'],
      ['10 days', '2026-10-05T07:30:00.000Z', 'planned'],
      // Sunday 2026-10-25, the day summer time ends: Monday, in CET.
      ['1 month', '2026-10-26T08:30:00.000Z', 'planned'],
      ['2 months', '2026-11-25T08:30:00.000Z', 'planned'],
      // Christmas, a Friday: Monday 28 December.
      ['3 months', '2026-12-28T08:30:00.000Z', 'planned'],
      ['6 months', '2027-03-25T08:30:00.000Z', 'planned'],
    ]);
  });

  it.each([
    // Easter Sunday 2027-03-28 is also the day summer time starts; Easter Monday is a holiday too.
    ['Easter Sunday (and DST change)', '2027-01-28', '2 months', '2027-03-30T07:30:00.000Z'],
    ['Easter Monday', '2027-01-29', '2 months', '2027-03-30T07:30:00.000Z'],
    ['the Saturday before Easter (CET), past the clock change', '2027-03-17', '10 days', '2027-03-30T07:30:00.000Z'],
    ['Ascension Thursday: the Friday after', '2027-04-06', '1 month', '2027-05-07T07:30:00.000Z'],
    ['Whit Monday: the Tuesday', '2027-05-07', '10 days', '2027-05-18T07:30:00.000Z'],
    ['a Saturday: the Monday', '2027-06-02', '3 days', '2027-06-07T07:30:00.000Z'],
    ['a Sunday: the Monday', '2027-06-03', '3 days', '2027-06-07T07:30:00.000Z'],
    ['a working day: unchanged', '2027-06-07', '3 days', '2027-06-10T07:30:00.000Z'],
  ])('moves a step due on %s to the next working day at 09:30 Paris time', (_case, startDate, step, expected) => {
    const [planned] = planCheckIns({ kind: 'contract', startDate, plannedEndDate: null, offsets: [step], timeZone: PARIS, now: EARLY });
    expect(planned.dueAt.toISOString()).toBe(expected);
  });

  it('skips the steps after the planned end (a step on the end day is kept)', () => {
    const plan = planCheckIns({
      kind: 'contract',
      startDate: '2026-11-02',
      plannedEndDate: '2027-01-04',
      offsets: null,
      timeZone: PARIS,
      now: EARLY,
    });
    expect(plan.map((step) => [step.step, step.status])).toEqual([
      ['3 days', 'planned'],
      ['10 days', 'planned'],
      ['1 month', 'planned'],
      ['2 months', 'planned'],
      ['3 months', 'skipped'],
      ['6 months', 'skipped'],
    ]);
    expect(plan.filter((step) => step.status === 'skipped').every((step) => step.skipReason === 'after_planned_end')).toBe(true);
  });

  it('skips a step whose working day falls after the planned end', () => {
    // 2 months after 2026-11-02 is Saturday 2027-01-02, worked on Monday 2027-01-04: after a Saturday end.
    const plan = planCheckIns({ kind: 'contract', startDate: '2026-11-02', plannedEndDate: '2027-01-02', offsets: ['2 months'], timeZone: PARIS, now: EARLY });
    expect(plan.map((step) => [step.step, step.status, step.skipReason])).toEqual([['2 months', 'skipped', 'after_planned_end']]);
  });

  it.each([
    ['recorded 14 days late: the 10-day step only, at once', '2026-11-02', '2026-11-16T10:00:00Z', ['3 days'], '10 days'],
    ['recorded on the day of a step, before 09:30: nothing past', '2026-11-02', '2026-11-05T08:00:00Z', [], null],
    ['recorded on the day of a step, after 09:30: that step', '2026-11-02', '2026-11-05T09:00:00Z', [], '3 days'],
    ['recorded 7 months late: the 6-month step only', '2026-04-01', '2026-11-02T10:00:00Z', ['3 days', '10 days', '1 month', '2 months', '3 months'], '6 months'],
  ])('when %s, skips the older past steps and keeps the most recent', (_case, startDate, now, skipped, kept) => {
    const plan = planCheckIns({ kind: 'contract', startDate, plannedEndDate: null, offsets: null, timeZone: PARIS, now: new Date(now) });
    expect(plan.filter((step) => step.skipReason === 'past_when_planned').map((step) => step.step)).toEqual(skipped);
    const pastPlanned = plan.filter((step) => step.status === 'planned' && step.dueAt <= new Date(now)).map((step) => step.step);
    expect(pastPlanned).toEqual(kept ? [kept] : []);
    expect(plan.filter((step) => step.status === 'planned').length).toBe(6 - skipped.length);
  });

  it('does not count a step skipped after the planned end as the one to keep', () => {
    const plan = planCheckIns({
      kind: 'contract',
      startDate: '2026-09-01',
      plannedEndDate: '2026-10-15',
      offsets: null,
      timeZone: PARIS,
      now: new Date('2026-12-15T10:00:00Z'),
    });
    expect(plan.map((step) => [step.step, step.status, step.skipReason])).toEqual([
      ['3 days', 'skipped', 'past_when_planned'],
      ['10 days', 'skipped', 'past_when_planned'],
      ['1 month', 'planned', null],
      ['2 months', 'skipped', 'after_planned_end'],
      ['3 months', 'skipped', 'after_planned_end'],
      ['6 months', 'skipped', 'after_planned_end'],
    ]);
  });

  it('keeps only the first two steps of a PMSMP immersion', () => {
    const plan = planCheckIns({ kind: 'immersion', startDate: '2026-11-02', plannedEndDate: '2026-11-20', offsets: null, timeZone: PARIS, now: EARLY });
    expect(plan.map((step) => [step.step, step.status])).toEqual([
      ['3 days', 'planned'],
      ['10 days', 'planned'],
    ]);
  });

  it("uses the structure's own offsets, and the defaults when it has none", () => {
    expect(planCheckIns({ kind: 'contract', startDate: '2026-11-02', plannedEndDate: null, offsets: [], timeZone: PARIS, now: EARLY })).toHaveLength(
      DEFAULT_CHECK_IN_OFFSETS.length,
    );
    const own = planCheckIns({ kind: 'contract', startDate: '2026-11-02', plannedEndDate: null, offsets: ['1 week', '1 week', '4 months'], timeZone: PARIS, now: EARLY });
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

describe('partiesOf: who receives a step', () => {
  it.each([
    ['no map: both', null, '1 month', ['employee', 'employer']],
    ['a step absent from the map: both', { '6 months': ['employer'] }, '1 month', ['employee', 'employer']],
    ['the employer only', { '6 months': ['employer'] }, '6 months', ['employer']],
    ['the employee only', { '3 days': ['employee'] }, '3 days', ['employee']],
    ['an unknown party is ignored', { '3 days': ['tutor'] }, '3 days', ['employee', 'employer']],
  ])('%s', (_case, parties, step, expected) => {
    expect(partiesOf(step, parties as Record<string, CheckInParty[]> | null)).toEqual(expected);
  });
});
