import { ValidationFailedException } from '../common/validation';
import { CreateScriptDto } from '../pitches/dto/pitch-script.dto';
import { sectionProblems } from '../pitches/pitch-scripts.service';
import { validated } from './kit/forms';
import { scriptProblemsFr } from './pitch-view-helpers';

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
