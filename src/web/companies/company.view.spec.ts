import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { ValidationFailedException } from '../../common/validation';
import { COMPANY, PROSPECTION } from '../../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../../refusals/refused';
import { conflictFr, problemsFr } from './company.view';

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
