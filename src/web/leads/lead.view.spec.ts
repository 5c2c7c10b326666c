import { ConflictException } from '@nestjs/common';
import { FieldConflictException, ValidationFailedException } from '../../common/validation';
import { CreateCandidateDto } from '../../candidates/dto/candidate.dto';
import { CreateLeadDto, UpdateLeadDto } from '../../leads/dto/lead.dto';
import { CreatePlacementDto, EndPlacementDto } from '../../placements/dto/placement.dto';
import { parseWantedJobs } from '../../candidates/wanted-jobs';
import { placementTermProblems } from '../../placements/placement-rules';
import { LEAD, PLACEMENT } from '../../refusals/index';
import { because, ConflictRefusal, UnprocessableRefusal } from '../../refusals/refused';
import { validated } from '../kit/forms';
import { OPEN_LEAD_STATUSES } from '../../leads/dto/lead.dto';
import { LEAD_STATUS_FORM, leadInput, lines, listOf, many, newLeadValues, OUTCOME_FORM, version, wholeNumber } from './lead.form';
import {
  conflictMessageFr,
  fullName,
  leadFilterOf,
  leadTabOf,
  leadTabs,
  ownerOptions,
  pageNumberOf,
  pager,
  problemsFr,
  proposalBack,
  proposalRow,
  statusFormModel,
} from './lead.view';

/** The French sentences a form shows for what a DTO refuses. */
async function refusedFr(type: new () => object, plain: Record<string, unknown>): Promise<Record<string, string>> {
  try {
    await validated(type, plain);
  } catch (error) {
    if (!(error instanceof ValidationFailedException)) throw error;
    return problemsFr(error.problems, error.problems.map((problem) => problem.field)).errors;
  }
  throw new Error('accepted');
}

describe('the lead, candidate and placement forms in French', () => {
  it.each([
    [CreateLeadDto, { companyId: 'x', jobTitle: '', contractType: 'job', hoursPerWeek: 60 }, {
      companyId: 'Choisissez une entreprise de la structure.',
      jobTitle: 'Indiquez l’intitulé du poste (200 caractères au plus).',
      contractType: 'Choisissez un type de contrat dans la liste.',
      hoursPerWeek: 'Indiquez un nombre entier d’heures par semaine, entre 1 et 48.',
    }],
    [UpdateLeadDto, { version: 1, jobTitle: '', romeCode: 'X1', startDate: '2027-02-30' }, {
      jobTitle: 'Indiquez l’intitulé du poste (200 caractères au plus).',
      romeCode: 'Code ROME inconnu : saisissez un code du ROME, par exemple N1103.',
      startDate: 'Indiquez une date valide.',
    }],
    [CreatePlacementDto, { candidateId: 'x', companyId: 'y', contractType: 'cdd', jobTitle: 'Cariste', startDate: '2027-01-04', plannedEndDate: 'demain' }, {
      candidateId: 'Choisissez une personne accompagnée de la structure.',
      companyId: 'Choisissez une entreprise de la structure.',
      plannedEndDate: 'Indiquez une date de fin valide.',
    }],
    [EndPlacementDto, { endDate: '2027-01-04', endKind: 'soon', ruptureReason: 'x'.repeat(2001) }, {
      endKind: 'Choisissez une fin normale ou anticipée.',
      ruptureReason: 'Indiquez le motif de la rupture (2 000 caractères au plus).',
    }],
    [CreateCandidateDto, { firstName: 'Sa\u202Emira', lastName: '', phone: 'abc', constraints: { housing: 'x'.repeat(2001) } }, {
      firstName: 'Ce nom contient des caractères invisibles ou qui inversent le sens du texte (souvent venus d’un copier-coller) : retapez-le.',
      lastName: 'Indiquez le nom (100 caractères au plus).',
      phone: 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.',
      'constraints.housing': 'Chaque frein tient en 2 000 caractères au plus.',
    }],
    [CreateCandidateDto, { firstName: 'Samira', lastName: 'Benali', wantedJobs: 'cariste', mobilityRadiusKm: 900 }, {
      wantedJobs: 'Indiquez au plus 10 métiers souhaités.',
      mobilityRadiusKm: 'Indiquez un nombre entier de kilomètres, entre 0 et 500.',
    }],
  ] as Array<[new () => object, Record<string, unknown>, Record<string, string>]>)('%p says each refused field once, in French', async (type, plain, expected) => {
    expect(await refusedFr(type, plain)).toEqual(expected);
  });

  it.each([
    [{ contractType: 'pmsmp', startDate: '2026-12-01', plannedEndDate: '2027-01-15' }, 'Une immersion (PMSMP) dure un mois au plus : la date de fin doit être au plus tard le 31 décembre 2026.'],
    [{ contractType: 'cddi', startDate: '2027-01-04', plannedEndDate: '2027-02-01' }, 'Un CDDI dure de 4 à 24 mois : la date de fin doit être entre le 3 mai 2027 et le 3 janvier 2029.'],
    [{ contractType: 'cdi', startDate: '2027-01-04', plannedEndDate: '2027-02-01' }, 'Un CDI n’a pas de date de fin : laissez ce champ vide.'],
    [{ contractType: 'cdd', startDate: '2027-01-04', plannedEndDate: null }, 'Indiquez la date de fin prévue (obligatoire, sauf pour un CDI).'],
  ] as const)('says the terms of %j in French', (terms, sentence) => {
    const kind = terms.contractType === 'pmsmp' ? 'immersion' : 'contract';
    const problems = placementTermProblems({ kind, trialEndDate: null, ...terms });
    expect(problemsFr(problems, ['plannedEndDate']).errors).toEqual({ plannedEndDate: sentence });
  });

  it('says the wanted jobs the service refuses, row by row', () => {
    const { problems } = parseWantedJobs([...Array.from({ length: 10 }, () => ({ label: 'Cariste' })), { label: '', romeCode: 'N110' }]);
    expect(problemsFr(problems, ['wantedJobs', 'wantedLabel10', 'wantedRome10']).errors).toEqual({
      wantedJobs: 'Indiquez au plus 10 métiers souhaités.',
      wantedLabel10: 'Décrivez le métier avec les mots de la personne (200 caractères au plus).',
      wantedRome10: 'Code ROME inconnu : saisissez un code du ROME, par exemple N1103, ou laissez vide.',
    });
  });

  it('names an owner refused without a code (the staff check) with the form’s sentence', () => {
    expect(problemsFr([{ field: 'ownerId', message: 'ownerId must be an active staff member of your structure' }], ['ownerId']).errors).toEqual({
      ownerId: 'Choisissez un membre actif de l’équipe.',
    });
  });

  it.each([
    [new ConflictRefusal(because(PLACEMENT.alreadyUnderway, { placementId: 'p', status: 'started' }), 'en'), 'Ce placement a déjà commencé.'],
    [new ConflictRefusal(because(PLACEMENT.alreadyUnderway, { placementId: 'p', status: 'ended' }), 'en'), 'Ce placement est déjà terminé.'],
    [new ConflictRefusal(because(LEAD.staleVersion, { version: 3 }), 'en'), 'La fiche a été modifiée entre-temps par quelqu’un d’autre : les informations à jour sont affichées, recommencez.'],
    [
      new UnprocessableRefusal(because(LEAD.transitionRefused, { from: 'Repérée', to: 'Pourvue', allowed: 'Qualifiée, Abandonnée' }), 'en'),
      'Une piste ne peut pas passer directement à « Pourvue » depuis son statut actuel (possible : Qualifiée, Abandonnée).',
    ],
    [
      new FieldConflictException([{ field: 'startDate', message: 'en', ...because(PLACEMENT.contractOverlap, { field: 'startDate', otherId: 'p', from: '2027-01-04', until: 'none' }) }]),
      'Cette personne a déjà un contrat sur ces dates (depuis le 4 janvier 2027, sans date de fin) : une personne n’a qu’un contrat à la fois, changez les dates ou terminez d’abord l’autre contrat.',
    ],
    [
      new FieldConflictException([{ field: 'startDate', message: 'en', ...because(PLACEMENT.contractOverlap, { field: 'startDate', otherId: 'p', from: '2027-01-04', until: '2027-03-31' }) }]),
      'Cette personne a déjà un contrat sur ces dates (du 4 janvier 2027 au 31 mars 2027) : une personne n’a qu’un contrat à la fois, changez les dates ou terminez d’abord l’autre contrat.',
    ],
    [new ConflictException('anything'), 'L’opération n’a pas pu être enregistrée : rechargez la page et réessayez.'],
  ])('says the refusal %# in French', (error, sentence) => {
    expect(conflictMessageFr(error)).toBe(sentence);
  });
});

describe('the lead pages’ view models', () => {
  it.each([
    [{}, 1],
    [{ page: '3' }, 3],
    [{ page: '0' }, 1],
    [{ page: '-2' }, 1],
    [{ page: '2.5' }, 1],
    [{ page: 'abc' }, 1],
    [{ page: '100000' }, 100000],
    [{ page: '100001' }, 1],
    [{ page: ['2'] }, 1],
  ])('reads the page number of %j as %s', (raw, page) => {
    expect(pageNumberOf(raw)).toBe(page);
  });

  it.each([
    [1, 10, { pageNumber: 1, pageCount: 1, several: false, previousHref: null, nextHref: null }],
    [1, 60, { pageNumber: 1, pageCount: 3, several: true, previousHref: null, nextHref: '/pistes?statut=toutes&page=2' }],
    [2, 60, { pageNumber: 2, pageCount: 3, several: true, previousHref: '/pistes?statut=toutes', nextHref: '/pistes?statut=toutes&page=3' }],
    [3, 60, { pageNumber: 3, pageCount: 3, several: true, previousHref: '/pistes?statut=toutes&page=2', nextHref: null }],
  ])('pages %s of %s leads', (page, total, expected) => {
    expect(pager('/pistes', new URLSearchParams({ statut: 'toutes' }), page, total)).toEqual(expected);
  });

  it('pages without a query', () => {
    expect(pager('/candidats', new URLSearchParams(), 2, 30).previousHref).toBe('/candidats');
  });

  it.each([
    [{}, 'ouvertes', { status: [...OPEN_LEAD_STATUSES] }],
    [{ statut: 'toutes' }, 'toutes', {}],
    [{ statut: 'en-retard' }, 'en-retard', { overdue: true }],
    [{ statut: 'filled' }, 'filled', { status: ['filled'] }],
    [{ statut: 'nope' }, 'ouvertes', { status: [...OPEN_LEAD_STATUSES] }],
  ])('reads the tab of %j as %s, filtering %j', (raw, tab, filter) => {
    expect(leadTabOf(raw)).toBe(tab);
    expect(leadFilterOf(tab)).toEqual(filter);
  });

  it('links every tab, the open leads without a query, and marks the current one', () => {
    const tabs = leadTabs('en-retard');
    expect(tabs[0]).toEqual({ value: 'ouvertes', label: 'Ouvertes', href: '/pistes', current: false });
    expect(tabs[1]).toEqual({ value: 'en-retard', label: 'En retard', href: '/pistes?statut=en-retard', current: true });
    expect(tabs.at(-1)).toEqual({ value: 'toutes', label: 'Toutes', href: '/pistes?statut=toutes', current: false });
  });

  const CANDIDATE = '11111111-2222-4333-8444-555555555555';
  it.each([
    [{ retour: 'candidat', candidateId: CANDIDATE }, `/candidats/${CANDIDATE}`],
    [{ retour: 'candidat', candidateId: 'nope' }, '/pistes/L'],
    [{ retour: '', candidateId: CANDIDATE }, '/pistes/L'],
  ])('goes back after a proposal %j to %s', (values, back) => {
    expect(proposalBack('L', values)).toBe(back);
  });

  it.each([
    [{ firstName: 'Awa', lastName: 'Diallo' }, 'Awa Diallo'],
    [null, '—'],
    [undefined, '—'],
  ])('names %j as %s', (person, name) => {
    expect(fullName(person)).toBe(name);
  });

  it('offers the active team as owners, and keeps the current owner even when inactive', () => {
    const team = [
      { id: 'a', firstName: 'Ana', lastName: 'B', active: true },
      { id: 'b', firstName: 'Ben', lastName: 'C', active: false },
      { id: 'c', firstName: 'Cy', lastName: 'D', active: false },
    ];
    expect(ownerOptions(team, 'b')).toEqual([
      { value: '', label: 'Personne', selected: false },
      { value: 'a', label: 'Ana B', selected: false },
      { value: 'b', label: 'Ben C', selected: true },
    ]);
  });

  it.each([
    [undefined, false, ''],
    [{ values: { status: 'abandoned', abandonReason: '' }, errors: { abandonReason: 'x' } }, true, 'abandoned'],
  ])('builds the status form from %j (open: %s)', (form, open, selected) => {
    const model = statusFormModel(['qualified', 'abandoned'], form);
    expect(model.open).toBe(open);
    expect(model.options.map((entry) => entry.value)).toEqual(['', 'qualified', 'abandoned']);
    expect(model.options.find((entry) => entry.selected)?.value).toBe(selected);
  });

  it.each([
    ['pending', false],
    ['interview', false],
    ['hired', true],
    ['declined_by_employer', true],
    ['declined_by_candidate', true],
  ])('settles a proposal that is %s: %s (no outcome form then)', (outcome, settled) => {
    const row = proposalRow({ id: 'p', outcome, candidate: { id: 'c', firstName: 'A', lastName: 'B' } } as never, 'L', undefined);
    expect(row.settled).toBe(settled);
    expect(row.outcomeForm === null).toBe(settled);
    expect(row).toMatchObject({ candidateName: 'A B', placementHref: '/placements/nouveau?proposition=p', candidateHref: '/candidats/c', formPrefix: 'issue-p', leadId: 'L' });
  });
});

describe('the lead forms as DTO input', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['35', 35],
    ['0035', 35],
    ['3.5', '3.5'],
    ['1234567', '1234567'],
  ])('reads the whole number %j as %j', (typed, read) => {
    expect(wholeNumber(typed)).toBe(read);
  });

  it.each([
    ['', undefined],
    ['0', undefined],
    ['2', 2],
    ['x', undefined],
  ])('reads the version %j as %j', (typed, read) => {
    expect(version(typed)).toBe(read);
  });

  it.each([
    ['a\n\n b \r\nc', ['a', 'b', 'c'], ['a', 'b', 'c']],
    ['a, b,,c', ['a, b,,c'], ['a', 'b', 'c']],
  ])('splits %j into lines %j and a list %j', (typed, asLines, asList) => {
    expect(lines(typed)).toEqual(asLines);
    expect(listOf(typed)).toEqual(asList);
  });

  it.each([
    [undefined, []],
    ['day', ['day']],
    ['', []],
    [['day', '', 'night', 3], ['day', 'night']],
  ])('reads the checkboxes %j as %j', (posted, read) => {
    expect(many(posted)).toEqual(read);
  });

  it('maps the new lead form: empty as absent, checkboxes as booleans, lines as lists, no owner as null', () => {
    const values = { ...newLeadValues('me', null), companyId: 'c', jobTitle: 'Agent', hoursPerWeek: '24', requirements: 'CACES\n\nPermis', ownerId: '' };
    expect(leadInput(values)).toEqual({
      companyId: 'c',
      contactId: undefined,
      jobTitle: 'Agent',
      romeCode: undefined,
      contractType: 'cdd',
      hoursPerWeek: 24,
      shiftPattern: 'day',
      startDate: undefined,
      workCommune: undefined,
      requiresLicence: false,
      requiresVehicle: false,
      requirements: ['CACES', 'Permis'],
      adaptations: [],
      hiddenMarket: true,
      ownerId: null,
    });
  });

  it.each([
    [{ status: 'abandoned', abandonReason: ' trop loin ', version: '3' }, { status: 'abandoned', abandonReason: 'trop loin', version: 3 }],
    [{ status: 'qualified', abandonReason: 'ignored', version: '' }, { status: 'qualified', abandonReason: undefined, version: undefined }],
  ])('maps the status form %j', (values, input) => {
    expect(LEAD_STATUS_FORM.toInput!(values, {}, { timeZone: 'Europe/Paris' })).toEqual(input);
  });

  it.each([
    [{ outcome: 'declined_by_employer', reason: 'profil' }, { outcome: 'declined_by_employer', reason: 'profil' }],
    [{ outcome: 'interview', reason: 'ignored' }, { outcome: 'interview', reason: undefined }],
  ])('maps the outcome form %j', (values, input) => {
    expect(OUTCOME_FORM.toInput!(values, {}, { timeZone: 'Europe/Paris' })).toEqual(input);
  });
});
