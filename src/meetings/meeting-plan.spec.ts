import { invitationState, invitationSteps, LiveInvitation, nextContactOf, plannedMeeting, PlannedMeeting } from './meeting-plan';

const PARIS = 'Europe/Paris';
const meeting = (contactId: string, iso: string): PlannedMeeting => ({
  contactId,
  startsAt: new Date(iso),
  endsAt: new Date(new Date(iso).getTime() + 3_600_000),
});
const live = (contactId: string, iso: string): LiveInvitation => ({ contactId, startsAt: new Date(iso) });

describe('plannedMeeting', () => {
  const base = { nextActionType: 'meeting' as const, nextActionDue: '2027-07-08', nextActionTime: '14:30:00', nextActionContactId: 'c1' };

  it.each([
    ['a summer meeting at 14:30 in Paris is 12:30 UTC', base, '2027-07-08T12:30:00.000Z'],
    ['a winter meeting at 09:00 in Paris is 08:00 UTC', { ...base, nextActionDue: '2027-01-14', nextActionTime: '09:00' }, '2027-01-14T08:00:00.000Z'],
    ['the Monday after the October change is in winter time', { ...base, nextActionDue: '2027-11-01', nextActionTime: '10:00' }, '2027-11-01T09:00:00.000Z'],
  ])('%s', (_name, company, startsAt) => {
    const planned = plannedMeeting(company, PARIS);
    expect(planned?.startsAt.toISOString()).toBe(startsAt);
    expect(planned!.endsAt.getTime() - planned!.startsAt.getTime()).toBe(3_600_000);
  });

  it.each([
    ['a call', { ...base, nextActionType: 'call' as const }],
    ['a meeting without a time', { ...base, nextActionTime: null }],
    ['a meeting without a contact', { ...base, nextActionContactId: null }],
    ['no next action', { nextActionType: null, nextActionDue: null, nextActionTime: null, nextActionContactId: null }],
  ])('plans no invitation for %s', (_name, company) => {
    expect(plannedMeeting(company, PARIS)).toBeNull();
  });
});

describe('invitationSteps', () => {
  const at = '2027-07-08T12:30:00Z';
  const later = '2027-07-09T08:00:00Z';
  it.each([
    ['a meeting booked with a contact who has an address', null, meeting('c1', at), 'ok', ['invite']],
    ['a meeting booked with a contact without an address', null, meeting('c1', at), 'no_email', []],
    ['a meeting booked with a contact who opted out', null, meeting('c1', at), 'opted_out', []],
    ['only the note changed', live('c1', at), meeting('c1', at), 'ok', []],
    ['the meeting moved to the next morning', live('c1', at), meeting('c1', later), 'ok', ['move']],
    ['the meeting moved after the contact opted out', live('c1', at), meeting('c1', later), 'opted_out', ['cancel']],
    ['the meeting became a call', live('c1', at), null, null, ['cancel']],
    ['the meeting is now with a colleague of the contact', live('c1', at), meeting('c2', at), 'ok', ['cancel', 'invite']],
    ['the meeting is now with a colleague without an address', live('c1', at), meeting('c2', at), 'no_email', ['cancel']],
    ['no meeting before nor after', null, null, null, []],
  ] as const)('%s', (_name, current, planned, reach, steps) => {
    expect(invitationSteps(current, planned, reach)).toEqual(steps);
  });
});

describe('invitationState', () => {
  const planned = meeting('c1', '2027-07-08T12:30:00Z');
  it.each([
    ['an invitation is live', true, planned, 'ok', 'sent'],
    ['the contact has no address', false, planned, 'no_email', 'no_email'],
    ['the contact opted out', false, planned, 'opted_out', 'opted_out'],
    ['an address was added since the meeting was set', false, planned, 'ok', null],
    ['there is no meeting with a contact', false, null, null, null],
  ] as const)('%s', (_name, isLive, meetingPlanned, reach, state) => {
    expect(invitationState(isLive, meetingPlanned, reach)).toBe(state);
  });
});

describe('nextContactOf', () => {
  const meetingWith = { nextActionType: 'meeting' as const, nextActionContactId: 'c1' };
  it.each([
    ['a contact chosen', meetingWith, 'meeting', 'c2', 'c2'],
    ['« nobody in particular » chosen', meetingWith, 'meeting', null, null],
    ['the meeting moved without naming its contact', meetingWith, 'meeting', undefined, 'c1'],
    ['the meeting replaced by a call', meetingWith, 'call', undefined, null],
    ['a call becoming a meeting without a contact', { nextActionType: 'call' as const, nextActionContactId: 'c1' }, 'meeting', undefined, null],
  ] as const)('%s', (_name, company, type, contactId, expected) => {
    expect(nextContactOf(company, type, contactId)).toBe(expected);
  });
});
