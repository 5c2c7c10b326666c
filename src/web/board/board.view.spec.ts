import { ConflictException } from '@nestjs/common';
import { ValidationFailedException } from '../../common/validation';
import { PROSPECTION } from '../../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../../refusals/refused';
import { CadenceRule } from '../../prospection/cadence';
import { columnCursor, parseBoardFilters } from './board.form';
import { cadenceRows, cardView, columnView, dayFr, nextActionLabel, ownerFilterOptions, pipelineErrorFr, settingsStages } from './board.view';
import { cadenceFormRows, cadenceRules, stageInput, stalledDays } from './pipeline-settings.form';

describe('pipeline settings: refusals in French from their codes', () => {
  it.each([
    [new ConflictRefusal(because(PROSPECTION.stageNameTaken, { name: 'Refus' }), 'English', 'name'), 'Une étape nommée « Refus » existe déjà.'],
    [
      new ConflictRefusal(because(PROSPECTION.stageNotEmpty, { stage: 'Relance', count: 1 }), 'English'),
      'L’étape « Relance » contient encore 1 entreprise : déplacez-les avant de l’archiver.',
    ],
    [
      new ConflictRefusal(because(PROSPECTION.stageNotEmpty, { stage: 'Relance', count: 3 }), 'English'),
      'L’étape « Relance » contient encore 3 entreprises : déplacez-les avant de l’archiver.',
    ],
    [
      new UnprocessableRefusal(because(PROSPECTION.closedStageNotArchivable), 'English'),
      'Les étapes « Pas de besoin pour l’instant » et « Refus » ne peuvent pas être archivées.',
    ],
    [new UnprocessableRefusal(because(PROSPECTION.lastOpenStage), 'English'), 'Le parcours doit garder au moins une étape ouverte.'],
    [new UnprocessableRefusal(because(PROSPECTION.stageOrderStale), 'English'), 'L’ordre des étapes a changé entre-temps : rechargez la page.'],
    [
      new ValidationFailedException([{ field: 'name', message: 'x', ...because(PROSPECTION.stageNameTooLong, { max: 80 }) }]),
      'Le nom d’une étape tient en 80 caractères au plus.',
    ],
    [
      new ValidationFailedException([
        { field: 'rules[0]', message: 'x', ...because(PROSPECTION.cadenceActionUnknown, { label: 'Visite' }) },
        { field: 'rules[1]', message: 'y', ...because(PROSPECTION.cadenceDelayInvalid, { label: 'E-mail', max: 365 }) },
      ]),
      'Visite : type d’action inconnu. E-mail : le délai doit être un nombre entier entre 0 et 365.',
    ],
    [new ConflictException('anything'), 'L’opération n’a pas pu être enregistrée.'],
  ])('case %#', (error, expected) => {
    expect(pipelineErrorFr(error)).toBe(expected);
  });
});

const OWNER = '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('board filters from the query string', () => {
  it.each([
    ['nothing', {}, { filter: {}, query: '', active: false, problems: [] }],
    ['a search, trimmed', { q: '  menuiserie ' }, { filter: { q: 'menuiserie' }, query: 'q=menuiserie', active: true, problems: [] }],
    ['no owner', { owner: 'none' }, { filter: { owner: 'none' }, query: 'owner=none', active: true, problems: [] }],
    ['an owner id, lower-cased', { owner: OWNER.toUpperCase() }, { filter: { owner: OWNER }, query: `owner=${OWNER}`, active: true, problems: [] }],
    [
      'an unusable owner is dropped and named',
      { owner: 'moi' },
      { filter: {}, query: '', active: false, problems: ['Le filtre « Référent·e » n’est pas reconnu : il a été ignoré.'] },
    ],
    ['overdue as a checkbox', { overdue: 'on' }, { filter: { overdue: true }, query: 'overdue=true', active: true, problems: [] }],
    ['overdue as anything else', { overdue: 'yes' }, { filter: {}, query: '', active: false, problems: [] }],
    ['a tag cut at 50 characters', { tag: 'x'.repeat(60) }, { filter: { tag: 'x'.repeat(50) }, query: `tag=${'x'.repeat(50)}`, active: true, problems: [] }],
    ['a repeated filter is not text', { sector: ['a', 'b'] }, { filter: {}, query: '', active: false, problems: [] }],
  ])('%s', (_case, raw, expected) => {
    const parsed = parseBoardFilters(raw);
    expect({ filter: parsed.filter, query: parsed.query, active: parsed.active, problems: parsed.problems }).toEqual(expected);
  });

  it.each([
    ['abc_DEF-123', 'abc_DEF-123'],
    ['', undefined],
    ['a b', undefined],
    ['x'.repeat(201), undefined],
  ])('cursor %p', (cursor, expected) => {
    expect(columnCursor({ cursor })).toBe(expected);
  });
});

describe('board view models', () => {
  it.each([
    ['2027-01-06', '06/01/2027'],
    ['2027-1-6', '—'],
    [null, '—'],
    [20270106, '—'],
  ])('dayFr(%p)', (value, expected) => {
    expect(dayFr(value)).toBe(expected);
  });

  it.each([
    ['call', 'Appeler'],
    ['unknown', 'Action'],
    [undefined, 'Action'],
  ])('nextActionLabel(%p)', (type, expected) => {
    expect(nextActionLabel(type)).toBe(expected);
  });

  it.each([
    [{ postcode: '59000', commune: 'Lille' }, '59000 Lille'],
    [{ postcode: null, commune: 'Lille' }, 'Lille'],
    [{ postcode: null, commune: null }, ''],
  ])('card place %p', (card, place) => {
    expect(cardView(card).place).toBe(place);
  });

  it('owner filter: the active team and the one selected', () => {
    const team = [
      { id: 'a', firstName: 'Awa', lastName: 'Diop', active: true },
      { id: 'b', firstName: 'Bruno', lastName: 'Petit', active: false },
      { id: 'c', firstName: 'Chloé', lastName: 'Roux', active: false },
    ];
    expect(ownerFilterOptions(team, 'b')).toEqual([
      { id: 'a', name: 'Awa Diop', selected: false },
      { id: 'b', name: 'Bruno Petit', selected: true },
    ]);
  });

  it('settings stages: active ones in order with their ends, archived apart', () => {
    const archivedAt = new Date('2026-01-01');
    const { stages, archivedStages } = settingsStages([
      { id: '1', kind: 'open', archivedAt: null },
      { id: '2', kind: 'open', archivedAt },
      { id: '3', kind: 'open', archivedAt: null },
      { id: '4', kind: 'refused', archivedAt: null },
    ] as Array<{ id: string; kind: 'open' | 'refused'; archivedAt: Date | null }>);
    expect(stages.map(({ id, closed, first, last }) => ({ id, closed, first, last }))).toEqual([
      { id: '1', closed: false, first: true, last: false },
      { id: '3', closed: false, first: false, last: false },
      { id: '4', closed: true, first: false, last: true },
    ]);
    expect(archivedStages.map((stage) => stage.id)).toEqual(['2']);
  });

  it('cadence rows: one per trigger, empty where no rule', () => {
    const rules: CadenceRule[] = [{ trigger: 'call:no_answer', actionType: 'call', amount: 3, unit: 'working_days' } as CadenceRule];
    const rows = cadenceRows(rules);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      const rule = rules.find((candidate) => candidate.trigger === row.trigger);
      expect({ actionType: row.actionType, amount: row.amount, unit: row.unit }).toEqual(
        rule ? { actionType: rule.actionType, amount: String(rule.amount), unit: rule.unit } : { actionType: '', amount: '', unit: 'days' },
      );
    }
  });
});

describe('pipeline settings forms', () => {
  it.each([
    [{ name: ' Relance ', stalledAfterDays: '' }, { name: 'Relance', stalledAfterDays: null }],
    [{ name: 'Relance', stalledAfterDays: '30' }, { name: 'Relance', stalledAfterDays: 30 }],
    [{ name: 'Relance', stalledAfterDays: '3650' }, { name: 'Relance', stalledAfterDays: 3650 }],
  ])('stage form %p', (form, expected) => {
    expect(stageInput(form)).toEqual(expected);
  });

  it.each([
    ['no name', { name: '  ' }, 'Donnez un nom à l’étape.'],
    ['a name too long', { name: 'x'.repeat(81) }, 'Le nom d’une étape tient en 80 caractères au plus.'],
  ])('stage form refused: %s', (_case, form, expected) => {
    expect(() => stageInput(form)).toThrow(ValidationFailedException);
    try {
      stageInput(form);
    } catch (error) {
      expect(pipelineErrorFr(error)).toBe(expected);
    }
  });

  it.each(['0', '3651', '2.5', 'abc', '-3'])('stalled after %p days is refused', (days) => {
    expect(() => stalledDays(days)).toThrow(ValidationFailedException);
  });

  it('cadence rows posted: a row without an action type has no rule, a bad row names its trigger', () => {
    const rows = cadenceFormRows({ rules: { '0': { actionType: 'call', amount: '2', unit: 'days' }, '1': { actionType: '', amount: 'x' } } });
    expect(rows[0]).toMatchObject({ actionType: 'call', amount: '2', unit: 'days', problem: undefined });
    expect(rows[1]).toMatchObject({ actionType: '', unit: 'days', problem: undefined });
    expect(cadenceRules(rows)).toEqual([{ trigger: rows[0].trigger, actionType: 'call', amount: 2, unit: 'days' }]);

    const refused = cadenceFormRows({
      rules: { '0': { actionType: 'fax', amount: '2', unit: 'days' }, '1': { actionType: 'call', amount: '366', unit: 'days' }, '2': { actionType: 'call', amount: '1', unit: 'weeks' } },
    });
    expect(refused.slice(0, 3).map((row) => row.problem?.code)).toEqual([
      PROSPECTION.cadenceActionUnknown.code,
      PROSPECTION.cadenceDelayInvalid.code,
      PROSPECTION.cadenceUnitUnknown.code,
    ]);
    expect(() => cadenceRules(refused)).toThrow(ValidationFailedException);
  });
});

describe('board columns: the « + » of open stages and what a move into a column asks first', () => {
  const card = { postcode: '59000', commune: 'Lille' };
  it.each([
    [{ id: 's1', kind: 'open', key: 'to_prospect' }, '/entreprises/nouvelle?etape=s1', ''],
    [{ id: 's2', kind: 'open', key: 'meeting_booked' }, '/entreprises/nouvelle?etape=s2', 'meeting'],
    [{ id: 's3', kind: 'open', key: null }, '/entreprises/nouvelle?etape=s3', ''],
    [{ id: 's4', kind: 'no_need', key: 'no_need' }, null, 'reason'],
    [{ id: 's5', kind: 'refused', key: 'refused' }, null, 'reason'],
  ] as const)('%o', (stage, addHref, asks) => {
    const view = columnView({ stage, cards: [card] });
    expect(view.addHref).toBe(addHref);
    expect(view.asks).toBe(asks);
    expect(view.cards).toEqual([{ ...card, place: '59000 Lille' }]);
  });
});
