import { EncounterView, ParticipantView } from '../../encounters/encounter-view';
import { EncounterSummaryRow } from '../../encounters/encounters.queries';
import { ATTENDANCE_FORM, encounterInput, OUTCOME_FORM, otherCompanySlots } from './encounter.form';
import {
  attendanceChoices,
  attendanceRows,
  encounterFacts,
  invitationFlag,
  listFilterOf,
  listRow,
  notYetInvited,
  outcomeRow,
  outcomeSentence,
  participantGroups,
  placesText,
} from './encounter.view';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';

function person(overrides: Partial<ParticipantView>): ParticipantView {
  return {
    id: P1,
    party: 'candidate',
    personId: 'C1',
    firstName: 'Samira',
    lastName: 'Benali',
    email: null,
    companyId: null,
    companyName: null,
    status: 'invited',
    invitedSequence: 0,
    invitationSkipped: null,
    outcome: null,
    outcomeOn: null,
    outcomeProposalId: null,
    outcomePlacementId: null,
    outcomeLeadId: null,
    outcomeNote: null,
    ...overrides,
  };
}

function encounter(overrides: Partial<EncounterView> = {}): EncounterView {
  return {
    id: 'E1',
    kind: 'job_dating',
    title: 'Job dating boulangerie',
    day: '2027-03-10',
    startTime: '09:30',
    endTime: '11:30',
    startsAt: '2027-03-10T08:30:00.000Z',
    endsAt: '2027-03-10T10:30:00.000Z',
    place: null,
    hostCompanyId: 'CO1',
    capacity: 10,
    organiserId: null,
    leadId: null,
    description: null,
    status: 'planned',
    sequence: 0,
    version: 3,
    started: false,
    attendanceMarkedAt: null,
    companies: [{ id: 'CO1', name: 'Boulangerie Martin', commune: 'Lille' }],
    participants: [],
    placesTaken: 0,
    outcomes: { present: 0, positive: 0, rate: 0 },
    ...overrides,
  };
}

describe('the encounter pages’ view', () => {
  it.each([
    ['nothing asked: the service’s defaults', {}, {}],
    ['a period and a kind', { du: '2027-03-01', au: '2027-03-31', type: 'forum' }, { from: '2027-03-01', to: '2027-03-31', kind: 'forum' }],
    ['only the end', { au: '2027-04-01' }, { to: '2027-04-01' }],
    ['blank values are absent', { du: ' ', type: '' }, {}],
  ])('reads the list filter: %s', (_, raw, query) => {
    expect(listFilterOf(raw).query).toEqual(query);
  });

  it.each([
    [0, 12, '0 place prise sur 12'],
    [1, 12, '1 place prise sur 12'],
    [3, 12, '3 places prises sur 12'],
    [0, null, '0 inscrit·e'],
    [5, null, '5 inscrit·es'],
  ])('says %i candidates of %p places as « %s »', (taken, capacity, text) => {
    expect(placesText(taken, capacity)).toBe(text);
  });

  it.each([
    ['nobody came yet', { present: 0, positive: 0, rate: 0 }, 'Aucune personne accompagnée notée présente pour l’instant.'],
    ['none positive of two', { present: 2, positive: 0, rate: 0 }, '0 retour positif sur 2 présent·es (0 %)'],
    ['one contract of two', { present: 2, positive: 1, rate: 0.5 }, '1 retour positif sur 2 présent·es (50 %)'],
    ['two of three, rounded', { present: 3, positive: 2, rate: 2 / 3 }, '2 retours positifs sur 3 présent·es (67 %)'],
    ['the one who came', { present: 1, positive: 1, rate: 1 }, '1 retour positif sur 1 présent·e (100 %)'],
  ])('states the positive-outcome figure: %s', (_, rate, sentence) => {
    expect(outcomeSentence(rate)).toBe(sentence);
  });

  it.each([
    ['a candidate without an address', { invitationSkipped: 'no_email' as const, invitedSequence: null }, 'Pas d’adresse e-mail', true],
    ['a contact who opted out', { party: 'contact' as const, invitationSkipped: 'opted_out' as const, invitedSequence: null }, 'Ne souhaite pas recevoir d’e-mails', true],
    ['an invitation e-mailed', { invitedSequence: 0 }, 'Invitation envoyée', false],
    ['a staff member: no flag', { party: 'staff' as const, invitedSequence: null }, null, null],
  ])('flags the invitation of %s', (_, overrides, label, warn) => {
    const flag = invitationFlag(person(overrides));
    expect(flag ? [flag.label, flag.warn] : [null, null]).toEqual([label, warn]);
  });

  it('groups the participants by party, in the page’s order, each removable while planned', () => {
    const view = encounter({
      participants: [
        person({}),
        person({ id: P2, party: 'contact', personId: 'K1', firstName: 'Marc', lastName: 'Martin', companyId: 'CO1', companyName: 'Boulangerie Martin' }),
        person({ id: 'P3', party: 'staff', personId: 'U1', firstName: 'Karim', lastName: 'Ali', invitedSequence: null }),
      ],
    });
    const groups = participantGroups(view);
    expect(groups.map((group) => [group.label, group.people.map((entry) => [entry.name, entry.href, entry.statusLabel, entry.invitation?.label ?? null])])).toEqual([
      ['Personnes accompagnées', [['Samira Benali', '/candidats/C1', 'Invité·e', 'Invitation envoyée']]],
      ['Contacts entreprise', [['Marc Martin', '/entreprises/CO1', 'Invité·e', 'Invitation envoyée']]],
      ['Équipe', [['Karim Ali', null, 'Invité·e', null]]],
    ]);
    expect(groups[0].people[0].removeConfirm).toContain('recevra l’annulation');
    expect(participantGroups({ ...view, status: 'cancelled' }).every((group) => group.people.every((entry) => !entry.removable))).toBe(true);
  });

  it.each([
    ['before the start: confirmed or excused', false, ['confirmed', 'excused']],
    ['from the start: present, absent or excused', true, ['present', 'absent', 'excused']],
  ])('offers the attendance statuses %s', (_, started, choices) => {
    expect(attendanceChoices(started)).toEqual(choices);
  });

  it('lists every candidate and contact in the one attendance form (not the staff), checking their status or what was posted', () => {
    const view = encounter({
      started: true,
      participants: [
        person({ status: 'present' }),
        person({ id: P2, party: 'contact', personId: 'K1', lastName: 'Martin', firstName: 'Marc', companyName: 'Boulangerie Martin', status: 'confirmed' }),
        person({ id: 'P3', party: 'staff', personId: 'U1' }),
      ],
    });
    const rows = attendanceRows(view);
    expect(rows.map((row) => [row.name, row.detail, row.choices.filter((choice) => choice.checked).map((choice) => choice.value)])).toEqual([
      ['Samira Benali', 'Personne accompagnée', ['present']],
      ['Marc Martin', 'Boulangerie Martin', []],
    ]);
    expect(attendanceRows(view, { [`presence-${P1}`]: 'absent' })[0].choices.find((choice) => choice.checked)?.value).toBe('absent');
  });

  it('fills an outcome row from what was saved, or today and nothing otherwise', () => {
    const saved = outcomeRow('E1', person({ status: 'present', outcome: 'contract', outcomeOn: '2027-03-12', outcomePlacementId: 'PL1', outcomeNote: 'CDI' }), [
      { value: 'placement:PL1', label: 'CDI : Vendeuse' },
    ], '2027-03-20');
    expect([saved.savedLabel, saved.savedOn, saved.form.values, saved.links.find((link) => link.selected)?.label]).toEqual([
      'Contrat de travail',
      '12/03/2027',
      { outcome: 'contract', on: '2027-03-12', link: 'placement:PL1', note: 'CDI' },
      'CDI : Vendeuse',
    ]);
    const fresh = outcomeRow('E1', person({ status: 'present' }), [], '2027-03-20');
    expect([fresh.savedLabel, fresh.form.values.on, fresh.outcomes[0].selected, fresh.links.map((link) => link.label)]).toEqual([null, '2027-03-20', true, ['Aucun']]);
  });

  it.each([
    ['at the host company', {}, 'Chez Boulangerie Martin (Lille)'],
    ['at an address', { place: '12 rue de la Gare, Roubaix' }, '12 rue de la Gare, Roubaix'],
    ['without host nor address', { hostCompanyId: null, companies: [] }, '—'],
  ])('states where it is held: %s', (_, overrides, place) => {
    expect(encounterFacts(encounter(overrides), { organiser: null, lead: null }).place).toBe(place);
  });

  it('states when it is held, its lead and what cancelling does', () => {
    const facts = encounterFacts(encounter({ leadId: 'L1' }), { organiser: 'Karim Ali', lead: 'Vendeuse · Boulangerie Martin' });
    expect([facts.when, facts.lead, facts.organiser]).toEqual(['10/03/2027, 09:30 – 11:30', { href: '/pistes/L1', label: 'Vendeuse · Boulangerie Martin' }, 'Karim Ali']);
    expect(facts.cancelConfirm).toContain('reçoivent l’annulation');
  });

  it('lists a row of the list with its day and times in Paris, and who came once held', () => {
    const row: EncounterSummaryRow = {
      id: 'E1',
      kind: 'company_visit',
      title: 'Visite',
      starts_at: new Date('2027-03-29T07:30:00Z'),
      ends_at: new Date('2027-03-29T09:30:00Z'),
      status: 'planned',
      place: null,
      host_company_id: 'CO1',
      host_company_name: 'Boulangerie Martin',
      capacity: null,
      organiser_id: null,
      organiser_name: null,
      candidates: 2,
      present: 1,
      company_names: ['Boulangerie Martin'],
    };
    const before = listRow(row, { now: new Date('2027-03-28T12:00:00Z'), timeZone: 'Europe/Paris' });
    expect([before.day, before.times, before.kindLabel, before.where, before.places, before.present]).toEqual([
      '29/03/2027',
      '09:30 – 11:30',
      'Visite d’entreprise',
      'Chez Boulangerie Martin',
      '2 inscrit·es',
      null,
    ]);
    expect(listRow(row, { now: new Date('2027-03-29T08:00:00Z'), timeZone: 'Europe/Paris' }).present).toBe('1 présent·e');
    expect(listRow({ ...row, status: 'cancelled' }, { now: new Date('2027-03-29T08:00:00Z'), timeZone: 'Europe/Paris' })).toMatchObject({ cancelled: true, present: null });
  });

  it('proposes to invite only those not on the list yet', () => {
    const view = encounter({ participants: [person({ party: 'contact', personId: 'K1' })] });
    expect(notYetInvited([{ id: 'K1' }, { id: 'K2' }], view, 'contact')).toEqual([{ id: 'K2' }]);
    expect(notYetInvited([{ id: 'K1' }], view, 'staff')).toEqual([{ id: 'K1' }]);
  });
});

describe('the encounter forms', () => {
  it.each([
    ['a new form', {}, ['autreEntreprise0', 'autreEntreprise1']],
    ['one company chosen: one more picker', { autreEntreprise0: 'A' }, ['autreEntreprise0', 'autreEntreprise1']],
    ['three held: four pickers', { autreEntreprise0: 'A', autreEntreprise1: 'B', autreEntreprise2: 'C' }, ['autreEntreprise0', 'autreEntreprise1', 'autreEntreprise2', 'autreEntreprise3']],
  ])('shows the other companies’ pickers: %s', (_, values, slots) => {
    expect(otherCompanySlots(values)).toEqual(slots);
  });

  it('turns the form into the DTO: emptied fields cleared, other companies once each', () => {
    expect(
      encounterInput({
        kind: 'forum',
        title: 'Forum',
        day: '2027-03-10',
        startTime: '09:00',
        endTime: '12:00',
        hostCompanyId: '',
        place: ' Salle des fêtes ',
        capacity: '',
        organiserId: '',
        leadId: '',
        description: '',
        autreEntreprise1: 'B',
        autreEntreprise0: 'A',
        autreEntreprise2: 'A',
      }),
    ).toEqual({
      kind: 'forum',
      title: 'Forum',
      day: '2027-03-10',
      startTime: '09:00',
      endTime: '12:00',
      hostCompanyId: null,
      place: 'Salle des fêtes',
      capacity: null,
      organiserId: null,
      leadId: null,
      companyIds: ['A', 'B'],
      description: null,
    });
  });

  it('reads the one attendance form: a status per person, those left unmarked left out', () => {
    const spec = ATTENDANCE_FORM as { read: (raw: Record<string, unknown>) => Record<string, string>; toInput: (values: Record<string, string>, raw: object, context: object) => unknown };
    const values = spec.read({ _csrf: 'x', [`presence-${P1}`]: 'present', [`presence-${P2}`]: '', other: 'y' });
    expect(spec.toInput(values, {}, {})).toEqual({ entries: [{ participantId: P1, status: 'present' }] });
  });

  it.each([
    ['a placement', 'placement:PL1', { placementId: 'PL1', proposalId: undefined }],
    ['a proposal', 'proposal:PR1', { proposalId: 'PR1', placementId: undefined }],
    ['nothing', '', { proposalId: undefined, placementId: undefined }],
  ])('reads the outcome’s link to %s', (_, link, expected) => {
    const spec = OUTCOME_FORM as { toInput: (values: Record<string, string>, raw: object, context: object) => Record<string, unknown> };
    expect(spec.toInput({ outcome: 'contract', on: '', link, note: '' }, {}, {})).toMatchObject({ outcome: 'contract', on: undefined, note: undefined, ...expected });
  });
});
