import { ValidationFailedException } from '../../common/validation';
import type { ErasurePreview, PrivacyRequestView, UpcomingAnonymisation } from '../../privacy/privacy.service';
import { erasureForm, postedIds, reasonError, refusedSettings, SETTINGS_ERRORS, settingsInput, settingsValues } from './privacy.form';
import { fullName, matchesView, orDash, requestsView, upcomingView, yesNo } from './privacy.view';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);
const C = 'c'.repeat(24);

describe('small words of the RGPD pages', () => {
  const cases: Array<[string, string, string]> = [
    ['yes', yesNo(true), 'oui'],
    ['no', yesNo(false), 'non'],
    ['not said', yesNo(null), '—'],
    ['a value', orDash(12), '12'],
    ['an empty value', orDash(''), '—'],
    ['no value', orDash(undefined), '—'],
    ['a full name', fullName({ firstName: 'Awa', lastName: 'Diallo' }), 'Awa Diallo'],
    ['a name erased in part', fullName({ firstName: null, lastName: 'Diallo' }), 'Diallo'],
  ];
  it.each(cases)('%s', (_case, shown, expected) => {
    expect(shown).toBe(expected);
  });
});

describe('the requests’ log', () => {
  const row = (subjectType: 'candidate' | 'contact', kind: PrivacyRequestView['kind'], actor: PrivacyRequestView['actor']): PrivacyRequestView => ({
    id: 'r',
    subjectType,
    subjectId: 'p1',
    subjectName: 'Awa Diallo',
    kind,
    reason: null,
    actor,
    createdAt: new Date('2027-01-06T10:00:00Z'),
  });
  // [case, row, kind label, subject link, subject type, actor]
  const cases: Array<[string, PrivacyRequestView, string, string, string, string]> = [
    ['an export of a candidate’s data', row('candidate', 'export', { id: 'u', name: 'Léa Roux' }), 'Consultation ou export', '/rgpd/candidats/p1', 'Personne accompagnée', 'Léa Roux'],
    ['an erasure of a contact', row('contact', 'erasure', { id: 'u', name: 'Léa Roux' }), 'Effacement sur demande', '/rgpd/contacts/p1', 'Contact en entreprise', 'Léa Roux'],
    ['an anonymisation by Tremplin itself', row('candidate', 'retention', null), 'Anonymisation (durée de conservation)', '/rgpd/candidats/p1', 'Personne accompagnée', 'Tremplin (automatique)'],
  ];
  it.each(cases)('%s', (_case, request, kindLabel, subjectHref, subjectTypeLabel, actorName) => {
    expect(requestsView([request])[0]).toMatchObject({ kindLabel, subjectHref, subjectTypeLabel, actorName });
  });
});

describe('the anonymisations to come', () => {
  const base: UpcomingAnonymisation = {
    subjectType: 'candidate',
    subjectId: 'p1',
    reason: 'exit',
    candidateId: 'p1',
    name: 'Awa Diallo',
    companyName: null,
    exitDate: '2025-01-06',
    lastActivityDate: null,
    anonymiseOn: '2027-01-06',
    warnedAt: new Date('2026-12-06T08:00:00Z'),
    owner: { id: 'u', name: 'Léa Roux' },
  };
  // [case, row, why, link to the record, link to the data, owner]
  const cases: Array<[string, UpcomingAnonymisation, string, string | null, string, string | null]> = [
    ['a candidate after the exit', base, 'Sortie le 06/01/2025', '/candidats/p1', '/rgpd/candidats/p1', 'Léa Roux'],
    [
      'a contact without activity',
      { ...base, subjectType: 'contact', subjectId: 'c1', candidateId: null, reason: 'inactivity', exitDate: null, lastActivityDate: '2024-03-02', owner: null },
      'Sans activité depuis le 02/03/2024',
      null,
      '/rgpd/contacts/c1',
      null,
    ],
  ];
  it.each(cases)('%s', (_case, upcoming, why, href, dataHref, ownerName) => {
    const [shown] = upcomingView([upcoming]);
    expect(shown).toMatchObject({ why, href, dataHref, ownerName, anonymiseDay: '06/01/2027' });
    expect(shown.exitDay).toBe(upcoming.exitDate ? '06/01/2025' : '—');
  });
});

describe('the mentions an erasure would redact', () => {
  const mention = (id: string, kind: 'name' | 'email' | 'phone') => ({
    id,
    table: 'activity',
    column: 'notes',
    rowId: 'x',
    path: null,
    kind,
    source: 'Note d’activité',
    text: 'Awa',
    context: { before: 'appelé ', match: 'Awa', after: ' hier' },
  });
  const preview = { subjectType: 'candidate', id: 'p1', erasedAt: null, matches: [mention(A, 'name'), mention(B, 'email'), mention(C, 'phone')] } as unknown as ErasurePreview;

  it('checks every mention, in words, unless the manager kept it', () => {
    const shown = matchesView(preview, new Set([B]));
    expect(shown.map((match) => [match.id, match.kindLabel, match.checked])).toEqual([
      [A, 'nom', true],
      [B, 'adresse e-mail', false],
      [C, 'téléphone', true],
    ]);
    expect(shown[0]).toMatchObject({ source: 'Note d’activité', before: 'appelé ', match: 'Awa', after: ' hier' });
  });

  it('shows none for a staff member (no preview)', () => {
    expect(matchesView(null, undefined)).toEqual([]);
  });
});

describe('the erasure form', () => {
  // [case, posted, reason, kept]
  const cases: Array<[string, Record<string, unknown>, string, string[]]> = [
    ['nothing posted', {}, '', []],
    ['every mention left checked: none kept', { reason: ' Demande écrite ', matchIds: `${A},${B}`, redact: [A, B] }, 'Demande écrite', []],
    ['one unchecked: kept', { reason: 'x', matchIds: `${A},${B}`, redact: A }, 'x', [B]],
    ['malformed ids dropped', { matchIds: [`${A}, nope`, 42, B], redact: 'zzz' }, '', [A, B]],
  ];
  it.each(cases)('%s', (_case, posted, reason, keep) => {
    expect(erasureForm(posted)).toEqual({ reason, keep });
  });

  it('reads one checkbox, several, or a comma-separated field', () => {
    expect(postedIds(A)).toEqual([A]);
    expect(postedIds([A, B])).toEqual([A, B]);
    expect(postedIds(` ${A} , ${C} `)).toEqual([A, C]);
    expect(postedIds(undefined)).toEqual([]);
  });

  it('says a missing reason in French when the refusal names no field', () => {
    expect(reasonError(new ValidationFailedException([]))).toBe('Indiquez le motif de l’effacement (la demande et sa date).');
  });
});

describe('the retention settings form', () => {
  // [case, posted, input]
  const cases: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['whole numbers as numbers', { retentionMonths: ' 24 ', inactivityRetentionMonths: '36' }, { retentionMonths: 24, inactivityRetentionMonths: 36 }],
    ['an empty inactivity field is left unchanged', { retentionMonths: '24', inactivityRetentionMonths: '' }, { retentionMonths: 24, inactivityRetentionMonths: undefined }],
    ['anything else goes as typed, for the DTO to refuse', { retentionMonths: '2,5', inactivityRetentionMonths: '-3' }, { retentionMonths: '2,5', inactivityRetentionMonths: '-3' }],
  ];
  it.each(cases)('%s', (_case, posted, input) => {
    expect(settingsInput(settingsValues(posted))).toEqual(input);
  });

  it('shows a refused form again, each wrong field with its sentence', () => {
    const values = { retentionMonths: '2,5', inactivityRetentionMonths: '36' };
    expect(refusedSettings(values, ['retentionMonths'])).toEqual({
      retentionMonths: { value: '2,5', error: SETTINGS_ERRORS.retentionMonths },
      inactivityRetentionMonths: { value: '36' },
    });
  });
});
