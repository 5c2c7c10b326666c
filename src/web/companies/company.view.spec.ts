import { listHref } from './company-list.view';
import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { ValidationFailedException } from '../../common/validation';
import { COMPANY, PROSPECTION } from '../../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../../refusals/refused';
import { activityInput, activityObjections, companyEditInput, companyInput, contactInput, contactOptOutInput, nextActionInput, version } from './company.form';
import { conflictFr, listPageNumber, meetingInvitationNotice, placeOf, problemsFr, timelineEncounterLabel, timelineHref, timelineQueryOf, websiteHref } from './company.view';

describe('company pages: refusals in French from their codes', () => {
  it.each([
    [
      'a SIRET used by another company, with a link to it',
      new ConflictRefusal(because(COMPANY.siretTaken, { siret: '55210055400013', companyId: 'c1', companyName: 'Menuiserie Vauban' }), 'English', 'siret'),
      {
        message: 'Le SIRET 55210055400013 est déjà utilisé par l’entreprise « Menuiserie Vauban ».',
        field: 'siret',
        link: { href: '/entreprises/c1', label: 'Voir la fiche « Menuiserie Vauban »' },
      },
    ],
    [
      'a SIRET taken meanwhile',
      new ConflictRefusal(because(COMPANY.siretTakenMeanwhile, { siret: '55210055400013' }), 'English', 'siret'),
      { message: 'Le SIRET 55210055400013 vient d’être enregistré pour une autre entreprise de la structure.', field: 'siret' },
    ],
    [
      'a stale version',
      new ConflictRefusal(because(COMPANY.staleVersion, { name: 'X', version: 3 }), 'English', 'version'),
      {
        message:
          'Cette fiche a été modifiée entre-temps par quelqu’un d’autre. Les informations à jour sont affichées : vérifiez votre saisie, puis enregistrez de nouveau.',
        field: 'version',
      },
    ],
    [
      'an archived stage',
      new UnprocessableRefusal(because(PROSPECTION.stageArchived, { stage: 'Relance' }), 'English', 'stageId'),
      { message: 'L’étape « Relance » est archivée : choisissez-en une autre.', field: 'stageId' },
    ],
    [
      'a conflict without a code',
      new ConflictException('anything'),
      { message: 'L’opération est en conflit avec une modification récente : rechargez la page et réessayez.' },
    ],
    ['a 422 without a code', new UnprocessableEntityException('anything'), { message: 'L’opération n’a pas pu être enregistrée.' }],
  ])('%s', (_name, error, expected) => {
    expect(conflictFr(error)).toEqual(expected);
  });

  it('puts each field’s sentence next to its input, renamed, and the others apart', () => {
    const error = new ValidationFailedException([
      { field: 'nextAction.type', message: 'required', ...because(COMPANY.nextActionTypeInvalid, { field: 'nextAction.type' }) },
      { field: 'occurredAt', message: 'future', ...because(PROSPECTION.occurredInFuture) },
      { field: 'occurredAt', message: 'second', ...because(PROSPECTION.occurredAtInvalid, { field: 'occurredAt' }) },
      { field: 'somewhere', message: 'uncoded' },
    ]);
    expect(problemsFr(error.problems, ['nextType', 'occurredAt'], { 'nextAction.type': 'nextType' })).toEqual({
      errors: {
        nextType: 'Choisissez le type de la prochaine action.',
        occurredAt: 'La date ne peut pas être dans le futur : planifiez-le plutôt comme prochaine action.',
      },
      others: ['Valeur incorrecte.'],
    });
  });
});

const PARIS = 'Europe/Paris';

describe('company pages: view models', () => {
  it.each([
    [{}, 1],
    [{ page: '3' }, 3],
    [{ page: '0' }, 1],
    [{ page: '2.5' }, 1],
    [{ page: '100001' }, 1],
    [{ page: ['2'] }, 1],
  ])('list page of %p', (raw, expected) => {
    expect(listPageNumber(raw)).toBe(expected);
  });

  it.each([
    ['', 1, '/entreprises'],
    ['', 2, '/entreprises?page=2'],
    ['q=bois&overdue=true', 3, '/entreprises?q=bois&overdue=true&page=3'],
    ['q=bois', 1, '/entreprises?q=bois'],
  ])('list link (%p, page %p)', (query, n, expected) => {
    expect(listHref(query, 'nom', n)).toBe(expected);
  });

  it.each([
    [{ postcode: '59000', commune: 'Lille' }, '59000 Lille'],
    [{ postcode: null, commune: 'Lille' }, 'Lille'],
    [{ postcode: null, commune: null }, ''],
  ])('place of %p', (company, expected) => {
    expect(placeOf(company)).toBe(expected);
  });

  it.each([
    [null, null],
    ['www.exemple.fr', 'https://www.exemple.fr'],
    ['http://exemple.fr', 'http://exemple.fr'],
    ['HTTPS://exemple.fr', 'HTTPS://exemple.fr'],
  ])('website %p', (website, expected) => {
    expect(websiteHref(website)).toBe(expected);
  });

  it.each([
    [{}, { kind: undefined, offset: 0 }],
    [{ type: 'call', offset: '20' }, { kind: 'call', offset: 20 }],
    [{ type: 'stage_change' }, { kind: 'stage_change', offset: 0 }],
    [{ type: 'encounter', offset: '20' }, { kind: 'encounter', offset: 20 }],
    [{ type: 'fax', offset: '-20' }, { kind: undefined, offset: 0 }],
    [{ offset: '1.5' }, { kind: undefined, offset: 0 }],
  ])('timeline query %p', (query, expected) => {
    expect(timelineQueryOf(query)).toEqual(expected);
  });

  it.each([
    [undefined, 0, '/entreprises/c1#historique'],
    [undefined, 20, '/entreprises/c1?offset=20#historique'],
    ['call', 0, '/entreprises/c1?type=call#historique'],
    ['meeting', 40, '/entreprises/c1?type=meeting&offset=40#historique'],
    ['encounter', 20, '/entreprises/c1?type=encounter&offset=20#historique'],
  ] as const)('timeline link (%p, %p)', (kind, offset, expected) => {
    expect(timelineHref('c1', kind, offset)).toBe(expected);
  });

  it.each([
    [{ kind: 'job_dating', title: 'Recrutement boulangerie' }, 'Job dating : Recrutement boulangerie'],
    [{ kind: 'company_visit', title: 'Atelier bois' }, 'Visite d’entreprise : Atelier bois'],
    [{ kind: 'unknown', title: 'Ancien type' }, 'Rencontre : Ancien type'],
  ])('timeline encounter %p', (encounter, expected) => {
    expect(timelineEncounterLabel(encounter)).toBe(expected);
  });
});

describe('company pages: the meeting’s invitation', () => {
  it.each([
    ['sent to the contact', 'sent', { text: 'Invitation envoyée au contact (agenda)', sent: true }],
    ['a contact without an address', 'no_email', { text: 'Pas d’invitation envoyée : le contact n’a pas d’adresse e-mail', sent: false }],
    ['a contact who opted out', 'opted_out', { text: 'Pas d’invitation envoyée : le contact ne reçoit pas d’e-mails', sent: false }],
    ['no meeting with a contact', null, null],
  ] as const)('%s', (_name, state, notice) => {
    expect(meetingInvitationNotice(state)).toEqual(notice);
  });
});

describe('company pages: forms to DTOs', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['3', 3],
    ['0', undefined],
    ['1.5', undefined],
    ['abc', undefined],
  ])('version %p', (value, expected) => {
    expect(version(value)).toBe(expected);
  });

  const blank = { name: 'Menuiserie', siret: '', nafCode: '', sectorLabel: '', headcountBand: '', address: '', postcode: '', commune: '', territory: '', website: '', phone: '', tags: '', notes: '' };
  it.each([
    ['no owner means unassigned, no source is absent', { ...blank, ownerId: '', source: '' }, { ownerId: null }, ['source']],
    ['an owner and a source', { ...blank, ownerId: 'u1', source: 'network' }, { ownerId: 'u1', source: 'network' }, []],
  ])('company form: %s', (_case, values, expected, absent) => {
    const input = companyInput(values);
    expect(input).toMatchObject({ name: 'Menuiserie', ...expected });
    for (const field of absent) expect(input).not.toHaveProperty(field);
    expect(input).not.toHaveProperty('version');
  });

  it('edit form: with its version', () => {
    expect(companyEditInput({ ...blank, ownerId: '', source: 'network', version: '4' })).toMatchObject({ version: 4, ownerId: null });
  });

  it.each([
    [{ type: 'call', dueOn: '2027-01-06', time: '', ownerId: '', contactId: '', note: '', version: '2' }, { time: null, ownerId: null, contactId: null, version: 2 }],
    [{ type: 'visit', dueOn: '2027-01-06', time: '09:00', ownerId: 'u1', note: 'n', version: '' }, { time: '09:00', ownerId: 'u1', version: undefined }],
    [{ type: 'meeting', dueOn: '2027-01-06', time: '14:30', ownerId: 'u1', contactId: 'c1', note: '', version: '3' }, { time: '14:30', contactId: 'c1', version: 3 }],
  ])('next action form %p', (values, expected) => {
    expect(nextActionInput(values)).toMatchObject({ type: values.type, dueOn: values.dueOn, note: values.note, ...expected });
  });

  it.each([
    [{ preferredChannel: '', decisionMaker: 'true', emailOptOut: '' }, { preferredChannel: undefined, decisionMaker: true, emailOptOut: false }],
    [{ preferredChannel: 'email', decisionMaker: '', emailOptOut: 'true' }, { preferredChannel: 'email', decisionMaker: false, emailOptOut: true }],
  ])('contact form %p', (values, expected) => {
    expect(contactInput({ firstName: 'Awa', lastName: 'Diop', jobTitle: '', email: '', phone: '', notes: '', ...values })).toMatchObject(expected);
  });

  it.each([
    [{ emailOptOut: ' true ' }, true],
    [{ emailOptOut: 'false' }, false],
    [{}, false],
  ])('contact e-mail choice %p', (raw, expected) => {
    expect(contactOptOutInput({}, raw)).toEqual({ emailOptOut: expected });
  });

  const activity = {
    type: 'call',
    outcome: 'refused',
    occurredAt: '',
    contactId: '',
    candidateId: '',
    text: 'Pas de besoin',
    stageId: '',
    nextType: '',
    nextDueOn: '',
    nextOwnerId: '',
    scriptVersionId: 's1',
    noScript: '',
    refusalReason: 'budget',
    objections: '',
    version: '',
  };

  it.each([
    ['a call with a script and a refusal', activity, { type: 'call', outcome: 'refused', refusalReason: 'budget', scriptVersionId: 's1', nextAction: undefined }],
    ['a note keeps no outcome nor script', { ...activity, type: 'note' }, { type: 'note', outcome: undefined, refusalReason: undefined, scriptVersionId: undefined }],
    ['without a script', { ...activity, noScript: 'true' }, { scriptVersionId: undefined }],
    ['a stage change with its version', { ...activity, stageId: 'st1', version: '5' }, { stageId: 'st1', version: 5 }],
    ['a next action given', { ...activity, nextType: 'visit', nextDueOn: '2027-01-08' }, { nextAction: { type: 'visit', dueOn: '2027-01-08', ownerId: undefined } }],
    ['a date and time on the business clock', { ...activity, occurredAt: '2027-01-06T10:30' }, { occurredAt: new Date('2027-01-06T09:30:00Z') }],
  ])('activity form: %s', (_case, values, expected) => {
    expect(activityInput(values, [], PARIS)).toMatchObject(expected);
  });

  it.each([
    ['a date that is not one', { ...activity, occurredAt: '2027-02-30T10:00' }, ['occurredAt']],
    ['a next action without a type', { ...activity, nextDueOn: '2027-01-08' }, ['nextAction.type']],
    ['a next action without a day', { ...activity, nextType: 'call' }, ['nextAction.dueOn']],
  ])('activity form refused: %s', (_case, values, fields) => {
    try {
      activityInput(values, [], PARIS);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailedException);
      expect((error as ValidationFailedException).problems.map((problem) => problem.field)).toEqual(fields);
    }
  });

  it.each([
    ['a call with a script', activity, { objections: ['price', 'time'] }, ['price', 'time']],
    ['one objection', activity, { objections: 'price' }, ['price']],
    ['no script', { ...activity, noScript: 'true' }, { objections: ['price'] }, []],
    ['a note', { ...activity, type: 'note' }, { objections: ['price'] }, []],
  ])('objections: %s', (_case, values, raw, expected) => {
    expect(activityObjections(values, raw)).toEqual(expected);
  });
});
