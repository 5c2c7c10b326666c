import { ConflictException } from '@nestjs/common';
import { ValidationFailedException } from '../common/validation';
import { PROSPECTION } from '../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../refusals/refused';
import { pipelineErrorFr } from './board-pages.controller';

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
