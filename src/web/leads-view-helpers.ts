import { HttpException } from '@nestjs/common';
import { FieldProblem, ValidationFailedException } from '../common/validation';
import { dayFr } from './board-view-helpers';

import { Values } from './forms';

export { option, pick, text, UUID } from './forms';
export type { Raw, Values } from './forms';

/** What a form shows again after a refused post: what was typed, and the French problems. */
export interface FormState {
  values: Values;
  errors: Record<string, string>;
  alert?: string;
}


/** A posted field that may be repeated (checkboxes), as a list. */
export function many(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string' && item !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** A textarea as a list: one item a line, blank lines dropped. */
export function lines(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A comma- or line-separated list. */
export function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/** '' → undefined; digits → a number; anything else as typed, so that validation names the field. */
export function wholeNumber(value: string | undefined): number | string | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) return undefined;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** '' → undefined, anything else trimmed. */
export function optional(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim();
  return trimmed ? trimmed : undefined;
}

export function version(value: string | undefined): number | undefined {
  const parsed = Number(value);
  return value && Number.isInteger(parsed) && parsed >= 1 ? parsed : undefined;
}

import { errorMessage } from './forms';
import { HIDDEN_CHARACTERS_FR } from '../common/names';

export { errorMessage, isFormRefusal, validated } from './forms';

// ---------------------------------------------------------------- French messages

const FIELD_MESSAGES: Record<string, string> = {
  // leads
  companyId: 'Choisissez une entreprise de la structure.',
  contactId: 'Choisissez un contact de cette entreprise.',
  employerContactId: 'Choisissez un contact de cette entreprise.',
  jobTitle: 'Indiquez l’intitulé du poste (200 caractères au plus).',
  romeCode: 'Code ROME inconnu : saisissez un code du ROME, par exemple N1103.',
  contractType: 'Choisissez un type de contrat dans la liste.',
  hoursPerWeek: 'Indiquez un nombre entier d’heures par semaine, entre 1 et 48.',
  shiftPattern: 'Choisissez des horaires dans la liste.',
  startDate: 'Indiquez une date valide.',
  workCommune: 'La commune tient en 100 caractères au plus.',
  requiresLicence: 'Cochez la case ou laissez-la vide.',
  requiresVehicle: 'Cochez la case ou laissez-la vide.',
  requirements: 'Jusqu’à 30 exigences de 300 caractères au plus, une par ligne.',
  adaptations: 'Jusqu’à 30 adaptations de 300 caractères au plus, une par ligne.',
  hiddenMarket: 'Cochez la case ou laissez-la vide.',
  ownerId: 'Choisissez un membre actif de l’équipe.',
  status: 'Choisissez un statut de la liste.',
  abandonReason: 'Indiquez la raison de l’abandon (1 000 caractères au plus).',
  version: 'La fiche a changé entre-temps : rechargez la page.',
  // proposals
  candidateId: 'Choisissez une personne accompagnée de la structure.',
  outcome: 'Choisissez une issue dans la liste.',
  reason: 'Indiquez la raison du refus (1 000 caractères au plus).',
  // candidates
  firstName: 'Indiquez le prénom (100 caractères au plus).',
  lastName: 'Indiquez le nom (100 caractères au plus).',
  email: 'Saisissez une adresse e-mail valide.',
  phone: 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.',
  referrer: 'Choisissez un prescripteur de la liste.',
  referrerName: 'Le nom du conseiller ou de la conseillère tient en 150 caractères au plus.',
  entryDate: 'Indiquez une date valide.',
  wantedJobs: 'Indiquez au plus 10 métiers souhaités.',
  strengths: 'Jusqu’à 30 atouts de 300 caractères au plus, un par ligne.',
  skills: 'Jusqu’à 30 compétences de 300 caractères au plus, une par ligne.',
  drivingLicence: 'Cochez la case ou laissez-la vide.',
  hasVehicle: 'Cochez la case ou laissez-la vide.',
  homeCommune: 'La commune tient en 100 caractères au plus.',
  reachableCommunes: 'Jusqu’à 50 communes de 100 caractères au plus, séparées par des virgules.',
  mobilityRadiusKm: 'Indiquez un nombre entier de kilomètres, entre 0 et 500.',
  shifts: 'Choisissez des horaires dans la liste.',
  availableFrom: 'Indiquez une date valide.',
  notes: 'Les notes tiennent en 10 000 caractères au plus.',
  constraints: 'Chaque frein tient en 2 000 caractères au plus.',
  // placements
  leadId: 'Cette piste n’est pas une piste de cette entreprise.',
  proposalId: 'Cette mise en relation ne correspond pas à cette personne ou à cette piste.',
  kind: 'Le type de placement ne correspond pas au contrat.',
  plannedEndDate: 'Indiquez une date de fin valide.',
  trialEndDate: 'La fin de la période d’essai doit tomber pendant le contrat.',
  endDate: 'Indiquez une date de fin valide.',
  endKind: 'Choisissez une fin normale ou anticipée.',
  ruptureReason: 'Indiquez le motif de la rupture (2 000 caractères au plus).',
  endedBy: 'Indiquez qui a mis fin au contrat.',
};

/** 'YYYY-MM-DD' inside an English message, as dd/mm/yyyy. */
function dayIn(message: string): string {
  const match = /(\d{4}-\d{2}-\d{2})/.exec(message);
  return match ? dayFr(match[1]) : '';
}

/** The French message of one problem the services or the DTOs named (English for the API). */
export function fieldMessageFr(field: string, message: string): string {
  if (/invisible or text-direction characters/.test(message)) return HIDDEN_CHARACTERS_FR;
  const wanted = /^wantedJobs\[\d+\]\.(label|romeCode)$/.exec(field);
  if (wanted) {
    return wanted[1] === 'romeCode'
      ? 'Code ROME inconnu : saisissez un code du ROME, par exemple N1103, ou laissez vide.'
      : 'Décrivez le métier avec les mots de la personne (200 caractères au plus).';
  }
  if (field.startsWith('constraints.')) return FIELD_MESSAGES.constraints;
  if (field === 'romeCode' && /required/.test(message)) return 'Le code ROME est nécessaire pour qualifier la piste (fiche de poste).';
  if (field === 'hoursPerWeek' && /required/.test(message)) return 'Le nombre d’heures est nécessaire pour qualifier la piste (fiche de poste).';
  if (field === 'abandonReason' && /only for/.test(message)) return 'La raison ne s’indique que pour abandonner la piste.';
  if (field === 'abandonReason') return 'Indiquez la raison de l’abandon : elle aide toute l’équipe.';
  if (field === 'reason' && /required/.test(message)) return 'Indiquez la raison du refus.';
  if (field === 'ruptureReason' && /only for/.test(message)) return 'Le motif ne s’indique que pour une fin anticipée.';
  if (field === 'ruptureReason' && /required/.test(message)) return 'Indiquez le motif de la rupture.';
  if (field === 'endedBy' && /only for/.test(message)) return 'Ne s’indique que pour une fin anticipée.';
  if (field === 'endedBy' && /required/.test(message)) return 'Indiquez qui a mis fin au contrat.';
  if (field === 'endDate' && /future/.test(message)) return 'La date de fin ne peut pas être dans le futur : terminez le placement une fois fini.';
  if (field === 'endDate' && /before/.test(message)) return `La date de fin ne peut pas précéder le début (${dayIn(message)}).`;
  if (field === 'plannedEndDate') {
    if (/PMSMP/.test(message)) return `Une immersion (PMSMP) dure un mois au plus : la date de fin doit être au plus tard le ${dayIn(message)}.`;
    if (/CDDI/.test(message)) {
      const days = message.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
      return `Un CDDI dure de 4 à 24 mois : la date de fin doit être entre le ${dayFr(days[0])} et le ${dayFr(days[1])}.`;
    }
    if (/must be empty/.test(message)) return 'Un CDI n’a pas de date de fin : laissez ce champ vide.';
    if (/required/.test(message)) return 'Indiquez la date de fin prévue (obligatoire, sauf pour un CDI).';
    if (/before startDate/.test(message)) return 'La date de fin ne peut pas précéder la date de début.';
  }
  if (field === 'trialEndDate' && /PMSMP/.test(message)) return 'Une immersion (PMSMP) n’a pas de période d’essai : laissez ce champ vide.';
  return FIELD_MESSAGES[field] ?? FIELD_MESSAGES[field.split('.').pop() ?? ''] ?? 'Valeur incorrecte.';
}

/**
 * Field problems as `{ inputName: French message }` (first problem per field); `names` renames DTO
 * fields to the form's input names. Problems no input shows go to `others`.
 */
export function problemsFr(problems: FieldProblem[], shown: readonly string[], names: Record<string, string> = {}) {
  const errors: Record<string, string> = {};
  const others: string[] = [];
  for (const problem of problems) {
    const input = names[problem.field] ?? problem.field.replace(/^wantedJobs\[(\d+)\]\.(label|romeCode)$/, (_, index, part) =>
      part === 'romeCode' ? `wantedRome${index}` : `wantedLabel${index}`,
    );
    const message = fieldMessageFr(problem.field, problem.message);
    if (!shown.includes(input)) others.push(message);
    else errors[input] ??= message;
  }
  return { errors, others: [...new Set(others)] };
}

/** The French sentence of a 409 or 422 from the lead, proposal and placement services. */
export function conflictMessageFr(message: string): string {
  if (/^version:/.test(message) || /changed meanwhile|stale|version \d+/.test(message)) {
    return 'La fiche a été modifiée entre-temps par quelqu’un d’autre : les informations à jour sont affichées, recommencez.';
  }
  if (/already proposed/.test(message)) return 'Cette personne a déjà été proposée pour cette piste.';
  if (/hard conflicts/.test(message)) {
    return 'Cette personne ne remplit pas une condition strictement nécessaire du poste : utilisez « Proposer quand même » si l’employeur l’accepte.';
  }
  if (/is closed/.test(message)) return 'Cette piste est close (pourvue ou abandonnée) : rouvrez-la avant de proposer quelqu’un.';
  if (/already settled/.test(message)) return 'L’issue de cette mise en relation est déjà définitive.';
  const transition = /cannot become "(.*)" \(allowed: (.*)\)$/.exec(message);
  if (transition) return `Une piste ne peut pas passer directement à « ${transition[1]} » depuis son statut actuel (possible : ${transition[2]}).`;
  const overlap = /overlap contract placement \S+ of the same person \((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2}|no end)\)/.exec(message);
  if (overlap) {
    const span = overlap[2] === 'no end' ? `depuis le ${dayFr(overlap[1])}, sans date de fin` : `du ${dayFr(overlap[1])} au ${dayFr(overlap[2])}`;
    return `Cette personne a déjà un contrat sur ces dates (${span}) : une personne n’a qu’un contrat à la fois, changez les dates ou terminez d’abord l’autre contrat.`;
  }
  if (/never started/.test(message)) return 'Ce placement n’a pas commencé : annulez-le plutôt que de le terminer.';
  if (/already ended|has already ended|has ended/.test(message)) return 'Ce placement est déjà terminé.';
  if (/is already (started|ended)/.test(message)) return 'Ce placement a déjà commencé.';
  if (/only a planned placement/.test(message)) return 'Seul un placement prévu peut être annulé.';
  if (/exited the insertion path/.test(message)) return 'Cette personne est sortie du parcours : le placement ne peut pas commencer.';
  return 'L’opération n’a pas pu être enregistrée : rechargez la page et réessayez.';
}

/** A refused post as a form state: French messages next to the fields, or one alert. */
export function refusal(error: HttpException, values: Values, shown: readonly string[], names: Record<string, string> = {}): FormState {
  if (error instanceof ValidationFailedException) {
    const { errors, others } = problemsFr(error.problems, shown, names);
    return {
      values,
      errors,
      alert: others.length ? others.join(' ') : 'Certaines informations sont à corriger : voir les messages à côté des champs.',
    };
  }
  return { values, errors: {}, alert: conflictMessageFr(errorMessage(error)) };
}
