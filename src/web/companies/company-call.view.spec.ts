import { activityFormState, firstErrorFocus, fromLocalInput, nextFieldsView, proposalQueryOf, toLocalInput } from './company-call.view';

const PARIS = 'Europe/Paris';

describe('call mode view functions', () => {
  it.each([
    [{ type: 'call', outcome: 'no_answer' }, { type: 'call', outcome: 'no_answer' }],
    [{ type: 'call', outcome: '' }, null],
    [{ type: 'meeting', outcome: 'no_answer' }, null],
    [{ type: 'meeting', outcome: 'refused' }, { type: 'meeting', outcome: 'refused' }],
    [{ type: 'email', outcome: 'refused' }, { type: 'email', outcome: undefined }],
    [{ type: 'fax', outcome: '' }, null],
  ])('proposalQueryOf(%p)', (query, expected) => {
    expect(proposalQueryOf(query)).toEqual(expected);
  });

  it.each([
    [{}, {}],
    [{ nextDueOn: 'x', outcome: 'y' }, { outcome: true }],
    [{ text: 'x', refusalReason: 'y' }, { refusalReason: true }],
  ])('firstErrorFocus(%p)', (errors, expected) => {
    expect(firstErrorFocus(errors)).toEqual(expected);
  });

  it('fills the next-action fields with the proposal, or says none is proposed', () => {
    const state = { values: { nextType: '', nextDueOn: '', nextOwnerId: '' }, errors: {} };
    const filled = nextFieldsView('c1', state, [], { asked: true, proposed: { type: 'meeting', dueOn: '2026-12-01' } });
    expect(filled.dueOn).toBe('2026-12-01');
    expect(filled.types.find((type) => type.selected)?.value).toBe('meeting');
    expect(filled.proposed).toEqual({ label: 'Rendez-vous', dueOn: '2026-12-01' });
    const none = nextFieldsView('c1', state, [], { asked: true, proposed: null });
    expect(none.noneProposed).toBe(true);
    expect(none.types.find((type) => type.selected)?.value).toBe('');
  });

  it.each([
    ['winter', new Date('2027-01-06T09:30:00Z'), '2027-01-06T10:30'],
    ['summer', new Date('2027-07-06T09:30:00Z'), '2027-07-06T11:30'],
  ])('local input in %s', (_case, at, expected) => {
    expect(toLocalInput(at, PARIS)).toBe(expected);
    expect(fromLocalInput(expected, PARIS)).toEqual(at);
  });

  it.each(['', '2027-02-30T10:00', '2027-01-06T24:00', '2027-01-06 10:00', 'demain'])('not a date and time: %p', (value) => {
    expect(fromLocalInput(value, PARIS)).toBeNull();
  });

  it.each([
    ['a contact of the company', 'k1', 'k1'],
    ['another contact', 'k9', ''],
    ['none', '', ''],
  ])('activity form, ?contact= %s', (_case, queryContact, expected) => {
    const state = activityFormState(undefined, new Date('2027-01-06T09:30:00Z'), PARIS, ['k1', 'k2'], queryContact);
    expect(state.values).toMatchObject({ type: 'call', occurredAt: '2027-01-06T10:30', contactId: expected });
  });

  it('activity form: a refused post is shown as typed', () => {
    const refused = { values: { type: 'meeting' }, errors: { text: 'x' } };
    expect(activityFormState(refused, new Date(), PARIS, ['k1'], 'k1')).toBe(refused);
  });
});
