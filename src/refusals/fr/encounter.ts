import { CodesOf } from '../define';
import { ENCOUNTER } from '../encounter';

export const ENCOUNTER_FR: { readonly [C in CodesOf<typeof ENCOUNTER>]: string } = {
  'encounter.kind_invalid': 'Choisissez un type de rencontre dans la liste.',
  'encounter.title_invalid': 'Indiquez le titre de la rencontre (200 caractères au plus).',
  'encounter.day_invalid': 'Indiquez une date valide.',
  'encounter.time_invalid': 'Indiquez une heure au format HH:MM, par exemple 09:30.',
  'encounter.end_before_start': 'L’heure de fin doit suivre l’heure de début.',
  'encounter.place_invalid': 'Le lieu tient en 300 caractères au plus.',
  'encounter.place_required': 'Indiquez le lieu, ou choisissez l’entreprise qui accueille la rencontre.',
  'encounter.capacity_invalid': 'Indiquez un nombre entier de places, entre 1 et 2 000, ou laissez vide.',
  'encounter.company_invalid': 'Choisissez des entreprises de la structure.',
  'encounter.organiser_invalid': 'Choisissez un membre actif de l’équipe.',
  'encounter.lead_invalid': 'Choisissez une piste de la structure.',
  'encounter.description_invalid': 'La présentation tient en 4 000 caractères au plus.',
  'encounter.version_invalid': 'La rencontre a changé entre-temps : rechargez la page.',
  'encounter.stale_version':
    'La rencontre a été modifiée entre-temps par quelqu’un d’autre : les informations à jour sont affichées, recommencez.',
  'encounter.cancelled': 'Cette rencontre est annulée : elle ne peut plus changer.',

  'encounter.candidates_invalid': 'Choisissez des personnes accompagnées de la structure.',
  'encounter.contacts_invalid': 'Choisissez des contacts des entreprises de la rencontre.',
  'encounter.staff_invalid': 'Choisissez des membres actifs de l’équipe.',
  'encounter.contact_not_of_companies': 'Ajoutez d’abord l’entreprise de ce contact à la rencontre.',
  'encounter.full':
    'La rencontre est complète : {capacity, plural, one {# place} other {# places}}, {free, plural, =0 {aucune de libre} one {# de libre} other {# de libres}}.',

  'encounter.attendance_invalid': 'Choisissez pour chaque personne : présent·e, absent·e ou excusé·e.',
  'encounter.attendance_too_early': 'La présence se note une fois la rencontre commencée.',
  'encounter.outcome_invalid': 'Choisissez une suite dans la liste.',
  'encounter.outcome_day_invalid': 'Indiquez une date valide pour la suite.',
  'encounter.outcome_not_candidate': 'Une suite ne se note que pour une personne accompagnée.',
  'encounter.outcome_not_present': 'Une suite ne se note que pour une personne venue à la rencontre.',
  'encounter.outcome_link_invalid': 'Choisissez une mise en relation, un placement ou une piste de cette personne.',
  'encounter.outcome_note_invalid': 'La note tient en 1 000 caractères au plus.',
  'encounter.period_invalid': 'Indiquez une période valide (du… au…, un an au plus).',
  'encounter.within_days_invalid': 'Indiquez un nombre entier de jours, entre 1 et 365.',
};
