import { ValidationFailedException } from '../../common/validation';
import { CreateScriptDto } from '../../pitches/dto/pitch-script.dto';
import { sectionProblems } from '../../pitches/pitch-scripts.service';
import { validated } from '../kit/forms';
import { headline, historyRows, isManager, percent, rateView, scriptRefusal, targetingSummary, versionLabel, scriptProblemsFr } from './pitch.view';
import { emptyScriptForm } from './pitch.form';

const SECTIONS = { opening: '', offer: '', questions: [], objections: [], closing: '' };

async function refused(plain: Record<string, unknown>) {
  try {
    await validated(CreateScriptDto, plain);
  } catch (error) {
    if (error instanceof ValidationFailedException) return error.problems;
    throw error;
  }
  throw new Error('accepted');
}

describe('the script form in French', () => {
  it('says template problems inside the section, question or pair they concern', () => {
    const problems = sectionProblems({
      opening: 'Bonjour {{contact.prenom}}',
      offer: 'Offre {{{company.name}}}',
      questions: ['Ok ?', 'Et {{#each x}}{{/each}} ?'],
      objections: [{ key: 'k', objection: 'Non', answer: '{{> partial}}' }],
      closing: '',
    });
    expect(scriptProblemsFr(problems, [3])).toEqual({
      errors: {
        opening: 'Dans l’accroche : La variable {{contact.prenom}} n’existe pas : utilisez une des variables de la liste.',
        offer: 'Dans l’offre de service : Les triples accolades {{{ }}} ne sont pas permises : utilisez {{ }}.',
        questions: 'Question 2 : {{#each}} n’est pas permis : seuls {{#if …}} et {{#unless …}} le sont.',
      },
      pairs: { 3: 'Dans la réponse : Les inclusions {{> …}} ne sont pas permises.' },
      others: [],
    });
  });

  it('says what each field accepts, and which part of a pair is missing or too long', async () => {
    const problems = await refused({
      kind: 'nope',
      title: '',
      targeting: { nafPrefixes: ['4'], headcountBands: ['ZZ'] },
      sections: { ...SECTIONS, opening: 'x'.repeat(5001), objections: [{ objection: '', answer: 'x'.repeat(5001) }, { objection: 'x'.repeat(501), answer: '' }] },
    });
    expect(scriptProblemsFr(problems, [0, 1])).toEqual({
      errors: {
        kind: 'Choisissez un type d’argumentaire dans la liste.',
        title: 'Indiquez le titre de l’argumentaire (200 caractères au plus).',
        nafPrefixes: 'Codes NAF ou débuts de code séparés par des virgules, par exemple 47, 10.71 ou 47.11D.',
        headcountBands: 'Cochez des tranches d’effectif de la liste.',
        opening: 'L’accroche tient en 5 000 caractères au plus.',
      },
      pairs: {
        0: 'Indiquez l’objection à laquelle répond ce texte. La réponse tient en 5 000 caractères au plus.',
        1: 'L’objection tient en 500 caractères au plus. Indiquez la réponse à cette objection.',
      },
      others: [],
    });
  });
});

describe('the pitch pages’ view models', () => {
  const rate = (count: number, total: number, value: number | null) => ({ count, total, rate: value, low: null, high: null });

  it.each([
    [{ number: 2, numbers: [2] }, 'v2'],
    [{ number: 3, numbers: [2, 3] }, 'v2–v3'],
    [{ number: 5, numbers: [3, 4, 5] }, 'v3–v5'],
  ])('labels the conversion row %j as %s', (entry, label) => {
    expect(versionLabel(entry)).toBe(label);
  });

  it.each([
    [null, '—'],
    [0, '0 %'],
    [0.256, '26 %'],
    [1, '100 %'],
  ])('shows the rate %s as %s', (value, shown) => {
    expect(percent(value)).toBe(shown);
  });

  it.each([
    [rate(3, 12, 0.25), { counts: '3 / 12', rate: '25 %', interval: '', small: false }],
    [rate(0, 0, null), { counts: '0 / 0', rate: '—', interval: '', small: true }],
    [{ ...rate(1, 4, 0.25), low: 0.05, high: 0.7 }, { counts: '1 / 4', rate: '25 %', interval: 'entre 5 % et 70 %', small: true }],
  ])('shows a rate %j', (value, shown) => {
    expect(rateView(value)).toEqual(shown);
  });

  const conversion = (uses: number, meeting: ReturnType<typeof rate>, need: ReturnType<typeof rate>) =>
    ({ number: 1, numbers: [1], uses, reached: 0, meetingBooked: meeting, needFound: need }) as never;

  it.each([
    ['first_call', undefined, 'rendez-vous obtenus : aucun appel abouti pour l’instant'],
    ['first_call', conversion(3, rate(1, 1, 1), rate(0, 0, null)), 'rendez-vous obtenus : 1 sur 1 appel abouti (100 %)'],
    ['follow_up_call', conversion(5, rate(1, 4, 0.25), rate(0, 0, null)), 'rendez-vous obtenus : 1 sur 4 appels aboutis (25 %)'],
    ['first_meeting', conversion(2, rate(0, 0, null), rate(0, 0, null)), 'besoins repérés : aucun rendez-vous noté pour l’instant'],
    ['first_meeting', conversion(2, rate(0, 0, null), rate(1, 2, 0.5)), 'besoins repérés : 1 sur 2 (50 %)'],
    ['other', undefined, 'pas encore utilisé'],
    ['other', conversion(4, rate(0, 0, null), rate(0, 0, null)), 'utilisé 4 fois'],
  ] as const)('gives a %s script the headline for %j', (kind, value, shown) => {
    expect(headline(kind as never, value)).toBe(shown);
  });

  it.each([
    [{ nafPrefixes: [], headcountBands: [] }, 'Toutes les entreprises'],
    [{ nafPrefixes: ['47', '10.71'], headcountBands: [] }, 'NAF 47, 10.71'],
  ])('sums up the targeting %j', (targeting, shown) => {
    expect(targetingSummary(targeting)).toBe(shown);
  });

  it.each([
    ['staff', false],
    ['manager', true],
    ['admin', true],
  ] as const)('lets a %s archive: %s', (role, can) => {
    expect(isManager({ role })).toBe(can);
  });

  it('marks the current and the shown version in the history, with their links', () => {
    const version = (number: number) => ({ number, authorName: null, changes: ['accroche'], createdAt: new Date(0) }) as never;
    const rows = historyRows({ id: 'abc', currentVersion: 2, history: [version(2), version(1)] }, 1);
    expect(rows.map((row) => [row.number, row.isCurrent, row.isShown, row.href, row.authorName, row.changesText])).toEqual([
      [2, true, false, '/argumentaires/abc', 'Tremplin', 'accroche'],
      [1, false, true, '/argumentaires/abc?version=1', 'Tremplin', 'accroche'],
    ]);
  });

  it('says a refused post without a problem of its own next to the fields', () => {
    expect(scriptRefusal([], emptyScriptForm('other'), [])).toEqual({
      values: emptyScriptForm('other'),
      errors: {},
      pairErrors: {},
      alert: 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    });
  });
});
