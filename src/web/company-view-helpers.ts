import hbs from 'hbs';
import { wallClock, wallTimeToInstant } from '../common/time-zone';
import { FieldProblem } from '../common/validation';
import { ACTIVITY_LABELS, ActivityType, CALL_OUTCOME_LABELS, CallOutcome } from '../prospection/activity.entity';
import { HIDDEN_CHARACTERS_FR } from '../common/names';

let registered = false;

/** Timeline kinds as the filter and the entries name them. */
export const TIMELINE_KIND_LABELS: Record<ActivityType | 'stage_change', string> = {
  ...ACTIVITY_LABELS,
  stage_change: 'Changement d’étape',
};

/** The timeline filter's options (plural, as a menu reads). */
export const TIMELINE_FILTERS: Array<{ value: ActivityType | 'stage_change'; label: string }> = [
  { value: 'call', label: 'Appels' },
  { value: 'meeting', label: 'Rendez-vous' },
  { value: 'visit', label: 'Visites' },
  { value: 'email', label: 'E-mails' },
  { value: 'event', label: 'Événements' },
  { value: 'note', label: 'Notes' },
  { value: 'stage_change', label: 'Changements d’étape' },
];

// ---------------------------------------------------------------- time zones

/** An instant as a `datetime-local` value ('YYYY-MM-DDTHH:mm') on the wall clock of the time zone. */
export function toLocalInput(at: Date, timeZone: string): string {
  const p = wallClock(timeZone, at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * A `datetime-local` value read on the wall clock of the time zone, as an instant; null when it is
 * not a real date and time. (The browser's own zone is not trusted: the business zone decides.)
 */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return wallTimeToInstant(timeZone, `${match[1]}-${match[2]}-${match[3]}`, hour, minute, second);
}

// ---------------------------------------------------------------- French messages

/**
 * The French message for a field of the company forms; the services' messages are in English
 * for the API, so the pages say it again in French, one sentence per field.
 */
const FIELD_MESSAGES: Record<string, string> = {
  name: 'Indiquez le nom de l’entreprise (200 caractères au plus).',
  siret: 'Le SIRET doit comporter 14 chiffres avec une clé de contrôle valide.',
  nafCode: 'Code NAF inconnu : saisissez un code de la NAF rév. 2, par exemple 47.11D.',
  sectorLabel: 'Le secteur tient en 200 caractères au plus.',
  headcountBand: 'Choisissez une tranche d’effectif de la liste.',
  address: 'L’adresse tient en 300 caractères au plus.',
  postcode: 'Le code postal doit comporter 5 chiffres.',
  commune: 'La commune tient en 100 caractères au plus.',
  territory: 'Le territoire tient en 100 caractères au plus.',
  website: 'Saisissez une adresse web valide, par exemple www.exemple.fr.',
  phone: 'Saisissez un numéro de téléphone valide, par exemple 03 20 00 00 00.',
  source: 'Choisissez une origine de la liste.',
  ownerId: 'Choisissez un membre actif de l’équipe.',
  tags: 'Jusqu’à 20 étiquettes de 50 caractères au plus, séparées par des virgules.',
  notes: 'Les notes tiennent en 5 000 caractères au plus.',
  version: 'La version de la fiche est invalide : rechargez la page.',
  // next action
  type: 'Choisissez un type dans la liste.',
  dueOn: 'Indiquez une date d’échéance valide.',
  time: 'Indiquez une heure valide (HH:MM).',
  note: 'La note tient en 500 caractères au plus.',
  // contacts
  firstName: 'Le prénom tient en 100 caractères au plus.',
  lastName: 'Indiquez le nom du contact (100 caractères au plus).',
  jobTitle: 'La fonction tient en 150 caractères au plus.',
  email: 'Saisissez une adresse e-mail valide.',
  preferredChannel: 'Choisissez un canal de la liste.',
  decisionMaker: 'Cochez la case ou laissez-la vide.',
  emailOptOut: 'Cochez la case ou laissez-la vide.',
  // activities
  outcome: 'Choisissez l’issue dans la liste.',
  refusalReason: 'Indiquez la raison du refus (1 000 caractères au plus) : elle aide toute l’équipe à améliorer l’argumentaire.',
  scriptVersionId: 'Cet argumentaire n’existe plus : choisissez-en un autre, ou « sans argumentaire ».',
  objections: 'Les objections cochées ne font pas partie de cet argumentaire : rechargez la page.',
  occurredAt: 'Indiquez une date et une heure valides.',
  contactId: 'Choisissez un contact de cette entreprise.',
  text: 'Le compte rendu tient en 10 000 caractères au plus.',
  stageId: 'Choisissez une étape de la liste.',
  'nextAction.type': 'Choisissez le type de la prochaine action.',
  'nextAction.dueOn': 'Indiquez la date de la prochaine action.',
  'nextAction.ownerId': 'Choisissez un membre actif de l’équipe.',
  'nextAction.note': 'La note tient en 500 caractères au plus.',
};

export function fieldMessageFr(field: string, message: string): string {
  if (/invisible or text-direction characters/.test(message)) return HIDDEN_CHARACTERS_FR;
  if (field === 'occurredAt' && /future/.test(message)) {
    return 'La date ne peut pas être dans le futur : planifiez-le plutôt comme prochaine action.';
  }
  if (field === 'outcome' && /no_answer/.test(message)) return '« Pas de réponse » ne s’indique que pour un appel.';
  if (field === 'outcome' && /calls and meetings only/.test(message)) return 'L’issue ne s’indique que pour un appel ou un rendez-vous.';
  if (field === 'outcome' && /calls only/.test(message)) return 'L’issue ne s’indique que pour un appel.';
  if (field === 'refusalReason' && /required/.test(message)) return 'Indiquez la raison du refus : elle aide toute l’équipe à améliorer l’argumentaire.';
  if (field === 'version' && /required/.test(message)) return 'Rechargez la page avant de changer d’étape.';
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
    const input = names[problem.field] ?? problem.field;
    const message = fieldMessageFr(problem.field, problem.message);
    if (!shown.includes(input)) others.push(message);
    else errors[input] ??= message;
  }
  return { errors, others: [...new Set(others)] };
}

export interface ConflictFr {
  message: string;
  link?: { href: string; label: string };
  field?: string;
}

/** The French sentence (and link, for a SIRET already used) of a 409 from the company services. */
export function conflictFr(message: string): ConflictFr {
  let match = /siret: (\d{14}) is already used by company "(.*)" \(([0-9a-f-]{36})\)/i.exec(message);
  if (match) {
    return {
      message: `Le SIRET ${match[1]} est déjà utilisé par l’entreprise « ${match[2]} ».`,
      link: { href: `/entreprises/${match[3]}`, label: `Voir la fiche « ${match[2]} »` },
      field: 'siret',
    };
  }
  match = /siret: (\d{14}) is already used/i.exec(message);
  if (match) {
    return { message: `Le SIRET ${match[1]} vient d’être enregistré pour une autre entreprise de la structure.`, field: 'siret' };
  }
  if (/^version:/.test(message)) {
    return {
      message:
        'Cette fiche a été modifiée entre-temps par quelqu’un d’autre. Les informations à jour sont affichées : vérifiez votre saisie, puis enregistrez de nouveau.',
    };
  }
  return { message: 'L’opération est en conflit avec une modification récente : rechargez la page et réessayez.' };
}

// ---------------------------------------------------------------- helpers

/** A web address as a link target: `www.exemple.fr` becomes `https://www.exemple.fr`. */
export function websiteHref(website: string | null | undefined): string | null {
  if (!website) return null;
  return /^https?:\/\//i.test(website) ? website : `https://${website}`;
}

/** Helpers of the company pages; registered once per process. */
export function registerCompanyViewHelpers(): void {
  if (registered) return;
  registered = true;
  hbs.registerHelper('timelineKindLabel', (kind: unknown) =>
    typeof kind === 'string' && kind in TIMELINE_KIND_LABELS ? TIMELINE_KIND_LABELS[kind as ActivityType] : String(kind),
  );
  hbs.registerHelper('callOutcomeLabel', (outcome: unknown) =>
    typeof outcome === 'string' && outcome in CALL_OUTCOME_LABELS ? CALL_OUTCOME_LABELS[outcome as CallOutcome] : '',
  );
}
