import {
  CADENCE_TRIGGERS,
  CadenceRule,
  CadenceTrigger,
  cadenceTrigger,
  DEFAULT_CADENCE_RULES,
  proposeNextAction,
} from './cadence';

describe('cadenceTrigger', () => {
  it.each([
    ['call', 'no_answer', 'call:no_answer'],
    ['call', 'call_back', 'call:call_back'],
    ['call', 'refused', 'call:refused'],
    ['call', 'meeting_booked', 'call:meeting_booked'],
    ['call', 'need_found', 'call:need_found'],
    ['call', null, 'call'],
    ['call', undefined, 'call'],
    ['call', 'voicemail', 'call'],
    ['meeting', null, 'meeting'],
    ['visit', null, 'visit'],
    ['email', null, 'email'],
    ['event', null, 'event'],
    ['meeting', 'no_answer', 'meeting'],
    ['note', null, null],
    ['stage:no_need', null, null],
    ['fax', null, null],
  ])('%s with outcome %s → %s', (activityType, outcome, trigger) => {
    expect(cadenceTrigger(activityType, outcome)).toBe(trigger);
  });
});

describe('proposeNextAction with the default rules', () => {
  it.each<[CadenceTrigger, string, string, string, string]>([
    // call:no_answer → call in 2 working days
    ['call:no_answer', '2026-06-08', 'call', '2026-06-10', 'Monday → Wednesday'],
    ['call:no_answer', '2026-06-04', 'call', '2026-06-08', 'Thursday → Monday'],
    ['call:no_answer', '2026-06-05', 'call', '2026-06-09', 'Friday → Tuesday'],
    ['call:no_answer', '2026-12-24', 'call', '2026-12-29', 'Christmas Eve → Tuesday after Christmas'],
    ['call:no_answer', '2026-12-31', 'call', '2027-01-05', 'New Year’s Eve → Tuesday after New Year'],
    // call:call_back → call in 1 working day
    ['call:call_back', '2026-04-03', 'call', '2026-04-07', 'Good Friday → Tuesday after Easter Monday'],
    ['call:call_back', '2026-05-13', 'call', '2026-05-15', 'eve of Ascension → Friday'],
    // call:meeting_booked → meeting in 7 days
    ['call:meeting_booked', '2026-06-08', 'meeting', '2026-06-15', 'Monday → next Monday'],
    ['call:meeting_booked', '2026-05-18', 'meeting', '2026-05-26', 'lands on Whit Monday → Tuesday'],
    // call:need_found → call in 2 working days
    ['call:need_found', '2026-05-07', 'call', '2026-05-12', 'Thursday before 8 May → Tuesday'],
    // call → call in 7 days
    ['call', '2026-06-09', 'call', '2026-06-16', 'Tuesday → next Tuesday'],
    ['call', '2026-12-19', 'call', '2026-12-28', 'lands on Saturday 26 December → Monday'],
    // meeting → call in 7 days
    ['meeting', '2026-06-10', 'call', '2026-06-17', 'Wednesday → next Wednesday'],
    ['meeting', '2026-03-30', 'call', '2026-04-07', 'lands on Easter Monday → Tuesday'],
    ['meeting', '2026-12-18', 'call', '2026-12-28', 'lands on Christmas → Monday'],
    ['meeting', '2026-12-24', 'call', '2026-12-31', 'lands on New Year’s Eve, a working day'],
    ['meeting', '2026-06-07', 'call', '2026-06-15', 'lands on a Sunday → Monday'],
    // visit → call in 7 days
    ['visit', '2026-05-07', 'call', '2026-05-15', 'lands on Ascension → Friday'],
    // email → call in 3 working days
    ['email', '2026-12-23', 'call', '2026-12-29', 'across Christmas'],
    ['email', '2026-04-03', 'call', '2026-04-09', 'across Easter Monday'],
    // event → call in 2 working days
    ['event', '2026-12-29', 'call', '2026-12-31', 'Tuesday → Thursday'],
    ['event', '2026-12-30', 'call', '2027-01-04', 'across New Year'],
    // stage:no_need → call in 3 months
    ['stage:no_need', '2026-06-08', 'call', '2026-09-08', 'same day of the month'],
    ['stage:no_need', '2026-10-15', 'call', '2027-01-15', 'across the year'],
    ['stage:no_need', '2026-11-30', 'call', '2027-03-01', 'clamped to Sunday 28 February → Monday'],
    ['stage:no_need', '2026-09-25', 'call', '2026-12-28', 'lands on Christmas → Monday'],
    ['stage:no_need', '2026-04-14', 'call', '2026-07-15', 'lands on 14 July → Wednesday'],
    ['stage:no_need', '2026-10-01', 'call', '2027-01-04', 'lands on New Year’s Day → Monday'],
  ])('%s on %s → %s on %s (%s)', (trigger, fromDay, type, due) => {
    expect(proposeNextAction(DEFAULT_CADENCE_RULES, trigger, fromDay)).toEqual({ type, dueOn: due });
  });

  it('proposes nothing after a refusal', () => {
    expect(proposeNextAction(DEFAULT_CADENCE_RULES, 'call:refused', '2026-06-08')).toBeNull();
  });

  it('has a rule for every trigger but call:refused', () => {
    const covered = DEFAULT_CADENCE_RULES.map((rule) => rule.trigger);
    expect(new Set(covered).size).toBe(covered.length);
    expect([...covered].sort()).toEqual(CADENCE_TRIGGERS.filter((trigger) => trigger !== 'call:refused').sort());
  });
});

describe('proposeNextAction with a structure’s own rules', () => {
  const callOnly: CadenceRule[] = [{ trigger: 'call', actionType: 'call', amount: 5, unit: 'working_days' }];

  it('falls back to the call rule for a call outcome without a rule', () => {
    expect(proposeNextAction(callOnly, 'call:no_answer', '2026-06-08')).toEqual({ type: 'call', dueOn: '2026-06-15' });
  });

  it('does not fall back for a refusal', () => {
    expect(proposeNextAction(callOnly, 'call:refused', '2026-06-08')).toBeNull();
  });

  it('follows up on a refusal when a manager asks for it', () => {
    const rules: CadenceRule[] = [
      ...callOnly,
      { trigger: 'call:refused', actionType: 'email', amount: 6, unit: 'months' },
    ];
    expect(proposeNextAction(rules, 'call:refused', '2026-06-08')).toEqual({ type: 'email', dueOn: '2026-12-08' });
  });

  it('does not fall back outside calls', () => {
    expect(proposeNextAction(callOnly, 'meeting', '2026-06-08')).toBeNull();
    expect(proposeNextAction(callOnly, 'stage:no_need', '2026-06-08')).toBeNull();
  });

  it('proposes nothing without rules', () => {
    expect(proposeNextAction([], 'call', '2026-06-08')).toBeNull();
  });

  it.each([
    ['working_days', '2026-06-06', '2026-06-08'],
    ['days', '2026-06-07', '2026-06-08'],
    ['days', '2026-06-09', '2026-06-09'],
    ['months', '2026-06-07', '2026-06-08'],
  ] as const)('an amount of 0 %s from %s is due %s', (unit, fromDay, due) => {
    const rules: CadenceRule[] = [{ trigger: 'visit', actionType: 'other', amount: 0, unit }];
    expect(proposeNextAction(rules, 'visit', fromDay)).toEqual({ type: 'other', dueOn: due });
  });
});
