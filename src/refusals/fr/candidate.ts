import { CodesOf } from '../define';
import { CANDIDATE } from '../candidate';

export const CANDIDATE_FR: { readonly [C in CodesOf<typeof CANDIDATE>]: string } = {
  'candidate.first_name_invalid': 'Indiquez le prénom (100 caractères au plus).',
  'candidate.last_name_invalid': 'Indiquez le nom (100 caractères au plus).',
  'candidate.email_invalid': 'Saisissez une adresse e-mail valide.',
  'candidate.phone_invalid': 'Saisissez un numéro de téléphone valide, par exemple 06 12 34 56 78.',
  'candidate.referrer_invalid': 'Choisissez un prescripteur de la liste.',
  'candidate.referrer_name_invalid': 'Le nom du conseiller ou de la conseillère tient en 150 caractères au plus.',
  'candidate.day_invalid': 'Indiquez une date valide.',
  'candidate.contract_type_invalid': 'Choisissez un type de contrat dans la liste.',
  'candidate.wanted_jobs_invalid': 'Indiquez au plus 10 métiers souhaités.',
  'candidate.too_many_wanted_jobs': 'Indiquez au plus {max, number} métiers souhaités.',
  'candidate.strengths_invalid': 'Jusqu’à 30 atouts de 300 caractères au plus, un par ligne.',
  'candidate.skills_invalid': 'Jusqu’à 30 compétences de 300 caractères au plus, une par ligne.',
  'candidate.checkbox_invalid': 'Cochez la case ou laissez-la vide.',
  'candidate.commune_invalid': 'La commune tient en 100 caractères au plus.',
  'candidate.reachable_communes_invalid': 'Jusqu’à 50 communes de 100 caractères au plus, séparées par des virgules.',
  'candidate.mobility_radius_invalid': 'Indiquez un nombre entier de kilomètres, entre 0 et 500.',
  'candidate.hours_invalid': 'Indiquez un nombre entier d’heures par semaine, entre 1 et 48.',
  'candidate.shifts_invalid': 'Choisissez des horaires dans la liste.',
  'candidate.constraint_invalid': 'Chaque frein tient en 2 000 caractères au plus.',
  'candidate.notes_invalid': 'Les notes tiennent en 10 000 caractères au plus.',
  'candidate.owner_invalid': 'Choisissez un membre actif de l’équipe.',
  'candidate.status_invalid': 'Choisissez un statut de la liste.',
  'candidate.exit_category_invalid': 'Choisissez une catégorie de sortie dans la liste.',
  'candidate.version_invalid': 'La fiche a changé entre-temps : rechargez la page.',

  'candidate.wanted_job_invalid': 'Chaque métier souhaité s’indique par son intitulé et, si possible, son code ROME.',
  'candidate.wanted_job_unknown_field': 'Un métier souhaité ne s’indique que par son intitulé et son code ROME.',
  'candidate.wanted_job_label_invalid': 'Décrivez le métier avec les mots de la personne ({max, number} caractères au plus).',
  'candidate.wanted_job_rome_invalid': 'Code ROME inconnu : saisissez un code du ROME, par exemple N1103, ou laissez vide.',

  'candidate.exit_category_required': 'Indiquez la catégorie de sortie.',
  'candidate.exit_category_underivable': 'Indiquez la catégorie de sortie : aucun placement commencé ne permet de la déduire.',
  'candidate.exit_date_required': 'Indiquez la date de sortie.',
  'candidate.exit_before_entry': 'La date de sortie ne peut pas précéder l’entrée dans le parcours ({entryDate}).',
  'candidate.only_when_exited': 'Ne s’indique que pour une personne sortie du parcours.',
  'candidate.already_exited': '{exitDate, select, none {Cette personne est déjà sortie du parcours.} other {Cette personne est déjà sortie du parcours le {exitDate}.}}',

  'candidate.stale_version': 'La fiche a été modifiée entre-temps par quelqu’un d’autre : les informations à jour sont affichées, recommencez.',
  'candidate.anonymised': 'La fiche de cette personne a été anonymisée : elle ne peut plus être modifiée.',
};
